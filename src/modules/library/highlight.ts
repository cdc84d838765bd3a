import { ABBREVIATIONS, foldKeepingOffsets } from './search-text.ts';

/** A passage as segments, `m` marking the words that matched: rendered as <mark> without any HTML in the data. */
export type Segment = { t: string; m?: true };

const isWordChar = (c: string | undefined) => !!c && /[a-z0-9]/.test(c);

/**
 * The passage of `text` (about `size` characters, cut at word boundaries) where the query's words are densest,
 * with the query's syllables marked. Matching is on folded text, so "thoi han" marks "thời hạn".
 */
export function highlight(text: string, unigrams: string[], size = 260): Segment[] {
  const folded = foldKeepingOffsets(text);
  const words = new Set(unigrams.filter((u) => u.length > 1 || /\d/.test(u)));
  // Abbreviations in the text itself (UBND) also match their expansion in the query.
  const abbrevHits = Object.entries(ABBREVIATIONS)
    .filter(([, v]) => v.split(' ').every((w) => words.has(w)))
    .map(([k]) => k);
  for (const a of abbrevHits) words.add(a);
  const hits: { start: number; end: number }[] = [];
  for (const m of folded.matchAll(/[a-z0-9]+/g)) {
    if (words.has(m[0]) && !isWordChar(folded[m.index - 1])) hits.push({ start: m.index, end: m.index + m[0].length });
  }
  let from = 0;
  if (text.length > size && hits.length) {
    let best = 0;
    let bestCount = -1;
    let j = 0;
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j]!.end - hits[i]!.start <= size) j++;
      const distinct = new Set(hits.slice(i, j).map((h) => folded.slice(h.start, h.end))).size;
      if (distinct > bestCount) {
        bestCount = distinct;
        best = hits[i]!.start;
      }
    }
    from = Math.max(0, best - 40);
    while (from > 0 && !/\s/.test(text[from - 1]!)) from--;
  }
  let to = Math.min(text.length, from + size);
  while (to < text.length && !/\s/.test(text[to]!)) to++;
  const segments: Segment[] = [];
  if (from > 0) segments.push({ t: '… ' });
  let pos = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    if (h.start > pos) segments.push({ t: text.slice(pos, h.start) });
    segments.push({ t: text.slice(h.start, h.end), m: true });
    pos = h.end;
  }
  if (pos < to) segments.push({ t: text.slice(pos, to) });
  if (to < text.length) segments.push({ t: ' …' });
  return segments;
}
