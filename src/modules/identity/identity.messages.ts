import { registerErrorCodes } from '../../core/http/errors.ts';
import { registerMessages } from '../../core/i18n/messages.ts';

export function registerIdentityMessages(): void {
  registerErrorCodes({
    DEV_LOGIN_DISABLED: 404,
    DEV_LOGIN_UNKNOWN_UNIT: 400,
    DEV_LOGIN_ORG_ABSENT: 400,
    ACCOUNT_ROLE_BEYOND_YOURS: 403,
    ACCOUNT_SELF_CHANGE: 403,
    ACCOUNT_IDENTIFIER_TAKEN: 409,
    ACCOUNT_UNKNOWN_UNIT: 400,
    ACCOUNT_ORG_ABSENT: 400,
    ACCOUNT_ROLES_REQUIRED: 400,
    ACCOUNT_USERNAME_INVALID: 400,
    ACCOUNT_DUPLICATE_IN_FILE: 400,
    ACCOUNT_IMPORT_INVALID: 400,
    ACCOUNT_NOT_REAL: 400,
    ACCOUNT_UNIT_OUT_OF_SCOPE: 404,
    PASSWORD_TOO_SHORT: 400,
    PASSWORD_TOO_LONG: 400,
    PASSWORD_IS_USERNAME: 400,
    PASSWORD_COMMON: 400,
    PASSWORD_WRONG: 400,
    PASSWORD_MISMATCH: 400,
    RESET_LINK_INVALID: 400,
    MFA_CODE_WRONG: 400,
    MFA_REQUIRED_FOR_ADMIN: 403,
    SSO_CALLBACK_FAILED: 400,
    SSO_NOT_STAFF: 403,
    CLIENT_ID_TAKEN: 409,
    CLIENT_REDIRECT_INVALID: 400,
  });
  registerMessages({
    DEV_LOGIN_DISABLED: {
      vi: 'Đăng nhập thử nghiệm không được bật trên hệ thống này.',
      en: 'The development sign-in is not enabled on this system.',
    },
    DEV_LOGIN_UNKNOWN_UNIT: { vi: 'Không có đơn vị mang mã "{code}".', en: 'There is no unit with code "{code}".' },
    DEV_LOGIN_ORG_ABSENT: {
      vi: 'Tổ chức này không được tổ chức ở cấp của đơn vị đã chọn.',
      en: 'This organisation does not exist at the level of the chosen unit.',
    },
    ACCOUNT_ROLE_BEYOND_YOURS: {
      vi: 'Bạn không thể cấp hoặc quản lý vai trò mà chính bạn không có: {roles}.',
      en: 'You cannot grant or manage a role you do not hold yourself: {roles}.',
    },
    ACCOUNT_SELF_CHANGE: {
      vi: 'Bạn không thể tự thay đổi vai trò hoặc khóa tài khoản của chính mình.',
      en: 'You cannot change the roles or status of your own account.',
    },
    ACCOUNT_IDENTIFIER_TAKEN: {
      vi: 'Tên đăng nhập, thư điện tử hoặc số điện thoại đã được dùng cho tài khoản khác.',
      en: 'The username, e-mail or phone number is already used by another account.',
    },
    ACCOUNT_UNKNOWN_UNIT: { vi: 'Không có đơn vị mang mã "{code}".', en: 'There is no unit with code "{code}".' },
    ACCOUNT_ORG_ABSENT: {
      vi: 'Tổ chức này không được tổ chức ở cấp của đơn vị đã chọn.',
      en: 'This organisation does not exist at the level of the chosen unit.',
    },
    ACCOUNT_ROLES_REQUIRED: { vi: 'Hãy chọn ít nhất một vai trò.', en: 'Choose at least one role.' },
    ACCOUNT_USERNAME_INVALID: {
      vi: 'Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.',
      en: 'A username has 3–64 characters: unaccented letters, digits, dot, underscore or hyphen.',
    },
    ACCOUNT_DUPLICATE_IN_FILE: {
      vi: 'Trùng tên đăng nhập, thư điện tử hoặc số điện thoại với dòng {row} trong tệp.',
      en: 'Same username, e-mail or phone number as row {row} of the file.',
    },
    ACCOUNT_IMPORT_INVALID: {
      vi: 'Tệp có dòng không hợp lệ; chưa tạo tài khoản nào. Sửa các dòng được nêu rồi nhập lại.',
      en: 'The file has invalid rows; no account was created. Fix the rows listed and import again.',
    },
    ACCOUNT_UNIT_OUT_OF_SCOPE: {
      vi: 'Đơn vị mang mã "{code}" không thuộc phạm vi quản lý của bạn.',
      en: 'The unit with code "{code}" is outside your scope.',
    },
    ACCOUNT_NOT_REAL: {
      vi: 'Phiên thử nghiệm không gắn với tài khoản thật.',
      en: 'A development session is not tied to a real account.',
    },
    PASSWORD_TOO_SHORT: {
      vi: 'Mật khẩu phải có ít nhất 12 ký tự.',
      en: 'The password must have at least 12 characters.',
    },
    PASSWORD_TOO_LONG: { vi: 'Mật khẩu dài quá 128 ký tự.', en: 'The password is longer than 128 characters.' },
    PASSWORD_IS_USERNAME: {
      vi: 'Mật khẩu không được là tên đăng nhập, thư điện tử hoặc số điện thoại.',
      en: 'The password must not be the username, e-mail or phone number.',
    },
    PASSWORD_COMMON: {
      vi: 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
      en: 'This password is among the most common ones and easy to guess. Choose another.',
    },
    PASSWORD_WRONG: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
    PASSWORD_MISMATCH: { vi: 'Hai lần nhập mật khẩu mới không khớp.', en: 'The two new passwords do not match.' },
    RESET_LINK_INVALID: {
      vi: 'Liên kết đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.',
      en: 'The reset link is invalid, used or expired. Ask for a new one.',
    },
    MFA_CODE_WRONG: { vi: 'Mã xác thực không đúng hoặc đã hết hạn.', en: 'The code is wrong or has expired.' },
    MFA_REQUIRED_FOR_ADMIN: {
      vi: 'Tài khoản quản trị bắt buộc dùng xác thực hai lớp.',
      en: 'Administrator accounts must use two-step verification.',
    },
    SSO_CALLBACK_FAILED: {
      vi: 'Không hoàn tất được đăng nhập. Hãy mở lại ứng dụng và đăng nhập lại.',
      en: 'The sign-in could not be completed. Open the app again and sign in.',
    },
    SSO_NOT_STAFF: {
      vi: 'Tài khoản này không phải tài khoản cán bộ nên không dùng được ứng dụng này.',
      en: 'This is not a staff account, so it cannot use this app.',
    },
    CLIENT_ID_TAKEN: { vi: 'Mã ứng dụng đã được dùng.', en: 'The client id is already used.' },
    CLIENT_REDIRECT_INVALID: {
      vi: 'Địa chỉ quay lại phải là địa chỉ https đầy đủ (http chỉ cho localhost), không có phần #.',
      en: 'A redirect URI must be a full https URL (http only for localhost), without a # part.',
    },
  });
}
