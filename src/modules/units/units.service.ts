import { authorize, can, scopeFilter } from '../../core/auth/policy.ts';
import { ORG_TYPES, type Principal } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import { foldVietnamese } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { compareRanked, publicUnitIndex, searchPublicUnits } from './public-unit-index.ts';
import { todayInVietnam } from './unit-naming.ts';
import { cachedFigures, cachedUnitRead, generationScopeOf } from './units.cache.ts';
import type { UnitsDb } from './units.db.ts';
import * as repo from './units.repo.ts';
import type { Unit } from './units.types.ts';

/**
 * Who may read what: Central, provinces and communes are public facts. Villages and their organisations
 * are staff data, readable by accounts whose scope contains them (core policy, action 'view');
 * anonymous callers get 401 and out-of-scope staff 404.
 */
export function assertReadable(p: Principal | null, unit: Pick<Unit, 'level' | 'path'>): void {
  if (unit.level === 'village') authorize(p, 'view', { unitPath: unit.path });
}

/** A unit by code as of a date, readable by the caller; otherwise NOT_FOUND (or 401 for villages). */
export async function getReadableUnit(db: UnitsDb, p: Principal | null, code: string, asOf?: string): Promise<Unit> {
  const unit = await repo.findUnitByCode(db, code, asOf ?? todayInVietnam());
  if (!unit) throw new AppError('NOT_FOUND');
  assertReadable(p, unit);
  return unit;
}

export async function listChildrenOf(
  db: UnitsDb,
  p: Principal | null,
  code: string,
  q: { asOf?: string | undefined; limit: number; offset: number },
) {
  const asOf = q.asOf ?? todayInVietnam();
  const found = await cachedUnitRead(db, code, `children:${code}:${asOf}:${q.limit}:${q.offset}`, async () => {
    const r = await repo.listChildrenByCode(db, code, asOf, q);
    return r && { value: r, path: r.parent.path };
  });
  if (!found) throw new AppError('NOT_FOUND');
  assertReadable(p, found.parent);
  // A commune's children are its villages: staff in scope only.
  if (found.parent.level === 'commune') authorize(p, 'view', { unitPath: found.parent.path });
  // Copies: the kept value is shared by every later read (a caller sorting its list must not reorder it).
  return { items: [...found.items], total: found.total };
}

export async function listAncestorsOf(db: UnitsDb, p: Principal | null, code: string, asOf?: string) {
  const at = asOf ?? todayInVietnam();
  const chain = await cachedUnitRead(db, code, `ancestors:${code}:${at}`, async () => {
    const r = await repo.listAncestorsByCode(db, code, at);
    const unit = r.at(-1);
    return unit ? { value: r, path: unit.path } : null;
  });
  const unit = chain?.at(-1);
  if (!chain || !unit) throw new AppError('NOT_FOUND');
  assertReadable(p, unit);
  return [...chain];
}

/** Aggregate counts are public: how many villages exist reveals nothing about any of them. */
export async function countsOf(db: UnitsDb, p: Principal | null, code: string, asOf?: string) {
  const at = asOf ?? todayInVietnam();
  const unit = await getReadableUnit(db, p, code, at);
  return cachedFigures(db, `counts:${unit.path}:${at}`, generationScopeOf(unit.path), () =>
    repo.countSubtree(db, unit.path, at),
  );
}

/** All six organisation types of a unit; at village level the Trade Union is listed as absent by rule. */
export async function organisationsOf(db: UnitsDb, p: Principal | null, code: string, lang: Lang, asOf?: string) {
  const at = asOf ?? todayInVietnam();
  const unit = await getReadableUnit(db, p, code, at);
  const rows = await repo.listOrganisationsOf(db, unit.id, at);
  return ORG_TYPES.map((orgType) => {
    const row = rows.find((r) => r.orgType === orgType);
    if (row) return { id: row.id, orgType, name: row.name, organised: true, note: null };
    const byRule = unit.level === 'village' && orgType === 'trade_union';
    return {
      id: null,
      orgType,
      name: null,
      organised: false,
      note: byRule ? translate('ORG_NOT_AT_VILLAGE', lang) : null,
    };
  });
}

export async function search(
  db: UnitsDb,
  p: Principal | null,
  q: { q: string; within?: string | undefined; asOf?: string | undefined; limit: number },
) {
  const asOf = q.asOf ?? todayInVietnam();
  const within = q.within ? (await getReadableUnit(db, p, q.within, asOf)).path : null;
  // Villages only for staff, and only within their own subtree.
  const villageScope = p && can(p, 'view', { unitPath: p.unitPath }) ? scopeFilter(p).pathPrefix : null;
  const text = q.q
    .normalize('NFC')
    .replace(/[%_\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return [];
  const index = await publicUnitIndex(db, asOf);
  const found = searchPublicUnits(index, foldVietnamese(text), { within, limit: q.limit });
  if (villageScope) {
    const villages = await repo.searchUnits(db, {
      q: text,
      asOf,
      within,
      villageScope,
      includePublic: false,
      limit: q.limit,
    });
    found.push(...villages);
    found.sort(compareRanked);
  }
  return found.slice(0, q.limit).map(({ sim: _s, depth: _d, ...u }) => u);
}
