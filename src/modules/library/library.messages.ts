import { registerErrorCodes } from '../../core/http/errors.ts';
import { registerMessages } from '../../core/i18n/messages.ts';

/** Error codes and messages of the library, registered once when the module loads. */
export function registerLibraryMessages(): void {
  registerErrorCodes({
    LIBRARY_UPLOAD_REQUIRED: 400,
    LIBRARY_UPLOAD_WRONG_TYPE: 415,
    LIBRARY_UPLOAD_UNREADABLE: 422,
    LIBRARY_UPLOAD_NO_ARTICLES: 422,
    LIBRARY_DOCUMENT_EXISTS: 409,
    LIBRARY_DOCUMENT_INVALID: 400,
    LIBRARY_RELATION_TARGET_UNKNOWN: 400,
  });
  registerMessages({
    LIBRARY_SAVED: { vi: 'Đã lưu thay đổi vào thư viện.', en: 'The change was saved to the library.' },
    LIBRARY_UPLOAD_REQUIRED: {
      vi: 'Chưa chọn tệp văn bản (.docx hoặc .pdf).',
      en: 'No document file (.docx or .pdf) was sent.',
    },
    LIBRARY_UPLOAD_WRONG_TYPE: {
      vi: 'Chỉ nhận tệp Word (.docx) hoặc PDF có lớp chữ.',
      en: 'Only Word (.docx) or PDF files with a text layer are accepted.',
    },
    LIBRARY_UPLOAD_UNREADABLE: {
      vi: 'Không đọc được nội dung tệp: tệp bị hỏng hoặc không có lớp chữ (PDF quét ảnh).',
      en: 'The file could not be read: it is damaged or has no text layer (a scanned PDF).',
    },
    LIBRARY_UPLOAD_NO_ARTICLES: {
      vi: 'Không tìm thấy điều nào trong văn bản (cần các dòng bắt đầu bằng "Điều 1.", "Điều 2."…).',
      en: 'No articles were found (lines starting with "Điều 1.", "Điều 2."… are needed).',
    },
    LIBRARY_DOCUMENT_EXISTS: {
      vi: 'Văn bản số {number} đã có trong thư viện.',
      en: 'Document {number} is already in the library.',
    },
    LIBRARY_DOCUMENT_INVALID: {
      vi: 'Thông tin văn bản không hợp lệ: {reason}',
      en: 'The document is not valid: {reason}',
    },
    LIBRARY_RELATION_TARGET_UNKNOWN: {
      vi: 'Văn bản liên quan "{target}" không có trong thư viện.',
      en: 'The related document "{target}" is not in the library.',
    },
  });
}
