import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { endSubtree, reviseUnit } from './unit-history.ts';
import { todayInVietnam } from './unit-naming.ts';
import type { UnitsDb, UnitsTrx } from './units.db.ts';
import { findUnitByCode, findUnitsByCodes } from './units.repo.ts';
import type { Unit } from './units.types.ts';
import { readVillageFile } from './village-file.ts';
import {
  COLUMN_COMMUNE,
  COLUMN_NAME,
  COLUMN_ORDER,
  checkVillageInput,
  type InputProblem,
  type VillageInput,
  villageKey,
} from './village-rules.ts';
import {
  activeVillagesOf,
  insertVillages,
  nextVillageSeq,
  setVillageOrder,
  type VillageRow,
  villageRowsFor,
} from './villages.repo.ts';

/** The commune a cadre may change the village list of (core policy 'edit': the Front, in scope). */
async function editableCommune(db: UnitsDb | UnitsTrx, p: Principal | null, code: string): Promise<Unit> {
  const unit = await findUnitByCode(db, code, todayInVietnam());
  if (!unit) throw new AppError('NOT_FOUND');
  authorize(p, 'edit', { unitPath: unit.path });
  if (unit.level !== 'commune') throw new AppError('UNIT_NOT_A_COMMUNE');
  return unit;
}

async function editableVillage(db: UnitsDb | UnitsTrx, p: Principal | null, code: string): Promise<Unit> {
  const unit = await findUnitByCode(db, code, todayInVietnam());
  if (!unit) throw new AppError('NOT_FOUND');
  authorize(p, 'edit', { unitPath: unit.path });
  if (unit.level !== 'village') throw new AppError('UNIT_NOT_A_VILLAGE');
  return unit;
}

/** Serialises changes to one commune's list (numbering, duplicate checks). */
async function lockCommune(trx: UnitsTrx, communeId: number): Promise<void> {
  await sql`SELECT id FROM unit WHERE id = ${communeId} FOR UPDATE`.execute(trx);
}

function problemsToFields(problems: InputProblem[]) {
  return problems.map((pr) => ({
    field: pr.column === COLUMN_NAME ? 'name' : 'type',
    code: pr.code,
    message: '',
    params: pr.params,
  }));
}

function checkedInput(name: string, type: string): VillageInput {
  const input = checkVillageInput(name, type);
  if (Array.isArray(input)) {
    throw new AppError('VALIDATION_FAILED', { fields: problemsToFields(input).map(({ params: _, ...f }) => f) });
  }
  return input;
}

function villagesByCodes(db: UnitsDb, codes: string[]): Promise<Unit[]> {
  return findUnitsByCodes(db, codes, todayInVietnam());
}

/** Inserts every row or fails: a code taken meanwhile is a conflict, never a silently missing village. */
async function insertAll(trx: UnitsTrx, rows: VillageRow[], validFrom: string): Promise<void> {
  const ids = await insertVillages(trx, rows, validFrom);
  if (ids.length !== rows.length) throw new AppError('CONFLICT');
}

export async function createVillage(
  db: UnitsDb,
  p: Principal | null,
  communeCode: string,
  body: { name: string; type: string; sortOrder?: number | undefined },
): Promise<Unit> {
  const input = checkedInput(body.name, body.type);
  const code = await withTransaction(db, async (trx) => {
    const commune = await editableCommune(trx, p, communeCode);
    await lockCommune(trx, commune.id);
    const today = todayInVietnam();
    const existing = await activeVillagesOf(trx, commune.id, today);
    if (existing.some((v) => v.key === villageKey(input))) {
      throw new AppError('VILLAGE_NAME_DUPLICATE', { params: { name: input.name } });
    }
    const sortOrder = body.sortOrder ?? Math.max(0, ...existing.map((v) => v.sortOrder)) + 1;
    const rows = villageRowsFor(commune, [{ ...input, sortOrder }], await nextVillageSeq(trx, commune.path));
    await insertAll(trx, rows, today);
    await recordAudit(trx, {
      actor: p,
      action: 'units.village.create',
      target: { type: 'unit', id: rows[0]!.code, unitPath: rows[0]!.path },
      details: { name: input.name, type: input.type },
    });
    return rows[0]!.code;
  });
  return (await villagesByCodes(db, [code]))[0]!;
}

export async function updateVillage(
  db: UnitsDb,
  p: Principal | null,
  code: string,
  body: {
    name?: string | undefined;
    type?: string | undefined;
    effective?: string | undefined;
    legalBasis?: string | undefined;
  },
): Promise<Unit> {
  await withTransaction(db, async (trx) => {
    const village = await editableVillage(trx, p, code);
    const input = checkedInput(body.name ?? village.name, body.type ?? village.type);
    await lockCommune(trx, village.parentId!);
    const others = (await activeVillagesOf(trx, village.parentId!, todayInVietnam())).filter(
      (v) => v.id !== village.id,
    );
    if (others.some((v) => v.key === villageKey(input))) {
      throw new AppError('VILLAGE_NAME_DUPLICATE', { params: { name: input.name } });
    }
    const effective = body.effective ?? todayInVietnam();
    await reviseUnit(trx, village.id, input, effective, body.legalBasis ?? null);
    await recordAudit(trx, {
      actor: p,
      action: 'units.village.update',
      target: { type: 'unit', id: village.code, unitPath: village.path },
      details: { from: { name: village.name, type: village.type }, to: input, effective },
    });
  });
  return (await villagesByCodes(db, [code]))[0]!;
}

/** Sets the display order of a commune's villages: `codes` must list each current village exactly once. */
export async function reorderVillages(db: UnitsDb, p: Principal | null, communeCode: string, codes: string[]) {
  await withTransaction(db, async (trx) => {
    const commune = await editableCommune(trx, p, communeCode);
    await lockCommune(trx, commune.id);
    const villages = await activeVillagesOf(trx, commune.id, todayInVietnam());
    const byCode = new Map(villages.map((v) => [v.code, v]));
    if (
      codes.length !== villages.length ||
      new Set(codes).size !== codes.length ||
      !codes.every((c) => byCode.has(c))
    ) {
      throw new AppError('VILLAGE_ORDER_MISMATCH');
    }
    await setVillageOrder(
      trx,
      codes.map((c, i) => ({ id: byCode.get(c)!.id, sortOrder: i + 1 })),
    );
    await recordAudit(trx, {
      actor: p,
      action: 'units.village.reorder',
      target: { type: 'unit', id: commune.code, unitPath: commune.path },
      details: { order: codes },
    });
  });
}

/** Ends a village (and its organisations) from a date; it stays in the history. */
export async function dissolveVillage(
  db: UnitsDb,
  p: Principal | null,
  code: string,
  body: { effective?: string | undefined },
): Promise<void> {
  await withTransaction(db, async (trx) => {
    const village = await editableVillage(trx, p, code);
    const effective = body.effective ?? todayInVietnam();
    await endSubtree(trx, village.id, effective);
    await recordAudit(trx, {
      actor: p,
      action: 'units.village.dissolve',
      target: { type: 'unit', id: village.code, unitPath: village.path },
      details: { name: village.name, effective },
    });
  });
}

export type RowError = InputProblem & { row: number };

/** Checks every row of an imported list against the rules, the file itself and the commune's villages. */
function checkImportRows(
  rows: Awaited<ReturnType<typeof readVillageFile>>,
  commune: Unit,
  knownCommune: (code: string) => boolean,
  existingKeys: Set<string>,
): { valid: (VillageInput & { sortOrder: number | null })[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const valid: (VillageInput & { sortOrder: number | null })[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const problems: InputProblem[] = [];
    const input = checkVillageInput(r.name, r.type);
    if (Array.isArray(input)) problems.push(...input);
    if (r.communeCode !== null && r.communeCode !== commune.code) {
      problems.push(
        knownCommune(r.communeCode)
          ? {
              column: COLUMN_COMMUNE,
              code: 'VILLAGE_COMMUNE_MISMATCH',
              params: { code: r.communeCode, expected: commune.code },
            }
          : { column: COLUMN_COMMUNE, code: 'VILLAGE_COMMUNE_UNKNOWN', params: { code: r.communeCode } },
      );
    }
    let sortOrder: number | null = null;
    if (r.order !== null) {
      sortOrder = /^\d{1,5}$/.test(r.order) ? Number(r.order) : null;
      if (sortOrder === null) {
        problems.push({ column: COLUMN_ORDER, code: 'VILLAGE_ORDER_INVALID', params: { value: r.order } });
      }
    }
    if (!Array.isArray(input)) {
      const key = villageKey(input);
      const other = seen.get(key);
      if (other !== undefined) {
        problems.push({ column: COLUMN_NAME, code: 'VILLAGE_DUPLICATE_IN_FILE', params: { name: input.name, other } });
      } else if (existingKeys.has(key)) {
        problems.push({ column: COLUMN_NAME, code: 'VILLAGE_NAME_DUPLICATE', params: { name: input.name } });
      }
      if (other === undefined) seen.set(key, r.row);
      if (!problems.length) valid.push({ ...input, sortOrder });
    }
    for (const pr of problems) errors.push({ ...pr, row: r.row });
  }
  return { valid, errors };
}

/**
 * Imports a commune's village list from .xlsx or .csv. All or nothing: any bad row refuses the whole file
 * with every problem listed by row; otherwise every row is created, with organisations, in one transaction.
 */
export async function importVillages(
  db: UnitsDb,
  p: Principal | null,
  communeCode: string,
  file: { buffer: Buffer; filename: string },
): Promise<Unit[]> {
  await editableCommune(db, p, communeCode);
  const rows = await readVillageFile(file.buffer, file.filename);
  const codesInFile = [...new Set(rows.map((r) => r.communeCode).filter((c): c is string => c !== null))];
  const { rows: known } = await sql<{ code: string }>`SELECT DISTINCT code FROM unit_version
    WHERE level = 'commune' AND code = ANY(${codesInFile}::text[])`.execute(db);
  const knownCodes = new Set(known.map((k) => k.code));
  const created = await withTransaction(db, async (trx) => {
    const commune = await editableCommune(trx, p, communeCode);
    await lockCommune(trx, commune.id);
    const today = todayInVietnam();
    const existing = await activeVillagesOf(trx, commune.id, today);
    const { valid, errors } = checkImportRows(
      rows,
      commune,
      (c) => knownCodes.has(c),
      new Set(existing.map((v) => v.key)),
    );
    if (errors.length) {
      throw new AppError('IMPORT_INVALID_ROWS', {
        params: { count: new Set(errors.map((e) => e.row)).size },
        details: { rows: errors },
      });
    }
    let next = Math.max(0, ...existing.map((v) => v.sortOrder));
    const inputs = valid.map((v) => ({ ...v, sortOrder: v.sortOrder ?? ++next }));
    const villageRows = villageRowsFor(commune, inputs, await nextVillageSeq(trx, commune.path));
    await insertAll(trx, villageRows, today);
    await recordAudit(trx, {
      actor: p,
      action: 'units.village.import',
      target: { type: 'unit', id: commune.code, unitPath: commune.path },
      details: { file: file.filename.slice(0, 200), created: villageRows.map((r) => r.code) },
    });
    return villageRows.map((r) => r.code);
  });
  return villagesByCodes(db, created);
}
