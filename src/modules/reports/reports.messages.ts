import { registerErrorCodes } from '../../core/http/errors.ts';
import { registerMessages } from '../../core/i18n/messages.ts';

/** Error codes and messages of the reports module (CSDL), registered once when the module loads. */
export function registerReportMessages(): void {
  registerErrorCodes({
    REPORT_INVALID: 400,
    REPORT_WEEK_INVALID: 400,
    REPORT_FORM_INVALID: 400,
    REPORT_NOT_EXPECTED: 400,
    REPORT_LOCKED: 409,
    REPORT_WRONG_STATE: 409,
    REPORT_STALE: 409,
    REPORT_FUTURE_WEEK: 400,
    REPORT_RETURN_COMMENT_REQUIRED: 400,
    PROFILE_INVALID: 400,
    PROFILE_CONFIRM_LARGE_CHANGE: 409,
    CADRE_INVALID: 400,
    CADRE_IMPORT_INVALID_ROWS: 422,
    CADRE_IMPORT_EMPTY: 422,
    CADRE_IMPORT_NOT_XLSX: 415,
    CADRE_IMPORT_MISSING_COLUMN: 422,
    CADRE_IMPORT_TOO_MANY_ROWS: 422,
    REPORT_RANGE_TOO_LONG: 400,
  });
  registerMessages({
    REPORT_INVALID: {
      vi: 'Báo cáo có {count} ô chưa hợp lệ; chưa có gì được lưu. Hãy sửa các ô được đánh dấu.',
      en: 'The report has {count} invalid fields; nothing was saved. Fix the marked fields.',
    },
    REPORT_FIELD_UNKNOWN: { vi: 'Mẫu báo cáo không có chỉ tiêu "{key}".', en: 'The form has no field "{key}".' },
    REPORT_FIELD_REQUIRED: { vi: '{label}: bắt buộc nhập.', en: '{label}: required.' },
    REPORT_FIELD_NOT_INTEGER: {
      vi: '{label}: "{value}" không phải số nguyên.',
      en: '{label}: "{value}" is not a whole number.',
    },
    REPORT_FIELD_TOO_SMALL: { vi: '{label}: không được nhỏ hơn {min}.', en: '{label}: must not be less than {min}.' },
    REPORT_FIELD_TOO_LARGE: { vi: '{label}: không được lớn hơn {max}.', en: '{label}: must not be more than {max}.' },
    REPORT_FIELD_TOO_LONG: {
      vi: '{label}: dài {length} ký tự, tối đa {max}.',
      en: '{label}: {length} characters, at most {max}.',
    },
    REPORT_FIELD_ABOVE_OTHER: {
      vi: '{label}: không được lớn hơn {other} ({value}).',
      en: '{label}: must not exceed {other} ({value}).',
    },
    REPORT_WEEK_INVALID: {
      vi: 'Kỳ báo cáo "{week}" không hợp lệ; dùng dạng 2026-W47.',
      en: 'Reporting period "{week}" is not valid; use the form 2026-W47.',
    },
    REPORT_FUTURE_WEEK: {
      vi: 'Chưa đến kỳ báo cáo tuần {week}.',
      en: 'The reporting period of week {week} has not started yet.',
    },
    REPORT_FORM_INVALID: { vi: 'Mẫu báo cáo không hợp lệ: {reason}.', en: 'The report form is not valid: {reason}.' },
    REPORT_NOT_EXPECTED: {
      vi: 'Tổ chức này không thuộc đối tượng báo cáo theo mẫu {form}.',
      en: 'This organisation does not report on form {form}.',
    },
    REPORT_LOCKED: {
      vi: 'Báo cáo tuần {week} đã khóa từ {lockedAt}; chỉ cấp trên mới mở lại được.',
      en: 'The report for week {week} has been locked since {lockedAt}; only a superior can reopen it.',
    },
    REPORT_WRONG_STATE: {
      vi: 'Không thể thực hiện khi báo cáo đang ở trạng thái "{status}".',
      en: 'Not possible while the report is "{status}".',
    },
    REPORT_STALE: {
      vi: 'Báo cáo vừa được người khác thay đổi; hãy tải lại trang.',
      en: 'Someone else changed the report just now; reload the page.',
    },
    REPORT_RETURN_COMMENT_REQUIRED: {
      vi: 'Khi trả lại báo cáo phải ghi ý kiến (lý do, nội dung cần sửa).',
      en: 'Returning a report needs a comment (why, what to correct).',
    },
    REPORT_RANGE_TOO_LONG: {
      vi: 'Khoảng thời gian tối đa {max} tuần.',
      en: 'The range is at most {max} weeks.',
    },
    PROFILE_INVALID: {
      vi: 'Hồ sơ tổ chức có {count} ô chưa hợp lệ; chưa có gì được lưu.',
      en: 'The organisation profile has {count} invalid fields; nothing was saved.',
    },
    PROFILE_NEGATIVE: { vi: '{label}: không được âm.', en: '{label}: must not be negative.' },
    PROFILE_EXECUTIVE_ABOVE_MEMBERS: {
      vi: 'Số ủy viên Ban Chấp hành ({executive}) không được lớn hơn số hội viên, đoàn viên ({members}).',
      en: 'Executive committee members ({executive}) must not exceed the membership ({members}).',
    },
    PROFILE_CONFIRM_LARGE_CHANGE: {
      vi: 'Có số liệu thay đổi quá một nửa so với lần trước: {fields}. Hãy kiểm tra và xác nhận để lưu.',
      en: 'Some figures changed by more than half since last time: {fields}. Check them and confirm to save.',
    },
    PROFILE_LARGE_CHANGE: {
      vi: '{label}: {from} → {to}, thay đổi hơn 50%.',
      en: '{label}: {from} → {to}, a change of more than 50%.',
    },
    CADRE_INVALID: {
      vi: 'Thông tin cán bộ có {count} ô chưa hợp lệ; chưa có gì được lưu.',
      en: 'The cadre record has {count} invalid fields; nothing was saved.',
    },
    CADRE_NAME_REQUIRED: { vi: 'Thiếu họ và tên.', en: 'The full name is missing.' },
    CADRE_NAME_TOO_LONG: { vi: 'Họ và tên dài quá 120 ký tự.', en: 'The full name is longer than 120 characters.' },
    CADRE_GENDER_INVALID: {
      vi: 'Giới tính "{value}" không hợp lệ; dùng Nam, Nữ hoặc Khác.',
      en: 'Gender "{value}" is not valid; use Nam, Nữ or Khác.',
    },
    CADRE_BIRTH_YEAR_INVALID: {
      vi: 'Năm sinh "{value}" không hợp lệ (từ {min} đến {max}).',
      en: 'Year of birth "{value}" is not valid ({min} to {max}).',
    },
    CADRE_POSITION_REQUIRED: { vi: 'Thiếu chức vụ.', en: 'The position is missing.' },
    CADRE_PHONE_INVALID: {
      vi: 'Số điện thoại "{value}" không hợp lệ (10 chữ số, bắt đầu bằng 0).',
      en: 'Phone number "{value}" is not valid (10 digits starting with 0).',
    },
    CADRE_YES_NO_INVALID: {
      vi: '{label}: "{value}" không hợp lệ; dùng Có hoặc Không.',
      en: '{label}: "{value}" is not valid; use Có (yes) or Không (no).',
    },
    CADRE_DUPLICATE_IN_FILE: {
      vi: 'Trùng với dòng {other} (cùng họ tên và năm sinh).',
      en: 'Duplicates row {other} (same name and year of birth).',
    },
    CADRE_IMPORT_INVALID_ROWS: {
      vi: 'Có {count} dòng không hợp lệ; chưa có dòng nào được nhập. Hãy sửa rồi nhập lại.',
      en: '{count} rows are not valid; nothing was imported. Fix them and import again.',
    },
    CADRE_IMPORT_EMPTY: { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' },
    CADRE_IMPORT_NOT_XLSX: {
      vi: 'Tệp không phải Excel (.xlsx). Hãy tải mẫu và lưu đúng định dạng.',
      en: 'The file is not Excel (.xlsx). Download the template and save in that format.',
    },
    CADRE_IMPORT_MISSING_COLUMN: {
      vi: 'Thiếu cột "{column}" ở dòng tiêu đề.',
      en: 'The header row lacks the column "{column}".',
    },
    CADRE_IMPORT_TOO_MANY_ROWS: { vi: 'Tệp có quá {max} dòng.', en: 'The file has more than {max} rows.' },
  });
}
