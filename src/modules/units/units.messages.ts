import { registerErrorCodes } from '../../core/http/errors.ts';
import { registerMessages } from '../../core/i18n/messages.ts';

/** Error codes and messages of the hierarchy module, registered once when the module loads. */
export function registerUnitMessages(): void {
  registerErrorCodes({
    UNIT_NOT_A_COMMUNE: 400,
    UNIT_NOT_A_VILLAGE: 400,
    UNIT_EFFECTIVE_BEFORE_CURRENT: 409,
    UNIT_CODE_TAKEN: 409,
    UNIT_TYPE_INVALID: 400,
    VILLAGE_NAME_REQUIRED: 400,
    VILLAGE_NAME_TOO_LONG: 400,
    VILLAGE_NAME_DUPLICATE: 409,
    VILLAGE_ORDER_MISMATCH: 400,
    REORG_INVALID: 400,
    IMPORT_FILE_REQUIRED: 400,
    IMPORT_EMPTY_FILE: 422,
    IMPORT_WRONG_FILE_TYPE: 415,
    IMPORT_MISSING_COLUMN: 422,
    IMPORT_INVALID_ROWS: 422,
    IMPORT_TOO_MANY_ROWS: 422,
    IMPORT_UNPACKED_TOO_LARGE: 413,
  });
  registerMessages({
    UNIT_NOT_A_COMMUNE: {
      vi: 'Chỉ xã, phường, đặc khu mới lập danh sách thôn, tổ dân phố.',
      en: 'Only communes, wards and special zones keep village lists.',
    },
    UNIT_NOT_A_VILLAGE: { vi: 'Đơn vị này không phải thôn, tổ dân phố.', en: 'This unit is not a village.' },
    UNIT_EFFECTIVE_BEFORE_CURRENT: {
      vi: 'Ngày hiệu lực phải từ ngày {date} trở đi (ngày bắt đầu của trạng thái hiện tại).',
      en: 'The effective date must be on or after {date} (the start of the current state).',
    },
    UNIT_CODE_TAKEN: { vi: 'Mã đơn vị {code} đã được sử dụng.', en: 'Unit code {code} is already in use.' },
    UNIT_TYPE_INVALID: {
      vi: 'Loại đơn vị "{type}" không hợp lệ ở cấp này.',
      en: 'Unit type "{type}" is not valid at this level.',
    },
    VILLAGE_NAME_REQUIRED: { vi: 'Thiếu tên thôn, tổ dân phố.', en: 'The village name is missing.' },
    VILLAGE_NAME_TOO_LONG: {
      vi: 'Tên thôn, tổ dân phố dài quá 100 ký tự.',
      en: 'The village name is longer than 100 characters.',
    },
    VILLAGE_NAME_DUPLICATE: {
      vi: '"{name}" trùng với một thôn, tổ dân phố đã có của xã.',
      en: '"{name}" duplicates an existing village of the commune.',
    },
    VILLAGE_DUPLICATE_IN_FILE: {
      vi: '"{name}" trùng với dòng {other} trong tệp.',
      en: '"{name}" duplicates row {other} of the file.',
    },
    VILLAGE_TYPE_INVALID: {
      vi: 'Loại "{type}" không hợp lệ; dùng một trong: {allowed}.',
      en: 'Type "{type}" is not valid; use one of: {allowed}.',
    },
    VILLAGE_COMMUNE_UNKNOWN: {
      vi: 'Mã xã "{code}" không tồn tại.',
      en: 'Commune code "{code}" does not exist.',
    },
    VILLAGE_COMMUNE_MISMATCH: {
      vi: 'Mã xã "{code}" khác xã đang nhập ({expected}).',
      en: 'Commune code "{code}" is not the commune being imported into ({expected}).',
    },
    VILLAGE_ORDER_INVALID: {
      vi: 'Thứ tự "{value}" phải là số nguyên không âm.',
      en: 'Order "{value}" must be a whole number, zero or more.',
    },
    VILLAGE_ORDER_MISMATCH: {
      vi: 'Danh sách sắp xếp phải gồm đúng các thôn, tổ dân phố hiện có của xã.',
      en: 'The order must list exactly the current villages of the commune.',
    },
    REORG_INVALID: { vi: 'Không thể sắp xếp lại đơn vị: {reason}', en: 'Cannot reorganise: {reason}' },
    IMPORT_FILE_REQUIRED: {
      vi: 'Chưa chọn tệp. Hãy gửi một tệp .xlsx hoặc .csv.',
      en: 'No file was sent. Upload an .xlsx or .csv file.',
    },
    IMPORT_EMPTY_FILE: {
      vi: 'Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc trống).',
      en: 'The file has no data rows (it is empty or has only the header).',
    },
    IMPORT_WRONG_FILE_TYPE: {
      vi: 'Tệp không phải Excel (.xlsx) hoặc CSV (UTF-8). Hãy tải mẫu và lưu đúng định dạng.',
      en: 'The file is not Excel (.xlsx) or CSV (UTF-8). Download the template and save in that format.',
    },
    IMPORT_MISSING_COLUMN: {
      vi: 'Thiếu cột "{column}" ở dòng tiêu đề.',
      en: 'The header row lacks the column "{column}".',
    },
    IMPORT_INVALID_ROWS: {
      vi: 'Có {count} dòng không hợp lệ; chưa có dòng nào được nhập. Hãy sửa rồi nhập lại.',
      en: '{count} rows are not valid; nothing was imported. Fix them and import again.',
    },
    IMPORT_TOO_MANY_ROWS: {
      vi: 'Tệp có quá {max} dòng.',
      en: 'The file has more than {max} rows.',
    },
    IMPORT_UNPACKED_TOO_LARGE: {
      vi: 'Tệp Excel khi giải nén quá lớn (tối đa {limit}); đây không phải một danh sách thôn thông thường.',
      en: 'The Excel file unpacks to too much data (at most {limit}); this is not an ordinary village list.',
    },
    ORG_NOT_AT_VILLAGE: { vi: 'Không tổ chức ở cấp thôn', en: 'Not organised at village level' },
  });
}
