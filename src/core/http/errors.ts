import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { formatBytes } from '../i18n/format.ts';
import { type Lang, langFromAcceptLanguage } from '../i18n/language.ts';
import { translate } from '../i18n/messages.ts';
import { type SchemaProblem, schemaProblemMessage } from './validation-messages.ts';

/** Every error code maps to exactly one HTTP status. Modules add theirs with `registerErrorCodes`. */
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  EMPTY_JSON_BODY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export function registerErrorCodes(codes: Record<string, number>): void {
  for (const [code, status] of Object.entries(codes)) {
    if (STATUS[code] && STATUS[code] !== status) throw new Error(`Error code ${code} registered with two statuses`);
    STATUS[code] = status;
  }
}

export type FieldError = { field: string; code: string; message: string };

/** The one error class. `params` fill the localised message; `fields` carry field-level problems. */
export class AppError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[] | undefined;
  readonly details: unknown;
  constructor(
    code: string,
    opts: { params?: Record<string, string | number>; fields?: FieldError[]; details?: unknown; cause?: unknown } = {},
  ) {
    super(code, { cause: opts.cause });
    this.code = code;
    this.params = opts.params ?? {};
    this.fields = opts.fields;
    this.details = opts.details;
  }
  get status(): number {
    return STATUS[this.code] ?? 500;
  }
}

export function requestLang(req: FastifyRequest): Lang {
  return langFromAcceptLanguage(req.headers['accept-language']);
}

export type ErrorBody = {
  code: string;
  message: string;
  requestId: string;
  fields?: FieldError[];
  details?: unknown;
};

export function errorBody(req: FastifyRequest, err: AppError): ErrorBody {
  const lang = requestLang(req);
  const body: ErrorBody = { code: err.code, message: translate(err.code, lang, err.params), requestId: req.id };
  if (err.fields) {
    body.fields = err.fields.map((f) => ({ ...f, message: f.message || translate(f.code, lang) }));
  }
  if (err.details !== undefined) body.details = err.details;
  return body;
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  return reply.status(err.status).type('application/json; charset=utf-8').send(errorBody(req, err));
}

/** Turns whatever was thrown into an AppError without leaking internals. */
export function toAppError(err: unknown, bodyLimit: number, lang: Lang = 'vi'): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return new AppError('VALIDATION_FAILED', {
      fields: err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        code: 'INVALID_VALUE',
        message: schemaProblemMessage(v as SchemaProblem, lang),
      })),
    });
  }
  const e = err as FastifyError & { type?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('EMPTY_JSON_BODY');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE', { params: { limit: formatBytes(bodyLimit) } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', { params: { type: '' } });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_REQUEST');
  }
  if (err instanceof SyntaxError && e.statusCode === 400) return new AppError('MALFORMED_JSON');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', { params: { limit: formatBytes(bodyLimit) } });
    if (e.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', { params: { type: '' } });
    if (e.statusCode === 404) return new AppError('NOT_FOUND');
    return new AppError('BAD_REQUEST');
  }
  return new AppError('INTERNAL', { cause: err });
}

export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err, bodyLimit, requestLang(req));
    if (appErr.code === 'UNSUPPORTED_MEDIA_TYPE') appErr.params.type = String(req.headers['content-type'] ?? '');
    if (appErr.status >= 500) {
      req.log.error({ err: isResponseSerializationError(err) ? err.cause : err }, 'request failed');
    } else {
      req.log.info({ code: appErr.code }, 'request refused');
    }
    return sendError(req, reply, appErr);
  });
}
