import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffAccount } from '../../../web/staff/account.ts';
import type { VillageEditProps } from '../../../web/units/village-edit-page.tsx';
import type { ImportRowError, VillageRow, VillagesProps } from '../../../web/units/villages-page.tsx';
import { can } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import type { PublicPages } from '../portal/index.ts';
import { staffRoute } from './staff-pages.ts';
import { todayInVietnam, VILLAGE_TYPES } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import { findUnitByCode } from './units.repo.ts';
import { getReadableUnit, listChildrenOf } from './units.service.ts';
import type { Unit } from './units.types.ts';
import * as villages from './villages.service.ts';

type FormBody = Record<string, string | undefined>;
const BASE = '/quan-tri/thon';

function toRow(u: Unit): VillageRow {
  return { code: u.code, name: u.name, type: u.type, fullName: u.fullName, sortOrder: u.sortOrder };
}

/** Every village of a commune in the commune's order (pages of 500 through the units service). */
async function allVillages(db: UnitsDb, p: Principal, communeCode: string): Promise<Unit[]> {
  const out: Unit[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listChildrenOf(db, p, communeCode, { limit: 500, offset });
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
}

/** The field errors of a failed village change, in the cadre's language. */
function formErrors(err: unknown, lang: Lang): Record<string, string> {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  if (err.code === 'VALIDATION_FAILED' && err.fields?.length) {
    return Object.fromEntries(err.fields.map((f) => [f.field, translate(f.code, lang)]));
  }
  if (err.code === 'VILLAGE_NAME_DUPLICATE') return { name: translate(err.code, lang, err.params) };
  if (err.code === 'NOT_FOUND' || err.code === 'UNAUTHENTICATED') throw err;
  return { form: translate(err.code, lang, err.params) };
}

function communeParam(req: FastifyRequest, p: Principal): string | null {
  const xa = (req.query as { xa?: string }).xa;
  if (typeof xa === 'string' && /^\d{5}$/.test(xa)) return xa;
  return p.unitLevel === 'commune' ? p.unitCode : null;
}

function listHref(communeCode: string, p: Principal, extra = ''): string {
  const xa = p.unitCode === communeCode ? '' : `xa=${communeCode}`;
  const query = [xa, extra].filter(Boolean).join('&');
  return query ? `${BASE}?${query}` : BASE;
}

/** The commune's village list editor: list, create, reorder, import; rename and dissolve on a village's page. */
export function registerVillageEditorPages(app: FastifyInstance, db: UnitsDb, pages: PublicPages): void {
  const hidden = { schema: { hide: true } };

  async function renderList(
    req: FastifyRequest,
    reply: FastifyReply,
    staff: { principal: Principal; account: StaffAccount; lang: Lang },
    extra: Partial<VillagesProps> = {},
    status = 200,
  ) {
    const { principal: p, account } = staff;
    const code = communeParam(req, p);
    const q = req.query as { ok?: string; n?: string };
    const base: VillagesProps = {
      account,
      commune: null,
      villages: [],
      canEdit: false,
      types: [...VILLAGE_TYPES],
      flash: q.ok ? { code: q.ok, count: Number(q.n ?? 0) || 0 } : null,
      createForm: { values: { name: '', type: 'thôn' }, errors: {} },
      importResult: null,
    };
    if (!code)
      return pages.render(req, reply, { page: 'units/villages', props: { ...base, ...extra }, status, pageUrl: BASE });
    const commune = await getReadableUnit(db, p, code);
    if (commune.level !== 'commune') throw new AppError('NOT_FOUND');
    const list = await allVillages(db, p, code);
    const province = commune.provinceCode ? await findUnitByCode(db, commune.provinceCode, todayInVietnam()) : null;
    const props: VillagesProps = {
      ...base,
      commune: { code: commune.code, fullName: commune.fullName, provinceName: province?.fullName ?? '' },
      villages: list.map(toRow),
      canEdit: can(p, 'edit', { unitPath: commune.path }),
      ...extra,
    };
    return pages.render(req, reply, { page: 'units/villages', props, status, pageUrl: listHref(code, p) });
  }

  app.get(
    BASE,
    hidden,
    staffRoute(pages, db, (req, reply, staff) => renderList(req, reply, staff)),
  );

  app.post(
    `${BASE}/them`,
    hidden,
    staffRoute(pages, db, async (req, reply, staff) => {
      const code = communeParam(req, staff.principal);
      if (!code) throw new AppError('NOT_FOUND');
      const body = (req.body ?? {}) as FormBody;
      const values = { name: body.name ?? '', type: body.type ?? '' };
      try {
        await villages.createVillage(db, staff.principal, code, values);
      } catch (err) {
        const errors = formErrors(err, staff.lang);
        return renderList(req, reply, staff, { createForm: { values, errors } }, 400);
      }
      return reply.redirect(listHref(code, staff.principal, 'ok=created&n=1'), 303);
    }),
  );

  app.post(
    `${BASE}/nhap`,
    hidden,
    staffRoute(pages, db, async (req, reply, staff) => {
      const code = communeParam(req, staff.principal);
      if (!code) throw new AppError('NOT_FOUND');
      let created: Unit[];
      try {
        const part = req.isMultipart() ? await req.file() : undefined;
        if (!part?.filename) throw new AppError('IMPORT_FILE_REQUIRED');
        const buffer = await part.toBuffer().catch((e: { code?: string }) => {
          throw e.code === 'FST_REQ_FILE_TOO_LARGE'
            ? new AppError('PAYLOAD_TOO_LARGE', { params: { limit: '5 MB' } })
            : e;
        });
        created = await villages.importVillages(db, staff.principal, code, { buffer, filename: part.filename });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
        const rows: ImportRowError[] =
          err.code === 'IMPORT_INVALID_ROWS'
            ? (err.details as { rows: villages.RowError[] }).rows.map((r) => ({
                row: r.row,
                column: r.column,
                message: translate(r.code, staff.lang, r.params),
              }))
            : [];
        const message = translate(err.code, staff.lang, err.params);
        return renderList(req, reply, staff, { importResult: { ok: false, message, rows } }, 422);
      }
      return reply.redirect(listHref(code, staff.principal, `ok=imported&n=${created.length}`), 303);
    }),
  );

  app.post(
    `${BASE}/:code/di-chuyen`,
    hidden,
    staffRoute(pages, db, async (req, reply, { principal }) => {
      const village = await getReadableUnit(db, principal, (req.params as { code: string }).code);
      if (village.level !== 'village' || !village.parentCode) throw new AppError('NOT_FOUND');
      const direction = ((req.body ?? {}) as FormBody).direction === 'up' ? -1 : 1;
      const codes = (await allVillages(db, principal, village.parentCode)).map((v) => v.code);
      const i = codes.indexOf(village.code);
      const j = i + direction;
      if (i >= 0 && j >= 0 && j < codes.length) {
        [codes[i], codes[j]] = [codes[j]!, codes[i]!];
        await villages.reorderVillages(db, principal, village.parentCode, codes);
      }
      return reply.redirect(`${listHref(village.parentCode, principal, 'ok=moved')}#v-${village.code}`, 303);
    }),
  );

  async function renderEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    staff: { principal: Principal; account: StaffAccount },
    extra: Partial<VillageEditProps> = {},
    status = 200,
  ) {
    const village = await getReadableUnit(db, staff.principal, (req.params as { code: string }).code);
    if (village.level !== 'village' || !village.parentCode) throw new AppError('NOT_FOUND');
    const commune = await getReadableUnit(db, staff.principal, village.parentCode);
    const props: VillageEditProps = {
      account: staff.account,
      village: toRow(village),
      commune: { code: commune.code, fullName: commune.fullName },
      listHref: listHref(commune.code, staff.principal),
      canEdit: can(staff.principal, 'edit', { unitPath: village.path }),
      types: [...VILLAGE_TYPES],
      today: todayInVietnam(),
      renameForm: { values: { name: village.name, type: village.type }, errors: {} },
      dissolveForm: { values: { effective: todayInVietnam() }, errors: {} },
      ...extra,
    };
    return pages.render(req, reply, {
      page: 'units/village-edit',
      props,
      status,
      title: undefined,
      pageUrl: `${BASE}/${village.code}`,
    });
  }

  app.get(
    `${BASE}/:code`,
    hidden,
    staffRoute(pages, db, (req, reply, staff) => renderEdit(req, reply, staff)),
  );

  app.post(
    `${BASE}/:code/doi-ten`,
    hidden,
    staffRoute(pages, db, async (req, reply, staff) => {
      const code = (req.params as { code: string }).code;
      const body = (req.body ?? {}) as FormBody;
      const values = { name: body.name ?? '', type: body.type ?? '' };
      let village: Unit;
      try {
        village = await villages.updateVillage(db, staff.principal, code, values);
      } catch (err) {
        const errors = formErrors(err, staff.lang);
        return renderEdit(req, reply, staff, { renameForm: { values, errors } }, 400);
      }
      return reply.redirect(`${listHref(village.parentCode ?? '', staff.principal, 'ok=renamed')}#v-${code}`, 303);
    }),
  );

  app.post(
    `${BASE}/:code/giai-the`,
    hidden,
    staffRoute(pages, db, async (req, reply, staff) => {
      const code = (req.params as { code: string }).code;
      const body = (req.body ?? {}) as FormBody;
      const values = { effective: body.effective ?? '' };
      const village = await getReadableUnit(db, staff.principal, code);
      const errors: Record<string, string> = {};
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.effective))
        errors.effective = translate('VILLAGE_DISSOLVE_DATE', staff.lang);
      if (body.confirm !== 'yes') errors.confirm = translate('VILLAGE_DISSOLVE_CONFIRM', staff.lang);
      if (!Object.keys(errors).length) {
        try {
          await villages.dissolveVillage(db, staff.principal, code, { effective: values.effective });
          return reply.redirect(listHref(village.parentCode ?? '', staff.principal, 'ok=dissolved'), 303);
        } catch (err) {
          Object.assign(errors, formErrors(err, staff.lang));
        }
      }
      return renderEdit(req, reply, staff, { dissolveForm: { values, errors } }, 400);
    }),
  );
}
