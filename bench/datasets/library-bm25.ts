import { foldVietnamese } from '../../src/core/i18n/format.ts';

/**
 * The plain baseline the library's search must beat: Okapi BM25 (k1 = 1.2, b = 0.75) over each article's heading and
 * text, tokenised as a generic engine would — lower-case NFC syllables, no folding of tone marks, no word pairs,
 * no abbreviations, no field weights, no status. Built in memory in the benchmark's process from the same rows.
 * `folded: true` gives a second, stronger baseline that also folds tone marks (to show what folding alone buys).
 */
export type Bm25Doc = { id: string; text: string };

const tokenise = (s: string, folded: boolean) =>
  (folded ? foldVietnamese(s) : s.normalize('NFC').toLowerCase()).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export class Bm25 {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private readonly avg: number;
  private readonly folded: boolean;
  constructor(docs: Bm25Doc[], opts: { folded?: boolean } = {}) {
    this.folded = opts.folded ?? false;
    let total = 0;
    docs.forEach((d, i) => {
      const tokens = tokenise(d.text, this.folded);
      this.ids.push(d.id);
      this.lengths.push(tokens.length);
      total += tokens.length;
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        const list = this.postings.get(t) ?? [];
        if (!list.length) this.postings.set(t, list);
        list.push({ doc: i, tf: n });
      }
    });
    this.avg = total / Math.max(1, docs.length);
  }
  search(q: string, k = 10): string[] {
    const n = this.ids.length;
    const scores = new Map<number, number>();
    for (const t of new Set(tokenise(q, this.folded))) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = tf + 1.2 * (1 - 0.75 + (0.75 * this.lengths[doc]!) / this.avg);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * (tf * 2.2)) / norm);
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([doc]) => this.ids[doc]!);
  }
}
