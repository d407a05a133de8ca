import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { Topics } from './topics';

export type JalinPubSub = ReturnType<typeof createPubSub<Topics>>;

export interface PubSubHandle {
  pubSub: JalinPubSub;
  /** A Redis client for plain commands (board presence), or null without REDIS_URL. */
  redis: Redis | null;
  /**
   * Resolves once this process surely hears `topic`/`id` (with Redis: once Redis has confirmed the
   * subscription on this process's connection); rejects with a clear error after `timeoutMs`.
   * A subscription taken with `pubSub.subscribe` before this call is then in place.
   */
  confirmSubscribed<T extends keyof Topics>(topic: T, id: Topics[T][0], timeoutMs: number): Promise<void>;
  /**
   * Which unbroken stretch of delivery from other processes this is: a number that changes whenever
   * the subscribing connection to Redis comes back (messages may have been lost while it was away),
   * null while it is away. Without Redis there are no other processes: always 0.
   */
  deliveryEpoch(): number | null;
  /**
   * Resolves once what this process published so far has reached Redis and gone out to the
   * subscribed processes (a PING behind the PUBLISHes on the same connection; Redis answers commands
   * of one connection in order). Gives up after DELIVERY_WAIT_MS while Redis is away. Without Redis at once.
   */
  delivered(): Promise<void>;
  close(): Promise<void>;
}

export class RedisSubscriptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisSubscriptionError';
  }
}

/** How long `delivered` waits for Redis at most. */
const DELIVERY_WAIT_MS = 2000;

/** The Redis channel of a topic and routing key, as @graphql-yoga/subscription names it. */
const channelOf = (topic: string, id: unknown) => `${topic}:${String(id)}`;

/**
 * In-memory PubSub for one process; with REDIS_URL, events go through Redis so that every API
 * process delivers every change. Redis only carries notifications: the database stays the source
 * of truth, and a subscriber that missed something while Redis was away catches up from the log.
 */
export function createPubSubHandle(redisUrl: string | null, logger: Logger): PubSubHandle {
  if (!redisUrl) {
    return { pubSub: createPubSub<Topics>(), redis: null, confirmSubscribed: async () => undefined, deliveryEpoch: () => 0, delivered: async () => undefined, close: async () => undefined };
  }
  const shared: RedisOptions = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false };
  // Publishing and plain commands (presence): never in subscriber mode.
  const publishClient = new Redis(redisUrl, shared);
  // Only (un)subscribe ever goes over this connection. ioredis writes a SUBSCRIBE at once even while
  // its handshake (CLIENT SETINFO, then the INFO of its ready check) is still under way; the
  // SUBSCRIBE's reply puts the connection in subscriber mode, the handshake's next command is
  // refused ("Connection in subscriber mode, only subscriber commands may be used"), ioredis drops
  // the connection and reconnects without that channel, and the process no longer hears it. Without
  // client info and ready check, the handshake sends nothing but what subscriber mode allows. (The
  // ready check waits while Redis loads its data; SUBSCRIBE works during loading anyway.)
  const subscribeClient = new Redis(redisUrl, { ...shared, enableReadyCheck: false, disableClientInfo: true });
  for (const client of [publishClient, subscribeClient]) {
    client.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  }
  let epoch = 0;
  let delivering = false;
  subscribeClient.on('ready', () => {
    epoch += 1;
    delivering = true;
  });
  subscribeClient.on('close', () => {
    delivering = false;
  });
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<Topics>({ eventTarget }),
    redis: publishClient,
    deliveryEpoch: () => (delivering ? epoch : null),
    delivered: async () => {
      let timer: NodeJS.Timeout | undefined;
      const ping = publishClient.ping().catch(() => undefined);
      await Promise.race([ping, new Promise((resolve) => (timer = setTimeout(resolve, DELIVERY_WAIT_MS)))]);
      clearTimeout(timer);
    },
    confirmSubscribed: async (topic, id, timeoutMs) => {
      const channel = channelOf(topic, id);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new RedisSubscriptionError(`Redis did not confirm the subscription to ${topic} within ${timeoutMs} ms (status: ${subscribeClient.status}); is REDIS_URL reachable?`)),
          timeoutMs,
        );
      });
      try {
        // SUBSCRIBE to a channel the connection already has is a no-op that Redis still confirms;
        // its reply comes only once every earlier SUBSCRIBE on this connection took effect.
        const subscribed = subscribeClient.subscribe(channel);
        // Given up on (timed out), it is still pending; closing the connection then rejects it
        // ("Connection is closed"), which nobody awaits any more: not an unhandled rejection.
        subscribed.catch(() => undefined);
        await Promise.race([subscribed, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      // QUIT waits for Redis; while it is away that would hold up the shutdown forever.
      await Promise.allSettled(
        [publishClient, subscribeClient].map((client) =>
          Promise.race([client.quit(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]).finally(() => client.disconnect()),
        ),
      );
    },
  };
}
