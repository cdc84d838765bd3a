import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Database } from './database.ts';

/**
 * Calls `onNotice` for each notice on `channels`, and `onState` with a connection number once listening
 * (and null when that connection is lost). The embedded database is this process's own: its notices always arrive.
 * On a server: a client of its own (not one of the pool's), reconnected after a loss with a growing delay; the
 * first attempt is awaited, so a process normally starts hearing.
 */
export async function listenForNotices(
  database: Database,
  channels: string[],
  /** Who listens, for the log. */
  label: string,
  onNotice: (channel: string, payload: string) => void,
  onState: (connection: number | null) => void,
  log?: FastifyBaseLogger,
): Promise<{ close(): Promise<void> }> {
  const { listen } = database;
  if (listen) {
    // Holding the pool's only connection to the embedded database: a LISTEN sent beside a statement that another
    // caller (the job queue) has half sent would take that statement's answers.
    const held = await database.pool.connect();
    try {
      for (const channel of channels) await listen(channel, (p) => onNotice(channel, p));
    } finally {
      held.release();
    }
    onState(1);
    return { close: async () => {} };
  }
  // An embedded database opened without its notices (a test's set-up): the counters are read.
  if (database.kind !== 'server') return { close: async () => {} };
  let closed = false;
  let client: pg.Client | null = null;
  let connections = 0;
  let delay = 1_000;
  let timer: NodeJS.Timeout | undefined;
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    onState(null);
    c.end().catch(() => {});
    if (closed) return;
    timer = setTimeout(connect, delay);
    timer.unref();
    delay = Math.min(delay * 2, 30_000);
  };
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ ...database.pool.options, application_name: 'mat-tran-so-listen' } as pg.ClientConfig);
    client = c;
    c.on('error', (err) => {
      log?.warn({ err }, `${label}: change notices lost; reading the counters until reconnected`);
      lost(c);
    });
    c.on('end', () => lost(c));
    c.on('notification', (n) => onNotice(n.channel, n.payload ?? ''));
    try {
      await c.connect();
      await c.query(channels.map((channel) => `LISTEN ${channel}`).join('; '));
      if (client !== c || closed) return;
      delay = 1_000;
      onState(++connections);
    } catch (err) {
      log?.warn({ err }, `${label}: cannot listen for changes yet; reading the counters`);
      lost(c);
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      onState(null);
      await c?.end().catch(() => {});
    },
  };
}
