import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { JalinPubSub } from '../events/pubsub';
import { openPresenceStream } from './presence-stream';
import { Topic, boardKey } from '../events/topics';

/** One person on a board, and what they are editing, if anything. */
export interface PresenceEntry {
  userId: number;
  activityId: number | null;
  field: string | null;
  /** When they started editing what they edit now, or joined. */
  since: string;
}

interface EditingState {
  activityId: number | null;
  field: string | null;
  since: string;
}

interface ConnectionRecord {
  userId: number;
  joinedAt: string;
  expiresAt: number;
}

/** Where presence lives: this process's memory, or Redis so that every process sees everyone. */
export interface PresenceStore {
  join(agreementId: number, connectionId: string, record: ConnectionRecord): Promise<void>;
  leave(agreementId: number, connectionId: string): Promise<void>;
  setEditing(agreementId: number, userId: number, state: EditingState | null): Promise<void>;
  list(agreementId: number, now: number): Promise<PresenceEntry[]>;
}

function entriesOf(connections: Iterable<ConnectionRecord>, editing: Map<number, EditingState>, now: number): PresenceEntry[] {
  const joined = new Map<number, string>();
  for (const record of connections) {
    if (record.expiresAt <= now) continue;
    const earlier = joined.get(record.userId);
    if (!earlier || record.joinedAt < earlier) joined.set(record.userId, record.joinedAt);
  }
  return [...joined.entries()]
    .sort(([a], [b]) => a - b)
    .map(([userId, joinedAt]) => {
      const state = editing.get(userId);
      return { userId, activityId: state?.activityId ?? null, field: state?.field ?? null, since: state?.since ?? joinedAt };
    });
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly boards = new Map<number, { connections: Map<string, ConnectionRecord>; editing: Map<number, EditingState> }>();

  private boardOf(agreementId: number) {
    let board = this.boards.get(agreementId);
    if (!board) this.boards.set(agreementId, (board = { connections: new Map(), editing: new Map() }));
    return board;
  }

  async join(agreementId: number, connectionId: string, record: ConnectionRecord) {
    this.boardOf(agreementId).connections.set(connectionId, record);
  }

  async leave(agreementId: number, connectionId: string) {
    const board = this.boardOf(agreementId);
    const record = board.connections.get(connectionId);
    board.connections.delete(connectionId);
    if (record && ![...board.connections.values()].some((other) => other.userId === record.userId && other.expiresAt > Date.now())) {
      board.editing.delete(record.userId);
    }
    if (!board.connections.size) this.boards.delete(agreementId);
  }

  async setEditing(agreementId: number, userId: number, state: EditingState | null) {
    const board = this.boardOf(agreementId);
    if (state) board.editing.set(userId, state);
    else board.editing.delete(userId);
  }

  async list(agreementId: number, now: number) {
    const board = this.boards.get(agreementId);
    return board ? entriesOf(board.connections.values(), board.editing, now) : [];
  }
}

/**
 * Presence in Redis, one pair of hashes per board: connection id → {user, expiry}, and user id →
 * what they edit. Each entry carries its own expiry (a process that dies stops refreshing its
 * connections, and they drop out after the TTL); the keys expire too, so nothing is left behind.
 */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly keyTtlSeconds: number,
  ) {}

  private keys(agreementId: number) {
    const base = `jalin:presence:${boardKey(this.namespace, agreementId)}`;
    return { connections: `${base}:connections`, editing: `${base}:editing` };
  }

  async join(agreementId: number, connectionId: string, record: ConnectionRecord) {
    const keys = this.keys(agreementId);
    await this.redis
      .multi()
      .hset(keys.connections, connectionId, JSON.stringify(record))
      .expire(keys.connections, this.keyTtlSeconds)
      .expire(keys.editing, this.keyTtlSeconds)
      .exec();
  }

  async leave(agreementId: number, connectionId: string) {
    const keys = this.keys(agreementId);
    const raw = await this.redis.hget(keys.connections, connectionId);
    await this.redis.hdel(keys.connections, connectionId);
    if (!raw) return;
    const { userId } = JSON.parse(raw) as ConnectionRecord;
    const others = Object.values(await this.redis.hgetall(keys.connections)).map((value) => JSON.parse(value) as ConnectionRecord);
    if (!others.some((other) => other.userId === userId && other.expiresAt > Date.now())) await this.redis.hdel(keys.editing, String(userId));
  }

  async setEditing(agreementId: number, userId: number, state: EditingState | null) {
    const keys = this.keys(agreementId);
    if (state) await this.redis.multi().hset(keys.editing, String(userId), JSON.stringify(state)).expire(keys.editing, this.keyTtlSeconds).exec();
    else await this.redis.hdel(keys.editing, String(userId));
  }

  async list(agreementId: number, now: number) {
    const keys = this.keys(agreementId);
    const [connections, editing] = await Promise.all([this.redis.hgetall(keys.connections), this.redis.hgetall(keys.editing)]);
    const records = Object.entries(connections).map(([id, value]) => [id, JSON.parse(value) as ConnectionRecord] as const);
    const expired = records.filter(([, record]) => record.expiresAt <= now).map(([id]) => id);
    if (expired.length) await this.redis.hdel(keys.connections, ...expired);
    const states = new Map(Object.entries(editing).map(([userId, value]) => [Number(userId), JSON.parse(value) as EditingState]));
    return entriesOf(
      records.map(([, record]) => record),
      states,
      now,
    );
  }
}

export interface PresenceOptions {
  /** A connection that is not refreshed for this long counts as gone. */
  ttlMs: number;
  /** How often this process refreshes its live connections (well under ttlMs). */
  refreshMs: number;
  /** How long a presence read or write may wait for the store before it is given up. */
  storeTimeoutMs: number;
}

export const DEFAULT_PRESENCE_OPTIONS: PresenceOptions = { ttlMs: 30_000, refreshMs: 10_000, storeTimeoutMs: 2_000 };

/**
 * Who is on which board, from this process's side: a WebSocket connection joins a board while it
 * holds a board subscription, and leaves when the last one ends or the socket closes. The process
 * refreshes its connections while they live; a process that dies stops, and its people expire.
 */
export class PresenceTracker {
  /** connection id → user and the boards it is on (with how many subscriptions each). */
  private readonly connections = new Map<string, { userId: number; joinedAt: string; boards: Map<number, number> }>();
  private readonly timer: NodeJS.Timeout;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly store: PresenceStore,
    private readonly pubSub: JalinPubSub,
    private readonly namespace: string,
    private readonly logger: Logger,
    readonly options: PresenceOptions = DEFAULT_PRESENCE_OPTIONS,
  ) {
    this.timer = setInterval(() => this.refresh(), options.refreshMs);
    this.timer.unref();
  }

  enter(connectionId: string, userId: number, agreementId: number): Promise<unknown> {
    let connection = this.connections.get(connectionId);
    if (!connection) this.connections.set(connectionId, (connection = { userId, joinedAt: new Date().toISOString(), boards: new Map() }));
    const count = connection.boards.get(agreementId) ?? 0;
    connection.boards.set(agreementId, count + 1);
    if (count > 0) return Promise.resolve();
    return this.track(this.store.join(agreementId, connectionId, this.recordOf(connection)), agreementId);
  }

  exit(connectionId: string, agreementId: number): Promise<unknown> {
    const connection = this.connections.get(connectionId);
    const count = connection?.boards.get(agreementId);
    if (!connection || !count) return Promise.resolve();
    if (count > 1) {
      connection.boards.set(agreementId, count - 1);
      return Promise.resolve();
    }
    connection.boards.delete(agreementId);
    if (!connection.boards.size) this.connections.delete(connectionId);
    return this.track(this.store.leave(agreementId, connectionId), agreementId);
  }

  /** The socket closed: it leaves every board it was on. */
  async disconnect(connectionId: string): Promise<void> {
    const connection = this.connections.get(connectionId);
    if (!connection) return;
    this.connections.delete(connectionId);
    await Promise.all([...connection.boards.keys()].map((agreementId) => this.track(this.store.leave(agreementId, connectionId), agreementId)));
  }

  /** Resolves to false when the presence store could not take it (the others will not see it). */
  setEditing(agreementId: number, userId: number, activityId: number | null, field: string | null): Promise<boolean> {
    const state = activityId === null && field === null ? null : { activityId, field, since: new Date().toISOString() };
    return this.track(this.store.setEditing(agreementId, userId, state), agreementId);
  }

  /** The presence of one board now and as it changes (see `openPresenceStream`). */
  watch(agreementId: number, onEnd?: () => void): AsyncIterableIterator<PresenceEntry[]> {
    return openPresenceStream({ presence: this, pubSub: this.pubSub, namespace: this.namespace }, agreementId, onEnd);
  }

  /** Who is on the board; empty (and logged) while the store does not answer. */
  list(agreementId: number): Promise<PresenceEntry[]> {
    return withDeadline(this.store.list(agreementId, Date.now()), this.options.storeTimeoutMs).catch((error: unknown) => {
      this.logger.warn({ err: error, agreementId }, 'presence store unavailable');
      return [];
    });
  }

  async close() {
    clearInterval(this.timer);
    await Promise.allSettled([...this.pending]);
  }

  private recordOf(connection: { userId: number; joinedAt: string }): ConnectionRecord {
    return { userId: connection.userId, joinedAt: connection.joinedAt, expiresAt: Date.now() + this.options.ttlMs };
  }

  private refresh() {
    for (const [connectionId, connection] of this.connections) {
      for (const agreementId of connection.boards.keys()) {
        void this.track(this.store.join(agreementId, connectionId, this.recordOf(connection)), null);
      }
    }
  }

  /**
   * Presence is best effort: a store that fails or does not answer in time (Redis away: ioredis
   * queues the command until it is back) is logged, never thrown at or hung on the board's users.
   * Resolves to whether the store took the change.
   */
  private track(operation: Promise<void>, changedBoard: number | null): Promise<boolean> {
    const done = withDeadline(operation, this.options.storeTimeoutMs).then(
      () => {
        if (changedBoard !== null) this.pubSub.publish(Topic.BOARD_PRESENCE, boardKey(this.namespace, changedBoard), { agreementId: changedBoard });
        return true;
      },
      (error: unknown) => {
        this.logger.warn({ err: error }, 'presence store unavailable');
        return false;
      },
    );
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
    return done;
  }
}

function withDeadline<T>(operation: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`presence store did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
}
