import type { AppModule } from '../../core/context.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { registerDevLoginRoutes } from './dev-login.ts';
import { registerIdentityMessages } from './identity.messages.ts';
import { registerIdentityPages } from './identity.pages.ts';

registerIdentityMessages();

/** Accounts and sign-in. For now the development sign-in; single sign-on (OIDC) arrives with its issue. */
export const identityModule: AppModule = {
  name: 'identity',
  async routes(app, ctx) {
    registerDevLoginRoutes(app, ctx);
    registerAuditRoutes(app, ctx);
    registerIdentityPages(app, ctx);
  },
};
