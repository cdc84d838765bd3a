/**
 * pg_trgm's trigrams and similarity, computed the same way as PostgreSQL does, so that a name index held in
 * memory ranks exactly like the SQL search: words are runs of letters and digits, each padded with two
 * spaces in front and one behind; similarity is shared trigrams over all distinct trigrams of both.
 */
export function trigrams(text: string): Set<string> {
  const set = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return set;
}

export function trigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / (a.size + b.size - common);
}

/** pg_trgm.similarity_threshold's default: `a % b` holds when the similarity reaches it. */
export const SIMILARITY_THRESHOLD = 0.3;
