import { sql, type Transaction } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize, can, hasRoleFor } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { findUnitByCode, todayInVietnam, unitsDb } from '../units/index.ts';
import { addEvent, type CaseRow, findCase, listAuthoritiesFor } from './cases.repo.ts';
import { trainExample } from './classifier.ts';
import { redact } from './redaction.ts';
import { canTransition, type Status } from './state-machine.ts';
import { statusLabel } from './status-labels.ts';
import type { CleanFile } from './uploads.ts';
import { addWorkingDays } from './working-days.ts';

export type StaffAction =
  | { action: 'assign'; toId?: string | undefined; toName?: string | undefined }
  | { action: 'note'; text: string }
  | { action: 'accept' }
  | { action: 'classify'; category: string; field?: string | undefined }
  | {
      action: 'reject';
      reason: 'out_of_scope' | 'duplicate' | 'abusive';
      note?: string | undefined;
      duplicateOf?: number | undefined;
    }
  | { action: 'forward'; authorityId: number }
  | { action: 'escalate'; note?: string | undefined }
  | { action: 'transfer'; unitCode: string; note?: string | undefined }
  | { action: 'start' }
  | { action: 'answer'; text: string; paper?: boolean | undefined }
  | { action: 'publish'; title: string; content: string; answer: string; showPhotos?: boolean | undefined }
  | { action: 'unpublish' }
  | { action: 'close' };

export type ActionContext = { publicUrl: string; file?: CleanFile | null };

type Trx = Transaction<unknown>;

/** Staff of the receiving Front handle a case; the authority it was forwarded to answers it. */
export function canHandle(p: Principal | null, c: CaseRow): boolean {
  return can(p, 'handle_petition', { unitPath: c.unitPath, orgType: 'front' });
}
/**
 * The authority answers: an account with the authority role, linked to the directory entry the case was forwarded
 * to (`petition_authority_account`), whose scope holds that entry's unit. The commune police and People's
 * Committee thus see only their own cases.
 */
export function canAnswer(p: Principal | null, c: StaffCase): boolean {
  return !!c.authorityPath && c.linkedToMe && can(p, 'answer_petition', { unitPath: c.authorityPath });
}

/** A case as a staff member reads it: whether their account is linked to the authority holding it. */
export type StaffCase = CaseRow & { linkedToMe: boolean };

async function isLinked(db: Db | Trx, p: Principal, c: CaseRow): Promise<boolean> {
  if (!c.authorityId || !hasRoleFor(p, 'answer_petition')) return false;
  const { rows } = await sql`SELECT 1 FROM petition_authority_account WHERE authority_id = ${c.authorityId}
    AND account_id = ${p.accountId}`.execute(db);
  return rows.length > 0;
}

/** The case for a staff member in scope (handler or the authority holding it); 404 for anyone else. */
export async function caseForStaff(db: Db | Trx, p: Principal | null, id: number, lock = false): Promise<StaffCase> {
  if (!p) throw new AppError('UNAUTHENTICATED');
  const found = Number.isSafeInteger(id) && id > 0 ? await findCase(db, id, lock) : null;
  const c = found ? { ...found, linkedToMe: await isLinked(db, p, found) } : null;
  if (!c || !(canHandle(p, c) || canAnswer(p, c))) throw new AppError('NOT_FOUND');
  return c;
}

function transition(c: CaseRow, to: Status): void {
  if (!canTransition(c.status, to))
    throw new AppError('PETITION_TRANSITION_NOT_ALLOWED', {
      params: { from: statusLabel(c.status, 'vi'), to: statusLabel(to, 'vi') },
      details: { from: c.status, to },
    });
}

async function setStatus(trx: Trx, c: CaseRow, to: Status, p: Principal | null, note: string | null, extra = sql``) {
  transition(c, to);
  await sql`UPDATE petition SET status = ${to}, updated_at = now() ${extra} WHERE id = ${c.id}`.execute(trx);
  await addEvent(trx, {
    petitionId: c.id,
    kind: 'status',
    from: c.status,
    to,
    actorId: p?.accountId ?? null,
    actorName: p?.displayName ?? null,
    note,
    public: true,
  });
}

async function notifyCitizen(trx: Trx, id: number, title: string, to: Status, publicUrl: string) {
  const { rows } = await sql<{ phone: string; email: string | null }>`SELECT sender_phone AS phone,
    sender_email AS email FROM petition WHERE id = ${id}`.execute(trx);
  const r = rows[0];
  if (!r) return;
  const params = { title: title.slice(0, 60), status: statusLabel(to, 'vi'), url: `${publicUrl}/phan-anh/tra-cuu` };
  await enqueueNotification(trx, { channel: 'sms', recipient: r.phone, template: 'petitions.status', params });
  if (r.email)
    await enqueueNotification(trx, { channel: 'email', recipient: r.email, template: 'petitions.status', params });
}

/**
 * One entry point for every staff action on a case: scope and role checked by the core policy, the state
 * machine's arrows enforced, the change, its timeline event and its audit entry in one transaction.
 */
export async function performAction(db: Db, p: Principal | null, id: number, a: StaffAction, ctx: ActionContext) {
  return withTransaction(db as unknown as Db, async (raw) => {
    const trx = raw as unknown as Trx;
    const c = await caseForStaff(trx, p, id, true);
    const handler = canHandle(p, c);
    const who = p!;
    const needHandler = () => {
      if (!handler) throw new AppError('NOT_FOUND');
    };
    const audit = (details: Record<string, unknown> = {}) =>
      recordAudit(trx, {
        actor: who,
        action: `petitions.case.${a.action}`,
        target: { type: 'petition', id: String(c.id), unitPath: c.unitPath },
        details: { status: c.status, ...details },
      });
    let notify: Status | null = null;

    switch (a.action) {
      case 'assign': {
        needHandler();
        const toId = a.toId?.trim() || who.accountId;
        const toName = a.toName?.trim() || who.displayName;
        await sql`UPDATE petition SET assigned_to = ${toId}, assigned_name = ${toName}, updated_at = now()
          WHERE id = ${c.id}`.execute(trx);
        await addEvent(trx, {
          petitionId: c.id,
          kind: 'assign',
          actorId: who.accountId,
          actorName: who.displayName,
          note: toName,
        });
        await audit({ to: toId });
        break;
      }
      case 'note': {
        const text = a.text.trim();
        if (!text)
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ field: 'text', code: 'PETITION_TEXT_REQUIRED', message: '' }],
          });
        await addEvent(trx, {
          petitionId: c.id,
          kind: 'note',
          actorId: who.accountId,
          actorName: who.displayName,
          note: text.slice(0, 4000),
        });
        await audit();
        break;
      }
      case 'accept': {
        needHandler();
        await setStatus(trx, c, 'accepted', who, null);
        await audit();
        notify = 'accepted';
        break;
      }
      case 'classify': {
        needHandler();
        const { rows } = await sql<{
          code: string;
        }>`SELECT code FROM petition_category WHERE code = ${a.category}`.execute(trx);
        if (!rows[0])
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ field: 'category', code: 'PETITION_CATEGORY_INVALID', message: '' }],
          });
        const text = `${c.title}\n${c.content}`;
        if (c.categoryConfirmed && c.category !== a.category) await trainExample(trx, c.category, text, -1);
        if (!c.categoryConfirmed || c.category !== a.category) await trainExample(trx, a.category, text, 1);
        await sql`UPDATE petition SET category = ${a.category}, category_confirmed = true, field = ${a.field?.trim().slice(0, 100) || null},
          updated_at = now() WHERE id = ${c.id}`.execute(trx);
        await addEvent(trx, {
          petitionId: c.id,
          kind: 'classify',
          actorId: who.accountId,
          actorName: who.displayName,
          note: a.category,
        });
        await audit({ from: c.category, to: a.category });
        break;
      }
      case 'reject': {
        needHandler();
        let dup: number | null = null;
        if (a.reason === 'duplicate') {
          const original = a.duplicateOf ? await findCase(trx, a.duplicateOf) : null;
          if (!original || original.id === c.id || !canHandle(who, original))
            throw new AppError('VALIDATION_FAILED', {
              fields: [{ field: 'duplicateOf', code: 'NOT_FOUND', message: '' }],
            });
          dup = original.id;
        }
        await setStatus(
          trx,
          c,
          'rejected',
          who,
          a.reason,
          sql`, reject_reason = ${a.reason},
          reject_note = ${a.note?.trim().slice(0, 2000) || null}, duplicate_of = ${dup}, closed_at = now()`,
        );
        await audit({ reason: a.reason, duplicateOf: dup });
        notify = 'rejected';
        break;
      }
      case 'forward': {
        needHandler();
        const authorities = await listAuthoritiesFor(trx, c.unitPath);
        const auth = authorities.find((x) => x.id === a.authorityId);
        if (!auth) throw new AppError('PETITION_AUTHORITY_UNKNOWN');
        const { rows } = await sql<{ days: number }>`SELECT deadline_days AS days FROM petition_category
          WHERE code = ${c.category}`.execute(trx);
        const due = addWorkingDays(todayInVietnam(), rows[0]?.days ?? 15);
        await setStatus(
          trx,
          c,
          'forwarded',
          who,
          auth.name,
          sql`, authority_id = ${auth.id},
          authority_path = ${auth.unitPath}::ltree, forwarded_at = now(), due_date = ${due}, reminded_at = null`,
        );
        if (auth.email)
          await enqueueNotification(trx, {
            channel: 'email',
            recipient: auth.email,
            template: 'petitions.forwarded',
            params: {
              id: c.id,
              title: c.title.slice(0, 80),
              authority: auth.name,
              due: due.split('-').reverse().join('/'),
              url: `${ctx.publicUrl}/quan-tri/phan-anh/${c.id}`,
            },
          });
        await audit({ authorityId: auth.id, due });
        notify = 'forwarded';
        break;
      }
      case 'escalate':
      case 'transfer': {
        needHandler();
        let targetCode: string;
        if (a.action === 'escalate') {
          const parts = c.unitPath.split('.');
          if (parts.length < 2) throw new AppError('PETITION_TRANSFER_TARGET');
          targetCode = parts.length === 2 ? 'VN' : parts[parts.length - 2]!;
        } else targetCode = a.unitCode.trim();
        const target = /^(VN|\d{2}|\d{5})$/.test(targetCode)
          ? await findUnitByCode(unitsDb(trx as unknown as Db), targetCode, todayInVietnam())
          : null;
        if (!target || target.level === 'village' || target.id === c.unitId)
          throw new AppError('PETITION_TRANSFER_TARGET');
        await setStatus(
          trx,
          c,
          'transferred',
          who,
          target.fullName,
          sql`, unit_id = ${target.id}, unit_code = ${target.code},
          unit_path = ${target.path}::ltree, unit_level = ${target.level}, province_code = ${target.provinceCode},
          assigned_to = null, assigned_name = null, authority_id = null, authority_path = null, due_date = null`,
        );
        if (a.note?.trim())
          await addEvent(trx, {
            petitionId: c.id,
            kind: 'note',
            actorId: who.accountId,
            actorName: who.displayName,
            note: a.note.trim().slice(0, 2000),
          });
        await audit({ from: c.unitCode, to: target.code, escalation: a.action === 'escalate' });
        notify = 'transferred';
        break;
      }
      case 'start': {
        await setStatus(trx, c, 'in_progress', who, null);
        await audit();
        break;
      }
      case 'answer': {
        const text = a.text.trim();
        if (!text)
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ field: 'text', code: 'PETITION_TEXT_REQUIRED', message: '' }],
          });
        const paper = !!a.paper;
        // The authority answers in its own account; the Front records an answer that came on paper, with its scan.
        if (paper ? !handler : !canAnswer(who, c)) throw new AppError('NOT_FOUND');
        if (paper && !ctx.file)
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ field: 'file', code: 'PETITION_TEXT_REQUIRED', message: '' }],
          });
        await setStatus(
          trx,
          c,
          'answered',
          who,
          null,
          sql`, answer_text = ${text.slice(0, 10000)}, answered_at = now(),
          answered_by = ${paper ? (c.authorityName ?? who.displayName) : who.displayName}, answered_on_paper = ${paper},
          rating = null, rating_resolved = null, rating_comment = null, rated_at = null`,
        );
        if (ctx.file)
          await sql`INSERT INTO petition_attachment (petition_id, kind, filename, mime, size, width, height, bytes)
            VALUES (${c.id}, 'answer', ${ctx.file.filename}, ${ctx.file.mime}, ${ctx.file.bytes.length}, ${ctx.file.width},
              ${ctx.file.height}, ${ctx.file.bytes})`.execute(trx);
        await audit({ paper });
        notify = 'answered';
        break;
      }
      case 'publish': {
        needHandler();
        if (c.status !== 'answered' && c.status !== 'closed') throw new AppError('PETITION_NOT_PUBLISHABLE');
        const { rows } = await sql<{ name: string; phone: string; email: string | null }>`SELECT sender_name AS name,
          sender_phone AS phone, sender_email AS email FROM petition WHERE id = ${c.id}`.execute(trx);
        const s = rows[0]!;
        // Whatever the reviewer left, the sender's contact details and any number or address are masked; the name too
        // when the citizen asked for it to be hidden.
        const words = [s.phone, ...(s.email ? [s.email] : []), ...(c.hideName ? [s.name] : [])];
        const title = redact(a.title.trim() || c.title, words).slice(0, 200);
        const content = redact(a.content.trim() || c.content, words).slice(0, 5000);
        const answer = redact(a.answer.trim() || c.answerText || '', words).slice(0, 10000);
        const showPhotos = !!a.showPhotos && c.photosPublic;
        await sql`UPDATE petition SET published = true, published_at = coalesce(published_at, now()), public_title = ${title},
          public_content = ${content}, public_answer = ${answer}, public_show_photos = ${showPhotos},
          public_folded = vn_fold(${`${title} ${content} ${answer}`}), updated_at = now() WHERE id = ${c.id}`.execute(
          trx,
        );
        await addEvent(trx, {
          petitionId: c.id,
          kind: 'publish',
          actorId: who.accountId,
          actorName: who.displayName,
          public: true,
        });
        await audit({ showPhotos });
        break;
      }
      case 'unpublish': {
        needHandler();
        await sql`UPDATE petition SET published = false, updated_at = now() WHERE id = ${c.id}`.execute(trx);
        await addEvent(trx, {
          petitionId: c.id,
          kind: 'unpublish',
          actorId: who.accountId,
          actorName: who.displayName,
        });
        await audit();
        break;
      }
      case 'close': {
        needHandler();
        await setStatus(trx, c, 'closed', who, null, sql`, closed_at = now()`);
        await audit();
        break;
      }
    }
    if (notify) await notifyCitizen(trx, c.id, c.title, notify, ctx.publicUrl);
    return (await findCase(trx, c.id))!;
  });
}

/** The sender's contact details, for a handler in scope; every reading is audited (who, when, from where). */
export async function revealContact(db: Db, p: Principal | null, id: number) {
  return withTransaction(db, async (trx) => {
    const c = await caseForStaff(trx as unknown as Trx, p, id);
    authorize(p, 'handle_petition', { unitPath: c.unitPath, orgType: 'front' });
    const { rows } = await sql<{ name: string; phone: string; email: string | null }>`SELECT sender_name AS name,
      sender_phone AS phone, sender_email AS email FROM petition WHERE id = ${id}`.execute(trx);
    await recordAudit(trx, {
      actor: p,
      action: 'petitions.contact.view',
      target: { type: 'petition', id: String(id), unitPath: c.unitPath },
    });
    return rows[0]!;
  });
}

/** Records that a staff member opened a case (reading a citizen's text is reading personal data). */
export async function auditView(db: Db, p: Principal, c: CaseRow): Promise<void> {
  await recordAudit(db, {
    actor: p,
    action: 'petitions.case.view',
    target: { type: 'petition', id: String(c.id), unitPath: c.unitPath },
  });
}
