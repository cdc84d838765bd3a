import { sql } from 'kysely';
import type { Principal } from '../../core/auth/principal.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { type Reorganisation, reorganiseIn } from './reorganisation.ts';
import type { UnitsDb, UnitsTrx } from './units.db.ts';

/** A unit in its latest state, with what hangs below it. */
export type UnitState = {
  code: string;
  fullName: string;
  level: string;
  parentCode: string | null;
  parentName: string | null;
  children: number;
  villages: number;
};

/** Units below that change parent: `count` of them (and the villages they carry) go from one unit to another. */
export type Transfer = { level: string; count: number; villages: number; fromName: string; toName: string };

export type ReorganisationPreview = {
  before: UnitState[];
  after: (UnitState & { isNew: boolean })[];
  ended: { code: string; fullName: string; successors: string[] }[];
  transfers: Transfer[];
};

/** Latest (open) versions by code, with their parent's name and their direct children and villages. */
async function statesOf(trx: UnitsTrx, codes: string[]): Promise<UnitState[]> {
  if (!codes.length) return [];
  const { rows } = await sql<UnitState>`SELECT v.code, v.full_name AS "fullName", v.level,
      pv.code AS "parentCode", pv.full_name AS "parentName",
      (SELECT count(*)::int FROM unit_version c WHERE c.parent_id = v.unit_id AND c.valid_to IS NULL) AS children,
      (SELECT count(*)::int FROM unit_version c WHERE c.path <@ v.path AND c.level = 'village'
        AND c.valid_to IS NULL) AS villages
    FROM unit_version v LEFT JOIN unit_version pv ON pv.unit_id = v.parent_id AND pv.valid_to IS NULL
    WHERE v.code = ANY(${codes}::text[]) AND v.valid_to IS NULL`.execute(trx);
  const order = new Map(codes.map((c, i) => [c, i]));
  return rows.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
}

async function childCodesOf(trx: UnitsTrx, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const { rows } = await sql<{ code: string }>`SELECT c.code FROM unit_version c
    JOIN unit_version v ON v.unit_id = c.parent_id AND v.valid_to IS NULL
    WHERE v.code = ANY(${codes}::text[]) AND c.valid_to IS NULL`.execute(trx);
  return rows.map((r) => r.code);
}

function involvedCodes(r: Reorganisation): string[] {
  switch (r.kind) {
    case 'change_type':
    case 'move':
      return [r.body.unit];
    case 'merge':
      return 'newUnit' in r.body.into ? [...r.body.sources, r.body.into.newUnit.code] : r.body.sources;
    case 'split':
      return [r.body.source, ...r.body.parts.map((p) => p.code)];
  }
}

function transfersBetween(before: UnitState[], after: UnitState[]): Transfer[] {
  const now = new Map(after.map((u) => [u.code, u]));
  const groups = new Map<string, Transfer>();
  for (const was of before) {
    const is = now.get(was.code);
    if (!is || is.parentCode === was.parentCode) continue;
    const key = `${was.level}|${was.parentCode}|${is.parentCode}`;
    const group = groups.get(key) ?? {
      level: was.level,
      count: 0,
      villages: 0,
      fromName: was.parentName ?? '',
      toName: is.parentName ?? '',
    };
    group.count += 1;
    group.villages += was.level === 'village' ? 0 : was.villages;
    groups.set(key, group);
  }
  return [...groups.values()];
}

class PreviewReady extends Error {
  readonly preview: ReorganisationPreview;
  constructor(preview: ReorganisationPreview) {
    super('preview ready');
    this.preview = preview;
  }
}

/**
 * What a reorganisation would change, found by applying it — the same service, the same checks — in a
 * transaction that is always rolled back. Nothing is written: no version, no succession, no audit entry.
 * Errors are the ones applying would raise.
 */
export async function previewReorganisation(
  db: UnitsDb,
  p: Principal | null,
  r: Reorganisation,
): Promise<ReorganisationPreview> {
  try {
    await withTransaction(db, async (trx) => {
      const codes = involvedCodes(r);
      const before = await statesOf(trx, codes);
      const movers = [
        ...before.map((u) => u.code),
        ...(await childCodesOf(
          trx,
          before.map((u) => u.code),
        )),
      ];
      const moversBefore = await statesOf(trx, movers);
      const results = await reorganiseIn(trx, p, r);
      const after = await statesOf(trx, [...new Set([...codes, ...results])]);
      const moversAfter = await statesOf(trx, movers);
      const existed = new Set(before.map((u) => u.code));
      const open = new Set(after.map((u) => u.code));
      const ended = before
        .filter((u) => !open.has(u.code))
        .map((u) => ({
          code: u.code,
          fullName: u.fullName,
          successors: after.filter((a) => results.includes(a.code)).map((a) => a.fullName),
        }));
      throw new PreviewReady({
        before,
        after: after.map((u) => ({ ...u, isNew: !existed.has(u.code) })),
        ended,
        transfers: transfersBetween(moversBefore, moversAfter),
      });
    });
  } catch (err) {
    if (err instanceof PreviewReady) return err.preview;
    throw err;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}
