import type { DocumentStatus } from './library.types.ts';
import { ABBREVIATIONS, fold, foldForTokens, foldWordBytes } from './search-text.ts';

/**
 * The library's search index, held in memory by each process (search-index.load.ts builds and renews it).
 *
 * Entries are articles and procedures. Each has two indexed fields, its heading (an article's "Điều N. …", a
 * procedure's name) and its text; lexemes are folded syllables and neighbouring syllable pairs (search-text.ts).
 * Posting lists are compact typed arrays: for each lexeme, the entries holding it (Int32, ascending) and its
 * frequency in the heading (high 16 bits) and the text (low 16 bits). The law's title, which all its articles share,
 * is indexed once per law and added to the articles found by their own words.
 *
 * Ranking (BM25F-style): for each query lexeme t, idf(t) × tf'·(k1 + 1)/(k1 + tf') with tf' the field-weighted,
 * length-normalised frequency (heading × 3); pairs weigh 1.3× syllables; + idf(t) for each lexeme of the law's
 * title. Then the best 100 are re-ranked with a heading bonus, 3 × m × m/M, where m is the idf of the heading's
 * syllables the query holds and M that of all the heading's syllables: an article whose heading the question
 * covers ("rút đơn tố cáo" → "Điều 33. Rút tố cáo") comes first. Expired laws count half, partly expired 0.9, not
 * yet in force 0.8. Tuned on half of the development set (bench/suites/library-quality.ts reports both halves).
 */

export type IndexedDocument = {
  id: string;
  number: string | null;
  title: string;
  docType: string;
  issuer: string;
  status: DocumentStatus;
  field: string | null;
  level: string;
  issuedDate: string | null;
};
export type IndexedArticle = {
  documentId: string;
  articleNo: string;
  heading: string;
  body: string;
};
export type IndexedProcedure = {
  code: string;
  name: string;
  field: string | null;
  level: string;
  levels: string[];
  /** What is indexed besides the name. */
  text: string;
  /** What the highlighted passage is cut from (the first step and the result). */
  passage: string;
};

/**
 * Ranking parameters, tuned on the even-numbered half of the development set. Tried and left out (worse or no
 * better on both halves): a chapter bonus, damping entries that hold little of the query, k1 0.6–3, pair weights
 * 0.8–2.5.
 */
export const RANKING = {
  k1: 1.2,
  headingWeight: 3,
  bodyB: 0.75,
  headingB: 0.5,
  pairWeight: 1.3,
  titleWeight: 1,
  /** Syllables in more than this share of entries ("cua", "va", "nguoi") are not scored. */
  commonShare: 0.35,
  /** Second pass over the best `rerank` entries: + headingCover × (idf of the heading's syllables the query has) × (their share of the heading's idf). */
  rerank: 100,
  headingCover: 3,
  status: { expired: 0.5, partly_expired: 0.9, not_yet_in_force: 0.8, in_force: 1 } as Record<DocumentStatus, number>,
};

/**
 * Headings of one kind folded to ASCII (after a space, to match word starts), in the order suggestions prefer
 * (in force before expired, shorter first), with the positions of the headings having a word that starts with each
 * two- and three-letter prefix: a suggestion checks only those, best first, and stops at the few it shows.
 */
export type HeadingList = { folded: string[]; entries: Int32Array; byPrefix: Map<string, Int32Array> };
export type FoldedLabels = {
  titles: string[];
  numbers: string[];
  types: string[];
  articles: HeadingList;
  procedures: HeadingList;
};
export type EntryFilter = (entry: number) => boolean;

/** Growable Int32 buffer for building the posting lists. */
/**
 * The texts passages are cut from, UTF-8 in one buffer (about 23 MB for the whole library), and the same texts
 * folded for highlighting, one byte per UTF-16 code unit (`foldWordBytes`, about 17 MB): a search finds the query's
 * words in them without folding the texts again.
 */
class TextStore {
  private data: Uint8Array = new Uint8Array(1 << 20);
  private length = 0;
  readonly at: number[] = [0];
  private folded: Uint8Array = new Uint8Array(1 << 20);
  private foldedLength = 0;
  readonly foldedAt: number[] = [0];
  private static encoder = new TextEncoder();
  private static grown(data: Uint8Array, used: number, need: number): Uint8Array {
    if (need <= data.length) return data;
    const next = new Uint8Array(Math.max(need, data.length * 2));
    next.set(data.subarray(0, used));
    return next;
  }
  push(text: string) {
    this.data = TextStore.grown(this.data, this.length, this.length + text.length * 3);
    this.length += TextStore.encoder.encodeInto(text, this.data.subarray(this.length)).written;
    this.at.push(this.length);
    this.folded = TextStore.grown(this.folded, this.foldedLength, this.foldedLength + text.length);
    foldWordBytes(text, this.folded, this.foldedLength);
    this.foldedLength += text.length;
    this.foldedAt.push(this.foldedLength);
  }
  seal(): SealedTexts {
    return {
      bytes: Buffer.from(this.data.subarray(0, this.length)),
      at: Float64Array.from(this.at),
      folded: Buffer.from(this.folded.subarray(0, this.foldedLength)),
      foldedAt: Float64Array.from(this.foldedAt),
    };
  }
}
type SealedTexts = { bytes: Buffer; at: Float64Array; folded: Buffer; foldedAt: Float64Array };

class IntBuffer {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Lexemes as numbers: a syllable's id s, a pair of neighbouring syllables (a, b) as (a + 1) · 2^15 + b. Counting
 * with small integer keys, without building pair strings, makes the build several times faster. A pair with a
 * syllable beyond the first 32,767 distinct ones has no key (the whole corpus has about 5,600 syllables).
 */
const PAIR = 2 ** 15;
/** Separators of search-text.ts `phrases` (a pair never straddles them): . , ; : ! ? ( ) [ ] “ ” " ' newline tab – — … */
const SEPARATOR = new Set([...'.,;:!?()[]“”"\'\n\r\t–—…'].map((c) => c.charCodeAt(0)));
const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

class Lexicon {
  readonly syllables = new Map<string, number>();
  idOf(syllable: string): number {
    let id = this.syllables.get(syllable);
    if (id === undefined) {
      id = this.syllables.size;
      this.syllables.set(syllable, id);
    }
    return id;
  }
  /** Counts a field's syllables and pairs into `into`; returns its length in syllables. Mirrors `queryTerms`. */
  count(text: string, into: Map<number, number>): number {
    let prev = -1;
    let length = 0;
    const one = (s: string) => {
      const id = this.idOf(s);
      into.set(id, (into.get(id) ?? 0) + 1);
      if (prev >= 0 && prev < PAIR - 1 && id < PAIR) {
        const pair = (prev + 1) * PAIR + id;
        into.set(pair, (into.get(pair) ?? 0) + 1);
      }
      prev = id;
      length++;
    };
    const folded = foldForTokens(text);
    const n = folded.length;
    let i = 0;
    while (i < n) {
      const c = folded.charCodeAt(i);
      if (isWordCode(c)) {
        let j = i + 1;
        while (j < n && isWordCode(folded.charCodeAt(j))) j++;
        const t = folded.slice(i, j);
        const expanded = ABBREVIATIONS[t];
        if (expanded) for (const w of expanded.split(' ')) one(w);
        else one(t);
        i = j;
        continue;
      }
      // " - " (a dash between spaces) also separates phrases.
      if (
        SEPARATOR.has(c) ||
        (c === 45 && i > 0 && i + 1 < n && folded.charCodeAt(i - 1) <= 32 && folded.charCodeAt(i + 1) <= 32)
      )
        prev = -1;
      i++;
    }
    return length;
  }
  /** The numeric key of a query term ("giai" or "giai_quyet"), undefined when the corpus never has it. */
  keyOf(term: string): number | undefined {
    const cut = term.indexOf('_');
    if (cut < 0) return this.syllables.get(term);
    const a = this.syllables.get(term.slice(0, cut));
    const b = this.syllables.get(term.slice(cut + 1));
    if (a === undefined || b === undefined || a >= PAIR - 1 || b >= PAIR) return undefined;
    return (a + 1) * PAIR + b;
  }
}

/** A term → the laws whose title holds it. */
type GroupIndex = Map<number, number[]>;

function indexGroup(lexicon: Lexicon, groups: GroupIndex, text: string, group: number) {
  const counts = new Map<number, number>();
  lexicon.count(text, counts);
  for (const term of counts.keys()) {
    const list = groups.get(term);
    if (list) list.push(group);
    else groups.set(term, [group]);
  }
}

export class SearchIndex {
  readonly documents: IndexedDocument[];
  readonly documentIndex = new Map<string, number>();
  /** Per entry: 0 article, 1 procedure. */
  readonly kind: Uint8Array;
  /** Per entry: its law (index into documents) for an article, -1 for a procedure. */
  readonly law: Int32Array;
  /** Per entry: article number or procedure code, and heading or name (for hits and suggestions). */
  readonly ref: string[];
  readonly heading: string[];
  readonly procedures: Map<number, Pick<IndexedProcedure, 'field' | 'level' | 'levels'>> = new Map();
  /** "documentId|articleNo" → entry, for "điều N <law>". */
  readonly articleEntry = new Map<string, number>();
  /** Per law: how much its status lets its articles count (expired half…). */
  private readonly statusFactor: Float64Array;
  private readonly terms = new Map<number, number>();
  private lexicon = new Lexicon();
  private readonly offsets: Int32Array;
  private readonly postEntry: Int32Array;
  /**
   * Per posting: BM25's saturated frequency tf′/(k1 + tf′), tf′ the field-weighted, length-normalised frequency
   * (heading × headingWeight / its norm + text / its norm), computed once at build: a query multiplies it by idf.
   */
  private readonly postSat: Float32Array;
  private readonly titleGroups: GroupIndex = new Map();
  /** Per entry, its heading's distinct syllables (ids) from headingStart[e] to headingStart[e + 1]. */
  private headingStart: Int32Array;
  private headingSyllables: Int32Array;
  private headingMass: Float32Array;
  private scores: Float64Array;
  private touched: Int32Array;
  private texts: SealedTexts = {
    bytes: Buffer.alloc(0),
    at: new Float64Array(1),
    folded: Buffer.alloc(0),
    foldedAt: new Float64Array(1),
  };
  readonly size: number;
  readonly postings: number;

  private constructor(
    documents: IndexedDocument[],
    n: number,
    built: { offsets: Int32Array; postEntry: Int32Array; postSat: Float32Array },
  ) {
    this.documents = documents;
    for (const [i, d] of documents.entries()) this.documentIndex.set(d.id, i);
    this.size = n;
    this.kind = new Uint8Array(n);
    this.law = new Int32Array(n).fill(-1);
    this.ref = new Array(n);
    this.heading = new Array(n);
    this.statusFactor = Float64Array.from(documents, (d) => RANKING.status[d.status] ?? 1);
    this.offsets = built.offsets;
    this.postEntry = built.postEntry;
    this.postSat = built.postSat;
    this.postings = built.postEntry.length;
    this.scores = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.headingStart = new Int32Array(n + 1);
    this.headingSyllables = new Int32Array(0);
    this.headingMass = new Float32Array(n);
  }

  /**
   * Builds the index. `articles` and `procedures` are async iterables of pages (rows come from the database in
   * pages); `pause` is awaited after every ~20 ms of work so that a server sharing its thread with PGlite keeps
   * answering.
   */
  static async build(input: {
    documents: IndexedDocument[];
    articlePages: AsyncIterable<IndexedArticle[]>;
    procedurePages: AsyncIterable<IndexedProcedure[]>;
    pause?: () => Promise<void>;
  }): Promise<SearchIndex> {
    const lexicon = new Lexicon();
    const termIds = new Map<number, number>();
    // Work in slices of about 20 ms, yielding between them.
    let sliceStart = performance.now();
    const slice = async () => {
      if (input.pause && performance.now() - sliceStart > 20) {
        await input.pause();
        sliceStart = performance.now();
      }
    };
    const termOf = new IntBuffer();
    const entryOf = new IntBuffer();
    const tfOf = new IntBuffer();
    const kinds: number[] = [];
    const laws: number[] = [];
    const refs: string[] = [];
    const headings: string[] = [];
    const hLen: number[] = [];
    const bLen: number[] = [];
    const procedures = new Map<number, Pick<IndexedProcedure, 'field' | 'level' | 'levels'>>();
    const lawIndex = new Map(input.documents.map((d, i) => [d.id, i]));
    const titleGroups: GroupIndex = new Map();
    for (const [i, d] of input.documents.entries()) indexGroup(lexicon, titleGroups, d.title, i);
    const head = new Map<number, number>();
    const body = new Map<number, number>();
    const headingSyllables = new IntBuffer();
    const texts = new TextStore();
    const headingStart: number[] = [0];
    const termIdOf = (term: number) => {
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      return id;
    };
    const add = (heading: string, text: string) => {
      const entry = kinds.length - 1;
      head.clear();
      body.clear();
      hLen.push(lexicon.count(heading, head));
      bLen.push(lexicon.count(text, body));
      for (const term of head.keys()) if (term < PAIR) headingSyllables.push(term);
      headingStart.push(headingSyllables.length);
      for (const [term, n] of head) {
        const id = termIdOf(term);
        termOf.push(id);
        entryOf.push(entry);
        tfOf.push((Math.min(n, 0x7fff) << 16) | Math.min(body.get(term) ?? 0, 0xffff));
      }
      for (const [term, n] of body) {
        if (head.has(term)) continue;
        const id = termIdOf(term);
        termOf.push(id);
        entryOf.push(entry);
        tfOf.push(Math.min(n, 0xffff));
      }
    };
    for await (const page of input.articlePages) {
      for (const a of page) {
        const law = lawIndex.get(a.documentId);
        if (law === undefined) continue;
        kinds.push(0);
        laws.push(law);
        refs.push(a.articleNo);
        headings.push(a.heading);
        add(a.heading.replace(/^Điều\s+\S+\s*/, ''), a.body);
        texts.push(a.body);
        await slice();
      }
    }
    for await (const page of input.procedurePages) {
      for (const p of page) {
        kinds.push(1);
        laws.push(-1);
        refs.push(p.code);
        headings.push(p.name);
        procedures.set(kinds.length - 1, { field: p.field, level: p.level, levels: p.levels });
        add(p.name, p.text);
        texts.push(p.passage);
        await slice();
      }
    }
    // BM25 length normalisation per kind (articles, procedures) and field: the field's weight over its norm.
    const R = RANKING;
    const headingNorm = new Float64Array(kinds.length);
    const bodyNorm = new Float64Array(kinds.length);
    for (const k of [0, 1]) {
      let h = 0;
      let b = 0;
      let n = 0;
      for (let i = 0; i < kinds.length; i++)
        if (kinds[i] === k) {
          h += hLen[i]!;
          b += bLen[i]!;
          n++;
        }
      const avgHeading = Math.max(1, h / Math.max(1, n));
      const avgBody = Math.max(1, b / Math.max(1, n));
      for (let i = 0; i < kinds.length; i++)
        if (kinds[i] === k) {
          headingNorm[i] = R.headingWeight / (1 - R.headingB + (R.headingB * hLen[i]!) / avgHeading);
          bodyNorm[i] = 1 / (1 - R.bodyB + (R.bodyB * bLen[i]!) / avgBody);
        }
    }
    // Counting sort by term: entries stay ascending within each posting list.
    const nTerms = termIds.size;
    const offsets = new Int32Array(nTerms + 1);
    await slice();
    for (let i = 0; i < termOf.length; i++) offsets[termOf.data[i]! + 1]!++;
    for (let t = 0; t < nTerms; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, nTerms);
    const postEntry = new Int32Array(termOf.length);
    const postSat = new Float32Array(termOf.length);
    for (let i = 0; i < termOf.length; i++) {
      const at = fill[termOf.data[i]!]!++;
      const e = entryOf.data[i]!;
      const packed = tfOf.data[i]!;
      const tf = (packed >>> 16) * headingNorm[e]! + (packed & 0xffff) * bodyNorm[e]!;
      postEntry[at] = e;
      postSat[at] = tf / (R.k1 + tf);
      if ((i & 0xffff) === 0) await slice();
    }
    await slice();
    const index = new SearchIndex(input.documents, kinds.length, { offsets, postEntry, postSat });
    for (const [term, id] of termIds) index.terms.set(term, id);
    index.lexicon = lexicon;
    for (let i = 0; i < kinds.length; i++) {
      index.kind[i] = kinds[i]!;
      index.law[i] = laws[i]!;
      index.ref[i] = refs[i]!;
      index.heading[i] = headings[i]!;
      if (kinds[i] === 0) index.articleEntry.set(`${input.documents[laws[i]!]!.id}|${refs[i]}`, i);
    }
    await slice();
    index.texts = texts.seal();
    index.headingStart = Int32Array.from(headingStart);
    index.headingSyllables = headingSyllables.data.slice(0, headingSyllables.length);
    for (let e = 0; e < index.size; e++) {
      let mass = 0;
      for (let i = index.headingStart[e]!; i < index.headingStart[e + 1]!; i++)
        mass += index.idfOfSyllable(index.headingSyllables[i]!);
      index.headingMass[e] = mass;
    }
    for (const [k, v] of titleGroups) index.titleGroups.set(k, v);
    for (const [k, v] of procedures) index.procedures.set(k, v);
    await index.prepareLabels(slice);
    return index;
  }

  private idfOfSyllable(syllable: number): number {
    const id = this.terms.get(syllable);
    return this.idf(id === undefined ? 0 : this.offsets[id + 1]! - this.offsets[id]!);
  }

  /** The text an entry's passage is cut from: an article's body, a procedure's first step and result. */
  passageText(entry: number): string {
    return this.texts.bytes.toString('utf8', this.texts.at[entry]!, this.texts.at[entry + 1]!);
  }

  /** `passageText` folded for highlighting (`foldWordBytes`): same length, words at the same offsets. */
  passageFolded(entry: number): string {
    return this.texts.folded.toString('latin1', this.texts.foldedAt[entry]!, this.texts.foldedAt[entry + 1]!);
  }

  private labels: FoldedLabels | null = null;
  /** Titles, numbers, types and headings folded (titles and headings with a leading space, to match word starts). */
  foldedLabels(): FoldedLabels {
    if (!this.labels) throw new Error('search index: labels not prepared');
    return this.labels;
  }

  private async prepareLabels(slice: () => Promise<void>): Promise<void> {
    const expired = (e: number) => (this.kind[e] === 0 && this.documents[this.law[e]!]!.status === 'expired' ? 1 : 0);
    const list = async (kind: number): Promise<HeadingList> => {
      const entries: number[] = [];
      for (let e = 0; e < this.size; e++) if (this.kind[e] === kind) entries.push(e);
      entries.sort((a, b) => expired(a) - expired(b) || this.heading[a]!.length - this.heading[b]!.length || a - b);
      const folded: string[] = [];
      const positions = new Map<string, number[]>();
      for (const [i, e] of entries.entries()) {
        const h = ` ${fold(this.heading[e]!).replace(/[^\x21-\x7e]+/g, ' ')}`;
        folded.push(h);
        for (const word of h.split(' '))
          for (const n of [2, 3]) {
            if (word.length < n) continue;
            const key = word.slice(0, n);
            const list = positions.get(key);
            if (!list) positions.set(key, [i]);
            else if (list[list.length - 1] !== i) list.push(i);
          }
        if (i % 256 === 0) await slice();
      }
      const byPrefix = new Map<string, Int32Array>();
      for (const [key, list] of positions) byPrefix.set(key, Int32Array.from(list));
      return { folded, entries: Int32Array.from(entries), byPrefix };
    };
    const articles = await list(0);
    const procedures = await list(1);
    this.labels = {
      titles: this.documents.map((d) => ` ${fold(d.title).replace(/\s+/g, ' ')}`),
      numbers: this.documents.map((d) => fold(d.number ?? '')),
      types: this.documents.map((d) => fold(d.docType)),
      articles,
      procedures,
    };
  }

  /** The first `k` entries of the list whose heading has a word starting with `typed` (folded, single spaces). */
  static firstStartingWith(list: HeadingList, typed: string, k: number): number[] {
    const needle = ` ${typed}`;
    const first = typed.split(' ')[0]!;
    const found: number[] = [];
    if (first.length < 2) {
      for (let i = 0; i < list.folded.length && found.length < k; i++)
        if (list.folded[i]!.includes(needle)) found.push(list.entries[i]!);
      return found;
    }
    for (const i of list.byPrefix.get(first.slice(0, 3)) ?? []) {
      if (!list.folded[i]!.includes(needle)) continue;
      found.push(list.entries[i]!);
      if (found.length === k) break;
    }
    return found;
  }

  /** Entries holding the term, with the inverse document frequency. */
  private idf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * The best `want` entries for the query's syllables and pairs that pass `accept` (null: every entry), best first,
   * with their scores.
   */
  rank(
    unigrams: string[],
    bigrams: string[],
    wanted: number,
    accept: EntryFilter | null,
  ): { entry: number; score: number }[] {
    const R = RANKING;
    const want = Math.max(wanted, R.rerank);
    const { scores, postEntry, postSat } = this;
    const touched = this.touched;
    let nTouched = 0;
    const lawBonus = new Float64Array(this.documents.length);
    const querySyllables = new Map<number, number>();
    const terms = [...unigrams.map((t) => ({ t, pair: false })), ...bigrams.map((t) => ({ t, pair: true }))];
    for (const { t: term, pair } of terms) {
      const t = this.lexicon.keyOf(term);
      if (t === undefined) continue;
      const id = this.terms.get(t);
      const df = id === undefined ? 0 : this.offsets[id + 1]! - this.offsets[id]!;
      if (!pair && df > this.size * R.commonShare && terms.length > 1) continue;
      const idf = this.idf(df) * (pair ? R.pairWeight : 1);
      if (!pair) querySyllables.set(t, idf);
      for (const law of this.titleGroups.get(t) ?? []) lawBonus[law]! += idf * R.titleWeight;
      if (id === undefined) continue;
      const gain = idf * (R.k1 + 1);
      for (let i = this.offsets[id]!, end = this.offsets[id + 1]!; i < end; i++) {
        const e = postEntry[i]!;
        const s = scores[e]!;
        if (s === 0) touched[nTouched++] = e;
        scores[e] = s + gain * postSat[i]!;
      }
    }
    // The best `want` in a min-heap (worst at the root: lower score, or the same score and a later entry).
    const heapScore = new Float64Array(want);
    const heapEntry = new Int32Array(want);
    let size = 0;
    const worse = (i: number, j: number) =>
      heapScore[i]! < heapScore[j]! || (heapScore[i] === heapScore[j] && heapEntry[i]! > heapEntry[j]!);
    const swap = (i: number, j: number) => {
      const s = heapScore[i]!;
      heapScore[i] = heapScore[j]!;
      heapScore[j] = s;
      const e = heapEntry[i]!;
      heapEntry[i] = heapEntry[j]!;
      heapEntry[j] = e;
    };
    for (let x = 0; x < nTouched; x++) {
      const e = touched[x]!;
      let s = scores[e]!;
      scores[e] = 0;
      if (accept && !accept(e)) continue;
      const law = this.law[e]!;
      if (law >= 0) s = (s + lawBonus[law]!) * this.statusFactor[law]!;
      if (size < want) {
        heapScore[size] = s;
        heapEntry[size] = e;
        for (let i = size++; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
        continue;
      }
      if (s < heapScore[0]! || (s === heapScore[0] && e > heapEntry[0]!)) continue;
      heapScore[0] = s;
      heapEntry[0] = e;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && worse(l, m)) m = l;
        if (r < size && worse(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
    const top: { entry: number; score: number }[] = [];
    for (let i = 0; i < size; i++) top.push({ entry: heapEntry[i]!, score: heapScore[i]! });
    for (const hit of top) {
      const e = hit.entry;
      let matched = 0;
      for (let i = this.headingStart[e]!; i < this.headingStart[e + 1]!; i++)
        matched += querySyllables.get(this.headingSyllables[i]!) ?? 0;
      const mass = this.headingMass[e]!;
      if (mass > 0 && matched > 0) {
        const law = this.law[e]!;
        hit.score += R.headingCover * matched * (matched / mass) * (law >= 0 ? this.statusFactor[law]! : 1);
      }
    }
    top.sort((a, b) => b.score - a.score || a.entry - b.entry);
    if (top.length > wanted) top.length = wanted;
    return top;
  }
}
