import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PublicCaseView } from '../../../web/petitions/case-page.tsx';
import type { SubmitProps } from '../../../web/petitions/submit-page.tsx';
import type { TrackProps } from '../../../web/petitions/track-page.tsx';
import type { AppContext } from '../../core/context.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError, type FieldError, requestLang, sendError } from '../../core/http/errors.ts';
import { formatBytes } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { citizenOfRequest } from '../identity/index.ts';
import { detectLang, type PublicPages } from '../portal/index.ts';
import { findUnitByCode, searchUnits, todayInVietnam, unitsDb } from '../units/index.ts';
import { type CaseRow, type CategoryRow, listAttachments, listCategories, listEvents } from './cases.repo.ts';
import { applyCitizenVerdict, caseByCode } from './citizen.ts';
import { readForm } from './multipart-form.ts';
import type { PetitionSettings } from './settings.ts';
import { REJECT_REASONS, statusLabel } from './status-labels.ts';
import { cleanAll, LIMITS, type RawSubmission, storeSubmission, validateSubmission } from './submission.ts';
import { findTrackedCase } from './tracking.repo.ts';
import { MAX_FILE_BYTES, MAX_FILES } from './uploads.ts';

export function categoryOptions(cats: CategoryRow[], lang: Lang) {
  return cats.map((c) => ({
    code: c.code,
    name: lang === 'vi' ? c.nameVi : c.nameEn,
    hint: lang === 'vi' ? c.hintVi : c.hintEn,
    deadlineDays: c.deadlineDays,
  }));
}

const limitsFor = (lang: Lang) => ({
  ...LIMITS,
  maxFiles: MAX_FILES,
  maxFileSize: formatBytes(MAX_FILE_BYTES, lang),
});

const localise = (fields: FieldError[], lang: Lang): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f.field, translate(f.code, lang)]));

/** A case as its sender follows it (tracking page, "my cases"): public timeline, no internal notes. */
export async function trackedCase(db: Db, lang: Lang, c: CaseRow): Promise<NonNullable<TrackProps['case']>> {
  const events = await listEvents(db, c.id, true);
  const files = await listAttachments(db, c.id);
  const unit = await findUnitByCode(unitsDb(db), c.unitCode, todayInVietnam());
  const cats = await listCategories(db);
  const cat = cats.find((x) => x.code === c.category);
  return {
    title: c.title,
    status: c.status,
    statusLabel: statusLabel(c.status, lang),
    unitName: unit?.fullName ?? c.unitCode,
    category: cat ? (lang === 'vi' ? cat.nameVi : cat.nameEn) : c.category,
    receivedAt: c.receivedAt.toISOString(),
    dueDate: c.dueDate,
    authorityName: c.authorityName,
    answer: c.answerText,
    answeredAt: c.answeredAt?.toISOString() ?? null,
    answeredBy: c.answeredBy,
    rejectReason: c.rejectReason ? REJECT_REASONS[c.rejectReason as keyof typeof REJECT_REASONS][lang] : null,
    rejectNote: c.rejectNote,
    rating: c.rating,
    ratingResolved: c.ratingResolved,
    canRate: c.status === 'answered' && !c.ratedAt,
    canReopen: c.status === 'answered' && c.ratingResolved === false && c.reopenCount < 1,
    files: files.filter((f) => f.kind === 'citizen').length,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      label:
        e.kind === 'status' && e.toStatus
          ? statusLabel(e.toStatus as never, lang)
          : e.kind === 'submitted'
            ? statusLabel('received', lang)
            : e.kind === 'rating'
              ? `${lang === 'vi' ? 'Đánh giá' : 'Rating'}: ${e.note}/5`
              : e.kind === 'publish'
                ? lang === 'vi'
                  ? 'Công khai trên trang chủ'
                  : 'Published on the homepage'
                : e.kind,
    })),
  };
}

/** The citizen's side: the submission form, the tracking page, rating and reopening. */
export function registerCitizenRoutes(app: FastifyInstance, ctx: AppContext, pages: PublicPages, s: PetitionSettings) {
  const db: Db = ctx.db;
  const noStore = async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('cache-control', 'no-store');
    return payload;
  };
  const attempts = { rateLimit: { max: s.attemptsPerMinute, timeWindow: 60_000 } };
  const lookups = { rateLimit: { max: s.lookupsPerMinute, timeWindow: 60_000 } };

  async function formProps(req: FastifyRequest, extra: Partial<SubmitProps> = {}): Promise<SubmitProps> {
    const lang = detectLang(req);
    const query = req.query as { q?: string; 'don-vi'?: string };
    const q = String(query.q ?? '')
      .trim()
      .slice(0, 100);
    const unitCode = String(extra.values?.unit ?? query['don-vi'] ?? '').trim();
    const unit = /^(VN|\d{2}|\d{5})$/.test(unitCode)
      ? await findUnitByCode(unitsDb(db), unitCode, todayInVietnam())
      : null;
    let results: SubmitProps['results'] = null;
    if (q && !unit) {
      const found = await searchUnits(unitsDb(db), {
        q: q.replace(/[%_\\]/g, ' '),
        asOf: todayInVietnam(),
        within: null,
        villageScope: null,
        limit: 12,
      });
      const provinces = new Map<string, string>();
      for (const u of found) if (u.level === 'province') provinces.set(u.code, u.fullName);
      results = [];
      for (const u of found.filter((x) => x.level === 'province' || x.level === 'commune')) {
        let parentName = u.level === 'commune' ? (provinces.get(u.provinceCode ?? '') ?? null) : null;
        if (u.level === 'commune' && !parentName && u.provinceCode) {
          parentName = (await findUnitByCode(unitsDb(db), u.provinceCode, todayInVietnam()))?.fullName ?? null;
          if (parentName) provinces.set(u.provinceCode, parentName);
        }
        results.push({ code: u.code, fullName: u.fullName, level: u.level, parentName });
      }
    }
    return {
      q,
      results,
      unit: unit && unit.level !== 'village' ? { code: unit.code, fullName: unit.fullName, level: unit.level } : null,
      categories: categoryOptions(await listCategories(db), lang),
      values: {},
      errors: {},
      formError: null,
      limits: limitsFor(lang),
      citizen: await citizenOfRequest(db, req).then((c) => (c ? { name: c.displayName } : null)),
      ...extra,
    };
  }

  app.get('/phan-anh/gui', { schema: { hide: true } }, async (req, reply) =>
    pages.render(req, reply, { page: 'petitions/submit', props: await formProps(req) }),
  );

  async function submit(req: FastifyRequest) {
    const lang = requestLang(req);
    const { fields, files } = await readForm(req);
    const cats = new Set((await listCategories(db)).map((c) => c.code));
    const { value, errors } = await validateSubmission(db, fields as RawSubmission, cats);
    if (!value) return { fields, errors, result: null };
    const clean = await cleanAll(files);
    // A citizen signed in with VNeID: the case carries the verified ID from the session, never from the form.
    const citizen = await citizenOfRequest(db, req);
    const result = await storeSubmission(db, value, clean, {
      citizenId: citizen?.citizenId ?? null,
      ip: req.ip,
      secret: ctx.config.tokenSecret,
      limits: s.limits,
      publicUrl: ctx.config.publicUrl,
      lang,
    });
    return { fields, errors, result, signedIn: !!citizen };
  }

  // A person whose attempts hit the per-address limit gets the form again with the reason, not a JSON envelope.
  const formErrorHandler = async (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (!(err instanceof AppError) || err.code !== 'RATE_LIMITED') throw err;
    const lang = detectLang(req);
    const props = await formProps(req, { formError: translate(err.code, lang, err.params) });
    return pages.render(req, reply, { page: 'petitions/submit', props, status: 429 });
  };

  app.post(
    '/phan-anh/gui',
    { schema: { hide: true }, config: attempts, onSend: noStore, errorHandler: formErrorHandler },
    async (req, reply) => {
      const lang = detectLang(req);
      let fields: Record<string, string> = {};
      try {
        const out = await submit(req);
        fields = out.fields;
        if (out.result)
          return pages.render(req, reply, {
            page: 'petitions/submitted',
            props: { code: out.result.code, unitName: out.result.unitName, signedIn: out.signedIn },
            status: 201,
          });
        const values = { ...out.fields, website: '' };
        return pages.render(req, reply, {
          page: 'petitions/submit',
          props: await formProps(req, { values, errors: localise(out.errors, lang) }),
          status: 400,
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const props = await formProps(req, {
          values: { ...fields, website: '' },
          errors: err.fields ? localise(err.fields, lang) : {},
          formError: translate(err.code, lang, err.params),
        });
        return pages.render(req, reply, { page: 'petitions/submit', props, status: err.status });
      }
    },
  );

  // The same submission for API clients (a mobile app): multipart or URL-encoded in, JSON out.
  app.post(
    '/api/petitions',
    {
      config: attempts,
      schema: {
        tags: ['petitions'],
        summary: 'Submit a case (multipart: fields as in the form, files in "files"); answers the tracking code once',
        consumes: ['multipart/form-data', 'application/x-www-form-urlencoded'],
      },
      onSend: noStore,
    },
    async (req, reply) => {
      const out = await submit(req);
      if (!out.result) throw new AppError('VALIDATION_FAILED', { fields: out.errors });
      return reply.status(201).send(out.result);
    },
  );

  async function trackProps(req: FastifyRequest, code: string, flash: TrackProps['flash'] = null): Promise<TrackProps> {
    const empty: TrackProps = { query: code, notFound: false, case: null, flash, code: '' };
    if (!code.trim()) return empty;
    const c = await caseByCode(db, code);
    if (!c) return { ...empty, notFound: true };
    return { ...empty, code: code.trim().toUpperCase(), case: await trackedCase(db, detectLang(req), c) };
  }

  // The code travels in the query string, which the logs never record; lookups are rate-limited per address.
  app.get('/phan-anh/tra-cuu', { schema: { hide: true }, config: lookups, onSend: noStore }, async (req, reply) => {
    const code = String((req.query as { ma?: string }).ma ?? '').slice(0, 40);
    const props = await trackProps(req, code);
    return pages.render(req, reply, { page: 'petitions/track', props, status: props.notFound ? 404 : 200 });
  });

  app.post(
    '/phan-anh/tra-cuu/danh-gia',
    { schema: { hide: true }, config: lookups, onSend: noStore },
    async (req, reply) => {
      const f = (req.body ?? {}) as Record<string, string>;
      const lang = detectLang(req);
      const code = String(f.ma ?? '');
      try {
        const done = await applyCitizenVerdict(db, code, f);
        const props = await trackProps(req, code, { kind: 'success', message: done });
        return pages.render(req, reply, { page: 'petitions/track', props });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const props = await trackProps(req, code, {
          kind: 'error',
          message: translate(err.fields?.[0]?.code ?? err.code, lang, err.params),
        });
        return pages.render(req, reply, { page: 'petitions/track', props, status: err.status });
      }
    },
  );

  // JSON for API clients: status of a case by its code (POST so the code stays out of URLs).
  app.post(
    '/api/petitions/track',
    {
      config: lookups,
      schema: { tags: ['petitions'], summary: 'A case by its tracking code (body: {code})' },
      onSend: noStore,
    },
    async (req, reply) => {
      const code = String(((req.body ?? {}) as { code?: unknown }).code ?? '');
      const c = await findTrackedCase(ctx.database, code);
      if (!c) return sendError(req, reply, new AppError('NOT_FOUND'));
      return c;
    },
  );
}

export type { PublicCaseView };
