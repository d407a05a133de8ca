import { In, IsNull, type DataSource } from 'typeorm';
import { EmailStatus, Notification, type NotificationKind } from '../entities';
import { badInput } from '../errors';
import { nodeNotFound } from '../global-id';
import type { Logger } from '../logger';
import type { JalinPubSub } from '../subscriptions/pubsub';
import { notificationKey, Topic } from '../subscriptions/topics';
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
    private readonly pubSub: JalinPubSub,
    private readonly namespace: string,
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
    if (ids.length > MAX_MARK_READ) throw badInput(`markNotificationsRead takes at most ${MAX_MARK_READ} ids; got ${ids.length}`, { argument: 'ids', max: MAX_MARK_READ });
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

  /** One user's new notifications from now on (the `notificationAdded` subscription). */
  watch(userId: number) {
    return this.pubSub.subscribe(Topic.NOTIFICATION_ADDED, notificationKey(this.namespace, userId));
  }

  /**
   * Records a notification unless the same reminder already reached the user (the unique index
   * decides, also between processes), and announces it after it is stored. Null when it existed.
   */
  async create(values: NewNotification): Promise<Notification | null> {
    let notification: Notification;
    try {
      notification = await this.dataSource.getRepository(Notification).save(this.dataSource.getRepository(Notification).create({ ...values, readAt: null, emailAttempts: 0 }));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    try {
      this.pubSub.publish(Topic.NOTIFICATION_ADDED, notificationKey(this.namespace, values.userId), { notificationId: notification.id });
    } catch (error) {
      // The notification is stored; the user sees it in the list even if the live message is lost.
      this.logger.warn({ err: error, notificationId: notification.id }, 'could not publish notificationAdded');
    }
    return notification;
  }
}
