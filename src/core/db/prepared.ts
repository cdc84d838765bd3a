import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import pg from 'pg';

const MARK = '/* prepared */ ';

/**
 * A hot statement (one a burst runs hundreds of times a second): prepared once per connection, so the database
 * parses and plans it once and reuses the plan instead of planning it at every call (for a report submission,
 * planning was 0.5 of its 1.8 ms of PostgreSQL time). Only for statements whose text takes a handful of shapes:
 * each shape is one prepared statement per connection.
 */
export function prepared<T>(statement: RawBuilder<T>): RawBuilder<T> {
  return sql<T>`${sql.raw(MARK)}${statement}`;
}

type QueryArgs = [text: unknown, values?: unknown, callback?: unknown];

/** Beyond this many shapes on one connection a marked statement goes unprepared (a shape built from literals). */
const MAX_PREPARED = 100;

/**
 * The connections' client: a statement marked by `prepared` is sent as a named statement, its name the hash of
 * its text (node-postgres prepares it on first use on each connection); everything else goes as before.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres' query has a dozen overloads; this forwards them all.
  override query(...args: QueryArgs): any {
    const [text, values, callback] = args;
    if (typeof text === 'string' && text.startsWith(MARK) && typeof values !== 'function' && !callback) {
      const name = `p_${createHash('sha1').update(text).digest('base64url')}`;
      if (this.#names.has(name) || this.#names.size < MAX_PREPARED) {
        this.#names.add(name);
        return super.query({ name, text, values: values as unknown[] | undefined });
      }
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    return (super.query as any)(...args);
  }
}
