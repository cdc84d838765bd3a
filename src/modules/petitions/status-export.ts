import type { Lang } from '../../core/i18n/language.ts';
import { STATUSES, type Status } from './state-machine.ts';
import { statusLabel } from './status-labels.ts';

export { STATUSES };
export function statusLabelFor(s: string, lang: Lang): string {
  return (STATUSES as readonly string[]).includes(s) ? statusLabel(s as Status, lang) : s;
}
