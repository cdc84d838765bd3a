import type { Kysely, Transaction } from 'kysely';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

/**
 * Runs `fn` in one transaction. Inside it, use only `trx`: the embedded database has a single
 * connection, so a query on the pool from inside a transaction would wait forever.
 */
export function withTransaction<DB, T>(
  db: Kysely<DB>,
  fn: (trx: Transaction<DB>) => Promise<T>,
  isolation?: IsolationLevel,
): Promise<T> {
  const builder = db.transaction();
  return (isolation ? builder.setIsolationLevel(isolation) : builder).execute(fn);
}
