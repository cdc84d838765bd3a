import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InboxProps } from '../../../web/petitions/inbox-page.tsx';
import type { StaffCaseProps } from '../../../web/petitions/staff-case-page.tsx';
import type { StaffAccount } from '../../../web/staff/account.ts';
import { recordAudit } from '../../core/audit.ts';
import { authorize, can, requireRole } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { AppContext } from '../../core/context.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import type { PublicPages } from '../portal/index.ts';
import { findUnitByCode, staffRoute, todayInVietnam, unitsDb } from '../units/index.ts';
import { listAttachments, listAuthoritiesFor, listCategories, listEvents, readAttachment } from './cases.repo.ts';
import { suggestCategory } from './classifier.ts';
import { setDeadlines } from './deadlines.ts';
import { canManageDirectory, createEntry } from './directory.ts';
import { exportCasesXlsx } from './export-xlsx.ts';
import { auditView, canAnswer, canHandle, caseForStaff, performAction, revealContact } from './handling.ts';
import { listInbox } from './inbox.repo.ts';
import { MULTIPART_LIMITS, readForm } from './multipart-form.ts';
import { idParams, inboxQuery, staffActionSchema } from './petitions.schema.ts';
import { categoryOptions } from './public.routes.ts';
import { TRANSITIONS } from './state-machine.ts';
import { REJECT_REASONS, statusLabel } from './status-labels.ts';
import { suggestDuplicates } from './suggestions.ts';
import { cleanUpload } from './uploads.ts';

const TAG = ['petitions: staff'];

function requireStaff(p: Principal | null): asserts p is Principal {
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (!p.roles.includes('petition_handler') && !p.roles.includes('authority')) throw new AppError('FORBIDDEN');
}

async function caseProps(
  db: Db,
  p: Principal,
  account: StaffAccount,
  id: number,
  lang: Lang,
  extra: { contact?: StaffCaseProps['contact']; error?: string | null; flash?: string | null } = {},
): Promise<StaffCaseProps> {
  const c = await caseForStaff(db, p, id);
  const handler = canHandle(p, c);
  await auditView(db, p, c);
  const [events, files, cats, authorities, suggestion, duplicates, unit] = await Promise.all([
    listEvents(db, c.id, false),
    listAttachments(db, c.id),
    listCategories(db),
    handler ? listAuthoritiesFor(db, c.unitPath) : Promise.resolve([]),
    handler ? suggestCategory(db, `${c.title}\n${c.content}`) : Promise.resolve(null),
    handler ? suggestDuplicates(db, c) : Promise.resolve([]),
    findUnitByCode(unitsDb(db), c.unitCode, todayInVietnam()),
  ]);
  const next = TRANSITIONS[c.status];
  return {
    account,
    case: {
      id: c.id,
      title: c.title,
      content: c.content,
      address: c.address,
      latitude: c.latitude,
      longitude: c.longitude,
      status: c.status,
      statusLabel: statusLabel(c.status, lang),
      category: c.category,
      categoryConfirmed: c.categoryConfirmed,
      field: c.field,
      unitCode: c.unitCode,
      unitName: unit?.fullName ?? c.unitCode,
      unitLevel: c.unitLevel,
      receivedAt: c.receivedAt.toISOString(),
      dueDate: c.dueDate,
      overdue:
        !!c.dueDate && c.dueDate < todayInVietnam() && ['forwarded', 'in_progress', 'reopened'].includes(c.status),
      assignedName: c.assignedName,
      authorityName: c.authorityName,
      answer: c.answerText,
      answeredBy: c.answeredBy,
      answeredOnPaper: c.answeredOnPaper,
      rejectReason: c.rejectReason ? REJECT_REASONS[c.rejectReason as keyof typeof REJECT_REASONS][lang] : null,
      rating: c.rating,
      ratingResolved: c.ratingResolved,
      ratingComment: c.ratingComment,
      reopenCount: c.reopenCount,
      hideName: c.hideName,
      photosPublic: c.photosPublic,
      published: c.published,
      publicTitle: c.publicTitle,
      publicContent: c.publicContent,
      publicAnswer: c.publicAnswer,
    },
    role: handler ? 'handler' : 'authority',
    canAnswer: canAnswer(p, c),
    next: [...next],
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      actorName: e.actorName,
      label: e.toStatus ? statusLabel(e.toStatus as never, lang) : e.kind,
      note: e.note,
      public: e.public,
    })),
    files: files.map((f) => ({ ...f, href: `/quan-tri/phan-anh/${c.id}/tep/${f.id}` })),
    categories: categoryOptions(cats, lang),
    authorities: authorities.map((a) => ({ id: a.id, name: a.name, accounts: a.accounts })),
    suggestion: suggestion
      ? {
          ...suggestion,
          name: categoryOptions(cats, lang).find((x) => x.code === suggestion.category)?.name ?? suggestion.category,
        }
      : null,
    duplicates: duplicates.map((d) => ({
      id: d.id,
      title: d.title,
      status: statusLabel(d.status as never, lang),
      receivedAt: d.receivedAt.toISOString(),
      similarity: d.similarity,
    })),
    contact: extra.contact ?? null,
    error: extra.error ?? null,
    flash: extra.flash ?? null,
  };
}

/** Staff pages (inbox, case, actions by form) and the staff JSON API. */
export async function registerStaffRoutes(app: FastifyInstance, ctx: AppContext, pages: PublicPages) {
  const db: Db = ctx.db;
  const udb = unitsDb(db);
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const noStore = async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('cache-control', 'no-store');
    return payload;
  };
  const hidden = { schema: { hide: true }, onSend: noStore };

  app.get(
    '/quan-tri/phan-anh',
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      requireStaff(principal);
      const parsed = inboxQuery.safeParse(req.query);
      const f = parsed.success ? parsed.data : inboxQuery.parse({});
      const { items, total } = await listInbox(db, principal, {
        status: f.status,
        category: f.category,
        unit: f.unit,
        overdue: f.overdue,
        assignedToMe: f.mine,
        page: f.page,
        pageSize: f.pageSize,
      });
      const cats = await listCategories(db);
      const props: InboxProps = {
        account,
        filter: {
          status: f.status ?? '',
          category: f.category ?? '',
          unit: f.unit ?? '',
          overdue: f.overdue,
          mine: f.mine,
        },
        categories: categoryOptions(cats, lang),
        statuses: Object.keys(TRANSITIONS).map((s) => ({ code: s, label: statusLabel(s as never, lang) })),
        items: items.map((i) => ({
          ...i,
          statusLabel: statusLabel(i.status, lang),
          receivedAt: i.receivedAt.toISOString(),
          category: cats.find((c) => c.code === i.category)?.[lang === 'vi' ? 'nameVi' : 'nameEn'] ?? i.category,
        })),
        total,
        page: f.page,
        pages: Math.max(1, Math.ceil(Math.min(total, 10_000) / f.pageSize)),
        isAuthority: !principal.roles.includes('petition_handler'),
        links: {
          directory: canManageDirectory(principal, principal.unitPath),
          deadlines: can(principal, 'administer', { unitPath: 'vn', orgType: 'front' }) && principal.unitPath === 'vn',
        },
      };
      return pages.render(req, reply, { page: 'petitions/inbox', props });
    }),
  );

  app.get(
    '/quan-tri/phan-anh/xuat.xlsx',
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal }) => {
      requireRole(principal, 'handle_petition');
      if (principal.orgType !== 'front') throw new AppError('FORBIDDEN');
      const parsed = inboxQuery.safeParse(req.query);
      const f = parsed.success ? parsed.data : inboxQuery.parse({});
      const buf = await exportCasesXlsx(db, principal, {
        status: f.status,
        category: f.category,
        unit: f.unit,
        overdue: f.overdue,
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="phan-anh-kien-nghi.xlsx"')
        .send(buf);
    }),
  );

  app.get(
    '/quan-tri/phan-anh/:id',
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      const id = Number((req.params as { id: string }).id);
      const flash = String((req.query as { ok?: string }).ok ?? '').slice(0, 20) || null;
      const props = await caseProps(db, principal, account, id, lang, { flash });
      return pages.render(req, reply, { page: 'petitions/staff-case', props });
    }),
  );

  app.post(
    '/quan-tri/phan-anh/:id/lien-he',
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      const id = Number((req.params as { id: string }).id);
      const contact = await revealContact(db, principal, id);
      const props = await caseProps(db, principal, account, id, lang, { contact });
      return pages.render(req, reply, { page: 'petitions/staff-case', props });
    }),
  );

  app.post(
    '/quan-tri/phan-anh/:id/thao-tac',
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      const id = Number((req.params as { id: string }).id);
      await caseForStaff(db, principal, id);
      try {
        const { fields, files } = await readForm(req);
        const parsed = staffActionSchema.safeParse(fields);
        if (!parsed.success) throw new AppError('VALIDATION_FAILED');
        const file = files[0] ? await cleanUpload(files[0]) : null;
        await performAction(db, principal, id, parsed.data, { publicUrl: ctx.config.publicUrl, file });
        return reply.redirect(`/quan-tri/phan-anh/${id}?ok=${parsed.data.action}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
        const message = translate(err.fields?.[0]?.code ?? err.code, lang, err.params);
        const props = await caseProps(db, principal, account, id, lang, { error: message });
        return pages.render(req, reply, { page: 'petitions/staff-case', props, status: err.status });
      }
    }),
  );

  app.get(
    '/quan-tri/phan-anh/:id/tep/:file',
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal }) => {
      const { id, file } = req.params as { id: string; file: string };
      const c = await caseForStaff(db, principal, Number(id));
      const a = /^\d{1,15}$/.test(file) ? await readAttachment(db, c.id, Number(file)) : null;
      if (!a) throw new AppError('NOT_FOUND');
      await recordAudit(db, {
        actor: principal,
        action: 'petitions.attachment.view',
        target: { type: 'petition', id: String(c.id), unitPath: c.unitPath },
        details: { attachment: a.id },
      });
      return reply
        .type(a.mime)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${a.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename="tep-${a.id}.${a.mime.split('/')[1]}"`,
        )
        .send(a.bytes);
    }),
  );

  // JSON API
  r.get(
    '/api/petitions/inbox',
    {
      schema: {
        tags: TAG,
        summary: 'Cases in scope (handlers) or forwarded to authorities in scope',
        querystring: inboxQuery,
      },
    },
    async (req) => {
      requireStaff(req.principal);
      const f = req.query;
      return listInbox(db, req.principal, {
        status: f.status,
        category: f.category,
        unit: f.unit,
        overdue: f.overdue,
        assignedToMe: f.mine,
        page: f.page,
        pageSize: f.pageSize,
      });
    },
  );
  r.get(
    '/api/petitions/:id',
    { schema: { tags: TAG, summary: 'A case (without contact details)', params: idParams } },
    async (req) => {
      const c = await caseForStaff(db, req.principal, req.params.id);
      await auditView(db, req.principal!, c);
      const { citizenId: _c, ...rest } = c;
      return {
        ...rest,
        events: await listEvents(db, c.id, false),
        files: await listAttachments(db, c.id),
        next: TRANSITIONS[c.status],
      };
    },
  );
  r.get(
    '/api/petitions/:id/suggestions',
    { schema: { tags: TAG, summary: 'Suggested category and possible duplicates', params: idParams } },
    async (req) => {
      const c = await caseForStaff(db, req.principal, req.params.id);
      authorize(req.principal, 'handle_petition', { unitPath: c.unitPath, orgType: 'front' });
      return {
        category: await suggestCategory(db, `${c.title}\n${c.content}`),
        duplicates: await suggestDuplicates(db, c),
      };
    },
  );
  r.post(
    '/api/petitions/:id/contact',
    { schema: { tags: TAG, summary: 'The sender’s contact details (audited)', params: idParams }, onSend: noStore },
    async (req) => revealContact(db, req.principal, req.params.id),
  );
  r.post(
    '/api/petitions/:id/actions',
    {
      schema: {
        tags: TAG,
        summary: 'Act on a case (assign, classify, forward, answer, publish, …)',
        params: idParams,
        body: staffActionSchema,
      },
    },
    async (req) => {
      const c = await performAction(db, req.principal, req.params.id, req.body, { publicUrl: ctx.config.publicUrl });
      const { citizenId: _c, ...rest } = c;
      return rest;
    },
  );
  r.get(
    '/api/petitions/authorities',
    {
      schema: {
        tags: TAG,
        summary: 'Authorities a case of a unit may be forwarded to',
        querystring: z.object({ unit: z.string().regex(/^(VN|\d{2}|\d{5})$/) }),
      },
    },
    async (req) => {
      requireRole(req.principal, 'handle_petition');
      const unit = await findUnitByCode(udb, req.query.unit, todayInVietnam());
      if (!unit) throw new AppError('NOT_FOUND');
      authorize(req.principal, 'handle_petition', { unitPath: unit.path, orgType: 'front' });
      return { items: await listAuthoritiesFor(db, unit.path) };
    },
  );
  r.post(
    '/api/petitions/authorities',
    {
      schema: {
        tags: TAG,
        summary: 'Add a competent authority to a unit’s directory',
        body: z.object({
          unit: z.string().regex(/^(VN|\d{2}|\d{5})$/),
          name: z.string().trim().min(3).max(200),
          email: z.email().max(254).optional(),
        }),
      },
    },
    async (req, reply) => {
      const unit = await findUnitByCode(udb, req.body.unit, todayInVietnam());
      if (!unit || unit.level === 'village') throw new AppError('NOT_FOUND');
      const id = await createEntry(db, req.principal, unit, { name: req.body.name, email: req.body.email ?? null });
      return reply.status(201).send({ id });
    },
  );
  r.put(
    '/api/petitions/categories/:code',
    {
      schema: {
        tags: TAG,
        summary: 'Set a category’s handling deadline in working days (Central administrators)',
        params: z.object({ code: z.string().regex(/^[a-z_]{2,40}$/) }),
        body: z.object({ deadlineDays: z.number().int().min(1).max(90) }),
      },
    },
    async (req) => {
      await setDeadlines(db, req.principal, { [req.params.code]: req.body.deadlineDays });
      return { code: req.params.code, deadlineDays: req.body.deadlineDays };
    },
  );
}
