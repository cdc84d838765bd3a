import { fold, queryTerms } from './search-text.ts';

/**
 * What a query asks for, beyond its words: a document number ("85/2016", "75/2015/QH13", "nghị định 85",
 * "luật số 75"), an article of a named law ("điều 10 luật mặt trận", "khoản 2 điều 3 luật khiếu nại").
 */
export type ParsedQuery = {
  raw: string;
  folded: string;
  unigrams: string[];
  bigrams: string[];
  /** Folded number prefix to match document numbers with ("85/2016", "75/2015/qh13"), or a bare number with a kind. */
  number: { prefix: string; kind: string | null } | null;
  article: { no: string; clause: string | null; lawWords: string | null } | null;
};

const KIND_WORDS: [RegExp, string][] = [
  [/^(bo luat)$/, 'bo luat'],
  [/^(luat)$/, 'luat'],
  [/^(nghi dinh|nd)$/, 'nghi dinh'],
  [/^(thong tu|tt)$/, 'thong tu'],
  [/^(nghi quyet|nq)$/, 'nghi quyet'],
  [/^(quyet dinh|qd)$/, 'quyet dinh'],
  [/^(hien phap)$/, 'hien phap'],
];

function kindOf(word: string): string | null {
  for (const [re, k] of KIND_WORDS) if (re.test(word)) return k;
  return null;
}

export function parseQuery(raw: string): ParsedQuery {
  const q = raw.normalize('NFC').trim().slice(0, 200);
  const folded = fold(q).replace(/\s+/g, ' ').trim();
  const { unigrams, bigrams } = queryTerms(q);
  let number: ParsedQuery['number'] = null;
  const full = /(\d{1,4})\s*\/\s*(\d{4})(?:\s*\/\s*([a-z0-9][a-z0-9-]*))?/.exec(folded);
  if (full) number = { prefix: `${full[1]}/${full[2]}${full[3] ? `/${full[3]}` : ''}`, kind: null };
  else {
    const bare =
      /\b(bo luat|luat|nghi dinh|nd|thong tu|tt|nghi quyet|nq|quyet dinh|qd)\s+(?:so\s+)?(\d{1,4})\b(?!\s*(?:nam|ngay))/.exec(
        folded,
      );
    if (bare && !/\bdieu\s+\d/.test(folded)) number = { prefix: `${bare[2]}/`, kind: kindOf(bare[1]!) };
  }
  let article: ParsedQuery['article'] = null;
  const art = /(?:khoan\s+(\d{1,3})\s+)?dieu\s+(\d{1,4}[a-z]?)\b\s*(?:cua\s+)?(.*)$/.exec(folded);
  if (art) {
    const rest = art[3]!.trim();
    article = { no: art[2]!, clause: art[1] ?? null, lawWords: rest.length >= 3 ? rest : null };
  }
  return { raw: q, folded, unigrams, bigrams, number, article };
}
