import { In, IsNull, type DataSource } from 'typeorm';
import { EmailStatus, Notification, type NotificationKind } from '../entities';
import { InputReason, badInput } from '../errors';
import { nodeNotFound } from '../global-id';
import type { Logger } from '../logger';
import type { EventBus } from '../events/event-bus';
import { diffOf, eventBase } from '../events/domain-events';
import { isUniqueViolation } from './db-helpers';
import { keysetPage, SortDirection, type Connection, type Ordering, type PageRequest } from './pagination';

/** `markNotificationsRead` takes at most this many ids (a page's worth). */
export const MAX_MARK_READ = 100;

/** Newest first; ids grow with time, so the id alone is the order. */
const NEWEST_FIRST: Ordering = { name: 'notifications', keys: [{ sql: 'notification.id', direction: SortDirection.DESC }] };

export interface NewNotification {
  userId: number;
  agreementId: number;
  kind: NotificationKind;
  reminderKey: string;
  subject: string;
  message: string;
  emailStatus: EmailStatus;
}

/**
 * Notifications of one user: only ever their own (every method takes the signed-in user's id and
 * filters by it; another user's notification is NOT_FOUND, as if it did not exist).
 */
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: DataSource,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  list(userId: number, unreadOnly: boolean, page: PageRequest): Promise<Connection<Notification>> {
    const query = this.reader.getRepository(Notification).createQueryBuilder('notification').where('notification.userId = :userId', { userId });
    if (unreadOnly) query.andWhere('notification.readAt IS NULL');
    return keysetPage(query, NEWEST_FIRST, page);
  }

  async findOwn(userId: number, id: number): Promise<Notification | null> {
    return this.reader.getRepository(Notification).findOneBy({ id, userId });
  }

  /**
   * Marks the user's notifications read (those already read keep their time) and returns them in
   * the order asked. All or nothing: an id that is not one of theirs is NOT_FOUND and nothing changes.
   */
  async markRead(userId: number, ids: number[]): Promise<Notification[]> {
    if (ids.length > MAX_MARK_READ) throw badInput(`markNotificationsRead takes at most ${MAX_MARK_READ} ids; got ${ids.length}`, { argument: 'ids', reason: InputReason.TOO_MANY, max: MAX_MARK_READ });
    if (!ids.length) return [];
    const repository = this.dataSource.getRepository(Notification);
    const own = new Set((await repository.find({ select: { id: true }, where: { id: In(ids), userId } })).map((row) => row.id));
    const foreign = ids.find((id) => !own.has(id));
    // Another user's notification reads exactly like one that does not exist: nothing to learn from the answer.
    if (foreign !== undefined) throw nodeNotFound('Notification', foreign);
    await repository.update({ id: In(ids), userId, readAt: IsNull() }, { readAt: new Date() });
    const rows = new Map((await repository.findBy({ id: In(ids), userId })).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id)!);
  }

  /**
   * Records a notification unless the same reminder already reached the user (the unique index
   * decides, also between processes), and announces it after it is stored. Null when it existed.
   */
  async create(values: NewNotification): Promise<Notification | null> {
    try {
      // Announced through the event bus, so `notificationAdded` hears of it only once it is committed.
      return await this.events.transaction(this.dataSource, async (manager, unit) => {
        const repository = manager.getRepository(Notification);
        const notification = await repository.save(repository.create({ ...values, readAt: null, emailAttempts: 0 }));
        unit.record({
          ...eventBase(null, 'notify', { type: 'Notification', id: notification.id }, diffOf(null, { kind: values.kind, reminderKey: values.reminderKey }, ['kind', 'reminderKey'])),
          type: 'NotificationAdded',
          userId: values.userId,
          notificationId: notification.id,
        });
        return notification;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

}
