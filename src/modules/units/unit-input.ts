import { todayInVietnam } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import { findUnitByCode, listProvinces } from './units.repo.ts';
import { search } from './units.service.ts';
import type { Unit } from './units.types.ts';

export type UnitChoice = { code: string; fullName: string; parentName: string | null };
export type ResolvedUnit = { kind: 'one'; unit: Unit } | { kind: 'many'; choices: UnitChoice[] } | { kind: 'none' };

const CODE = /^(VN|\d{2}|\d{5})$/i;

/**
 * What a person typed into a "unit" field: an official code (01, 00004, VN) or a name with or without
 * tone marks. One exact match is the unit; several plausible matches are offered as choices.
 */
export async function resolveUnitInput(db: UnitsDb, typed: string): Promise<ResolvedUnit> {
  const text = typed.trim();
  if (!text) return { kind: 'none' };
  const asOf = todayInVietnam();
  if (CODE.test(text)) {
    const unit = await findUnitByCode(db, text.toUpperCase(), asOf);
    return unit && unit.level !== 'village' ? { kind: 'one', unit } : { kind: 'none' };
  }
  const found = (await search(db, null, { q: text, asOf, limit: 8 })).filter((u) => u.level !== 'village');
  if (!found.length) return { kind: 'none' };
  const exact = found.filter((u) => u.rank === 0);
  if (found.length === 1 || exact.length === 1) return { kind: 'one', unit: (exact[0] ?? found[0])! };
  const provinces = new Map((await listProvinces(db, asOf)).map((p) => [p.code, p.fullName]));
  return {
    kind: 'many',
    choices: found.map((u) => ({
      code: u.code,
      fullName: u.fullName,
      parentName: u.level === 'commune' ? (provinces.get(u.provinceCode ?? '') ?? null) : null,
    })),
  };
}
