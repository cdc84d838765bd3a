import type { AppModule } from '../../core/context.ts';
import { ensureDefaultForm } from './forms.ts';
import { registerReminderTemplates } from './reminders.ts';
import { registerReportMessages } from './reports.messages.ts';
import { registerReportPages } from './reports.pages.ts';
import { registerReportRoutes } from './reports.routes.ts';
import { reconcileWithTree } from './rollups.ts';

registerReportMessages();
registerReminderTemplates();

/** The online organisational database (CSDL): forms, weekly reports, roll-ups, completeness, profiles, cadres. */
export const reportsModule: AppModule = {
  name: 'reports',
  async start(ctx) {
    await ensureDefaultForm(ctx.db);
    const r = await reconcileWithTree(ctx.db);
    if (r.mode !== 'none') ctx.log.info(r, 'report roll-ups reconciled with the tree');
  },
  async routes(app, ctx) {
    await registerReportRoutes(app, ctx.db);
    registerReportPages(app, ctx);
  },
};

export { rebuildAll, reconcileWithTree } from './rollups.ts';
export { naiveTotals } from './synthesis.ts';
