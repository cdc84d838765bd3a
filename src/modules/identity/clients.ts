import { createHmac } from 'node:crypto';

/** The platform's own apps, each a registered client of the provider (names from the glossary). */
export const APP_CLIENTS = [
  { id: 'csdl', name: 'Phần mềm Cơ sở dữ liệu trực tuyến (CSDL)', home: '/quan-tri' },
  { id: 'pakn', name: 'Phần mềm tiếp nhận, xử lý phản ánh, kiến nghị của người dân (PAKN)', home: '/quan-tri' },
  { id: 'thu-vien', name: 'Thư viện số cộng đồng', home: '/quan-tri' },
  { id: 'tro-ly', name: 'Trợ lý ảo phục vụ công tác tham mưu của Mặt trận các cấp', home: '/quan-tri' },
  {
    id: 'dai-hoi',
    name: 'Phần mềm theo dõi tiến độ, kết quả Đại hội Mặt trận Tổ quốc Việt Nam các cấp',
    home: '/quan-tri',
  },
  { id: 'hoi-vien', name: 'Quản lý đoàn viên, hội viên', home: '/quan-tri' },
] as const;
export type AppClientId = (typeof APP_CLIENTS)[number]['id'];

export function appClient(id: string) {
  return APP_CLIENTS.find((c) => c.id === id) ?? null;
}

/** Each app's secret, derived from the server's token secret: the same on every instance, never stored. */
export function appClientSecret(tokenSecret: string, clientId: string): string {
  return createHmac('sha256', tokenSecret).update(`oidc-client:${clientId}`).digest('base64url');
}

export const appRedirectUri = (publicUrl: string, id: string) => `${publicUrl}/apps/${id}/callback`;
export const appPostLogoutUri = (publicUrl: string, id: string) => `${publicUrl}/apps/${id}/signed-out`;
export const appBackchannelUri = (publicUrl: string, id: string) => `${publicUrl}/apps/${id}/backchannel-logout`;

/** The static client metadata oidc-provider registers at start: exact redirect URIs under the public URL. */
export function appClientMetadata(publicUrl: string, tokenSecret: string) {
  return APP_CLIENTS.map((c) => ({
    client_id: c.id,
    client_name: c.name,
    client_secret: appClientSecret(tokenSecret, c.id),
    redirect_uris: [appRedirectUri(publicUrl, c.id)],
    post_logout_redirect_uris: [appPostLogoutUri(publicUrl, c.id)],
    backchannel_logout_uri: appBackchannelUri(publicUrl, c.id),
    backchannel_logout_session_required: true,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }));
}
