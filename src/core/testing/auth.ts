import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { createSession, SESSION_COOKIE } from '../auth/session.ts';
import type { Db } from '../db/database.ts';

/** Signs a principal in for a test and returns the headers an injected request needs. */
export async function sessionHeaders(
  db: Db,
  principal: Partial<Principal> & Pick<Principal, 'unitPath' | 'unitCode' | 'unitLevel'>,
): Promise<{ cookie: string; origin: string; host: string }> {
  const token = await createSession(db, {
    accountId: randomUUID(),
    displayName: 'Cán bộ kiểm thử',
    orgType: 'front',
    roles: ['admin'],
    ...principal,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, origin: 'http://localhost:80', host: 'localhost:80' };
}
