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

/** A batch stops sending after this long (a slow gateway); the messages it did not reach stay pending. */
const BATCH_MS = 10_000;

/**
 * Delivers due messages through the adapter in one transaction per batch: the batch is locked with SKIP LOCKED (so
 * several workers never send one message twice), sent in order, then marked in one statement — four round trips
 * for up to `limit` messages, where a transaction per message took four each (at 200 submissions a second, each
 * queuing an SMS, that was 800 round trips a second competing with the requests). A failure is retried with growing
 * delays, then marked failed. As before, a crash before the commit sends the batch again (at least once).
 */
export async function deliverPendingNotifications(
  db: { transaction(): { execute<T>(fn: (trx: QueryExecutorProvider) => Promise<T>): Promise<T> } },
  adapter: NotificationAdapter,
  limit = 100,
): Promise<{ sent: number; failed: number }> {
  return db.transaction().execute(async (trx) => {
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
      ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(trx);
    const sent: number[] = [];
    const failed: { id: number; attempts: number; error: string }[] = [];
    const started = Date.now();
    for (const m of rows) {
      if (Date.now() - started > BATCH_MS) break;
      try {
        await adapter.send({ channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body });
        sent.push(Number(m.id));
      } catch (err) {
        failed.push({
          id: Number(m.id),
          attempts: m.attempts + 1,
          error: String((err as Error).message).slice(0, 500),
        });
      }
    }
    if (sent.length)
      await sql`UPDATE notification SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = ANY(${sent}::bigint[])`.execute(trx);
    if (failed.length)
      await sql`UPDATE notification n SET attempts = f.attempts, last_error = f.error,
          status = CASE WHEN f.attempts >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END,
          next_attempt_at = now() + make_interval(secs => 30 * 2 ^ f.attempts)
        FROM unnest(${failed.map((f) => f.id)}::bigint[], ${failed.map((f) => f.attempts)}::int[],
          ${failed.map((f) => f.error)}::text[]) AS f(id, attempts, error)
        WHERE n.id = f.id`.execute(trx);
    return { sent: sent.length, failed: failed.length };
  });
}
