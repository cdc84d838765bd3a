import { type Action, can, hasRoleFor, type Target } from '../../core/auth/policy.ts';
import type { Principal, Role } from '../../core/auth/principal.ts';

/**
 * What the authorisation matrix tests share: who asks (a role at a vantage unit) and how one cell is judged
 * against the one policy. Allowed → not 401/403/404 (a 4xx from business validation is fine: the cell is about
 * access); the role lacks the action → 403 or 404; the role has the action but the target is out of scope → 404
 * (missing and forbidden look the same).
 */
export type Vantage = Pick<Principal, 'unitCode' | 'unitPath' | 'unitLevel' | 'orgType'>;

export const principalAt = (at: Vantage, role: Role): Principal =>
  ({ ...at, accountId: 'matrix', displayName: 'Ma trận', roles: [role] }) as Principal;

export type Expectation = 'allow' | 'no role' | 'out of scope';

/** The policy's verdict for a cell of a route that any of `actions` opens on `target`. */
export function expectation(p: Principal, actions: readonly Action[], target: Target): Expectation {
  if (actions.some((a) => can(p, a, target))) return 'allow';
  return actions.some((a) => hasRoleFor(p, a)) ? 'out of scope' : 'no role';
}

export function cellHolds(expected: Expectation, status: number): boolean {
  if (expected === 'allow') return ![401, 403, 404].includes(status) && status < 500;
  if (expected === 'no role') return status === 403 || status === 404;
  return status === 404;
}
