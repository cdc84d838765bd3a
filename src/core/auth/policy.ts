import { AppError } from '../http/errors.ts';
import type { OrgType, Principal, Role } from './principal.ts';

export const ACTIONS = [
  'view',
  'edit',
  'approve',
  'administer',
  'audit',
  'handle_petition',
  'answer_petition',
  'manage_library',
] as const;
export type Action = (typeof ACTIONS)[number];

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  admin: ['view', 'edit', 'approve', 'administer'],
  data_entry: ['view', 'edit'],
  approver: ['view', 'approve'],
  petition_handler: ['view', 'handle_petition'],
  viewer: ['view'],
  auditor: ['view', 'audit'],
  authority: ['answer_petition'],
  librarian: ['view', 'manage_library'],
};

/** What an action is done to: a unit (by its path) and, when the data belongs to one, an organisation type. */
export type Target = { unitPath: string; orgType?: OrgType | null };

export function isWithinPath(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}.`);
}

/**
 * The scope rule, written once: the target lies in the account's unit subtree; an account of one of the
 * five organisations sees only its own organisation's data; data of the unit itself (no organisation,
 * e.g. its village list) is readable by every organisation in scope but changed only by the Front.
 */
export function isInScope(p: Principal, action: Action, target: Target): boolean {
  if (!isWithinPath(target.unitPath, p.unitPath)) return false;
  if (p.orgType === 'front') return true;
  if (target.orgType == null) return action === 'view';
  return target.orgType === p.orgType;
}

export function hasRoleFor(p: Principal, action: Action): boolean {
  return p.roles.some((r) => ROLE_ACTIONS[r].includes(action));
}

/** May this account do this to that? The one policy function every module uses. */
export function can(p: Principal | null | undefined, action: Action, target: Target): boolean {
  return !!p && hasRoleFor(p, action) && isInScope(p, action, target);
}

/**
 * Throws unless allowed. Missing and forbidden both answer 404 so that nobody learns what exists outside
 * their scope; no principal at all answers 401.
 */
export function authorize(p: Principal | null | undefined, action: Action, target: Target): asserts p is Principal {
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (!can(p, action, target)) throw new AppError('NOT_FOUND');
}

/** Requires a signed-in principal holding a role for the action, before any target is known (lists). */
export function requireRole(p: Principal | null | undefined, action: Action): asserts p is Principal {
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (!hasRoleFor(p, action)) throw new AppError('FORBIDDEN');
}

/** The filter a repo applies to list queries: the subtree and, outside the Front, the organisation type. */
export function scopeFilter(p: Principal): { pathPrefix: string; orgType: OrgType | null } {
  return { pathPrefix: p.unitPath, orgType: p.orgType === 'front' ? null : p.orgType };
}
