import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CadresProps } from '../../../web/reports/cadres-page.tsx';
import type { DashboardProps } from '../../../web/reports/dashboard-page.tsx';
import type { EntryProps } from '../../../web/reports/entry-page.tsx';
import type { InboxProps } from '../../../web/reports/inbox-page.tsx';
import { can, isWithinPath } from '../../core/auth/policy.ts';
import { ORG_TYPES, type OrgType, type Principal } from '../../core/auth/principal.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { createPublicPages } from '../portal/index.ts';
import { orgTypesAt, provinceMapSvg, staffRoute, unitsDb } from '../units/index.ts';
import { importCadres, listCadres } from './cadres.ts';
import { formForWeek, WEEKLY_FORM } from './forms.ts';
import { inbox } from './inbox.ts';
import { queueReminders } from './reminders.ts';
import { acceptReport, entryState, returnReport, saveReport } from './reports.service.ts';
import { childUnits, history, synthesis, unitByCode } from './synthesis.ts';
import { addWeeks, formatWeek, parseWeek, weekAt } from './weeks.ts';

type Query = Record<string, string | undefined>;
type Staff = { principal: Principal; lang: Lang; account: DashboardProps['account'] };

function weekOf(q: Query): number {
  const w = q.tuan ? parseWeek(q.tuan) : null;
  return w ?? addWeeks(weekAt(new Date()), -1);
}
const nextOf = (w: number) => (addWeeks(w, 1) <= weekAt(new Date()) ? formatWeek(addWeeks(w, 1)) : null);
const code = (v: string | undefined, fallback: string) => (v && /^(VN|\d{2}|\d{5}|\d{9})$/.test(v) ? v : fallback);
const org = (v: string | undefined, fallback: OrgType): OrgType =>
  (ORG_TYPES as readonly string[]).includes(v ?? '') ? (v as OrgType) : fallback;

/** Colours each province of the map by its reporting rate and links it to its synthesis. */
function rateMap(rates: Map<string, number>, names: Map<string, string>, week: number): string {
  const colour = (r: number) => (r >= 0.95 ? '#7fb069' : r >= 0.8 ? '#cfe3c4' : r >= 0.5 ? '#f6e7c1' : '#f4d6d2');
  return provinceMapSvg(names).replace(
    /<a href="\/don-vi\/(\d{2})"([^>]*)>([\s\S]*?)<\/a>/g,
    (_m, c: string, attrs: string, inner: string) => {
      const r = rates.get(c) ?? 0;
      const body = inner
        .replace(/fill="[^"]*"/g, `fill="${colour(r)}"`)
        .replace(/<title>([^<]*)<\/title>/, `<title>$1: ${(r * 100).toFixed(1).replace('.', ',')}%</title>`);
      return `<a href="/bao-cao/tong-hop?don-vi=${c}&amp;tuan=${formatWeek(week)}"${attrs}>${body}</a>`;
    },
  );
}

export function registerReportPages(app: FastifyInstance, ctx: AppContext): void {
  const pages = createPublicPages(ctx.config);
  const db = ctx.db;
  const udb = unitsDb(db);
  const hidden = { schema: { hide: true } };
  const route = (h: (req: FastifyRequest, reply: FastifyReply, s: Staff) => Promise<FastifyReply>) =>
    staffRoute(pages, udb, (req, reply, s) => h(req, reply, s as Staff));

  app.get(
    '/bao-cao',
    hidden,
    route(async (_req, reply, s) => reply.redirect(`/bao-cao/tong-hop?don-vi=${s.principal.unitCode}`, 303)),
  );

  async function renderEntry(
    req: FastifyRequest,
    reply: FastifyReply,
    s: Staff,
    extra: Partial<EntryProps> = {},
    status = 200,
  ) {
    const q = req.query as Query;
    const p = s.principal;
    const unitCode = code(q['don-vi'], p.unitCode);
    const orgType = org(q['to-chuc'], p.orgType);
    let week = weekOf(q);
    let st = await entryState(db, p, { unitCode, orgType, week });
    // Asked for no week: last week (the one reported on Monday) until it locks, then the week in progress.
    if (!q.tuan && st.locked) {
      week = weekAt(new Date());
      st = await entryState(db, p, { unitCode, orgType, week });
    }
    const useLast = q['nhu-tuan-truoc'] === '1' && st.previous && st.canEdit;
    const source = useLast
      ? { values: st.previous!.values, narratives: st.previous!.narratives }
      : { values: st.report?.values ?? {}, narratives: st.report?.narratives ?? {} };
    const values: Record<string, string> = {};
    for (const f of st.form.fields) {
      const v = f.kind === 'number' ? source.values[f.key] : source.narratives[f.key];
      if (v !== undefined && v !== null) values[f.key] = String(v);
    }
    const unitLevel = st.organisation.level;
    const props: EntryProps = {
      account: s.account,
      unitCode,
      unitName: st.organisation.organisationName,
      orgType,
      orgTypes: (p.orgType === 'front' ? orgTypesAt(unitLevel) : [p.orgType]).filter((o) =>
        st.form.orgTypes.includes(o),
      ),
      week: formatWeek(week),
      prevWeek: formatWeek(addWeeks(week, -1)),
      nextWeek: nextOf(week),
      deadline: st.deadline,
      lockAt: st.lockAt,
      locked: st.locked,
      late: st.late,
      status: st.report?.status ?? 'none',
      returnComment: st.report?.returnComment ?? null,
      canEdit: st.canEdit,
      revision: st.report?.revision ?? null,
      fields: st.form.fields.map((f) => ({
        key: f.key,
        kind: f.kind,
        label: s.lang === 'vi' ? f.labelVi : f.labelEn,
        required: f.required,
      })),
      values,
      errors: {},
      formError: null,
      flash: q.ok ?? null,
      hasPrevious: !!st.previous,
      apiUrl: `/api/reports/entry/${unitCode}/${orgType}/${formatWeek(week)}`,
      ...extra,
    };
    return pages.render(req, reply, { page: 'reports/entry', props, status });
  }

  app.get(
    '/bao-cao/nhap',
    hidden,
    route((req, reply, s) => renderEntry(req, reply, s)),
  );
  app.post(
    '/bao-cao/nhap',
    hidden,
    route(async (req, reply, s) => {
      const b = (req.body ?? {}) as Query;
      const unitCode = code(b['don-vi'], s.principal.unitCode);
      const orgType = org(b['to-chuc'], s.principal.orgType);
      const week = b.tuan ? parseWeek(b.tuan) : null;
      if (!week) throw new AppError('NOT_FOUND');
      const form = await formForWeek(db, WEEKLY_FORM, week);
      if (!form) throw new AppError('NOT_FOUND');
      const input = { values: {} as Record<string, string>, narratives: {} as Record<string, string> };
      for (const f of form.fields) {
        const v = b[`f_${f.key}`] ?? '';
        if (f.kind === 'number') {
          if (v.trim()) input.values[f.key] = v;
        } else input.narratives[f.key] = v;
      }
      const submit = b.action === 'submit';
      (req as { query: Query }).query = { 'don-vi': unitCode, 'to-chuc': orgType, tuan: formatWeek(week) };
      try {
        await saveReport(db, s.principal, { unitCode, orgType, week }, input, { submit, lang: s.lang });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
        const values = { ...input.values, ...input.narratives };
        return renderEntry(
          req,
          reply,
          s,
          {
            values,
            errors: Object.fromEntries((err.fields ?? []).map((f) => [f.field, f.message])),
            formError: translate(err.code, s.lang, err.params),
          },
          err.status,
        );
      }
      return reply.redirect(
        `/bao-cao/nhap?don-vi=${unitCode}&to-chuc=${orgType}&tuan=${formatWeek(week)}&ok=${submit ? 'submitted' : 'saved'}`,
        303,
      );
    }),
  );

  async function renderInbox(
    req: FastifyRequest,
    reply: FastifyReply,
    s: Staff,
    extra: Partial<InboxProps> = {},
    status = 200,
  ) {
    const q = req.query as Query;
    const week = weekOf(q);
    const form = (await formForWeek(db, WEEKLY_FORM, week))!;
    const items = await inbox(db, s.principal, week);
    const props: InboxProps = {
      account: s.account,
      week: formatWeek(week),
      prevWeek: formatWeek(addWeeks(week, -1)),
      nextWeek: nextOf(week),
      indicators: form.fields
        .filter((f) => f.kind === 'number')
        .slice(0, 4)
        .map((f) => ({ key: f.key, label: s.lang === 'vi' ? f.labelVi : f.labelEn })),
      items: items.map((i) => ({ ...i, submittedAt: i.submittedAt ? new Date(i.submittedAt).toISOString() : null })),
      flash: q.ok ?? null,
      error: null,
      ...extra,
    };
    return pages.render(req, reply, { page: 'reports/inbox', props, status });
  }
  app.get(
    '/bao-cao/hop-thu',
    hidden,
    route((req, reply, s) => renderInbox(req, reply, s)),
  );
  for (const [path, action] of [
    ['tiep-nhan', 'accepted'],
    ['tra-lai', 'returned'],
  ] as const) {
    app.post(
      `/bao-cao/hop-thu/:id/${path}`,
      hidden,
      route(async (req, reply, s) => {
        const id = Number((req.params as { id: string }).id);
        const week = (req.query as Query).tuan ?? '';
        if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
        try {
          if (action === 'accepted') await acceptReport(db, s.principal, id, s.lang);
          else await returnReport(db, s.principal, id, ((req.body ?? {}) as Query).comment ?? '', s.lang);
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
          return renderInbox(req, reply, s, { error: translate(err.code, s.lang, err.params) }, err.status);
        }
        return reply.redirect(`/bao-cao/hop-thu?tuan=${encodeURIComponent(week)}&ok=${action}`, 303);
      }),
    );
  }

  app.get(
    '/bao-cao/tong-hop',
    hidden,
    route(async (req, reply, s) => {
      const q = req.query as Query;
      const p = s.principal;
      const week = weekOf(q);
      const unitCode = code(q['don-vi'], p.unitCode);
      const syn = await synthesis(db, p, unitCode, week);
      const hist = await history(
        db,
        p,
        unitCode,
        Array.from({ length: 12 }, (_, i) => addWeeks(week, i - 11)),
      );
      // Breadcrumbs up to the account's own unit.
      const crumbs: DashboardProps['crumbs'] = [];
      for (let u = await unitByCode(db, unitCode); u; u = u.parentCode ? await unitByCode(db, u.parentCode) : null) {
        crumbs.unshift({ label: u.name, href: `/bao-cao/tong-hop?don-vi=${u.code}&tuan=${formatWeek(week)}` });
        if (!isWithinPath(u.path, p.unitPath) || u.path === p.unitPath) break;
      }
      const children = await childUnits(db, syn.unit.id);
      let mapSvg: string | null = null;
      if (syn.unit.level === 'central') {
        const rates = new Map(syn.byChild.map((c) => [c.code, c.completeness.rate]));
        mapSvg = rateMap(rates, new Map(children.map((c) => [c.code, c.name])), week);
      }
      const props: DashboardProps = {
        account: s.account,
        unit: { code: syn.unit.code, name: syn.unit.name, level: syn.unit.level },
        crumbs,
        week: syn.week,
        prevWeek: formatWeek(addWeeks(week, -1)),
        nextWeek: nextOf(week),
        orgTypes: syn.orgTypes,
        indicators: syn.indicators.map((i) => ({ key: i.key, label: s.lang === 'vi' ? i.labelVi : i.labelEn })),
        totals: syn.totals,
        completeness: syn.completeness,
        children: syn.byChild.map((c) => ({
          ...c,
          href:
            children.find((x) => x.code === c.code)?.level === 'village'
              ? null
              : `/bao-cao/tong-hop?don-vi=${c.code}&tuan=${syn.week}`,
        })),
        missing: syn.missing,
        difficulties: syn.narratives.difficulties,
        recommendations: syn.narratives.recommendations,
        history: hist.weeks.map((w) => ({
          week: w.week,
          rate: w.completeness.rate,
          members: w.totals.members ?? 0,
          activities: w.totals.activities_held ?? 0,
        })),
        mapSvg,
        canRemind: can(p, 'approve', { unitPath: syn.unit.path, orgType: p.orgType === 'front' ? null : p.orgType }),
        flash: q.ok ?? null,
        exports: {
          docx: `/api/reports/export/${syn.unit.code}/synthesis.docx?week=${syn.week}`,
          xlsx: `/api/reports/export/${syn.unit.code}/synthesis.xlsx?week=${syn.week}`,
        },
      };
      return pages.render(req, reply, { page: 'reports/dashboard', props });
    }),
  );
  app.post(
    '/bao-cao/tong-hop/nhac',
    hidden,
    route(async (req, reply, s) => {
      const q = req.query as Query;
      const unitCode = code(q['don-vi'], s.principal.unitCode);
      const week = weekOf(q);
      await queueReminders(db, s.principal, unitCode, week);
      return reply.redirect(`/bao-cao/tong-hop?don-vi=${unitCode}&tuan=${formatWeek(week)}&ok=reminded`, 303);
    }),
  );

  async function renderCadres(
    req: FastifyRequest,
    reply: FastifyReply,
    s: Staff,
    extra: Partial<CadresProps> = {},
    status = 200,
  ) {
    const q = req.query as Query;
    const p = s.principal;
    const unitCode = code(q['don-vi'], p.unitCode);
    const orgType = org(q['to-chuc'], p.orgType);
    const list = await listCadres(db, p, unitCode, orgType);
    const props: CadresProps = {
      account: s.account,
      unitCode,
      organisationName: list.organisation.organisationName,
      orgType,
      orgTypes: p.orgType === 'front' ? orgTypesAt(list.organisation.level) : [p.orgType],
      items: list.items,
      canEdit: can(p, 'edit', { unitPath: list.organisation.path, orgType }),
      flash: q.ok ?? null,
      importErrors: null,
      error: null,
      ...extra,
    };
    return pages.render(req, reply, { page: 'reports/cadres', props, status });
  }
  app.get(
    '/bao-cao/can-bo',
    hidden,
    route((req, reply, s) => renderCadres(req, reply, s)),
  );
  app.post(
    '/bao-cao/can-bo/nhap',
    hidden,
    route(async (req, reply, s) => {
      const q = req.query as Query;
      const unitCode = code(q['don-vi'], s.principal.unitCode);
      const orgType = org(q['to-chuc'], s.principal.orgType);
      let file: Buffer | null = null;
      let replace = false;
      if (req.isMultipart()) {
        for await (const part of req.parts()) {
          if (part.type === 'file') file = await part.toBuffer();
          else if (part.fieldname === 'replace') replace = part.value === 'true';
        }
      }
      try {
        await importCadres(db, s.principal, unitCode, orgType, file ?? Buffer.alloc(0), { replace, lang: s.lang });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
        const rows =
          (err.details as { rows?: { row: number; column: string; message: string }[] } | undefined)?.rows ?? null;
        return renderCadres(
          req,
          reply,
          s,
          { importErrors: rows, error: rows ? null : translate(err.code, s.lang, err.params) },
          err.status,
        );
      }
      return reply.redirect(`/bao-cao/can-bo?don-vi=${unitCode}&to-chuc=${orgType}&ok=imported`, 303);
    }),
  );
}
