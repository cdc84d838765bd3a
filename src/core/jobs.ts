import type pg from 'pg';
import { PgBoss } from 'pg-boss';

export type Jobs = {
  boss: PgBoss | null;
  /** Queue a job; when jobs are disabled (tests, MODULES without workers) it is refused loudly. */
  send(queue: string, data: object, options?: Parameters<PgBoss['send']>[2]): Promise<string | null>;
  stop(): Promise<void>;
};

/**
 * Background jobs in the platform's own database (pg-boss), through the same pool as everything else,
 * so the embedded database needs no second connection and a server deployment needs no broker.
 */
export async function startJobs(pool: pg.Pool, enabled: boolean, onError: (err: Error) => void): Promise<Jobs> {
  if (!enabled) {
    return {
      boss: null,
      async send(queue) {
        throw new Error(`Background jobs are disabled (JOBS=false); cannot queue ${queue}`);
      },
      async stop() {},
    };
  }
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
    schema: 'pgboss',
    // Maintenance is light on one laptop; the defaults poll every few seconds which is fine on a server too.
    superviseIntervalSeconds: 60,
  });
  boss.on('error', onError);
  await boss.start();
  return {
    boss,
    send: (queue, data, options) => boss.send(queue, data, options ?? {}),
    stop: () => boss.stop({ graceful: true, timeout: 5_000 }),
  };
}
