import { copyText } from '../lib/copy.ts';
import type { RowGenerator } from '../lib/generate.ts';

/** The plain table behind the database ceilings: a bigint key, a short text, an integer. */
export const PLAIN_TABLE_DDL = `CREATE TABLE IF NOT EXISTS bench_plain (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  n integer NOT NULL)`;

const WORDS = ['Mặt trận', 'Tổ quốc', 'Công đoàn', 'Phụ nữ', 'Nông dân', 'Cựu chiến binh', 'thôn', 'phường'];

/** Rows 1…rows of bench_plain, ids ascending from `firstId`. */
export const plainRows: RowGenerator<{ firstId?: number }> = {
  name: 'plain-rows',
  copyTarget: 'bench_plain (id, name, n)',
  *batches({ random, rows, batchRows, firstId = 1 }) {
    for (let start = 0; start < rows; start += batchRows) {
      const count = Math.min(batchRows, rows - start);
      const lines: string[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const id = firstId + start + i;
        lines[i] = `${id}\t${copyText(`${random.pick(WORDS)} ${id}`)}\t${random.int(0, 1_000_000)}\n`;
      }
      yield { chunk: Buffer.from(lines.join(''), 'utf8'), rows: count };
    }
  },
};
