import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Topics } from './topics';

export type JalinPubSub = ReturnType<typeof createPubSub<Topics>>;

export interface PubSubHandle {
  pubSub: JalinPubSub;
  /** A Redis client for plain commands (board presence), or null without REDIS_URL. */
  redis: Redis | null;
  close(): Promise<void>;
}

/**
 * In-memory PubSub for one process; with REDIS_URL, events go through Redis so that every API
 * process delivers every change. Redis only carries notifications: the database stays the source
 * of truth, and a subscriber that missed something while Redis was away catches up from the log.
 */
export function createPubSubHandle(redisUrl: string | null, logger: Logger): PubSubHandle {
  if (!redisUrl) {
    return { pubSub: createPubSub<Topics>(), redis: null, close: async () => undefined };
  }
  const options = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  for (const client of [publishClient, subscribeClient]) {
    client.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  }
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<Topics>({ eventTarget }),
    redis: publishClient,
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
