import { Role, User } from '../entities';
import { forbidden } from '../errors';
import type { Actor } from '../events/actor';

/**
 * Who may do what, in one place. The GraphQL auth checker enforces the role lists below on whole
 * operations; services call the predicates and assertions here wherever the answer depends on data
 * (which OPD an activity belongs to, whether its board is still being drafted).
 */
export type { Actor };

/** Roles for `@Authorized(...)` on operations that change the registry or the workflow. */
export const REGISTRY_ROLES = [Role.OFFICER, Role.ADMIN] as const;
/** Roles for `@Authorized(...)` on user administration. */
export const USER_ADMIN_ROLES = [Role.ADMIN] as const;
/** Roles for `@Authorized(...)` on reading and exporting the audit trail. */
export const AUDIT_READ_ROLES = [Role.OFFICER, Role.ADMIN] as const;
/** Roles for `@Authorized(...)` on verifying the audit trail's hash chain. */
export const AUDIT_VERIFY_ROLES = [Role.ADMIN] as const;
/** Roles that may act for an OPD at all (OPD editors only for their own, see canActForOpd). */
export const OPD_ACTOR_ROLES = [Role.OPD_EDITOR, Role.OFFICER, Role.ADMIN] as const;

export const isAdmin = (actor: Actor) => actor.role === Role.ADMIN;
/** Partner cities, agreements, documents, the workflow, and every board (Bagian Kerja Sama). */
export const canManageRegistry = (actor: Actor) => actor.role === Role.ADMIN || actor.role === Role.OFFICER;
export const canManageUsers = isAdmin;

/**
 * Whether `actor` may act for `opdId`: add, change, move or decide on its activities, record its
 * presentation. Officers and admins act for every OPD, an OPD editor for its own. With `opdId` null
 * (the OPD is not known yet), whether the actor may act for some OPD at all.
 */
export function canActForOpd(actor: Actor, opdId: number | null): boolean {
  if (canManageRegistry(actor)) return true;
  return actor.role === Role.OPD_EDITOR && actor.opdId !== null && (opdId === null || actor.opdId === opdId);
}

/** Throws FORBIDDEN unless `actor` may act for `opdId` (see canActForOpd). Whether the board is open is the workflow's rule. */
export function assertCanActForOpd(actor: Actor, opdId: number | null): void {
  if (canActForOpd(actor, opdId)) return;
  throw actor.role === Role.OPD_EDITOR
    ? forbidden("An OPD editor may act only for its own OPD's activities")
    : forbidden('Viewers may read draft boards but not change them');
}

export function assertCanManageRegistry(actor: Actor): void {
  if (!canManageRegistry(actor)) throw forbidden('Only officers and admins can change partner cities, agreements and documents');
}

export function assertCanManageUsers(actor: Actor): void {
  if (!canManageUsers(actor)) throw forbidden('Only admins can manage users');
}

/** A user's record: admins read everyone's (`users`), anyone their own (`me`). */
export function assertCanReadUser(actor: Actor, userId: number): void {
  if (!canManageUsers(actor) && actor.id !== userId) throw forbidden('Only admins can read other users');
}

/** The audit trail's downloads check the same roles as the `auditTrail` query. */
export function assertCanReadAuditTrail(actor: Actor): void {
  if (!(AUDIT_READ_ROLES as readonly Role[]).includes(actor.role)) throw forbidden('Only officers and admins may read the audit trail');
}

/**
 * What a user may see of a subscription's events, as a key: two users with the same key get the
 * same answer to the same operation. It is the role (the auth checker's lists) and, for an OPD
 * editor, its OPD (the rules that depend on data); nothing a subscription resolves depends on who
 * the user is beyond that. The WebSocket fan-out executes and serializes each event once per
 * operation and visibility, and sends those bytes to every subscriber that shares them.
 *
 * `viewer` stands in for those users in that shared execution: it answers `role`, `opdId` and
 * `active` and throws on anything else (id, email, name…), so that a resolver that starts to depend
 * on who the user is fails (INTERNAL_SERVER_ERROR, logged) instead of showing one user's answer to
 * others. Such a rule must first become part of this key.
 */
export interface Visibility {
  key: string;
  viewer: User;
}

export function visibilityOf(user: Pick<User, 'role' | 'opdId'>): Visibility {
  const opdId = user.role === Role.OPD_EDITOR ? user.opdId : null;
  const key = opdId === null ? user.role : `${user.role}:${opdId}`;
  return { key, viewer: standInViewer(user.role, opdId) };
}

const PERSONAL_USER_FIELDS = ['id', 'email', 'name', 'passwordHash', 'opd', 'createdAt', 'updatedAt'] as const;

function standInViewer(role: Role, opdId: number | null): User {
  const viewer = Object.create(User.prototype) as User;
  Object.defineProperties(viewer, {
    role: { value: role, enumerable: true },
    opdId: { value: opdId, enumerable: true },
    active: { value: true, enumerable: true },
  });
  for (const field of PERSONAL_USER_FIELDS) {
    Object.defineProperty(viewer, field, {
      get() {
        throw new Error(`A shared subscription execution read the user's ${field}: only what visibilityOf keys on (role, an OPD editor's OPD) may decide an answer`);
      },
    });
  }
  return Object.freeze(viewer);
}
