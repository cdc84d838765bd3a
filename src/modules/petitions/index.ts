import type { AppModule } from '../../core/context.ts';
import { createPublicPages } from '../portal/index.ts';
import { seedAuthorities } from './authorities.ts';
import { registerDeadlinePages } from './deadlines.ts';
import { registerDirectoryRoutes } from './directory.routes.ts';
import { registerMyCasesRoutes } from './my-cases.routes.ts';
import { registerOpen311Routes } from './open311.routes.ts';
import { scheduleOverdueScan } from './overdue.ts';
import { registerPetitionMessages } from './petitions.messages.ts';
import { registerCitizenRoutes } from './public.routes.ts';
import { registerPublishedRoutes } from './published.routes.ts';
import { petitionSettings } from './settings.ts';
import { registerStaffRoutes } from './staff.routes.ts';

registerPetitionMessages();

/** Citizens' feedback and recommendations (PAKN): submit, handle, forward, answer, publish. */
export const petitionsModule: AppModule = {
  name: 'petitions',
  async start(ctx) {
    const added = await seedAuthorities(ctx.db);
    if (added) ctx.log.info({ authorities: added }, 'petition authorities seeded');
    await scheduleOverdueScan(ctx.jobs, ctx.db, ctx.config.publicUrl);
  },
  async routes(app, ctx) {
    const pages = createPublicPages(ctx.config);
    const settings = petitionSettings();
    await registerStaffRoutes(app, ctx, pages);
    registerCitizenRoutes(app, ctx, pages, settings);
    await registerPublishedRoutes(app, ctx, pages);
    registerOpen311Routes(app, ctx);
    registerDirectoryRoutes(app, ctx, pages);
    registerDeadlinePages(app, ctx, pages);
    registerMyCasesRoutes(app, ctx, pages);
  },
};

export { seedAuthorities } from './authorities.ts';
export { casesOfVerifiedCitizen } from './citizen.ts';
export { remindOverdue } from './overdue.ts';
