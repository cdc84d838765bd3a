import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/http/errors.ts';
import { formatBytes } from '../../core/i18n/format.ts';
import { type IncomingFile, MAX_FILE_BYTES, MAX_FILES } from './uploads.ts';

export const MULTIPART_LIMITS = {
  fileSize: MAX_FILE_BYTES,
  files: MAX_FILES,
  fields: 30,
  fieldSize: 32 * 1024,
  parts: 40,
};

/**
 * The fields and files of a form, read part by part: a file over the size limit or a sixth file stops the
 * reading with the petitions' own message; empty file inputs (a browser sends one when nothing was chosen)
 * are skipped. URL-encoded forms (no file input) are accepted too.
 */
export async function readForm(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: IncomingFile[] }> {
  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  if (!req.isMultipart()) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
    return { fields, files };
  }
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (!part.filename && buffer.length === 0) continue;
        files.push({ filename: part.filename || 'tep', buffer });
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('PETITION_FILE_TOO_LARGE', { params: { name: '', limit: formatBytes(MAX_FILE_BYTES) } });
    if (code === 'FST_FILES_LIMIT') throw new AppError('PETITION_TOO_MANY_FILES', { params: { max: MAX_FILES } });
    throw err;
  }
  return { fields, files };
}
