import type { Lang } from '../../core/i18n/language.ts';

/** Text of the account pages, decided on the server (the page component only lays it out). */
const vi = {
  loginTitle: 'Đăng nhập',
  loginHeading: 'Đăng nhập Mặt trận số',
  loginLead: 'Một tài khoản cho mọi ứng dụng của Mặt trận số.',
  loginFor: 'Đăng nhập để dùng: {client}',
  identifier: 'Tên đăng nhập, thư điện tử hoặc số điện thoại',
  password: 'Mật khẩu',
  submitLogin: 'Đăng nhập',
  loginFailed: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  tooManyAttempts: 'Bạn đã thử quá nhiều lần. Hãy đợi một lát rồi thử lại.',
  forgot: 'Quên mật khẩu?',
  vneid: 'Đăng nhập bằng VNeID',
  mfaTitle: 'Xác thực hai lớp',
  mfaLead: 'Nhập mã 6 số trong ứng dụng xác thực trên điện thoại của bạn.',
  mfaCode: 'Mã xác thực',
  mfaCodeHint: '6 chữ số, đổi sau mỗi 30 giây.',
  mfaSubmit: 'Xác nhận',
  mfaFailed: 'Mã xác thực không đúng hoặc đã hết hạn.',
  recoveryCode: 'Mã khôi phục',
  recoveryHint: 'Dùng khi không có điện thoại: mỗi mã chỉ dùng được một lần.',
  recoverySubmit: 'Dùng mã khôi phục',
  enrolTitle: 'Bật xác thực hai lớp',
  enrolLead:
    'Tài khoản quản trị bắt buộc dùng xác thực hai lớp. Quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) rồi nhập mã 6 số.',
  enrolQrAlt: 'Mã QR để thêm tài khoản vào ứng dụng xác thực',
  enrolDone: 'Đã bật xác thực hai lớp.',
  recoveryHeading: 'Mã khôi phục (chỉ hiển thị một lần — hãy lưu lại)',
  continue: 'Tôi đã lưu các mã — tiếp tục',
  consentTitle: 'Cho phép ứng dụng',
  consentLead: 'Ứng dụng "{client}" muốn dùng tài khoản Mặt trận số của bạn (họ tên, đơn vị, tổ chức, vai trò).',
  consentAllow: 'Cho phép',
  sessionExpired: 'Phiên đăng nhập đã hết hạn. Hãy mở lại ứng dụng để đăng nhập.',
  back: 'Về trang chủ',
};
type Text = typeof vi;
const en: Text = {
  loginTitle: 'Sign in',
  loginHeading: 'Sign in to Digital Front',
  loginLead: 'One account for every Digital Front app.',
  loginFor: 'Sign in to use: {client}',
  identifier: 'Username, e-mail or phone number',
  password: 'Password',
  submitLogin: 'Sign in',
  loginFailed: 'Wrong username or password.',
  tooManyAttempts: 'Too many attempts. Wait a moment and try again.',
  forgot: 'Forgot your password?',
  vneid: 'Sign in with VNeID',
  mfaTitle: 'Two-step verification',
  mfaLead: 'Type the 6-digit code from the authenticator app on your phone.',
  mfaCode: 'Verification code',
  mfaCodeHint: '6 digits, changing every 30 seconds.',
  mfaSubmit: 'Verify',
  mfaFailed: 'The code is wrong or has expired.',
  recoveryCode: 'Recovery code',
  recoveryHint: 'For when you do not have your phone: each code works once.',
  recoverySubmit: 'Use a recovery code',
  enrolTitle: 'Turn on two-step verification',
  enrolLead:
    'Administrator accounts must use two-step verification. Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator…) and type the 6-digit code.',
  enrolQrAlt: 'QR code to add the account to an authenticator app',
  enrolDone: 'Two-step verification is on.',
  recoveryHeading: 'Recovery codes (shown once — keep them safe)',
  continue: 'I have saved the codes — continue',
  consentTitle: 'Allow the app',
  consentLead: 'The app "{client}" wants to use your Digital Front account (name, unit, organisation, roles).',
  consentAllow: 'Allow',
  sessionExpired: 'The sign-in has expired. Open the app again to sign in.',
  back: 'Back to the home page',
};

export function identityText(lang: Lang): Text {
  return lang === 'en' ? en : vi;
}

export function fill(s: string, params: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}
