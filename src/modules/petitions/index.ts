import type { AppModule } from '../../core/context.ts';

/** Registered now so that parallel work on the modules does not collide on the registry; routes arrive with the module. */
export const petitionsModule: AppModule = {
  name: 'petitions',
  async routes() {},
};
