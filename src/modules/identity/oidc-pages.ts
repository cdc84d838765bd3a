/**
 * The few pages the provider itself renders (inside its Koa app, outside the React page system): plain,
 * Vietnamese, no script or inline style (the site's CSP), usable at 360 px.
 */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Mặt trận số</title><meta name="robots" content="noindex"></head><body><main><p><a href="/">Mặt trận số</a></p>${body}</main></body></html>`;
}

export function oidcLogoutPage(form: string): string {
  return page(
    'Đăng xuất',
    `${form}<h1>Đăng xuất khỏi Mặt trận số?</h1><p>Bạn sẽ được đăng xuất khỏi tất cả các ứng dụng đang dùng tài khoản này.</p><p><button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất khỏi tất cả ứng dụng</button></p><p><a href="/quan-tri">Quay lại</a></p>`,
  );
}

export function oidcSignedOutPage(): string {
  return page('Đã đăng xuất', '<h1>Bạn đã đăng xuất</h1><p><a href="/dang-nhap">Đăng nhập lại</a></p>');
}

const ERRORS: Record<string, string> = {
  invalid_request: 'Yêu cầu đăng nhập không hợp lệ (thiếu hoặc sai tham số).',
  invalid_client: 'Ứng dụng yêu cầu đăng nhập chưa được đăng ký.',
  invalid_redirect_uri: 'Địa chỉ quay lại của ứng dụng không khớp với địa chỉ đã đăng ký.',
  unsupported_response_type: 'Hệ thống chỉ hỗ trợ luồng mã xác thực (authorization code).',
  access_denied: 'Yêu cầu đăng nhập đã bị từ chối.',
  login_required: 'Bạn cần đăng nhập.',
  session_not_found: 'Phiên đăng nhập đã hết hạn. Hãy bắt đầu lại từ ứng dụng.',
};

export function oidcErrorPage(code: string): string {
  const message = ERRORS[code] ?? 'Đã có lỗi khi đăng nhập. Hãy thử lại từ ứng dụng.';
  return page(
    'Lỗi đăng nhập',
    `<h1>Không thể đăng nhập</h1><p>${escapeHtml(message)}</p><p>Mã lỗi: <code>${escapeHtml(code)}</code></p><p><a href="/dang-nhap">Về trang đăng nhập</a></p>`,
  );
}
