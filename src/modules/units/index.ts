import type { AppModule } from '../../core/context.ts';
import { loadReferenceUnits } from './reference-data.ts';
import { registerReorganisationRoutes } from './reorganisation.routes.ts';
import { hearGenerations } from './units.cache.ts';
import { unitsDb } from './units.db.ts';
import { registerUnitMessages } from './units.messages.ts';
import { registerUnitPages } from './units.pages.ts';
import { registerTreeRoutes } from './units.routes.ts';
import { registerVillageRoutes } from './villages.routes.ts';

registerUnitMessages();

export const unitsModule: AppModule = {
  name: 'units',
  async start(ctx) {
    const result = await loadReferenceUnits(unitsDb(ctx.db));
    if (result.loaded)
      ctx.log.info(
        { units: result.units, changes: result.changes, ms: Math.round(result.ms) },
        'reference units loaded',
      );
  },
  async routes(app, ctx) {
    const db = unitsDb(ctx.db);
    // The embedded database has one owner: it hears every change counter move and keeps them in memory.
    if (ctx.database.listen) await hearGenerations(db, ctx.database.listen);
    await registerTreeRoutes(app, db);
    await registerVillageRoutes(app, db);
    await registerReorganisationRoutes(app, db);
    registerUnitPages(app, ctx);
  },
};

export { type DemoOptions, type DemoResult, generateDemoVillages, removeDemoVillages } from './demo-villages.ts';
export { provinceMapSvg } from './province-map.ts';
export { loadReferenceUnits } from './reference-data.ts';
export { currentUnitFor, successorsOf } from './reorganisation.ts';
export { renderNotFound, signInRedirect, staffAccountOf, staffRoute } from './staff-pages.ts';
export { resolveUnitInput } from './unit-input.ts';
export { CENTRAL_CODE, CENTRAL_PATH, fullUnitName, orgTypesAt, todayInVietnam } from './unit-naming.ts';
export { unitsDb } from './units.db.ts';
export {
  countSubtree,
  findUnitByCode,
  findUnitById,
  findUnitsByCodes,
  listAncestors,
  listChildren,
  listProvinces,
  searchUnits,
} from './units.repo.ts';
export type { Unit } from './units.types.ts';
