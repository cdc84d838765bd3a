import { sql } from 'kysely';
import type { Principal } from '../../core/auth/principal.ts';
import type { TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';
import { formatWeek, weekAt } from './weeks.ts';

export type Who = Partial<Principal> & Pick<Principal, 'unitPath' | 'unitCode' | 'unitLevel'>;

export const currentWeek = () => formatWeek(weekAt(new Date()));

export async function signIn(t: TestApp, who: Who) {
  return sessionHeaders(t.database.db, { displayName: `Cán bộ ${who.unitCode}`, ...who });
}

export function principal(who: Who): Principal {
  return {
    accountId: `test-${who.unitCode}-${who.orgType ?? 'front'}`,
    displayName: `Cán bộ ${who.unitCode}`,
    orgType: 'front',
    roles: ['admin'],
    ...who,
  } as Principal;
}

/** Creates villages in a commune through the units API; returns their codes and paths. */
export async function createVillages(t: TestApp, province: string, commune: string, names: string[], since?: string) {
  const h = await signIn(t, {
    unitCode: commune,
    unitPath: `vn.${province}.${commune}`,
    unitLevel: 'commune',
    roles: ['admin'],
  });
  const out: { code: string; path: string; name: string }[] = [];
  for (const name of names) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/units/${commune}/villages`,
      headers: h,
      payload: { name, type: 'thôn' },
    });
    if (res.statusCode !== 201) throw new Error(`village ${name}: ${res.statusCode} ${res.body}`);
    const v = res.json();
    out.push({ code: v.code, path: v.path, name: v.fullName });
  }
  // Villages made in a test exist from today; `since` backdates them so that past weeks can be reported.
  if (since) {
    const codes = out.map((v) => v.code);
    await sql`UPDATE organisation SET valid_from = ${since}::date
      WHERE unit_id IN (SELECT id FROM unit WHERE code = ANY(${codes}::text[]))`.execute(t.database.db);
    await sql`UPDATE unit_version SET valid_from = ${since}::date WHERE code = ANY(${codes}::text[])`.execute(
      t.database.db,
    );
  }
  return out;
}

export const villageEntry = (v: { code: string; path: string }, extra: Partial<Principal> = {}): Who => ({
  unitCode: v.code,
  unitPath: v.path,
  unitLevel: 'village',
  orgType: 'front',
  roles: ['data_entry'],
  ...extra,
});

export const communeApprover = (province: string, commune: string, extra: Partial<Principal> = {}): Who => ({
  unitCode: commune,
  unitPath: `vn.${province}.${commune}`,
  unitLevel: 'commune',
  orgType: 'front',
  roles: ['approver', 'data_entry'],
  ...extra,
});
