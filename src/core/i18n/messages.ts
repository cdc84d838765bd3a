import type { Lang } from './language.ts';

type Params = Record<string, string | number>;
type Message = { vi: string; en: string };

/** Messages of the error codes every module shares. Modules register their own with `registerMessages`. */
const messages: Record<string, Message> = {
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  VALIDATION_FAILED: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The submitted data is not valid.' },
  MALFORMED_JSON: {
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  EMPTY_JSON_BODY: {
    vi: 'Yêu cầu khai báo nội dung JSON nhưng nội dung trống.',
    en: 'The request declares a JSON body but the body is empty.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Kiểu nội dung "{type}" không được hỗ trợ.',
    en: 'Content type "{type}" is not supported.',
  },
  PAYLOAD_TOO_LARGE: {
    vi: 'Nội dung gửi lên quá lớn (tối đa {limit}).',
    en: 'The request body is too large (at most {limit}).',
  },
  UNAUTHENTICATED: { vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { vi: 'Không tìm thấy.', en: 'Not found.' },
  ROUTE_NOT_FOUND: {
    vi: 'Không tìm thấy đường dẫn {method} {url}.',
    en: 'There is no route {method} {url}.',
  },
  METHOD_NOT_ALLOWED: {
    vi: 'Phương thức {method} không được hỗ trợ tại {url}.',
    en: 'Method {method} is not allowed at {url}.',
  },
  CONFLICT: { vi: 'Dữ liệu đã bị thay đổi hoặc đã tồn tại.', en: 'The data has changed or already exists.' },
  RATE_LIMITED: {
    vi: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau {after}.',
    en: 'Too many requests. Please try again in {after}.',
  },
  SERVICE_UNAVAILABLE: {
    vi: 'Hệ thống đang tạm ngừng phục vụ. Vui lòng thử lại sau.',
    en: 'The service is temporarily unavailable. Please try again later.',
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại; nếu lỗi còn, hãy báo mã yêu cầu cho quản trị viên.',
    en: 'Something went wrong on our side. Please retry; if it persists, report the request id to an administrator.',
  },
};

export function registerMessages(more: Record<string, Message>): void {
  for (const [code, msg] of Object.entries(more)) {
    if (messages[code] && messages[code].vi !== msg.vi) throw new Error(`Message code ${code} registered twice`);
    messages[code] = msg;
  }
}

export function hasMessage(code: string): boolean {
  return code in messages;
}

export function translate(code: string, lang: Lang, params: Params = {}): string {
  const msg = messages[code] ?? messages.INTERNAL!;
  return msg[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
