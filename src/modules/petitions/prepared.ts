import type { Database } from '../../core/db/database.ts';

/**
 * A fixed statement of a hot path: on a server a named prepared statement (parsed and planned once per pooled
 * connection, then only bound and executed); PGlite's single in-process connection gets the plain query.
 */
export async function preparedQuery<R extends object>(
  database: Database,
  name: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const { rows } = await database.pool.query<R>(database.kind === 'server' ? { name, text, values } : { text, values });
  return rows;
}
