import { ABBREVIATIONS, foldedWords } from './search-text.ts';

/** A passage as segments, `m` marking the words that matched: rendered as <mark> without any HTML in the data. */
export type Segment = { t: string; m?: true };

type Matcher = { words: string[] };
/** Per query (its unigrams array): the hits of a page share it. */
const matchers = new WeakMap<string[], Matcher>();

function matcherOf(unigrams: string[]): Matcher {
  let m = matchers.get(unigrams);
  if (m) return m;
  const words = new Set(unigrams.filter((u) => /^[a-z0-9]+$/.test(u) && (u.length > 1 || /\d/.test(u))));
  // Abbreviations in the text itself (UBND) also match their expansion in the query.
  for (const [abbreviation, expansion] of Object.entries(ABBREVIATIONS))
    if (expansion.split(' ').every((w) => words.has(w))) words.add(abbreviation);
  m = { words: [...words] };
  matchers.set(unigrams, m);
  return m;
}

/**
 * The passage of `text` (about `size` characters, cut at word boundaries) where the query's words are densest,
 * with the query's syllables marked. Matching is on folded text, so "thoi han" marks "thời hạn". `folded` is the
 * text's `foldedWords` (the search index keeps it for its passages).
 */
export function highlight(text: string, unigrams: string[], size = 260, folded = foldedWords(text)): Segment[] {
  const { words } = matcherOf(unigrams);
  const hits: { start: number; end: number; w: string }[] = [];
  // Whole words only: in `folded` everything but a–z and 0–9 is a space.
  const n = folded.length;
  for (const w of words)
    for (let i = folded.indexOf(w); i >= 0; i = folded.indexOf(w, i + w.length)) {
      const end = i + w.length;
      if ((i === 0 || folded.charCodeAt(i - 1) === 32) && (end === n || folded.charCodeAt(end) === 32))
        hits.push({ start: i, end, w });
    }
  if (words.length > 1) hits.sort((a, b) => a.start - b.start);
  let from = 0;
  if (text.length > size && hits.length) {
    // The window of `size` characters starting at a hit with the most distinct words (the first such), counted
    // as the window slides: hits[i..j) are in it.
    let best = 0;
    let bestCount = -1;
    const counts = new Map<string, number>();
    let j = 0;
    for (let i = 0; i < hits.length; i++) {
      if (j < i) j = i;
      while (j < hits.length && hits[j]!.end - hits[i]!.start <= size) {
        counts.set(hits[j]!.w, (counts.get(hits[j]!.w) ?? 0) + 1);
        j++;
      }
      if (counts.size > bestCount) {
        bestCount = counts.size;
        best = hits[i]!.start;
      }
      if (j > i) {
        const left = (counts.get(hits[i]!.w) ?? 1) - 1;
        if (left) counts.set(hits[i]!.w, left);
        else counts.delete(hits[i]!.w);
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
