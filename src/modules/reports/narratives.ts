import { foldVietnamese } from '../../core/i18n/format.ts';

/**
 * Groups near-identical sentences of subordinates' narratives (difficulties, recommendations) so the most frequent
 * come first with their counts. Token-set similarity on folded words (case, tone marks and đ ignored; common
 * function words dropped): two sentences belong together when their Jaccard similarity is at least `threshold`.
 * Runs in the application so that it behaves the same on PGlite and the server.
 */
const STOP = new Set(
  'va cua cac la co cho trong voi de da dang duoc nhung mot nay tai ve tu den khi thi con chua cung nhu theo'.split(
    ' ',
  ),
);

export type NarrativeItem = { text: string; unitCode: string; unitName: string; orgType: string };
export type NarrativeGroup = { text: string; count: number; units: { code: string; name: string }[] };

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.;!?])\s+|\n+|^\s*[-•+*]\s*/m)
    .map((s) =>
      s
        .replace(/^[-•+*\d.)\s]+/, '')
        .replace(/[.;!?\s]+$/, '')
        .trim(),
    )
    .filter((s) => s.length >= 3);
}

function tokens(sentence: string): Set<string> {
  return new Set(
    foldVietnamese(sentence)
      .split(/[^a-z0-9]+/)
      .filter((w) => w && !STOP.has(w)),
  );
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

export function groupSentences(items: NarrativeItem[], threshold = 0.6, limit = 20): NarrativeGroup[] {
  type G = { text: string; toks: Set<string>; count: number; units: Map<string, string>; texts: Map<string, number> };
  const groups: G[] = [];
  for (const item of items) {
    for (const s of splitSentences(item.text)) {
      const toks = tokens(s);
      if (!toks.size) continue;
      let best: G | null = null;
      let bestSim = threshold;
      for (const g of groups) {
        const sim = similarity(toks, g.toks);
        if (sim >= bestSim) {
          best = g;
          bestSim = sim;
        }
      }
      if (!best) {
        best = { text: s, toks, count: 0, units: new Map(), texts: new Map() };
        groups.push(best);
      }
      best.count++;
      best.units.set(item.unitCode, item.unitName);
      best.texts.set(s, (best.texts.get(s) ?? 0) + 1);
    }
  }
  return groups
    .map((g) => ({
      // The group shows its most frequent wording.
      text: [...g.texts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0],
      count: g.count,
      units: [...g.units.entries()].map(([code, name]) => ({ code, name })),
    }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'vi'))
    .slice(0, limit);
}
