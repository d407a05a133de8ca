import { AgreementStatus, Role, type User } from '../entities';
import { DomainError, ErrorCode, forbidden } from '../errors';

/**
 * Who may do what, in one place. The GraphQL auth checker enforces the role lists below on whole
 * operations; services call the predicates and assertions here wherever the answer depends on data
 * (which OPD an activity belongs to, whether its board is still being drafted).
 */
export type Actor = Pick<User, 'id' | 'role' | 'opdId'>;

/** Roles for `@Authorized(...)` on operations that change the registry or the workflow. */
export const REGISTRY_ROLES = [Role.OFFICER, Role.ADMIN] as const;
/** Roles for `@Authorized(...)` on user administration. */
export const USER_ADMIN_ROLES = [Role.ADMIN] as const;
/** Roles that may change a draft board at all (OPD editors only for their own OPD, see below). */
export const BOARD_EDITOR_ROLES = [Role.OPD_EDITOR, Role.OFFICER, Role.ADMIN] as const;

export const isAdmin = (actor: Actor) => actor.role === Role.ADMIN;
/** Partner cities, agreements, documents, the workflow, and every board (Bagian Kerja Sama). */
export const canManageRegistry = (actor: Actor) => actor.role === Role.ADMIN || actor.role === Role.OFFICER;
export const canManageUsers = isAdmin;
/** Every signed-in role reads everything. */
export const canRead = (_actor: Actor) => true;

/** Whether `actor` may add, change, move or decide on activities of `opdId` (board state aside). */
export function canEditActivitiesOf(actor: Actor, opdId: number): boolean {
  if (canManageRegistry(actor)) return true;
  return actor.role === Role.OPD_EDITOR && actor.opdId !== null && actor.opdId === opdId;
}

/**
 * The board services' gate: throws FORBIDDEN unless `actor` may edit activities of `opdId`, and,
 * when the agreement's status is given, BOARD_LOCKED unless the board is being drafted.
 */
export function assertCanEditActivitiesOf(actor: Actor, opdId: number, agreementStatus?: AgreementStatus): void {
  if (!canEditActivitiesOf(actor, opdId)) {
    throw actor.role === Role.OPD_EDITOR
      ? forbidden("An OPD editor can change only its own OPD's activities")
      : forbidden('Only OPD editors, officers and admins can change draft activities');
  }
  if (agreementStatus !== undefined && agreementStatus !== AgreementStatus.PLAN_DRAFTING) {
    throw new DomainError(ErrorCode.BOARD_LOCKED, `The activity list can be changed only while the plan is drafted (status is ${agreementStatus})`, {
      status: agreementStatus,
    });
  }
}

export function assertCanManageRegistry(actor: Actor): void {
  if (!canManageRegistry(actor)) throw forbidden('Only officers and admins can change partner cities, agreements and documents');
}

export function assertCanManageUsers(actor: Actor): void {
  if (!canManageUsers(actor)) throw forbidden('Only admins can manage users');
}
