import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeUnitType, mergeUnits, moveUnit, splitUnit } from './reorganisation.ts';
import type { UnitsDb } from './units.db.ts';
import { changeTypeBody, mergeBody, moveBody, splitBody, unitSchema } from './units.schema.ts';

const TAG = ['units: reorganisation'];
const result = { 200: z.object({ items: z.array(unitSchema) }) };

/** Merges, splits, moves and type changes, each with an effective date and its legal basis. */
export async function registerReorganisationRoutes(app: FastifyInstance, db: UnitsDb): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/units/reorganisations/merge',
    { schema: { tags: TAG, summary: 'Merge units (A, B → A, or → a new unit C)', body: mergeBody, response: result } },
    async (req) => ({ items: await mergeUnits(db, req.principal, req.body) }),
  );
  r.post(
    '/api/units/reorganisations/split',
    { schema: { tags: TAG, summary: 'Split a unit into parts', body: splitBody, response: result } },
    async (req) => ({ items: await splitUnit(db, req.principal, req.body) }),
  );
  r.post(
    '/api/units/reorganisations/move',
    { schema: { tags: TAG, summary: 'Move a unit under another parent', body: moveBody, response: result } },
    async (req) => ({ items: await moveUnit(db, req.principal, req.body) }),
  );
  r.post(
    '/api/units/reorganisations/change-type',
    {
      schema: {
        tags: TAG,
        summary: 'Change the type of a unit (e.g. xã → phường)',
        body: changeTypeBody,
        response: result,
      },
    },
    async (req) => ({ items: await changeUnitType(db, req.principal, req.body) }),
  );
}
