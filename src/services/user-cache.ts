import type { User } from '../entities';
import type { EventBus } from '../events/event-bus';
import type { DomainEvent } from '../events/domain-events';

/** How long an entry serves at most: a safety net under the change notices, as long as the sockets' periodic session check. */
export const USER_CACHE_TTL_MS = 30_000;
/** Users kept at most (the map starts over beyond it). */
const MAX_USERS = 10_000;

interface Entry {
  user: User;
  /** The unbroken stretch of cross-process delivery the entry was read in (see EventBus.deliveryEpoch). */
  epoch: number;
  until: number;
}

/**
 * The users that tokens name, read once and kept while no change of theirs can have gone unseen:
 * every request (HTTP, each WebSocket operation) used to read its user again so that a deactivation
 * or a role change took effect at once. Every change of a user is a committed `User*` domain event
 * (UserService is the only writer of users); this process hears its own events synchronously after
 * their COMMIT (before the mutation answers) and every other process's through the PubSub (Redis),
 * and drops the user. An entry serves only in the stretch of Redis delivery it was read in: once the
 * subscribing connection drops, notices may be lost, so nothing read before counts any more; and
 * never longer than USER_CACHE_TTL_MS.
 */
export class UserCache {
  private readonly entries = new Map<number, Entry>();
  /** Users forgotten so far: a read that saw this number change under it may hold an older row. */
  private changes = 0;

  constructor(
    private readonly load: (id: number) => Promise<User | null>,
    /** The current unbroken stretch of delivery of other processes' events, or null while it is broken. */
    private readonly deliveryEpoch: () => number | null,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: number): Promise<User | null> {
    const epoch = this.deliveryEpoch();
    const entry = this.entries.get(id);
    if (entry && epoch !== null && entry.epoch === epoch && entry.until > this.now()) return entry.user;
    const changes = this.changes;
    const user = await this.load(id);
    // A change heard while the row was read may be newer than what was read: keep nothing then.
    if (user && epoch !== null && changes === this.changes && this.deliveryEpoch() === epoch) {
      if (this.entries.size >= MAX_USERS) this.entries.clear();
      this.entries.set(id, { user, epoch, until: this.now() + USER_CACHE_TTL_MS });
    } else {
      this.entries.delete(id);
    }
    return user;
  }

  forget(id: number): void {
    this.entries.delete(id);
    this.changes += 1;
  }

  /**
   * Forgets each user that a committed event changed: this process's own events synchronously,
   * every process's through the bus's cross-process subscription. Returns the stop.
   */
  follow(events: EventBus): () => void {
    const forgetChanged = (event: DomainEvent) => {
      if (event.type === 'UserChanged' || event.type === 'UserDeactivated' || event.type === 'UserCreated') this.forget(event.userId);
    };
    const stopLocal = events.onCommitted(forgetChanged);
    const all = events.subscribeAll();
    // The loop's first next() registers the listener synchronously, so it listens from here on.
    void (async () => {
      for await (const event of all) forgetChanged(event);
    })();
    return () => {
      stopLocal();
      void all.return?.();
    };
  }
}
