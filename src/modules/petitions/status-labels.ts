import type { Lang } from '../../core/i18n/language.ts';
import type { Status } from './state-machine.ts';

const LABELS: Record<Status, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  accepted: { vi: 'Đã thụ lý', en: 'Accepted' },
  forwarded: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Forwarded' },
  in_progress: { vi: 'Đang xử lý', en: 'Being handled' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
  rejected: { vi: 'Từ chối', en: 'Rejected' },
  transferred: { vi: 'Đã chuyển đúng cấp', en: 'Transferred' },
  reopened: { vi: 'Mở lại', en: 'Reopened' },
};

export function statusLabel(s: Status, lang: Lang): string {
  return LABELS[s]?.[lang] ?? s;
}

export const REJECT_REASONS = {
  out_of_scope: { vi: 'Không thuộc thẩm quyền', en: 'Out of scope' },
  duplicate: { vi: 'Trùng lặp', en: 'Duplicate' },
  abusive: { vi: 'Vi phạm quy định', en: 'Abusive' },
} as const;
