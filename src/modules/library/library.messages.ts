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
    // The librarian's edit page (forms without JavaScript): each message names the field it is about.
    LIBRARY_FORM_NOT_SAVED: {
      vi: 'Chưa lưu được, không có gì thay đổi. Hãy kiểm tra các mục được đánh dấu.',
      en: 'Not saved, nothing was changed. Check the marked fields.',
    },
    LIBRARY_FIELD_DATE_INVALID: {
      vi: '{field}: "{value}" không phải là ngày hợp lệ. Nhập ngày/tháng/năm, ví dụ 01/07/2025.',
      en: '{field}: "{value}" is not a valid date. Enter day/month/year, e.g. 01/07/2025.',
    },
    LIBRARY_FIELD_REQUIRED: { vi: '{field}: chưa nhập.', en: '{field}: this is required.' },
    LIBRARY_FIELD_LENGTH: {
      vi: '{field}: cần từ {min} đến {max} ký tự.',
      en: '{field}: between {min} and {max} characters are needed.',
    },
    LIBRARY_FIELD_CHOICE: {
      vi: '{field}: hãy chọn một mục trong danh sách.',
      en: '{field}: choose one from the list.',
    },
    LIBRARY_FIELD_ARTICLE_INVALID: {
      vi: '{field}: "{value}" không phải số điều (ví dụ 5 hoặc 5a).',
      en: '{field}: "{value}" is not an article number (e.g. 5 or 5a).',
    },
    LIBRARY_FIELD_TARGET_UNKNOWN: {
      vi: '{field}: không tìm thấy văn bản "{value}" trong thư viện. Nhập số hiệu (ví dụ 75/2015/QH13) hoặc mã văn bản.',
      en: '{field}: no document "{value}" in the library. Enter its number (e.g. 75/2015/QH13) or its id.',
    },
    LIBRARY_FIELD_TARGET_SELF: {
      vi: '{field}: không thể chọn chính văn bản này.',
      en: '{field}: this document itself cannot be chosen.',
    },
    LIBRARY_UNCHANGED: { vi: 'Không có thay đổi nào để lưu.', en: 'There was nothing to change.' },
    LIBRARY_RELATION_ADDED: { vi: 'Đã thêm quan hệ.', en: 'The relation was added.' },
    LIBRARY_RELATION_REMOVED: { vi: 'Đã gỡ quan hệ.', en: 'The relation was removed.' },
    LIBRARY_LABEL_title: { vi: 'Tên văn bản', en: 'Title' },
    LIBRARY_LABEL_docType: { vi: 'Loại văn bản', en: 'Document type' },
    LIBRARY_LABEL_issuer: { vi: 'Cơ quan ban hành', en: 'Issued by' },
    LIBRARY_LABEL_field: { vi: 'Lĩnh vực', en: 'Field' },
    LIBRARY_LABEL_issuedDate: { vi: 'Ngày ban hành', en: 'Issued on' },
    LIBRARY_LABEL_effectiveDate: { vi: 'Ngày hiệu lực', en: 'In effect from' },
    LIBRARY_LABEL_status: { vi: 'Tình trạng hiệu lực', en: 'Status' },
    LIBRARY_LABEL_statusDate: { vi: 'Ngày của tình trạng', en: 'Status date' },
    LIBRARY_LABEL_statusNote: { vi: 'Ghi chú', en: 'Note' },
    LIBRARY_LABEL_replacedBy: { vi: 'Văn bản thay thế', en: 'Replacing document' },
    LIBRARY_LABEL_kind: { vi: 'Loại quan hệ', en: 'Kind of relation' },
    LIBRARY_LABEL_target: { vi: 'Văn bản liên quan', en: 'Related document' },
    LIBRARY_LABEL_sourceArticleNo: { vi: 'Điều của văn bản này', en: 'Article of this document' },
    LIBRARY_LABEL_targetArticleNo: { vi: 'Điều của văn bản liên quan', en: 'Article of the related document' },
  });
}
