import type { DataSource, EntityManager } from 'typeorm';
import { Opd, Role, User } from '../entities';
import { InputReason, badInput, forbidden } from '../errors';
import { nodeNotFound } from '../global-id';
import type { Logger } from '../logger';
import type { EventBus } from '../events/event-bus';
import { diffOf, eventBase } from '../events/domain-events';
import { assertCanManageUsers, type Actor } from './access-policy';
import { hashPassword } from './password';
import { isUniqueViolation } from './db-helpers';
import { lockFor } from './row-lock';
import { byCodePoint, keysetPage, SortDirection, type Connection, type Ordering, type PageRequest } from './pagination';
import { requiredText } from './text-rules';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  opdId?: number | null;
  password: string;
}

export interface UserChanges {
  email?: string | null;
  name?: string | null;
  role?: Role | null;
  /** For OPD editors; null clears it (only valid for other roles). */
  opdId?: number | null;
  password?: string | null;
  active?: boolean | null;
}

/** User administration (admins only). Passwords are hashed here and never leave this service. */
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Every user, active or not, by email (compared by code point: the same order on every database). */
  list(actor: Actor, page: PageRequest = {}): Promise<Connection<User>> {
    assertCanManageUsers(actor);
    const ordering: Ordering = {
      name: 'users',
      keys: [
        { sql: byCodePoint(this.dataSource, 'user.email'), direction: SortDirection.ASC },
        { sql: 'user.id', direction: SortDirection.ASC },
      ],
    };
    return keysetPage(this.dataSource.getRepository(User).createQueryBuilder('user'), ordering, page);
  }

  async create(actor: Actor, input: NewUser): Promise<User> {
    assertCanManageUsers(actor);
    const email = normalizeEmail(input.email);
    const name = requireText(input.name, 'name');
    const opdId = input.opdId ?? null;
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.events.transaction(this.dataSource, async (manager, unit) => {
        await assertRoleFitsOpd(manager, input.role, opdId);
        if (await manager.existsBy(User, { email })) throw badInput(`A user with the email ${email} already exists`, { argument: 'email', reason: InputReason.DUPLICATE });
        const saved = await manager.save(User, manager.create(User, { email, name, role: input.role, opdId, passwordHash, active: true }));
        // The password itself (or its hash) never goes into the trail: only that one was set.
        const diff = { ...diffOf(null, saved, USER_FIELDS), passwordChanged: { after: true } };
        unit.record({ type: 'UserCreated', userId: saved.id, revokeSessions: null, ...eventBase(actor, 'createUser', { type: 'User', id: saved.id }, diff) });
        this.logger.info({ actorId: actor.id, userId: saved.id, role: saved.role }, 'user created');
        return saved;
      });
    } catch (error) {
      // Two admins creating the same email at once: the unique index decides, the loser gets a clear answer.
      if (isUniqueViolation(error)) throw badInput(`A user with the email ${email} already exists`, { argument: 'email', reason: InputReason.DUPLICATE });
      throw error;
    }
  }

  async update(actor: Actor, id: number, changes: UserChanges, operation: 'updateUser' | 'deactivateUser' = 'updateUser'): Promise<User> {
    assertCanManageUsers(actor);
    const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
    let saved: User;
    try {
      saved = await this.events.transaction(this.dataSource, async (manager, unit) => {
        const user = await manager.findOne(User, { where: { id }, lock: lockFor(manager) });
        if (!user) throw nodeNotFound('User', id);
        const before = { ...user };
        if (changes.email != null) {
          const email = normalizeEmail(changes.email);
          if (email !== user.email && (await manager.existsBy(User, { email }))) throw badInput(`A user with the email ${email} already exists`, { argument: 'email', reason: InputReason.DUPLICATE });
          user.email = email;
        }
        if (changes.name != null) user.name = requireText(changes.name, 'name');
        if (changes.role != null) user.role = changes.role;
        if (changes.opdId !== undefined) user.opdId = changes.opdId;
        // A role other than OPD_EDITOR carries no OPD; changing the role away from it clears the OPD.
        if (changes.role != null && changes.role !== Role.OPD_EDITOR && changes.opdId === undefined) user.opdId = null;
        if (changes.active != null) user.active = changes.active;
        if (passwordHash) user.passwordHash = passwordHash;
        await assertRoleFitsOpd(manager, user.role, user.opdId);
        if (user.id === actor.id && (!user.active || user.role !== Role.ADMIN)) {
          throw forbidden('You cannot deactivate yourself or take away your own admin role; ask another admin');
        }
        if (before.role === Role.ADMIN && before.active && (user.role !== Role.ADMIN || !user.active)) await assertAnotherAdmin(manager, user.id);
        await manager.save(User, user);
        // Their sockets close (every process, through the event's topic): deactivated, or changed in what a token stands for.
        let revoke: 'deactivated' | 'changed' | null = null;
        if (before.active && !user.active) revoke = 'deactivated';
        else if (user.active && (before.role !== user.role || before.opdId !== user.opdId || passwordHash)) revoke = 'changed';
        const diff = { ...diffOf(before, user, USER_FIELDS), ...(passwordHash ? { passwordChanged: { after: true } } : {}) };
        const type = revoke === 'deactivated' ? 'UserDeactivated' : 'UserChanged';
        unit.record({ type, userId: id, revokeSessions: revoke, ...eventBase(actor, operation, { type: 'User', id }, diff) });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw badInput(`A user with the email ${changes.email} already exists`, { argument: 'email', reason: InputReason.DUPLICATE });
      throw error;
    }
    this.logger.info({ actorId: actor.id, userId: id, fields: Object.keys(changes).filter((k) => k !== 'password' || changes.password) }, 'user updated');
    // Answered only once the change's notice has gone out to every process (through Redis): the
    // user's very next operation, wherever it lands, finds them forgotten by the user cache.
    await this.events.delivered();
    return saved;
  }

  /** Stops the user's tokens at once (every request re-reads the user) and closes their live sockets. */
  deactivate(actor: Actor, id: number): Promise<User> {
    return this.update(actor, id, { active: false }, 'deactivateUser');
  }
}

/** The user fields the audit trail compares (never the password hash). */
const USER_FIELDS = ['email', 'name', 'role', 'opdId', 'active'] as const;

function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!normalized) throw badInput('email must not be empty', { argument: 'email', reason: InputReason.REQUIRED });
  return normalized;
}

const requireText = requiredText;

async function assertRoleFitsOpd(manager: EntityManager, role: Role, opdId: number | null) {
  if (role === Role.OPD_EDITOR) {
    if (opdId === null) throw badInput('An OPD editor needs an OPD (opdId)', { argument: 'opdId', reason: InputReason.REQUIRED });
    if (!(await manager.existsBy(Opd, { id: opdId }))) throw nodeNotFound('Opd', opdId);
  } else if (opdId !== null) {
    throw badInput(`Only OPD editors belong to an OPD; a ${role} has no opdId`, { argument: 'opdId', reason: InputReason.CONFLICTING_ARGUMENTS });
  }
}

async function assertAnotherAdmin(manager: EntityManager, exceptId: number) {
  const others = await manager
    .getRepository(User)
    .createQueryBuilder('u')
    .where('u.role = :role AND u.active = :active AND u.id <> :exceptId', { role: Role.ADMIN, active: true, exceptId })
    .getCount();
  if (others === 0) throw forbidden('This is the last active admin; make another admin first');
}
