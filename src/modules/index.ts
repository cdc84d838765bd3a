import type { ModuleName } from '../core/config.ts';
import type { AppModule } from '../core/context.ts';

/** Each module is loaded only when enabled (MODULES=…), so a deployment of one app carries no other. */
export const moduleLoaders: Record<ModuleName, () => Promise<AppModule>> = {
  units: async () => (await import('./units/index.ts')).unitsModule,
  identity: async () => (await import('./identity/index.ts')).identityModule,
  reports: async () => (await import('./reports/index.ts')).reportsModule,
  petitions: async () => (await import('./petitions/index.ts')).petitionsModule,
  library: async () => (await import('./library/index.ts')).libraryModule,
  portal: async () => (await import('./portal/index.ts')).portalModule,
};
