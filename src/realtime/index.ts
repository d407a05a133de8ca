import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { JalinPubSub } from '../events/pubsub';
import { filter as only, pipe } from '@graphql-yoga/subscription';
import { Topic, boardKey, meetingKey, notificationKey } from '../events/topics';
import { BoardFeed } from './board-feed';
import type { BoardStreamOptions } from './board-stream';
import { MemoryPresenceStore, PresenceTracker, RedisPresenceStore, DEFAULT_PRESENCE_OPTIONS, type PresenceOptions } from './presence';

export interface RealtimeOptions {
  /** How often a process checks a watched board's sequence number, to catch events lost between processes. */
  boardPollMs?: number;
  presence?: PresenceOptions;
  boardStream?: Partial<BoardStreamOptions>;
}

export interface RealtimeDeps {
  pubSub: JalinPubSub;
  /** With REDIS_URL: board presence is shared through it. */
  redis: Redis | null;
  /** Names the database in shared topics and presence keys (see `databaseNamespace`). */
  namespace: string;
  /** Where a board's sequence number is read (the board service's `currentSeq`). */
  currentSeq: (agreementId: number) => Promise<number | null>;
  logger: Logger;
  options?: RealtimeOptions;
}

/**
 * The read side that follows committed events for clients: the board feed (one subscription per
 * watched board and process), presence, and the agreement updates. Assembled with the transport
 * (server.ts); it depends on the event topics, and services know nothing of it.
 */
export function createRealtime(deps: RealtimeDeps) {
  const presenceOptions = deps.options?.presence ?? DEFAULT_PRESENCE_OPTIONS;
  const presenceStore = deps.redis
    ? new RedisPresenceStore(deps.redis, deps.namespace, Math.ceil((presenceOptions.ttlMs * 2) / 1000))
    : new MemoryPresenceStore();
  const boardFeed = new BoardFeed(deps.pubSub, deps.namespace, { currentSeq: deps.currentSeq }, deps.logger, {
    pollMs: deps.options?.boardPollMs,
    stream: deps.options?.boardStream,
  });
  const presence = new PresenceTracker(presenceStore, deps.pubSub, deps.namespace, deps.logger, presenceOptions);
  return {
    boardFeed,
    presence,
    /** The committed changes of one agreement from now on (the `agreementUpdated` subscription). */
    agreementUpdates: (agreementId: number) => deps.pubSub.subscribe(Topic.AGREEMENT_UPDATED, boardKey(deps.namespace, agreementId)),
    /** One user's new notifications from now on (the `notificationAdded` subscription). */
    notificationsOf: (userId: number) => deps.pubSub.subscribe(Topic.NOTIFICATION_ADDED, notificationKey(deps.namespace, userId)),
    /** The committed changes of an agreement's drafting meetings (or of one of them) from now on (`meetingUpdated`). */
    meetingUpdates: (agreementId: number, meetingId?: number) => {
      const updates = deps.pubSub.subscribe(Topic.MEETING_UPDATED, meetingKey(deps.namespace, agreementId));
      return meetingId === undefined ? updates : pipe(updates, only((payload) => payload.meetingId === meetingId));
    },
    async close() {
      boardFeed.close();
      await presence.close();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
