/**
 * How library text becomes search lexemes, the same for documents and questions.
 *
 * Text is folded (lower case, tone marks removed, đ → d: "hoà", "hòa", "HOA" are one syllable "hoa", which also
 * settles mixed tone-mark placement such as "uỷ"/"ủy") and cut into syllables. Vietnamese words are mostly two
 * syllables, so besides each syllable the index (search-index.ts) holds each pair of neighbouring syllables ("giai_quyet",
 * "khieu_nai") within a phrase: a pair carries most of a word's meaning and is far rarer than its syllables.
 * Abbreviations people type (BHXH, UBND, MTTQ…) expand to their words before folding.
 */

/** One character folded, keeping string length: used for highlighting at original offsets. */
const foldCache = new Map<string, string>();
export function foldChar(c: string): string {
  let f = foldCache.get(c);
  if (f === undefined) {
    f = c
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    if (f.length !== 1) f = f.charAt(0) || ' ';
    foldCache.set(c, f);
  }
  return f;
}

/** foldChar by UTF-16 code unit, filled as characters are met (surrogates, i.e. characters outside the BMP: space). */
const FOLDED_UNIT = new Uint16Array(65536);

function foldUnit(c: number): number {
  let f = FOLDED_UNIT[c]!;
  if (f === 0) {
    f = c >= 0xd800 && c <= 0xdfff ? 32 : foldChar(String.fromCharCode(c)).charCodeAt(0);
    FOLDED_UNIT[c] = f;
  }
  return f;
}

/** Folds a whole string keeping offsets (the input is NFC, as the corpus is): one table lookup per code unit. */
export function foldKeepingOffsets(s: string): string {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = foldUnit(s.charCodeAt(i));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf16le');
}

/**
 * Folds `s` (NFC) into one byte per UTF-16 code unit, written to `into` from `at`: the letters and digits of words
 * (a–z, 0–9 once folded) as themselves, anything else as a space. Read back as a latin1 string, its words are the
 * folded words of `s` at the same offsets (what highlighting matches).
 */
export function foldWordBytes(s: string, into: Uint8Array, at: number): void {
  for (let i = 0; i < s.length; i++) {
    const f = foldUnit(s.charCodeAt(i));
    into[at + i] = (f >= 97 && f <= 122) || (f >= 48 && f <= 57) ? f : 32;
  }
}

/** `foldWordBytes` of a whole string, as a string. */
export function foldedWords(s: string): string {
  const bytes = Buffer.allocUnsafe(s.length);
  foldWordBytes(s, bytes, 0);
  return bytes.toString('latin1');
}

export function fold(s: string): string {
  return foldKeepingOffsets(s.normalize('NFC'));
}

/** Abbreviations in everyday and official use, with what they stand for (folded). */
export const ABBREVIATIONS: Record<string, string> = {
  bhxh: 'bao hiem xa hoi',
  bhyt: 'bao hiem y te',
  bhtn: 'bao hiem that nghiep',
  ubnd: 'uy ban nhan dan',
  hdnd: 'hoi dong nhan dan',
  mttq: 'mat tran to quoc',
  ubmttq: 'uy ban mat tran to quoc',
  mttqvn: 'mat tran to quoc viet nam',
  tthc: 'thu tuc hanh chinh',
  cccd: 'can cuoc cong dan',
  cmnd: 'chung minh nhan dan',
  gcn: 'giay chung nhan',
  qsdd: 'quyen su dung dat',
  gcnqsdd: 'giay chung nhan quyen su dung dat',
  dkkd: 'dang ky kinh doanh',
  lđtbxh: 'lao dong thuong binh va xa hoi',
  ldtbxh: 'lao dong thuong binh va xa hoi',
  tncn: 'thu nhap ca nhan',
  tndn: 'thu nhap doanh nghiep',
  gtgt: 'gia tri gia tang',
  nld: 'nguoi lao dong',
  nsdld: 'nguoi su dung lao dong',
  qh: 'quoc hoi',
  ubtvqh: 'uy ban thuong vu quoc hoi',
  tand: 'toa an nhan dan',
  vksnd: 'vien kiem sat nhan dan',
  hcm: 'ho chi minh',
  pakn: 'phan anh kien nghi',
  xlvphc: 'xu ly vi pham hanh chinh',
};

const SYLLABLE = /[a-z0-9]+/g;

/**
 * Folding for tokens only (lengths may change, unlike `fold`): the same letters as `fold` for every syllable,
 * several times faster on whole articles (regular expressions over the string instead of a loop per character).
 */
export function foldForTokens(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Folded syllables of a phrase, abbreviations expanded. */
export function syllables(text: string): string[] {
  const out: string[] = [];
  for (const m of foldForTokens(text).matchAll(SYLLABLE)) {
    const s = m[0];
    const expanded = ABBREVIATIONS[s];
    if (expanded) out.push(...expanded.split(' '));
    else out.push(s);
  }
  return out;
}

/** Phrases: runs of text between punctuation, so that pairs never straddle a sentence or list boundary. */
function phrases(text: string): string[] {
  return text.split(/[.,;:!?()[\]“”"'\n\r\t–—…]+|\s-\s/);
}

/**
 * How people ask, in the words the law uses: a question's "bao lâu" is the law's "thời hạn". Kept short and general
 * (not tuned to single questions).
 */
const REWRITES: [string[], string[]][] = [
  [
    ['bao', 'lau'],
    ['thoi', 'han'],
  ],
  [
    ['nghi', 'phep'],
    ['nghi', 'hang', 'nam'],
  ],
  [
    ['xe', 'may'],
    ['xe', 'gan', 'may'],
  ],
  [['bao', 'nhieu', 'tuoi'], ['tuoi']],
];

/** Question words and fillers: dropped from the query's terms (never from documents). */
const FILLERS = new Set(
  [
    'bao nhieu',
    'nhu the nao',
    'the nao',
    'la gi',
    'nhung gi',
    'lam sao',
    'o dau',
    'khi nao',
    'co duoc',
    'duoc khong',
    'hay khong',
    'gi',
    'nao',
    'khong',
    'ai',
    'can',
    'phai',
    'thi',
    'la',
    'co',
    'cac',
    'nhung',
    'cua',
    'va',
    'xin',
    'toi',
    'minh',
    'em',
    'hoi',
    'muon',
  ].map((f) => f.split(' ')),
);

function rewrite(sy: string[]): { s: string; filler: boolean }[] {
  const out: { s: string; filler: boolean }[] = [];
  for (let i = 0; i < sy.length; ) {
    const rw = REWRITES.find(([from]) => from.every((w, j) => sy[i + j] === w));
    if (rw) {
      for (const w of rw[1]) out.push({ s: w, filler: false });
      i += rw[0].length;
      continue;
    }
    let len = 0;
    for (const f of FILLERS) if (f.length > len && f.every((w, j) => sy[i + j] === w)) len = f.length;
    // "hội" is also a word of "hội đồng", "xã hội": only a filler at the very end ("… không hỏi").
    if (len === 1 && sy[i] === 'hoi' && i < sy.length - 1) len = 0;
    if (len) {
      for (let j = 0; j < len; j++) out.push({ s: sy[i + j]!, filler: true });
      i += len;
    } else out.push({ s: sy[i++]!, filler: false });
  }
  return out;
}

/** Query terms: syllables and pairs, each once, in order of appearance; question words left out. */
export function queryTerms(q: string): { unigrams: string[]; bigrams: string[] } {
  const unigrams: string[] = [];
  const bigrams: string[] = [];
  for (const phrase of phrases(q)) {
    const all = rewrite(syllables(phrase));
    // A query made only of such words keeps them (someone looking up "thi" or "cac").
    const sy = all.every((x) => x.filler) ? all.map((x) => ({ ...x, filler: false })) : all;
    for (let i = 0; i < sy.length; i++) {
      if (sy[i]!.filler) continue;
      if (!unigrams.includes(sy[i]!.s)) unigrams.push(sy[i]!.s);
      if (i > 0 && !sy[i - 1]!.filler) {
        const b = `${sy[i - 1]!.s}_${sy[i]!.s}`;
        if (!bigrams.includes(b)) bigrams.push(b);
      }
    }
  }
  return { unigrams, bigrams };
}
