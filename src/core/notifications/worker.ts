import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { type NotificationAdapter, recordingAdapter, webhookAdapter } from './adapters.ts';
import { deliverPendingNotifications } from './outbox.ts';

export function notificationAdapterFor(webhookUrl: string | undefined): NotificationAdapter {
  return webhookUrl ? webhookAdapter(webhookUrl) : recordingAdapter;
}

/** Delivers the outbox every few seconds until stopped; overlapping rounds are skipped. */
export function startNotificationWorker(
  db: Db,
  adapter: NotificationAdapter,
  log: FastifyBaseLogger,
  intervalMs = 5_000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverPendingNotifications(db, adapter)
      .then((r) => {
        if (r.sent || r.failed) log.info({ ...r, adapter: adapter.name }, 'notifications delivered');
      })
      .catch((err) => log.error({ err }, 'notification delivery failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
