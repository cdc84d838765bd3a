import { foldVietnamese } from '../../core/i18n/format.ts';
import {
  fullUnitName,
  matchVillageType,
  normaliseName,
  stripTypePrefix,
  VILLAGE_NAME_MAX,
  VILLAGE_TYPES,
  type VillageType,
} from './unit-naming.ts';

/** One problem with one input (a form field or a cell of an imported row); `params` fill the message. */
export type InputProblem = { column: string | null; code: string; params: Record<string, string | number> };

export const COLUMN_NAME = 'Tên thôn/tổ dân phố';
export const COLUMN_TYPE = 'Loại';
export const COLUMN_COMMUNE = 'Mã xã';
export const COLUMN_ORDER = 'Thứ tự';

export type VillageInput = { name: string; type: VillageType };

/** Normalises and checks a village's name and type; returns the clean input or the problems found. */
export function checkVillageInput(rawName: string, rawType: string): VillageInput | InputProblem[] {
  const problems: InputProblem[] = [];
  const type = matchVillageType(rawType);
  if (!type) {
    problems.push({
      column: COLUMN_TYPE,
      code: 'VILLAGE_TYPE_INVALID',
      params: { type: normaliseName(rawType), allowed: VILLAGE_TYPES.join(', ') },
    });
  }
  const name = stripTypePrefix(normaliseName(rawName), type ?? '');
  if (!name) problems.push({ column: COLUMN_NAME, code: 'VILLAGE_NAME_REQUIRED', params: {} });
  else if (name.length > VILLAGE_NAME_MAX) {
    problems.push({ column: COLUMN_NAME, code: 'VILLAGE_NAME_TOO_LONG', params: {} });
  }
  return problems.length || !type ? problems : { name, type };
}

/**
 * The key two villages of one commune must not share: the folded full name, so "Thôn Đông", "thôn đông"
 * and "THON DONG" are one village, while "Thôn 1" and "Tổ dân phố 1" are two.
 */
export function villageKey(v: VillageInput): string {
  return foldVietnamese(fullUnitName(v.type, v.name));
}
