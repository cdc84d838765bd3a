import { type QueryExecutorProvider, sql } from 'kysely';
import { foldVietnamese } from '../../core/i18n/format.ts';

/**
 * A multinomial naive Bayes over folded words and word pairs, trained only on categories staff confirmed.
 * Counts live in two small tables updated in the transaction that confirms a category, so the suggestion
 * improves with every case classified and needs no training step.
 */
const STOP = new Set(
  'va la cua cho co khong duoc nhung cac mot nay toi chung em anh chi ong ba tai o den voi tu thi ma da dang se rat nhieu nguoi dan xin de nghi kien nghi phan anh'.split(
    ' ',
  ),
);

export function tokens(text: string): string[] {
  const words = foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]}_${words[i + 1]}`);
  return out.slice(0, 400);
}

/** Adds a confirmed example (or removes one, sign -1, when staff change their mind). */
export async function trainExample(db: QueryExecutorProvider, category: string, text: string, sign: 1 | -1 = 1) {
  const counts = new Map<string, number>();
  for (const t of tokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  if (counts.size === 0) return;
  const keys = [...counts.keys()];
  const values = keys.map((k) => counts.get(k)! * sign);
  await sql`INSERT INTO petition_classifier_token (category, token, count)
    SELECT ${category}, t, c FROM unnest(${keys}::text[], ${values}::int[]) AS x(t, c)
    ON CONFLICT (token, category) DO UPDATE SET count = GREATEST(0, petition_classifier_token.count + EXCLUDED.count)`.execute(
    db,
  );
  const total = values.reduce((a, b) => a + b, 0);
  await sql`INSERT INTO petition_classifier_class (category, documents, tokens) VALUES (${category}, ${sign}, ${total})
    ON CONFLICT (category) DO UPDATE SET documents = GREATEST(0, petition_classifier_class.documents + ${sign}),
      tokens = GREATEST(0, petition_classifier_class.tokens + ${total})`.execute(db);
}

export type Suggestion = { category: string; confidence: number; examples: number };

/** At least this many confirmed examples before a suggestion is offered at all. */
export const MIN_EXAMPLES = 5;

/** The most likely category and its posterior probability; null until enough examples were confirmed. */
export async function suggestCategory(db: QueryExecutorProvider, text: string): Promise<Suggestion | null> {
  const toks = tokens(text);
  if (toks.length === 0) return null;
  const { rows: classes } = await sql<{ category: string; documents: number; tokens: number }>`
    SELECT category, documents, tokens FROM petition_classifier_class WHERE documents > 0`.execute(db);
  const examples = classes.reduce((a, c) => a + c.documents, 0);
  if (examples < MIN_EXAMPLES || classes.length < 2) return null;
  const unique = [...new Set(toks)];
  const { rows } = await sql<{ category: string; token: string; count: number }>`
    SELECT category, token, count FROM petition_classifier_token WHERE token = ANY(${unique}::text[])`.execute(db);
  const { rows: vocab } = await sql<{ n: number }>`SELECT count(DISTINCT token)::int AS n FROM petition_classifier_token
    WHERE count > 0`.execute(db);
  const v = Math.max(1, vocab[0]?.n ?? 1);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.category}\u0000${r.token}`, r.count);
  const scores = classes.map((c) => {
    let s = Math.log(c.documents / examples);
    for (const t of toks) s += Math.log(((counts.get(`${c.category}\u0000${t}`) ?? 0) + 1) / (c.tokens + v));
    return { category: c.category, s };
  });
  const max = Math.max(...scores.map((x) => x.s));
  const z = scores.reduce((a, x) => a + Math.exp(x.s - max), 0);
  scores.sort((a, b) => b.s - a.s);
  const best = scores[0]!;
  return { category: best.category, confidence: Math.exp(best.s - max) / z, examples };
}
