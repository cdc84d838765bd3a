import { registerErrorCodes } from '../../core/http/errors.ts';
import { registerMessages } from '../../core/i18n/messages.ts';

export function registerIdentityMessages(): void {
  registerErrorCodes({ DEV_LOGIN_DISABLED: 404, DEV_LOGIN_UNKNOWN_UNIT: 400, DEV_LOGIN_ORG_ABSENT: 400 });
  registerMessages({
    DEV_LOGIN_DISABLED: {
      vi: 'Đăng nhập thử nghiệm không được bật trên hệ thống này.',
      en: 'The development sign-in is not enabled on this system.',
    },
    DEV_LOGIN_UNKNOWN_UNIT: {
      vi: 'Không có đơn vị mang mã "{code}".',
      en: 'There is no unit with code "{code}".',
    },
    DEV_LOGIN_ORG_ABSENT: {
      vi: 'Tổ chức này không được tổ chức ở cấp của đơn vị đã chọn.',
      en: 'This organisation does not exist at the level of the chosen unit.',
    },
  });
}
