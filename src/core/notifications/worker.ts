import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { type NotificationAdapter, recordingAdapter, webhookAdapter } from './adapters.ts';
import { deliverPendingNotifications } from './outbox.ts';

export function notificationAdapterFor(webhookUrl: string | undefined): NotificationAdapter {
  return webhookUrl ? webhookAdapter(webhookUrl) : recordingAdapter;
}

/** Rounds of this many messages; a full round is followed by the next at once. */
const ROUND = 100;

/**
 * Delivers the outbox every few seconds until stopped; overlapping rounds are skipped. A round that found a full
 * batch is followed by another straight away, so a burst (200 submissions a second each queue an SMS) drains at the
 * adapter's speed instead of 100 messages per tick.
 */
export function startNotificationWorker(
  db: Db,
  adapter: NotificationAdapter,
  log: FastifyBaseLogger,
  intervalMs = 5_000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const drain = async () => {
    for (;;) {
      const r = await deliverPendingNotifications(db, adapter, ROUND);
      if (r.sent || r.failed) log.info({ ...r, adapter: adapter.name }, 'notifications delivered');
      if (stopped || r.sent + r.failed < ROUND) return;
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = drain()
      .catch((err) => log.error({ err }, 'notification delivery failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
