import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestLang } from '../../core/http/errors.ts';
import { adoptionFigures, communesNotStarted } from './adoption.ts';
import { exportSubtree } from './subtree-export.ts';
import { todayInVietnam } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import { listProvinces } from './units.repo.ts';
import {
  adoptionSchema,
  asOfQuery,
  codeParams,
  countsSchema,
  organisationSchema,
  pageQuery,
  searchQuery,
  unitListSchema,
  unitSchema,
} from './units.schema.ts';
import * as service from './units.service.ts';

const TAG = ['units'];

/** Public reads of the tree (villages only for staff in scope). */
export async function registerTreeRoutes(app: FastifyInstance, db: UnitsDb): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/units/provinces',
    {
      schema: {
        tags: TAG,
        summary: 'The 34 provinces and centrally-run cities',
        querystring: asOfQuery,
        response: { 200: z.object({ items: z.array(unitSchema) }) },
      },
    },
    async (req) => ({ items: await listProvinces(db, req.query.asOf ?? todayInVietnam()) }),
  );
  r.get(
    '/api/units/search',
    {
      schema: {
        tags: TAG,
        summary: 'Search units by name, ignoring case, tone marks and đ/d',
        querystring: searchQuery,
        response: { 200: z.object({ items: z.array(unitSchema.extend({ rank: z.number() })) }) },
      },
    },
    async (req) => ({ items: await service.search(db, req.principal, req.query) }),
  );
  r.get(
    '/api/units/:code',
    {
      schema: {
        tags: TAG,
        summary: 'A unit by its official code',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: unitSchema },
      },
    },
    async (req) => service.getReadableUnit(db, req.principal, req.params.code, req.query.asOf),
  );
  r.get(
    '/api/units/:code/children',
    {
      schema: {
        tags: TAG,
        summary: 'Children of a unit, paged (Vietnamese order; villages in the commune’s order)',
        params: codeParams,
        querystring: pageQuery,
        response: { 200: unitListSchema },
      },
    },
    async (req) => service.listChildrenOf(db, req.principal, req.params.code, req.query),
  );
  r.get(
    '/api/units/:code/ancestors',
    {
      schema: {
        tags: TAG,
        summary: 'Breadcrumb: Central down to the unit',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: z.object({ items: z.array(unitSchema) }) },
      },
    },
    async (req) => ({ items: await service.listAncestorsOf(db, req.principal, req.params.code, req.query.asOf) }),
  );
  r.get(
    '/api/units/:code/counts',
    {
      schema: {
        tags: TAG,
        summary: 'Counts in the subtree: communes, villages, organisations by type',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: countsSchema },
      },
    },
    async (req) => service.countsOf(db, req.principal, req.params.code, req.query.asOf),
  );
  r.get(
    '/api/units/:code/organisations',
    {
      schema: {
        tags: TAG,
        summary: 'The Front and the five organisations at a unit',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: z.object({ items: z.array(organisationSchema) }) },
      },
    },
    async (req) => ({
      items: await service.organisationsOf(db, req.principal, req.params.code, requestLang(req), req.query.asOf),
    }),
  );

  r.get(
    '/api/units/adoption',
    {
      schema: {
        tags: TAG,
        summary: 'Adoption: communes that created their village lists, per province and in total (staff, own subtree)',
        querystring: asOfQuery,
        response: { 200: adoptionSchema },
      },
    },
    async (req) => adoptionFigures(db, req.principal, requestLang(req), req.query.asOf),
  );
  r.get(
    '/api/units/adoption/:code/not-started',
    {
      schema: {
        tags: TAG,
        summary: 'Communes of a province that have not created their village list yet',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: z.object({ items: z.array(unitSchema) }) },
      },
    },
    async (req) => ({ items: await communesNotStarted(db, req.principal, req.params.code, req.query.asOf) }),
  );
  r.get(
    '/api/units/:code/export.xlsx',
    {
      schema: {
        tags: TAG,
        summary: 'Excel export of a subtree: units, their parents and organisations (staff, own subtree)',
        params: codeParams,
        querystring: asOfQuery,
      },
    },
    async (req, reply) => {
      const file = await exportSubtree(db, req.principal, req.params.code, req.query.asOf);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.buffer);
    },
  );
}
