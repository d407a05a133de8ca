import { retryOnDeadlock } from '../database-retry';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import type { DomainEvent } from './domain-events';
import type { JalinPubSub } from './pubsub';
import { Topic } from './topics';

/** Runs inside the transaction, after its writes and before COMMIT (the audit trail's append). */
export type BeforeCommitHook = (manager: EntityManager, events: readonly DomainEvent[]) => Promise<void>;
/** Hears each committed event in the process that committed it. */
export type CommittedListener = (event: DomainEvent) => void;

/** The events one transaction collects; they exist for the rest of the system only if it commits. */
export class UnitOfWork {
  readonly events: DomainEvent[] = [];

  record(event: DomainEvent): void {
    this.events.push(event);
  }
}

/**
 * Transaction-aware publishing (after Vendure's event bus): a service runs its write in
 * `transaction`, records its domain events on the unit of work, and the bus
 *
 * 1. runs the before-commit hooks in the same transaction (the audit trail appends its entries
 *    there, so a committed write always has them and a rolled-back one never does);
 * 2. after COMMIT, hands each event to this process's listeners (the topic bridge that feeds the
 *    GraphQL subscriptions and socket revocation) and to the `DOMAIN_EVENT` topic, which Redis
 *    carries to every process when REDIS_URL is set.
 *
 * A transaction that throws publishes nothing. A listener that fails is logged: the change is
 * committed, and a lost notification must not turn it into an error for the caller.
 */
export class EventBus {
  private readonly beforeCommitHooks: BeforeCommitHook[] = [];
  private readonly listeners = new Set<CommittedListener>();

  constructor(
    private readonly pubSub: JalinPubSub,
    /** Names the database (see `databaseNamespace`): processes of other databases sharing a Redis never hear these events. */
    readonly namespace: string,
    private readonly logger: Logger,
    /** See PubSubHandle.deliveryEpoch: whether other processes' events may have been missed. */
    readonly deliveryEpoch: () => number | null = () => 0,
    /** See PubSubHandle.delivered: resolves once what was published has gone out to the other processes. */
    readonly delivered: () => Promise<void> = async () => undefined,
  ) {}

  beforeCommit(hook: BeforeCommitHook): void {
    this.beforeCommitHooks.push(hook);
  }

  /** Listens in this process to events committed in this process; returns the unsubscribe. */
  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every committed event of this database, from any process (through Redis when configured). */
  subscribeAll(): AsyncIterableIterator<DomainEvent> {
    return this.pubSub.subscribe(Topic.DOMAIN_EVENT, this.namespace) as AsyncIterableIterator<DomainEvent>;
  }

  /** Runs `work` in one transaction with a unit of work; its events are published once it commits (a deadlock victim runs again). */
  async transaction<T>(dataSource: DataSource, work: (manager: EntityManager, unit: UnitOfWork) => Promise<T>): Promise<T> {
    // A deadlock victim committed nothing: the whole unit runs again, with a fresh unit of work.
    const { result, unit } = await retryOnDeadlock(async () => {
      const unit = new UnitOfWork();
      const result = await dataSource.transaction(async (manager) => {
        const value = await work(manager, unit);
        await this.flushBeforeCommit(manager, unit.events);
        return value;
      });
      return { result, unit };
    });
    this.publish(unit.events);
    return result;
  }

  /** For a caller that runs its own transaction (the board's group commit): the hooks, inside it. */
  async flushBeforeCommit(manager: EntityManager, events: readonly DomainEvent[]): Promise<void> {
    if (!events.length) return;
    for (const hook of this.beforeCommitHooks) await hook(manager, events);
  }

  /** After COMMIT only. */
  publish(events: readonly DomainEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.warn({ err: error, type: event.type }, 'a listener of a committed event failed');
        }
      }
      try {
        this.pubSub.publish(Topic.DOMAIN_EVENT, this.namespace, event);
      } catch (error) {
        this.logger.warn({ err: error, type: event.type }, 'could not publish a committed event');
      }
    }
  }
}
