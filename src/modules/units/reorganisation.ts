import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { createOrganisations, endSubtree, moveSubtree, resortChildren, reviseUnit } from './unit-history.ts';
import { fullUnitName, normaliseName, TYPES_BY_LEVEL, todayInVietnam } from './unit-naming.ts';
import { UNIT_COLUMNS, type UnitsDb, type UnitsTrx } from './units.db.ts';
import { findUnitsByCodes } from './units.repo.ts';
import type { Unit } from './units.types.ts';
import { nextVillageSeq } from './villages.repo.ts';

type Basis = { effective: string; legalBasis: string };
type NewUnit = { code: string; name: string; type: string };

export type ChangeTypeRequest = Basis & { unit: string; type: string };
export type MoveRequest = Basis & { unit: string; newParent: string };
export type MergeRequest = Basis & { sources: string[]; into: { code: string } | { newUnit: NewUnit } };
export type SplitRequest = Basis & { source: string; parts: (NewUnit & { children: string[] })[] };

/** One reorganisation, as the staff page previews and applies it. */
export type Reorganisation =
  | { kind: 'change_type'; body: ChangeTypeRequest }
  | { kind: 'move'; body: MoveRequest }
  | { kind: 'merge'; body: MergeRequest }
  | { kind: 'split'; body: SplitRequest };

const PARENT_LEVEL: Record<string, string> = { province: 'central', commune: 'province', village: 'commune' };

/**
 * Why a reorganisation is refused, and which part of the request is at fault (`details`, so a form can show
 * the message beside that field; the staff page words each reason in the reader's language).
 */
const REASONS = {
  same_type: { field: 'type', vi: 'loại đơn vị không đổi' },
  parent_unsuitable: { field: 'newParent', vi: 'đơn vị cấp trên mới không phù hợp' },
  duplicate_sources: { field: 'sources', vi: 'đơn vị trùng lặp' },
  sources_apart: { field: 'sources', vi: 'các đơn vị phải cùng cấp và cùng đơn vị cấp trên' },
  target_not_source: { field: 'into', vi: 'đơn vị nhận phải là một trong các đơn vị hợp nhất' },
  children_mismatch: { field: 'parts', vi: 'danh sách đơn vị trực thuộc không khớp' },
  code_level: { field: 'code', vi: 'mã đơn vị mới không đúng cấp (2 chữ số cho tỉnh, 5 cho xã, 9 cho thôn)' },
} as const;
export type ReorganisationRefusal = keyof typeof REASONS;

/** `value` is what was refused when the field repeats (which part's code). */
function invalid(reason: ReorganisationRefusal, value?: string): AppError {
  const { field, vi } = REASONS[reason];
  return new AppError('REORG_INVALID', { params: { reason: vi }, details: { reason, field, value } });
}

const CODE_LENGTH: Record<string, number> = { province: 2, commune: 5, village: 9 };

/** A unit's open (latest) version, whatever its dates: reorganisations apply to the latest state. */
async function openUnit(trx: UnitsTrx, code: string): Promise<Unit> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.code = ${code} AND v.valid_to IS NULL`.execute(trx);
  if (!rows[0]) throw new AppError('NOT_FOUND');
  return rows[0];
}

/**
 * Reorganising is administration of the level above: Central or province admins (core policy 'administer')
 * on units strictly inside their subtree, never their own unit. Anything else answers 404.
 */
function authorizeReorganisation(p: Principal | null, units: Unit[]): void {
  for (const u of units) {
    authorize(p, 'administer', { unitPath: u.path });
    if (u.path === p.unitPath) throw new AppError('NOT_FOUND');
  }
}

function assertType(level: string, type: string): void {
  if (!TYPES_BY_LEVEL[level as Unit['level']].includes(type))
    throw new AppError('UNIT_TYPE_INVALID', { params: { type } });
}

/** The path label of a unit under a parent: its code, except villages, numbered within their commune. */
async function labelUnder(trx: UnitsTrx, unit: { level: string; code: string }, parent: Unit): Promise<string> {
  if (unit.level !== 'village') return unit.code;
  return String(await nextVillageSeq(trx, parent.path)).padStart(4, '0');
}

async function moveUnder(trx: UnitsTrx, unit: Unit, parent: Unit, b: Basis): Promise<void> {
  const label = await labelUnder(trx, unit, parent);
  await moveSubtree(
    trx,
    unit.id,
    {
      parentId: parent.id,
      path: `${parent.path}.${label}`,
      provinceCode: parent.level === 'central' ? unit.code : parent.provinceCode,
    },
    b.effective,
    b.legalBasis,
  );
}

async function childrenOf(trx: UnitsTrx, unit: Unit): Promise<Unit[]> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.parent_id = ${unit.id} AND v.valid_to IS NULL ORDER BY v.sort_order, v.code`.execute(trx);
  return rows;
}

/** Creates a unit under a parent from `effective`, with its organisations. */
async function createUnit(trx: UnitsTrx, parent: Unit, level: string, u: NewUnit, b: Basis): Promise<Unit> {
  const name = normaliseName(u.name);
  assertType(level, u.type);
  if (u.code.length !== CODE_LENGTH[level]) throw invalid('code_level', u.code);
  const taken = await sql`SELECT 1 FROM unit WHERE code = ${u.code}`.execute(trx);
  if (taken.rows.length) throw new AppError('UNIT_CODE_TAKEN', { params: { code: u.code } });
  const { rows } = await sql<{
    id: number;
  }>`INSERT INTO unit (code, level) VALUES (${u.code}, ${level}) RETURNING id`.execute(trx);
  const id = rows[0]!.id;
  const label = await labelUnder(trx, { level, code: u.code }, parent);
  const provinceCode = level === 'province' ? u.code : parent.provinceCode;
  await sql`INSERT INTO unit_version (unit_id, code, level, province_code, parent_id, path, name, type, full_name,
      sort_order, valid_from, legal_basis)
    VALUES (${id}, ${u.code}, ${level}, ${provinceCode}, ${parent.id}, ${`${parent.path}.${label}`}::ltree, ${name},
      ${u.type}, ${fullUnitName(u.type, name)}, 0, ${b.effective}::date, ${b.legalBasis})`.execute(trx);
  await createOrganisations(trx, [id], b.effective);
  await resortChildren(trx, parent.id);
  return openUnit(trx, u.code);
}

async function recordSuccession(trx: UnitsTrx, from: Unit, to: Unit, kind: 'merge' | 'split', b: Basis) {
  await sql`INSERT INTO unit_succession (predecessor_id, successor_id, kind, effective, legal_basis)
    VALUES (${from.id}, ${to.id}, ${kind}, ${b.effective}::date, ${b.legalBasis})`.execute(trx);
}

function auditReorganisation(trx: UnitsTrx, p: Principal | null, kind: string, unit: Unit, body: object) {
  return recordAudit(trx, {
    actor: p,
    action: `units.reorganisation.${kind}`,
    target: { type: 'unit', id: unit.code, unitPath: unit.path },
    details: body as Record<string, unknown>,
  });
}

/** Units as they stand once the reorganisation takes effect. */
function unitsAfter(db: UnitsDb, codes: string[], b: Basis): Promise<Unit[]> {
  const today = todayInVietnam();
  return findUnitsByCodes(db, codes, [b.effective, today].sort().at(-1)!);
}

/** Changes a unit's type in the caller's transaction; returns the code of the resulting unit. */
async function changeUnitTypeIn(trx: UnitsTrx, p: Principal | null, body: ChangeTypeRequest): Promise<string[]> {
  const unit = await openUnit(trx, body.unit);
  authorizeReorganisation(p, [unit]);
  assertType(unit.level, body.type);
  if (unit.type === body.type) throw invalid('same_type');
  await reviseUnit(trx, unit.id, { type: body.type }, body.effective, body.legalBasis);
  await auditReorganisation(trx, p, 'change_type', unit, body);
  return [body.unit];
}

export async function changeUnitType(db: UnitsDb, p: Principal | null, body: ChangeTypeRequest): Promise<Unit[]> {
  return reorganise(db, p, { kind: 'change_type', body });
}

/** Moves a unit (with its subtree, paths rewritten) under another parent of the right level. */
async function moveUnitIn(trx: UnitsTrx, p: Principal | null, body: MoveRequest): Promise<string[]> {
  const unit = await openUnit(trx, body.unit);
  const parent = await openUnit(trx, body.newParent);
  authorizeReorganisation(p, [unit]);
  authorize(p, 'administer', { unitPath: parent.path });
  if (PARENT_LEVEL[unit.level] !== parent.level || unit.parentId === parent.id) {
    throw invalid('parent_unsuitable');
  }
  await moveUnder(trx, unit, parent, body);
  await resortChildren(trx, parent.id);
  await auditReorganisation(trx, p, 'move', unit, body);
  return [body.unit];
}

export async function moveUnit(db: UnitsDb, p: Principal | null, body: MoveRequest): Promise<Unit[]> {
  return reorganise(db, p, { kind: 'move', body });
}

/**
 * Merges units of one parent into one of them or into a new unit: the others end at the effective date,
 * their children move under the result and a succession link records where each went.
 */
async function mergeUnitsIn(trx: UnitsTrx, p: Principal | null, body: MergeRequest): Promise<string[]> {
  if (new Set(body.sources).size !== body.sources.length) throw invalid('duplicate_sources');
  const sources = await Promise.all(body.sources.map((c) => openUnit(trx, c)));
  authorizeReorganisation(p, sources);
  const first = sources[0]!;
  if (sources.some((s) => s.parentId !== first.parentId || s.level !== first.level)) {
    throw invalid('sources_apart');
  }
  let target: Unit;
  if ('code' in body.into) {
    const code = body.into.code;
    const found = sources.find((s) => s.code === code);
    if (!found) throw invalid('target_not_source');
    target = found;
  } else {
    const parent = await openUnit(trx, first.parentCode!);
    target = await createUnit(trx, parent, first.level, body.into.newUnit, body);
  }
  for (const source of sources) {
    if (source.id === target.id) continue;
    for (const child of await childrenOf(trx, source)) await moveUnder(trx, child, target, body);
    await endSubtree(trx, source.id, body.effective);
    await recordSuccession(trx, source, target, 'merge', body);
  }
  await auditReorganisation(trx, p, 'merge', target, body);
  return [target.code];
}

export async function mergeUnits(db: UnitsDb, p: Principal | null, body: MergeRequest): Promise<Unit[]> {
  return reorganise(db, p, { kind: 'merge', body });
}

/**
 * Splits a unit into parts under the same parent. A part with the source's own code continues the source;
 * the others are new. Children go to the part that lists them, the rest to the first part.
 */
async function splitUnitIn(trx: UnitsTrx, p: Principal | null, body: SplitRequest): Promise<string[]> {
  const source = await openUnit(trx, body.source);
  authorizeReorganisation(p, [source]);
  const parent = await openUnit(trx, source.parentCode!);
  const children = await childrenOf(trx, source);
  const byCode = new Map(children.map((c) => [c.code, c]));
  const listed = body.parts.flatMap((part) => part.children);
  if (new Set(listed).size !== listed.length || !listed.every((c) => byCode.has(c))) {
    throw invalid('children_mismatch');
  }
  const continues = body.parts.some((part) => part.code === source.code);
  const parts: Unit[] = [];
  for (const part of body.parts) {
    if (part.code === source.code) {
      assertType(source.level, part.type);
      await reviseUnit(
        trx,
        source.id,
        { name: normaliseName(part.name), type: part.type },
        body.effective,
        body.legalBasis,
      );
      parts.push(source);
    } else {
      parts.push(await createUnit(trx, parent, source.level, part, body));
    }
  }
  for (const [i, part] of body.parts.entries()) {
    const owned =
      i === 0
        ? children.filter((c) => !listed.includes(c.code) || part.children.includes(c.code))
        : part.children.map((c) => byCode.get(c)!);
    if (parts[i]!.id === source.id) continue;
    for (const child of owned) await moveUnder(trx, child, parts[i]!, body);
  }
  if (!continues) await endSubtree(trx, source.id, body.effective);
  for (const part of parts) if (part.id !== source.id) await recordSuccession(trx, source, part, 'split', body);
  await auditReorganisation(trx, p, 'split', source, body);
  return body.parts.map((part) => part.code);
}

export async function splitUnit(db: UnitsDb, p: Principal | null, body: SplitRequest): Promise<Unit[]> {
  return reorganise(db, p, { kind: 'split', body });
}

/**
 * Applies a reorganisation inside the caller's transaction and returns the codes of the resulting units.
 * The staff page's preview runs it in a transaction it rolls back, so preview and apply cannot disagree.
 */
export function reorganiseIn(trx: UnitsTrx, p: Principal | null, r: Reorganisation): Promise<string[]> {
  switch (r.kind) {
    case 'change_type':
      return changeUnitTypeIn(trx, p, r.body);
    case 'move':
      return moveUnitIn(trx, p, r.body);
    case 'merge':
      return mergeUnitsIn(trx, p, r.body);
    case 'split':
      return splitUnitIn(trx, p, r.body);
  }
}

/** Applies a reorganisation in its own transaction; the resulting units as they stand once it takes effect. */
export async function reorganise(db: UnitsDb, p: Principal | null, r: Reorganisation): Promise<Unit[]> {
  const codes = await withTransaction(db, (trx) => reorganiseIn(trx, p, r));
  return unitsAfter(db, codes, r.body);
}

/** The units in force on `date` that continue `unitId` (itself when it was never merged or split away). */
export async function successorsOf(db: UnitsDb, unitId: number, date: string): Promise<Unit[]> {
  const { rows } = await sql<Unit>`WITH RECURSIVE chain(unit_id, depth) AS (
      SELECT ${unitId}::bigint, 0
      UNION
      SELECT s.successor_id, c.depth + 1 FROM unit_succession s JOIN chain c ON s.predecessor_id = c.unit_id
      WHERE s.effective <= ${date}::date AND c.depth < 32)
    SELECT DISTINCT ON (v.unit_id) ${UNIT_COLUMNS}
    FROM chain JOIN unit_version v ON v.unit_id = chain.unit_id LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.valid_from <= ${date}::date AND (v.valid_to IS NULL OR v.valid_to > ${date}::date)
    ORDER BY v.unit_id`.execute(db);
  return rows;
}

/**
 * Where data recorded against an old unit rolls up today: its single successor, or after a split the
 * nearest unit that contains every part (so sums stay correct). Null when it was dissolved without successor.
 */
export async function currentUnitFor(db: UnitsDb, oldUnitId: number): Promise<Unit | null> {
  const today = todayInVietnam();
  const successors = await successorsOf(db, oldUnitId, today);
  if (successors.length <= 1) return successors[0] ?? null;
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.path = lca(${successors.map((s) => s.path)}::ltree[]) AND v.valid_from <= ${today}::date
      AND (v.valid_to IS NULL OR v.valid_to > ${today}::date)`.execute(db);
  return rows[0] ?? null;
}
