import mammoth from 'mammoth';
import { AppError } from '../../core/http/errors.ts';
import type { CheckedDocument } from './corpus-import.ts';
import { effectiveDateOf } from './document-text.ts';

/**
 * A librarian's Word (.docx) or PDF upload turned into a document preview: metadata guessed from the heading lines
 * and the text split into articles at "Điều N." lines, with parts, chapters and sections kept. Nothing is saved
 * here; the librarian checks the preview and saves it.
 */

export type UploadPreview = Omit<CheckedDocument, 'id' | 'source' | 'sourceFile' | 'qualityNote' | 'articleGaps'> & {
  warnings: string[];
};

export async function extractText(buffer: Buffer): Promise<string> {
  const head = buffer.subarray(0, 5).toString('latin1');
  if (head.startsWith('%PDF')) {
    try {
      const { extractText: pdfText, getDocumentProxy } = await import('unpdf');
      const pdf = await getDocumentProxy(new Uint8Array(buffer));
      const { text } = await pdfText(pdf, { mergePages: true });
      return String(text);
    } catch (cause) {
      throw new AppError('LIBRARY_UPLOAD_UNREADABLE', { cause });
    }
  }
  if (head.startsWith('PK\u0003\u0004')) {
    try {
      return (await mammoth.extractRawText({ buffer })).value;
    } catch (cause) {
      throw new AppError('LIBRARY_UPLOAD_UNREADABLE', { cause });
    }
  }
  throw new AppError('LIBRARY_UPLOAD_WRONG_TYPE');
}

const ARTICLE = /^Điều\s+(\d{1,4}[a-zđ]?)\s*[.:]?\s*(.*)$/;
const PART = /^Phần\s+(thứ\s+\S+|[IVXLC]+)\b/i;
const CHAPTER = /^Chương\s+([IVXLC]+|\d+)\b/i;
const SECTION = /^Mục\s+(\d+)\b/i;

export function splitIntoArticles(raw: string): UploadPreview {
  const lines = raw
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const preamble: string[] = [];
  const articles: UploadPreview['articles'] = [];
  const warnings: string[] = [];
  let part: string | null = null;
  let chapter: string | null = null;
  let section: string | null = null;
  let pending: 'part' | 'chapter' | 'section' | null = null;
  for (const line of lines) {
    const current = articles[articles.length - 1];
    if (pending && !ARTICLE.test(line) && line === line.toUpperCase()) {
      if (pending === 'part') part = `${part} ${line}`;
      if (pending === 'chapter') chapter = `${chapter} ${line}`;
      if (pending === 'section') section = `${section} ${line}`;
      pending = null;
      continue;
    }
    pending = null;
    const a = ARTICLE.exec(line);
    if (a) {
      const no = a[1]!.toLowerCase();
      if (articles.some((x) => x.articleNo === no)) warnings.push(`Điều ${no} xuất hiện hai lần; giữ lần đầu.`);
      else
        articles.push({
          articleNo: no,
          heading: `Điều ${a[1]}. ${a[2]!.replace(/^[.:]\s*/, '')}`.trim(),
          body: '',
          part,
          chapter,
          section,
        });
      continue;
    }
    if (PART.test(line)) {
      part = line;
      chapter = section = null;
      pending = 'part';
      continue;
    }
    if (CHAPTER.test(line)) {
      chapter = line;
      section = null;
      pending = 'chapter';
      continue;
    }
    if (SECTION.test(line)) {
      section = line;
      pending = 'section';
      continue;
    }
    if (current) current.body = current.body ? `${current.body}\n${line}` : line;
    else preamble.push(line);
  }
  if (!articles.length) throw new AppError('LIBRARY_UPLOAD_NO_ARTICLES');
  const head = preamble.join('\n');
  const number =
    /(?:Luật|Bộ luật|Nghị định|Thông tư|Nghị quyết|Quyết định)?\s*[Ss]ố:?\s*(\d{1,4}\/\d{4}\/[A-ZĐ0-9-]+)/.exec(
      head,
    )?.[1] ?? null;
  const kind = /^(LUẬT|BỘ LUẬT|NGHỊ ĐỊNH|THÔNG TƯ|NGHỊ QUYẾT|QUYẾT ĐỊNH|ĐIỀU LỆ)$/m.exec(head)?.[1] ?? null;
  const titleIdx = kind ? preamble.indexOf(kind) : -1;
  const titleWords = titleIdx >= 0 ? (preamble[titleIdx + 1] ?? '') : '';
  const title = kind
    ? `${kind.charAt(0)}${kind.slice(1).toLowerCase()} ${titleWords.charAt(0)}${titleWords.slice(1).toLowerCase()}`.trim()
    : (preamble[0] ?? '');
  const date = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/.exec(head);
  for (const [i, a] of articles.entries()) {
    if (String(i + 1) !== a.articleNo.replace(/[a-zđ]$/, '') && !/[a-zđ]$/.test(a.articleNo))
      warnings.push(`Điều ${a.articleNo} đứng ở vị trí ${i + 1}: kiểm tra số điều.`);
    if (!a.body) warnings.push(`Điều ${a.articleNo} không có nội dung.`);
  }
  return {
    number,
    title,
    docType: kind ? `${kind.charAt(0)}${kind.slice(1).toLowerCase()}` : 'Văn bản',
    issuer: /QH\d+$/.test(number ?? '') ? 'Quốc hội' : '',
    issuedDate: date ? `${date[3]}-${date[2]!.padStart(2, '0')}-${date[1]!.padStart(2, '0')}` : null,
    effectiveDate: effectiveDateOf(articles),
    preamble: head,
    closing: '',
    articles,
    warnings: warnings.slice(0, 50),
  };
}
