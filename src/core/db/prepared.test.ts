import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/database.ts';
import type { Database } from './database.ts';
import { prepared } from './prepared.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** What the connection running this holds prepared: the statement texts, in its own session. */
async function preparedOnOneConnection(run: (db: Database['db']) => Promise<void>) {
  return database.db.connection().execute(async (db) => {
    await run(db);
    const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
    return rows.map((r) => r.statement);
  });
}

describe('prepared statements', () => {
  it('a marked statement is prepared once per connection and answers each call with its own parameters', async () => {
    const texts = await preparedOnOneConnection(async (db) => {
      for (const n of [1, 2, 3]) {
        const { rows } = await prepared(sql<{ twice: number }>`SELECT ${n}::int * 2 AS twice`).execute(db);
        expect(rows).toEqual([{ twice: n * 2 }]);
      }
      await sql`SELECT 1 AS unmarked`.execute(db);
    });
    expect(texts.filter((t) => t.includes('AS twice'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('unmarked'))).toBe(false);
  });

  it('past a hundred shapes on one connection, further shapes run unprepared (and still answer)', async () => {
    const texts = await preparedOnOneConnection(async (db) => {
      for (let i = 0; i < 120; i++) {
        const { rows } = await prepared(sql<{ n: number }>`SELECT ${sql.lit(i)}::int AS n`).execute(db);
        expect(rows).toEqual([{ n: i }]);
      }
    });
    // The connection may already hold the first test's statement.
    const held = texts.filter((t) => /AS n$/.test(t)).length;
    expect(held).toBeGreaterThanOrEqual(99);
    expect(held).toBeLessThanOrEqual(100);
  });
});
