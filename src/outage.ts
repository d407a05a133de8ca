import { GraphQLError } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';
import type { Logger } from './logger';

/**
 * Outages: the database or Redis does not answer (refused, reset, cut, timed out, locked too long).
 * They are not the client's mistake and not a bug of ours either: the client should wait a little
 * and retry, and it is told so with SERVICE_UNAVAILABLE, HTTP 503 and `Retry-After`. This file is
 * the one place that decides what counts as an outage.
 */

/** Seconds a client is asked to wait before retrying (the `Retry-After` header). */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is briefly unavailable; retry in a few seconds';

/** Node's socket errors, mysql2's, and the one of our own pool bound (database-timeouts.ts). */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_ACQUIRE_TIMEOUT',
  // SQLite: another process held the lock past busy_timeout.
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
]);

/** ioredis's errors when Redis is away (their class names; they carry no code). */
const OUTAGE_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError', 'OutageError']);
const OUTAGE_MESSAGES = [/^Connection is closed\.?$/, /^Stream isn't writeable/, /^Pool is closed\.?$/, /^Queue limit reached\.?$/, /Can't add new command when connection is in closed state/];
/** ioredis's `commandTimeout` (the sign-in throttle's connection, see login-throttle.ts): Redis did not answer. */
const REDIS_COMMAND_TIMEOUT = 'Command timed out';

/** The cause of an outage (its code or name), or null when `error` is no outage. Follows wrapped causes. */
export function outageCause(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown; originalError?: unknown; thrownValue?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && OUTAGE_CODES.has(candidate.code)) return candidate.code;
    if (typeof candidate.name === 'string' && OUTAGE_ERROR_NAMES.has(candidate.name)) return candidate.name;
    if (candidate.message === REDIS_COMMAND_TIMEOUT) return 'REDIS_COMMAND_TIMEOUT';
    if (typeof candidate.message === 'string' && OUTAGE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return 'CONNECTION_CLOSED';
    // mysql2: a statement past its `timeout` ("Query inactivity timeout"), code PROTOCOL_SEQUENCE_TIMEOUT.
    // TypeORM's QueryFailedError keeps the driver's error; graphql-js keeps what a resolver threw
    // (as `thrownValue` when that was no Error of its realm).
    current = candidate.driverError ?? candidate.originalError ?? candidate.thrownValue ?? candidate.cause;
  }
  return null;
}

export const isOutage = (error: unknown): boolean => outageCause(error) !== null;

/** The HTTP head of an outage answer, as Apollo reads it from `extensions.http`. */
export function outageHttp() {
  return { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) };
}

/**
 * An outage before a request's operation runs (reading the caller's user while building the
 * context): Apollo answers it with this error's status and headers.
 */
export function serviceUnavailableError(): GraphQLError {
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, { extensions: { code: 'SERVICE_UNAVAILABLE', http: outageHttp() } });
}

/**
 * One warn line per outage cause and `intervalMs` (with how many failures it stands for), not one
 * per request: an outage under load would otherwise fill the log with the same line. No stack: the
 * cause says it all.
 */
export function outageLogger(logger: Logger, intervalMs = 10_000) {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (error: unknown, where: string) => {
    const cause = outageCause(error) ?? 'unknown';
    const now = Date.now();
    const entry = last.get(cause);
    if (entry && now - entry.at < intervalMs) {
      entry.suppressed += 1;
      return;
    }
    last.set(cause, { at: now, suppressed: 0 });
    logger.warn({ cause, where, message: error instanceof Error ? error.message.slice(0, 200) : undefined, alsoFailedSinceLastLine: entry?.suppressed ?? 0 }, 'database or redis unavailable');
  };
}

/**
 * Over HTTP: an answer with a SERVICE_UNAVAILABLE error goes out as 503 with `Retry-After` (Apollo
 * would send 200, or 500 for a failed context), and each outage is logged by `logOutage` (warn, no
 * stack) and counted by `count`.
 */
export function outagePlugin(logOutage: ReturnType<typeof outageLogger>, count?: (cause: string) => void): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const cause = outageCause(error.originalError ?? error);
            if (!cause) continue;
            logOutage(error.originalError ?? error, 'graphql');
            count?.(cause);
          }
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (!errors.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
