import { type QueryExecutorProvider, sql } from 'kysely';
import type { Lang } from '../i18n/language.ts';
import type { NotificationAdapter } from './adapters.ts';
import { renderNotification } from './templates.ts';

export type NotificationInput = {
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  params?: Record<string, unknown>;
  lang?: Lang;
};

export type Notification = {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  lang: Lang;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  sentAt: string | null;
};

const MAX_ATTEMPTS = 5;

/**
 * Queues a message. Call it with the transaction of the change that causes it; the text is rendered now, so
 * a broken template fails the change instead of a later delivery.
 */
export async function enqueueNotification(db: QueryExecutorProvider, n: NotificationInput): Promise<number> {
  const { rows } = await notificationInsert(n).execute(db);
  return Number(rows[0]!.id);
}

/**
 * The INSERT that `enqueueNotification` runs (text rendered now), for a hot path that writes it as part of a
 * larger statement of the change itself, saving a round trip.
 */
export function notificationInsert(n: NotificationInput) {
  const lang = n.lang ?? 'vi';
  const { subject, body } = renderNotification(n.template, lang, n.params ?? {});
  return sql<{ id: number }>`INSERT INTO notification (channel, recipient, template, lang, subject, body)
    VALUES (${n.channel}, ${n.recipient.trim()}, ${n.template}, ${lang}, ${subject}, ${body}) RETURNING id`;
}

/** Messages in the outbox, newest first (tests, and staff reading what was sent to whom). */
export async function listNotifications(
  db: QueryExecutorProvider,
  filter: { recipient?: string; template?: string; status?: Notification['status']; limit?: number } = {},
): Promise<Notification[]> {
  const { rows } =
    await sql<Notification>`SELECT id, channel, recipient, template, lang, subject, body, status, attempts,
      created_at AS "createdAt", sent_at AS "sentAt"
    FROM notification
    WHERE (${filter.recipient ?? null}::text IS NULL OR recipient = ${filter.recipient ?? null})
      AND (${filter.template ?? null}::text IS NULL OR template = ${filter.template ?? null})
      AND (${filter.status ?? null}::text IS NULL OR status = ${filter.status ?? null})
    ORDER BY id DESC LIMIT ${filter.limit ?? 100}`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Delivers due messages through the adapter, one short transaction per message (SKIP LOCKED, so several
 * workers never send one message twice). A failure is retried with growing delays, then marked failed.
 */
export async function deliverPendingNotifications(
  db: { transaction(): { execute<T>(fn: (trx: QueryExecutorProvider) => Promise<T>): Promise<T> } },
  adapter: NotificationAdapter,
  limit = 100,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        id: number;
        channel: 'email' | 'sms';
        recipient: string;
        subject: string;
        body: string;
        attempts: number;
      }>`
        SELECT id, channel, recipient, subject, body, attempts FROM notification
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`.execute(trx);
      const m = rows[0];
      if (!m) return 'none' as const;
      try {
        await adapter.send({ channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body });
        await sql`UPDATE notification SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = ${m.id}`.execute(trx);
        return 'sent' as const;
      } catch (err) {
        const attempts = m.attempts + 1;
        const giveUp = attempts >= MAX_ATTEMPTS;
        await sql`UPDATE notification SET attempts = ${attempts}, last_error = ${String((err as Error).message).slice(0, 500)},
            status = ${giveUp ? 'failed' : 'pending'},
            next_attempt_at = now() + make_interval(secs => ${30 * 2 ** attempts})
          WHERE id = ${m.id}`.execute(trx);
        return 'failed' as const;
      }
    });
    if (outcome === 'none') break;
    if (outcome === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}
