import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { auditInsert } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError, type FieldError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { notificationInsert } from '../../core/notifications/index.ts';
import { findUnitByCode, todayInVietnam, type Unit, unitsDb } from '../units/index.ts';
import { normaliseVietnamesePhone } from './phone.ts';
import { hashTrackingCode, newTrackingCode } from './tracking-code.ts';
import { type CleanFile, cleanUpload, type IncomingFile, MAX_FILES } from './uploads.ts';

export const LIMITS = {
  titleMin: 10,
  titleMax: 200,
  contentMin: 30,
  contentMax: 5000,
  addressMax: 300,
  nameMin: 2,
  nameMax: 100,
  emailMax: 254,
} as const;

export type RawSubmission = Partial<
  Record<
    | 'unit'
    | 'category'
    | 'title'
    | 'content'
    | 'address'
    | 'latitude'
    | 'longitude'
    | 'name'
    | 'phone'
    | 'email'
    | 'consent'
    | 'hideName'
    | 'photosPublic'
    | 'website',
    string
  >
>;

export type ValidSubmission = {
  unit: Unit;
  category: string;
  title: string;
  content: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  name: string;
  phone: string;
  email: string | null;
  hideName: boolean;
  photosPublic: boolean;
};

export type SubmissionLimits = { perIpPerHour: number; perPhonePerDay: number };

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const checked = (v: string | undefined) => v === 'on' || v === 'true' || v === '1' || v === 'yes';
const clean = (v: string | undefined) => (v ?? '').normalize('NFC').replace(/\r\n/g, '\n').trim();
// Control characters other than line breaks and tabs have no place in a citizen's text.
const stripControls = (s: string) => s.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));

/** Every field checked at once, so the form shows all problems together. */
export async function validateSubmission(
  db: Db,
  raw: RawSubmission,
  categories: Set<string>,
): Promise<{ value: ValidSubmission | null; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const err = (field: string, code: string) => errors.push({ field, code, message: '' });
  if (clean(raw.website)) throw new AppError('PETITION_HONEYPOT');

  const unitCode = clean(raw.unit);
  const unit = /^(VN|\d{2}|\d{5})$/.test(unitCode) ? await receivingUnit(db, unitCode) : null;
  if (!unit) err('unit', 'PETITION_UNIT_REQUIRED');

  const category = clean(raw.category);
  if (!categories.has(category)) err('category', 'PETITION_CATEGORY_INVALID');
  const title = stripControls(clean(raw.title)).replace(/\s+/g, ' ');
  if ([...title].length < LIMITS.titleMin || [...title].length > LIMITS.titleMax) err('title', 'PETITION_TITLE_LENGTH');
  const content = stripControls(clean(raw.content));
  if ([...content].length < LIMITS.contentMin || [...content].length > LIMITS.contentMax)
    err('content', 'PETITION_CONTENT_LENGTH');
  const address = stripControls(clean(raw.address)).replace(/\s+/g, ' ');
  if ([...address].length > LIMITS.addressMax) err('address', 'PETITION_ADDRESS_TOO_LONG');

  let latitude: number | null = null;
  let longitude: number | null = null;
  const latRaw = clean(raw.latitude);
  const lonRaw = clean(raw.longitude);
  if (latRaw || lonRaw) {
    latitude = Number(latRaw.replace(',', '.'));
    longitude = Number(lonRaw.replace(',', '.'));
    const ok =
      /^-?\d{1,3}([.,]\d{1,8})?$/.test(latRaw) &&
      /^-?\d{1,3}([.,]\d{1,8})?$/.test(lonRaw) &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180;
    if (!ok) err('location', 'PETITION_LOCATION_INVALID');
  }

  const name = stripControls(clean(raw.name)).replace(/\s+/g, ' ');
  if ([...name].length < LIMITS.nameMin || [...name].length > LIMITS.nameMax || /[<>]/.test(name))
    err('name', 'PETITION_NAME_LENGTH');
  const phone = normaliseVietnamesePhone(clean(raw.phone));
  if (!phone) err('phone', 'PETITION_PHONE_INVALID');
  const email = clean(raw.email).toLowerCase();
  if (email && (email.length > LIMITS.emailMax || !EMAIL.test(email))) err('email', 'PETITION_EMAIL_INVALID');
  if (!checked(raw.consent)) err('consent', 'PETITION_CONSENT_REQUIRED');

  if (errors.length) return { value: null, errors };
  return {
    value: {
      unit: unit!,
      category,
      title,
      content,
      address: address || null,
      latitude,
      longitude,
      name,
      phone: phone!,
      email: email || null,
      hideName: checked(raw.hideName),
      photosPublic: checked(raw.photosPublic),
    },
    errors,
  };
}

const unitCache = new Map<string, { at: number; unit: Unit | null }>();
const UNIT_CACHE_MS = 10 * 60_000;

/** The Front that can receive cases (Central, a province or a commune), remembered for 10 minutes per process. */
async function receivingUnit(db: Db, code: string): Promise<Unit | null> {
  const hit = unitCache.get(code);
  if (hit && Date.now() - hit.at < UNIT_CACHE_MS) return hit.unit;
  const found = await findUnitByCode(unitsDb(db), code, todayInVietnam());
  const unit = found && found.level !== 'village' ? found : null;
  if (unitCache.size > 5000) unitCache.clear();
  unitCache.set(code, { at: Date.now(), unit });
  return unit;
}

export function ipHash(ip: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`petition-ip:${ip}`).digest();
}

export type Submitted = { id: number; code: string; unitName: string; status: 'received' };

function rateLimited(lang: Lang, what: 'phone' | 'address'): AppError {
  return new AppError('PETITION_RATE_LIMITED', {
    params:
      what === 'phone'
        ? {
            what: lang === 'vi' ? 'số điện thoại này' : 'this phone number',
            after: lang === 'vi' ? '24 giờ' : '24 hours',
          }
        : {
            what: lang === 'vi' ? 'địa chỉ mạng này' : 'this network address',
            after: lang === 'vi' ? '1 giờ' : '1 hour',
          },
  });
}

/**
 * Counts this submission against its address's limit (per-minute counters of the last hour, migration 0049):
 * false when the address already sent its share, and then nothing is counted. One short statement of its own,
 * so the counter row of a busy address is locked only for that statement, not for the whole submission. Two
 * submissions racing at the very limit may both pass: it is a brake on floods, not an exact quota. Its commit
 * does not wait for the disk (synchronous_commit off for this statement's transaction): a counter lost in a
 * crash costs nothing.
 */
async function countAddress(db: Db, ipKey: Buffer, limit: number): Promise<boolean> {
  const { rows } = await sql<{ counted: number }>`WITH w AS (
      SELECT coalesce(sum(n), 0) AS n FROM petition_address_minute
      WHERE ip_hash = ${ipKey} AND minute > now() - interval '1 hour'),
    u AS (INSERT INTO petition_address_minute (ip_hash, minute, n)
      SELECT ${ipKey}, date_trunc('minute', now()), 1 FROM w WHERE w.n < ${limit}
      ON CONFLICT (ip_hash, minute) DO UPDATE SET n = petition_address_minute.n + 1 RETURNING 1)
    SELECT (SELECT count(*) FROM u)::int AS counted, set_config('synchronous_commit', 'off', true) AS async`.execute(
    db,
  );
  // About one submission in 500 clears every address's counters older than the window.
  if (Math.random() < 0.002)
    await sql`DELETE FROM petition_address_minute WHERE minute < now() - interval '1 hour'`.execute(db);
  return rows[0]!.counted > 0;
}

/** Case ids drawn from the sequence in blocks, per database: one round trip per block instead of one per case. */
const ID_BLOCK = 32;
const drawnIds = new WeakMap<Db, number[]>();

async function nextCaseId(db: Db): Promise<number> {
  let ids = drawnIds.get(db);
  if (!ids?.length) {
    const { rows } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('petition', 'id')) AS id
      FROM generate_series(1, ${ID_BLOCK})`.execute(db);
    // Requests that found the list empty at once each drew a block; all the ids are used.
    ids = drawnIds.get(db) ?? [];
    ids.push(...rows.map((r) => Number(r.id)));
    drawnIds.set(db, ids);
  }
  return ids.shift()!;
}

/** What `petition_phone_slot` raises when the phone already sent its share (migration 0043). */
const PHONE_LIMIT_REACHED = 'PA429';

/**
 * Stores a case and its cleaned attachments, after the per-address limit and under the per-phone limit, in one
 * statement (its own transaction): the phone's slot (`petition_phone_slot`, migration 0043: an advisory lock per
 * phone, then the count of its stored cases with a snapshot taken after the lock, so two parallel requests cannot
 * both slip under it; it stops at the limit), the case, its first event, its files, the audit entry and the SMS.
 * Over the phone limit the function raises and the whole statement is rolled back. With the address counter, two
 * round trips per submission (the case's id comes from a block drawn ahead).
 */
export async function storeSubmission(
  db: Db,
  v: ValidSubmission,
  files: CleanFile[],
  o: { ip: string; secret: string; limits: SubmissionLimits; publicUrl: string; lang: Lang; citizenId?: string | null },
): Promise<Submitted> {
  const ipKey = ipHash(o.ip, o.secret);
  if (!(await countAddress(db, ipKey, o.limits.perIpPerHour))) throw rateLimited(o.lang, 'address');
  const code = newTrackingCode();
  const id = await nextCaseId(db);
  const audit = auditInsert({
    actor: null,
    action: 'petitions.case.submit',
    target: { type: 'petition', id: String(id), unitPath: v.unit.path },
    details: { category: v.category, files: files.length },
  });
  const sms = notificationInsert({
    channel: 'sms',
    recipient: v.phone,
    template: 'petitions.received',
    params: { code, title: v.title.slice(0, 60), url: `${o.publicUrl}/phan-anh/tra-cuu` },
    lang: o.lang,
  });
  // Photo bytes go as their own parameters: node-postgres sends a Buffer in binary, where a bytea[] array
  // would travel as hex text twice the size.
  const attachments = files.length
    ? sql`, f AS (INSERT INTO petition_attachment (petition_id, kind, filename, mime, size, width, height, bytes)
        VALUES ${sql.join(
          files.map(
            (f) =>
              sql`(${id}, 'citizen', ${f.filename}, ${f.mime}, ${f.bytes.length}, ${f.width}, ${f.height}, ${f.bytes})`,
          ),
        )})`
    : sql``;
  try {
    // The case reads the phone's slot, so the slot (lock and count) is taken before the case is written.
    await sql`WITH slot AS (SELECT petition_phone_slot(${v.phone}, ${o.limits.perPhonePerDay}) AS ok),
      p AS (INSERT INTO petition (id, code_hash, unit_id, unit_code, unit_path, unit_level,
        province_code, category, title, content, address, latitude, longitude, sender_name, sender_phone, sender_email,
        hide_name, photos_public, consent_at, citizen_id, ip_hash) OVERRIDING SYSTEM VALUE
      SELECT ${id}, ${hashTrackingCode(code)}, ${v.unit.id}, ${v.unit.code}, ${v.unit.path}::ltree, ${v.unit.level},
        ${v.unit.provinceCode}, ${v.category}, ${v.title}, ${v.content}, ${v.address}, ${v.latitude}, ${v.longitude},
        ${v.name}, ${v.phone}, ${v.email}, ${v.hideName}, ${v.photosPublic}, now(), ${o.citizenId ?? null}, ${ipKey}
      FROM slot WHERE slot.ok),
      e AS (INSERT INTO petition_event (petition_id, kind, to_status, public) VALUES (${id}, 'submitted', 'received', true))
      ${attachments},
      a AS (${audit}),
      s AS (${sms})
      SELECT 1`.execute(db);
  } catch (err) {
    if ((err as { code?: string }).code === PHONE_LIMIT_REACHED) throw rateLimited(o.lang, 'phone');
    throw err;
  }
  return { id, code, unitName: v.unit.fullName, status: 'received' };
}

/** Files first (each refused for what it is), then the stored case. */
export async function cleanAll(files: IncomingFile[]): Promise<CleanFile[]> {
  if (files.length > MAX_FILES) throw new AppError('PETITION_TOO_MANY_FILES', { params: { max: MAX_FILES } });
  const out: CleanFile[] = [];
  for (const f of files) out.push(await cleanUpload(f));
  return out;
}
