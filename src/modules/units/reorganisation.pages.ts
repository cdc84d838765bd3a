import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReorgProps, ReorgTab } from '../../../web/units/reorganisation-page.tsx';
import { authorize, hasRoleFor } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import type { PublicPages } from '../portal/index.ts';
import { reorganise } from './reorganisation.ts';
import { type FormValues, partCount, type ReorgKind, withReorganisationForm } from './reorganisation-form.ts';
import { previewReorganisation } from './reorganisation-preview.ts';
import { type StaffHandler, staffRoute } from './staff-pages.ts';
import { findLatestUnit, unitHistory } from './unit-history-read.ts';
import { COMMUNE_TYPES, PROVINCE_TYPES, todayInVietnam } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import { listChildren } from './units.repo.ts';
import type { Unit } from './units.types.ts';

export const REORG_PATH = '/quan-tri/don-vi/to-chuc-lai';

const TABS: Record<ReorgTab, ReorgKind> = {
  'doi-loai': 'change_type',
  'chuyen-cap-tren': 'move',
  'hop-nhat': 'merge',
  'chia-tach': 'split',
};

/** Accounts that may reorganise from this page: admins of Central or a province (communes never reach it). */
function assertMayReorganise(p: Principal): void {
  if ((p.unitLevel !== 'central' && p.unitLevel !== 'province') || !hasRoleFor(p, 'administer')) {
    throw new AppError('NOT_FOUND');
  }
}

/** The unit the page is opened for: one the account may reorganise (inside its subtree, never its own). */
async function chosenUnit(db: UnitsDb, p: Principal, code: unknown): Promise<Unit | null> {
  if (code === undefined || code === '') return null;
  if (typeof code !== 'string' || !/^(VN|\d{2}|\d{5})$/.test(code)) throw new AppError('NOT_FOUND');
  const unit = await findLatestUnit(db, code);
  if (!unit) throw new AppError('NOT_FOUND');
  authorize(p, 'administer', { unitPath: unit.path });
  if (unit.path === p.unitPath) throw new AppError('NOT_FOUND');
  return unit;
}

export function reorganisationHref(code: string | null, tab: ReorgTab, extra = ''): string {
  const query = [code ? `ma=${code}` : '', `thao-tac=${tab}`, extra].filter(Boolean).join('&');
  return `${REORG_PATH}?${query}`;
}

function tabOf(req: FastifyRequest): ReorgTab {
  const tab = (req.query as { 'thao-tac'?: string })['thao-tac'];
  return tab && tab in TABS ? (tab as ReorgTab) : 'hop-nhat';
}

/** What the forms show when the page opens for a unit: that unit in every "which unit" field. */
function initialValues(unit: Unit | null): FormValues {
  const code = unit?.code ?? '';
  return {
    unit: code,
    source: code,
    sources: code ? `${code}\n` : '',
    intoUnit: code,
    into: 'existing',
    newType: unit?.type ?? '',
    type: '',
    effective: todayInVietnam(),
    legalBasis: '',
    partCount: '2',
  };
}

function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string' && k.length <= 40) out[k] = v.slice(0, 5000);
  }
  return out;
}

/** Staff: merge, split, move and change the type of units, with a preview that changes nothing. */
export function registerReorganisationPages(app: FastifyInstance, db: UnitsDb, pages: PublicPages): void {
  const hidden = { schema: { hide: true } };

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    staff: Parameters<StaffHandler>[2],
    unit: Unit | null,
    extra: Partial<ReorgProps>,
    status = 200,
  ) {
    const tab = tabOf(req);
    const history = unit ? await unitHistory(db, unit.id) : null;
    const children =
      unit && tab === 'chia-tach'
        ? (await listChildren(db, unit.id, todayInVietnam(), { limit: 500, offset: 0 })).items
        : [];
    const props: ReorgProps = {
      account: staff.account,
      tab,
      unit: unit
        ? { code: unit.code, fullName: unit.fullName, level: unit.level, treeHref: `/quan-tri/don-vi?ma=${unit.code}` }
        : null,
      tabHrefs: Object.fromEntries(
        Object.keys(TABS).map((t) => [t, reorganisationHref(unit?.code ?? null, t as ReorgTab)]),
      ) as Record<ReorgTab, string>,
      action: reorganisationHref(unit?.code ?? null, tab),
      values: initialValues(unit),
      errors: {},
      parts: 2,
      types: { province: [...PROVINCE_TYPES], commune: [...COMMUNE_TYPES] },
      children: children.map((c) => ({ code: c.code, fullName: c.fullName })),
      preview: null,
      done: null,
      history,
      ...extra,
    };
    props.parts = partCount(props.values);
    return pages.render(req, reply, {
      page: 'units/reorganisation',
      props,
      status,
      pageUrl: reorganisationHref(unit?.code ?? null, tab),
    });
  }

  app.get(
    REORG_PATH,
    hidden,
    staffRoute(pages, db, async (req, reply, staff) => {
      assertMayReorganise(staff.principal);
      const query = req.query as { ma?: string; xong?: string };
      const unit = await chosenUnit(db, staff.principal, query.ma);
      const done = query.xong === '1' && unit ? { tab: tabOf(req) } : null;
      return render(req, reply, staff, unit, { done });
    }),
  );

  app.post(
    REORG_PATH,
    hidden,
    staffRoute(pages, db, async (req, reply, staff) => {
      const p = staff.principal;
      assertMayReorganise(p);
      const unit = await chosenUnit(db, p, (req.query as { ma?: string }).ma);
      const tab = tabOf(req);
      const kind = TABS[tab];
      const values = formValues(req.body);
      const step = values.step;
      if (step === 'add-part') {
        values.partCount = String(partCount(values) + 1);
        return render(req, reply, staff, unit, { values });
      }
      if (step === 'confirm') {
        const outcome = await withReorganisationForm(db, p, kind, values, staff.lang, (r) => reorganise(db, p, r));
        if (!outcome.ok) return render(req, reply, staff, unit, { values, errors: outcome.errors }, 400);
        const result = outcome.value[0]!;
        return reply.redirect(reorganisationHref(result.code, tab, 'xong=1'), 303);
      }
      const outcome = await withReorganisationForm(db, p, kind, values, staff.lang, async (r) => ({
        ...(await previewReorganisation(db, p, r)),
        effective: r.body.effective,
        legalBasis: r.body.legalBasis,
      }));
      if (!outcome.ok) return render(req, reply, staff, unit, { values, errors: outcome.errors }, 400);
      return render(req, reply, staff, unit, { values, preview: outcome.value });
    }),
  );
}
