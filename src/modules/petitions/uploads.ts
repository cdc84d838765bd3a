import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../../core/http/errors.ts';
import { formatBytes } from '../../core/i18n/format.ts';

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A photo from any phone is below 50 megapixels; a "pixel flood" file declares billions to exhaust memory. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Stored images are scaled down to this longest side: enough to read a document photo, light to serve. */
export const STORED_LONGEST_SIDE = 2560;
/**
 * Re-encoding settings, measured on a 1600×1200 phone photo (2 cores, load ~7): quality 82 with optimised
 * Huffman tables took 56 ms; quality 80 without that extra pass 32 ms, for a file ~9 % larger. mozjpeg (several
 * times slower) stays off. Every citizen's photo is new, so libvips' operation cache only holds memory.
 */
const JPEG_OUTPUT = { quality: 80, mozjpeg: false, optimiseCoding: false } as const;
sharp.cache(false);

export type IncomingFile = { filename: string; buffer: Buffer };
export type CleanFile = {
  filename: string;
  mime: 'image/jpeg' | 'image/png' | 'application/pdf';
  bytes: Buffer;
  width: number | null;
  height: number | null;
};

function refuse(file: IncomingFile, reason: string): AppError {
  return new AppError('PETITION_FILE_REFUSED', {
    params: { name: safeName(file.filename), reason },
    fields: [{ field: 'files', code: 'PETITION_FILE_REFUSED', message: '' }],
  });
}

/** A display name that cannot carry markup or a path; the stored name is only ever shown as text. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 100) || 'tep';
}

/**
 * Decides what a file is from its bytes, never its name or declared type: JPEG and PNG are decoded and
 * re-encoded (which drops EXIF, GPS and anything appended), with a pixel limit checked from the header before
 * decoding; PDFs must parse and carry no scripts, launch actions or embedded files; anything else is refused.
 */
export async function cleanUpload(file: IncomingFile): Promise<CleanFile> {
  if (file.buffer.length === 0) throw refuse(file, 'empty');
  if (file.buffer.length > MAX_FILE_BYTES) {
    throw new AppError('PETITION_FILE_TOO_LARGE', {
      params: { name: safeName(file.filename), limit: formatBytes(MAX_FILE_BYTES) },
      fields: [{ field: 'files', code: 'PETITION_FILE_TOO_LARGE', message: '' }],
    });
  }
  const type = await fileTypeFromBuffer(file.buffer);
  const mime = type?.mime;
  if (mime === 'image/jpeg' || mime === 'image/png') return cleanImage(file, mime);
  if (mime === 'application/pdf') return checkPdf(file);
  throw refuse(file, 'type');
}

async function cleanImage(file: IncomingFile, mime: 'image/jpeg' | 'image/png'): Promise<CleanFile> {
  try {
    const input = sharp(file.buffer, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await input.metadata();
    if (!meta.width || !meta.height || meta.width * meta.height > MAX_INPUT_PIXELS) throw refuse(file, 'pixels');
    // rotate() applies the EXIF orientation; without withMetadata() the output carries no EXIF, XMP, ICC or GPS.
    const pipeline = input
      .rotate()
      .resize({ width: STORED_LONGEST_SIDE, height: STORED_LONGEST_SIDE, fit: 'inside', withoutEnlargement: true });
    const out =
      mime === 'image/jpeg'
        ? await pipeline.jpeg(JPEG_OUTPUT).toBuffer({ resolveWithObject: true })
        : await pipeline.png({ compressionLevel: 8 }).toBuffer({ resolveWithObject: true });
    return {
      filename: safeName(file.filename),
      mime,
      bytes: out.data,
      width: out.info.width,
      height: out.info.height,
    };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = String((err as Error).message ?? '');
    throw refuse(file, /pixel limit/i.test(message) ? 'pixels' : 'broken');
  }
}

const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|OpenAction|AA|XFA)\b/;

async function checkPdf(file: IncomingFile): Promise<CleanFile> {
  const text = file.buffer.toString('latin1');
  if (!text.slice(-1024).includes('%%EOF')) throw refuse(file, 'broken');
  if (PDF_ACTIVE.test(text)) throw refuse(file, 'active');
  try {
    const { getDocumentProxy } = await import('unpdf');
    const doc = await getDocumentProxy(new Uint8Array(file.buffer));
    const pages = doc.numPages;
    await doc.destroy();
    if (pages < 1) throw refuse(file, 'broken');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse(file, 'broken');
  }
  return { filename: safeName(file.filename), mime: 'application/pdf', bytes: file.buffer, width: null, height: null };
}
