import type { Lang } from '../i18n/language.ts';

export type RenderedMessage = { subject: string; body: string };
export type NotificationTemplate = Record<Lang, (params: Record<string, unknown>) => RenderedMessage>;

const templates = new Map<string, NotificationTemplate>();

/** Each module registers its message templates (`<module>.<name>`) at load, in Vietnamese and English. */
export function registerNotificationTemplates(entries: Record<string, NotificationTemplate>): void {
  for (const [name, template] of Object.entries(entries)) templates.set(name, template);
}

export function renderNotification(name: string, lang: Lang, params: Record<string, unknown>): RenderedMessage {
  const template = templates.get(name);
  if (!template) throw new Error(`Unknown notification template: ${name}`);
  return template[lang](params);
}
