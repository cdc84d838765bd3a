import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { addEvent, CASE_COLUMNS, type CaseRow, findCaseByCodeHash } from './cases.repo.ts';
import { canTransition } from './state-machine.ts';
import { hashTrackingCode, normaliseTrackingCode } from './tracking-code.ts';

/** The case behind a tracking code, or null (a malformed code is not even looked up). */
export async function caseByCode(db: Db, input: string): Promise<CaseRow | null> {
  const code = normaliseTrackingCode(input);
  return code ? findCaseByCodeHash(db, hashTrackingCode(code)) : null;
}

export type Rating = { rating: number; resolved: boolean; comment: string | null };

/** Whose case: by its tracking code, or one of the cases a citizen signed in with VNeID sent. */
export type CaseLocator = string | { id: number; verifiedCitizenId: string };

/**
 * The citizen's verdict on an answer: resolved closes the case; not resolved leaves it answered so that the
 * citizen may reopen it (once).
 */
export async function rateAnswer(db: Db, which: CaseLocator, r: Rating): Promise<CaseRow> {
  return withTransaction(db, async (trx) => {
    const c = await lockedCase(trx as unknown as Db, which);
    if (c.status !== 'answered')
      throw new AppError('PETITION_TRANSITION_NOT_ALLOWED', { params: { from: c.status, to: 'rated' } });
    if (c.ratedAt) throw new AppError('PETITION_ALREADY_RATED');
    if (!Number.isInteger(r.rating) || r.rating < 1 || r.rating > 5)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'rating', code: 'PETITION_RATING_INVALID', message: '' }],
      });
    const comment = r.comment?.trim().slice(0, 1000) || null;
    await sql`UPDATE petition SET rating = ${r.rating}, rating_resolved = ${r.resolved}, rating_comment = ${comment},
      rated_at = now(), updated_at = now() WHERE id = ${c.id}`.execute(trx);
    await addEvent(trx, { petitionId: c.id, kind: 'rating', note: String(r.rating), public: true });
    if (r.resolved) {
      await sql`UPDATE petition SET status = 'closed', closed_at = now() WHERE id = ${c.id}`.execute(trx);
      await addEvent(trx, { petitionId: c.id, kind: 'status', from: 'answered', to: 'closed', public: true });
    }
    await recordAudit(trx, {
      actor: null,
      action: 'petitions.case.rate',
      target: { type: 'petition', id: String(c.id), unitPath: c.unitPath },
      details: { rating: r.rating, resolved: r.resolved },
    });
    return c;
  });
}

/** An unsatisfied citizen reopens the case once; the Front handles it again. */
export async function reopenCase(db: Db, which: CaseLocator, reason: string): Promise<CaseRow> {
  return withTransaction(db, async (trx) => {
    const c = await lockedCase(trx as unknown as Db, which);
    if (c.reopenCount >= 1) throw new AppError('PETITION_REOPEN_USED');
    if (!canTransition(c.status, 'reopened') || c.ratingResolved !== false)
      throw new AppError('PETITION_TRANSITION_NOT_ALLOWED', { params: { from: c.status, to: 'reopened' } });
    await sql`UPDATE petition SET status = 'reopened', reopen_count = reopen_count + 1, updated_at = now()
      WHERE id = ${c.id}`.execute(trx);
    await addEvent(trx, {
      petitionId: c.id,
      kind: 'status',
      from: c.status,
      to: 'reopened',
      note: reason.trim().slice(0, 1000) || null,
      public: true,
    });
    await recordAudit(trx, {
      actor: null,
      action: 'petitions.case.reopen',
      target: { type: 'petition', id: String(c.id), unitPath: c.unitPath },
    });
    return c;
  });
}

async function lockedCase(trx: Db, which: CaseLocator): Promise<CaseRow> {
  let where: ReturnType<typeof sql>;
  if (typeof which === 'string') {
    const code = normaliseTrackingCode(which);
    if (!code) throw new AppError('NOT_FOUND');
    where = sql`p.code_hash = ${hashTrackingCode(code)}`;
  } else {
    if (!Number.isSafeInteger(which.id) || !which.verifiedCitizenId) throw new AppError('NOT_FOUND');
    where = sql`p.id = ${which.id} AND p.citizen_id = ${which.verifiedCitizenId}`;
  }
  const { rows } = await sql<CaseRow>`SELECT ${CASE_COLUMNS} FROM petition p LEFT JOIN petition_authority a
    ON a.id = p.authority_id WHERE ${where} FOR UPDATE OF p`.execute(trx);
  if (!rows[0]) throw new AppError('NOT_FOUND');
  return rows[0];
}

/**
 * The seam for a citizen signed in with VNeID: every case sent under their verified identity. The identity
 * module must hand over a citizen ID it has verified (never one typed into a form); submissions made while
 * signed in store it in `petition.citizen_id`.
 */
export async function casesOfVerifiedCitizen(db: Db, verifiedCitizenId: string): Promise<CaseRow[]> {
  const { rows } = await sql<CaseRow>`SELECT ${CASE_COLUMNS} FROM petition p LEFT JOIN petition_authority a
    ON a.id = p.authority_id WHERE p.citizen_id = ${verifiedCitizenId} ORDER BY p.received_at DESC LIMIT 200`.execute(
    db,
  );
  return rows;
}

/** The rating and reopening forms' one post (`action=reopen` or a rating): what was done. */
export async function applyCitizenVerdict(
  db: Db,
  which: CaseLocator,
  form: Record<string, string>,
): Promise<'reopened' | 'rated'> {
  if (form.action === 'reopen') {
    await reopenCase(db, which, String(form.reason ?? ''));
    return 'reopened';
  }
  await rateAnswer(db, which, {
    rating: Number(form.rating),
    resolved: form.resolved === 'yes',
    comment: form.comment ? String(form.comment) : null,
  });
  return 'rated';
}
