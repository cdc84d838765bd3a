import { ACTIONS, type Action, hasRoleFor, isWithinPath } from '../../core/auth/policy.ts';
import type { OrgType, Principal, Role } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';

export type ManagedAccount = { id: string; unitPath: string; orgType: OrgType; roles: Role[] };

/** What a role lets its holder do, read from the one policy. */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => hasRoleFor({ roles: [role] } as Principal, a));
}

/**
 * The roles beyond an account: those granting an action the account cannot do itself. An administrator
 * (view, edit, approve, administer) may give data entry, approver, viewer and administrator; not auditor,
 * petition handler, competent authority or librarian unless they hold those too.
 */
export function rolesBeyond(actor: Principal, roles: Role[]): Role[] {
  return roles.filter((r) => actionsOf(r).some((a) => !hasRoleFor(actor, a)));
}

/**
 * Delegated administration, the rule written once: an administrator manages accounts in their unit's subtree
 * (narrowed to their own organisation outside the Front); out of scope answers 404 as everywhere. Nobody grants,
 * nor manages an account holding, a role beyond their own; nobody changes their own roles or status.
 */
export function assertMayManage(
  actor: Principal | null,
  target: ManagedAccount,
  opts: { self?: 'refuse' } = {},
): asserts actor is Principal {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!hasRoleFor(actor, 'administer')) throw new AppError('FORBIDDEN');
  if (!isWithinPath(target.unitPath, actor.unitPath)) throw new AppError('NOT_FOUND');
  if (actor.orgType !== 'front' && target.orgType !== actor.orgType) throw new AppError('NOT_FOUND');
  if (opts.self === 'refuse' && target.id === actor.accountId) throw new AppError('ACCOUNT_SELF_CHANGE');
  const beyond = rolesBeyond(actor, target.roles);
  if (beyond.length) throw new AppError('ACCOUNT_ROLE_BEYOND_YOURS', { params: { roles: beyond.join(', ') } });
}

/** May the actor give these roles at this unit and organisation? (creating, importing or changing roles) */
export function assertMayGrant(
  actor: Principal | null,
  grant: { unitPath: string; orgType: OrgType; roles: Role[] },
): asserts actor is Principal {
  assertMayManage(actor, { id: '', ...grant });
}
