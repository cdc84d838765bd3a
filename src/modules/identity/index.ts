import type { AppContext, AppModule } from '../../core/context.ts';
import { registerAccountRoutes } from './accounts.routes.ts';
import { registerAdminPages } from './admin.pages.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { registerDevLoginRoutes } from './dev-login.ts';
import { registerIdentityMessages } from './identity.messages.ts';
import { registerIdentityPages } from './identity.pages.ts';
import { createInProcessFetch } from './in-process-fetch.ts';
import { registerInteractions } from './interactions.ts';
import { createOidc, mountOidc } from './provider.ts';
import { registerRelyingParties } from './relying-party.ts';
import { createSealer } from './secrets.ts';
import { registerVneidBroker, vneidConfigFromEnv } from './vneid.ts';

registerIdentityMessages();

/**
 * Accounts and single sign-on: the OpenID provider at /oidc, its interactions (password, second factor), the
 * platform's apps as relying parties (/apps/<client>/…), account administration, self-service and audit. The
 * development sign-in stays for development and tests (refused in production).
 */
export const identityModule: AppModule = {
  name: 'identity',
  async routes(app, ctx: AppContext) {
    const sealer = createSealer(ctx.config.tokenSecret);
    // Login attempts per client address per minute (IDENTITY_LOGIN_RATE_LIMIT; benchmarks raise it).
    const loginRateLimit = Number(process.env.IDENTITY_LOGIN_RATE_LIMIT ?? 20) || 20;
    const fetchImpl = createInProcessFetch(() => app, ctx.config.publicUrl);
    const oidc = await createOidc(ctx, sealer, fetchImpl);
    await mountOidc(app, oidc);
    const vneid = vneidConfigFromEnv();
    registerInteractions(app, { ctx, oidc, sealer, loginRateLimit, vneidEnabled: vneid !== null });
    if (vneid) registerVneidBroker(app, ctx, oidc, vneid, fetchImpl);
    registerRelyingParties(app, ctx, oidc, fetchImpl);
    registerAccountRoutes(app, { ctx, oidc, sealer });
    registerAdminPages(app, { ctx, oidc, sealer });
    registerDevLoginRoutes(app, ctx);
    registerAuditRoutes(app, ctx);
    registerIdentityPages(app, ctx);
  },
};

export { findStaffAccount, type StaffAccountCard, staffAccountsWithRole, staffContacts } from './account-directory.ts';
export {
  CITIZEN_COOKIE,
  citizenOfRequest,
  createCitizenSession,
  endCitizenSession,
  type SignedInCitizen,
} from './citizen-session.ts';
export { vneidConfigFromEnv } from './vneid.ts';
