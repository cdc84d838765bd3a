import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openTestDatabase } from '../testing/database.ts';
import { recordingAdapter, webhookAdapter } from './adapters.ts';
import { deliverPendingNotifications, enqueueNotification, listNotifications } from './outbox.ts';
import { registerNotificationTemplates } from './templates.ts';
import { startNotificationWorker } from './worker.ts';

registerNotificationTemplates({
  'test.greeting': {
    vi: (p) => ({ subject: `Xin chào ${p.name}`, body: `Mã của bạn là ${p.code}.` }),
    en: (p) => ({ subject: `Hello ${p.name}`, body: `Your code is ${p.code}.` }),
  },
});

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrate(database.pool);
});
afterAll(() => database.close());

describe('notification outbox', () => {
  it('renders in the requested language when queued and is readable by recipient', async () => {
    await enqueueNotification(database.db, {
      channel: 'sms',
      recipient: '0912345678',
      template: 'test.greeting',
      params: { name: 'Lan', code: 'PA-1' },
    });
    await enqueueNotification(database.db, {
      channel: 'email',
      recipient: 'lan@example.vn',
      template: 'test.greeting',
      params: { name: 'Lan', code: 'PA-2' },
      lang: 'en',
    });
    const [sms] = await listNotifications(database.db, { recipient: '0912345678' });
    expect(sms).toMatchObject({ subject: 'Xin chào Lan', body: 'Mã của bạn là PA-1.', status: 'pending' });
    const [email] = await listNotifications(database.db, { recipient: 'lan@example.vn' });
    expect(email?.subject).toBe('Hello Lan');
  });

  it('queues nothing when the change that caused the message rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueNotification(trx, { channel: 'sms', recipient: '0900000001', template: 'test.greeting' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await listNotifications(database.db, { recipient: '0900000001' })).toEqual([]);
  });

  it('refuses an unknown template at queue time', async () => {
    await expect(
      enqueueNotification(database.db, { channel: 'sms', recipient: '0900000002', template: 'test.nope' }),
    ).rejects.toThrow(/Unknown notification template/);
  });

  it('delivers each pending message once and retries a gateway failure later', async () => {
    const received: string[] = [];
    let fail = true;
    const server = createServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          received.push(JSON.parse(body).recipient);
          res.statusCode = fail ? 503 : 202;
          res.end();
        });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const first = await deliverPendingNotifications(database.db, webhookAdapter(url));
      expect(first).toEqual({ sent: 0, failed: 2 });
      expect(await listNotifications(database.db, { status: 'sent' })).toEqual([]);
      // Make the retry due now instead of in a minute.
      await sql`UPDATE notification SET next_attempt_at = now() WHERE status = 'pending'`.execute(database.db);
      fail = false;
      const second = await deliverPendingNotifications(database.db, webhookAdapter(url));
      expect(second).toEqual({ sent: 2, failed: 0 });
      expect(await deliverPendingNotifications(database.db, recordingAdapter)).toEqual({ sent: 0, failed: 0 });
      expect(received.sort()).toEqual(['0912345678', '0912345678', 'lan@example.vn', 'lan@example.vn']);
    } finally {
      server.close();
    }
  });

  it('drains a burst at once instead of a hundred messages per tick', async () => {
    await sql`INSERT INTO notification (channel, recipient, template, lang, subject, body)
      SELECT 'sms', '09' || lpad(g::text, 8, '0'), 'test.greeting', 'vi', 'Xin chào', 'Mã của bạn'
      FROM generate_series(1, 250) g`.execute(database.db);
    const silent = { info() {}, error() {} } as unknown as FastifyBaseLogger;
    // Ticks every 4 s: 100 messages per tick would need three ticks (12 s); draining needs one.
    const started = Date.now();
    const worker = startNotificationWorker(database.db, recordingAdapter, silent, 4_000);
    try {
      let pending = 250;
      while (pending > 0 && Date.now() - started < 15_000) {
        await new Promise((r) => setTimeout(r, 200));
        pending = (await listNotifications(database.db, { status: 'pending' })).length;
      }
      expect(pending).toBe(0);
      expect(Date.now() - started).toBeLessThan(11_000);
    } finally {
      await worker.stop();
    }
  });
});
