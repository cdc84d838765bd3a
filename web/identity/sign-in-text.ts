import type { Localized } from '../shared/i18n.ts';

export const signInText = {
  vi: {
    title: 'Đăng nhập cán bộ',
    description: 'Đăng nhập dành cho cán bộ Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội các cấp.',
    heading: 'Đăng nhập cán bộ',
    devBadge: 'Đăng nhập thử nghiệm — chỉ dùng cho môi trường phát triển',
    devLead: 'Cán bộ thử nghiệm chọn đơn vị, tổ chức và vai trò để đăng nhập, không cần tài khoản.',
    ssoLead: 'Một Tài khoản Mặt trận số dùng cho mọi ứng dụng: Cơ sở dữ liệu, Phản ánh kiến nghị, Thư viện số…',
    sso: 'Đăng nhập bằng Tài khoản Mặt trận số',
    devHeading: 'Hoặc: đăng nhập thử nghiệm',
    unit: 'Đơn vị',
    unitHint:
      'Nhập mã hoặc tên tỉnh, thành phố, xã, phường, đặc khu — gõ không dấu cũng được (ví dụ: 00004 hoặc ba dinh).',
    chooseUnit: 'Có nhiều đơn vị phù hợp — hãy chọn một:',
    org: 'Tổ chức',
    roles: 'Vai trò',
    rolesHint: 'Chọn ít nhất một vai trò.',
    submit: 'Đăng nhập',
    errorSummary: 'Chưa đăng nhập được. Hãy kiểm tra các mục dưới đây.',
    signedOut: 'Bạn đã đăng xuất.',
    unavailableHeading: 'Chưa thể đăng nhập trên hệ thống này',
    unavailable:
      'Đăng nhập cán bộ sẽ dùng Tài khoản Mặt trận số (đăng nhập một lần). Tính năng này chưa được bật trên hệ thống này; vui lòng liên hệ quản trị viên đơn vị.',
    backHome: 'Về trang chủ',
  },
  en: {
    title: 'Staff sign in',
    description: 'Sign in for cadres of the Vietnam Fatherland Front and the socio-political organisations.',
    heading: 'Staff sign in',
    devBadge: 'Development sign-in — for development environments only',
    devLead: 'Test cadres choose a unit, an organisation and roles to sign in, without an account.',
    ssoLead: 'One Digital Front account for every app: the organisational database, petitions, the digital library…',
    sso: 'Sign in with the Digital Front account',
    devHeading: 'Or: development sign-in',
    unit: 'Unit',
    unitHint:
      'Type the code or name of a province, city, commune, ward or special zone — tone marks are optional (e.g. 00004 or ba dinh).',
    chooseUnit: 'Several units match — choose one:',
    org: 'Organisation',
    roles: 'Roles',
    rolesHint: 'Choose at least one role.',
    submit: 'Sign in',
    errorSummary: 'You are not signed in yet. Check the fields below.',
    signedOut: 'You have signed out.',
    unavailableHeading: 'Staff sign-in is not available on this system',
    unavailable:
      'Staff will sign in with the Digital Front account (single sign-on). It is not enabled on this system yet; please contact your unit administrator.',
    backHome: 'Back to the home page',
  },
} satisfies Localized<Record<string, string>>;
