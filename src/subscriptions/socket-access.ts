import { randomUUID } from 'node:crypto';
import type { Context as GraphQLWsContext } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket } from 'ws';
import { In, type DataSource } from 'typeorm';
import { clientAddressOf } from '../client-address';
import type { Config } from '../config';
import { User } from '../entities';
import { DomainError } from '../errors';
import type { JalinPubSub } from '../events/pubsub';
import { Topic } from '../events/topics';
import type { Logger } from '../logger';
import { SERVICE_UNAVAILABLE_MESSAGE, isOutage, type outageLogger } from '../outage';
import { parseBoardResume, type BoardResume } from '../realtime/board-resume';
import { CloseCodes, type SocketRegistry } from './socket-registry';

/*
 * Who a WebSocket belongs to, and until when: the token checked once at connect, and the socket
 * closed when its user loses access (a revocation from any process, or the periodic check under it).
 */

/** What the server keeps about one WebSocket between messages. */
export type SocketState = {
  userId?: number;
  expiresAt?: number | null;
  /** Names this socket in board presence. */
  connectionId?: string;
  /** The client's progress per board as of this connect (`connectionParams.boardResume`). */
  boardResume?: BoardResume;
  /** The client's address, read from the upgrade request at connect (the request itself is not kept). */
  clientAddress?: string | null;
};

/** graphql-ws's context of one socket, with what the server keeps about it. */
export type SocketContext = GraphQLWsContext<Record<string, unknown>, Extra & Partial<SocketState>>;

/** Closes a socket and forgets it in the registry. */
export type CloseSocket = (socket: WebSocket | undefined, code: number, reason: string) => void;

type LogOutage = ReturnType<typeof outageLogger>;

/**
 * Deactivations and role changes in any process close that user's sockets here. Listens from the
 * call on (the loop's first next() registers the listener synchronously); `stop` ends the listener.
 */
export function closeSocketsOnRevocation({ pubSub, key, sockets, logger }: { pubSub: JalinPubSub; key: string; sockets: SocketRegistry; logger: Logger }) {
  const revocations = pubSub.subscribe(Topic.USER_SESSIONS_REVOKED, key);
  void (async () => {
    for await (const { userId, reason } of revocations) {
      const closed = sockets.closeUser(userId, CloseCodes.FORBIDDEN, reason === 'deactivated' ? 'Account deactivated' : 'Account changed: reconnect');
      if (closed) logger.info({ userId, reason, closed }, 'closed the sockets of a user');
    }
  })().catch((error: unknown) => logger.error({ err: error }, 'session revocation listener stopped'));
  return { stop: async () => void (await revocations.return?.()) };
}

/**
 * The safety net under the revocation topic: a revocation lost on its way (Redis away, or published
 * before this process's subscription took effect) still closes a deactivated user's sockets here,
 * within `intervalMs`. Returns the timer (cleared on drain).
 */
export function startSessionCheck({ dataSource, sockets, logger, logOutage, intervalMs }: { dataSource: DataSource; sockets: SocketRegistry; logger: Logger; logOutage?: LogOutage; intervalMs: number }): NodeJS.Timeout {
  const timer = setInterval(() => {
    const userIds = sockets.userIds();
    if (!userIds.length) return;
    dataSource
      .getRepository(User)
      .find({ select: { id: true, active: true }, where: { id: In(userIds) } })
      .then((users) => {
        const active = new Set(users.filter((u) => u.active).map((u) => u.id));
        for (const userId of userIds) {
          if (!active.has(userId) && sockets.closeUser(userId, CloseCodes.FORBIDDEN, 'Account deactivated')) {
            logger.info({ userId }, 'closed the sockets of a deactivated user (periodic check)');
          }
        }
      })
      .catch((error: unknown) => (isOutage(error) && logOutage ? logOutage(error, 'session check') : logger.warn({ err: error }, 'session check failed')));
  }, intervalMs);
  timer.unref();
  return timer;
}

/**
 * graphql-ws's `onConnect`: the token is checked once here; a socket then lives until its token
 * expires, its user is deactivated or changed, or it closes. Anonymous sockets are refused, and
 * each refusal closes with a code that tells the client whether to retry.
 */
export function socketAuthenticator({
  config,
  verifySession,
  sockets,
  closeSocket,
  logger,
  logOutage,
}: {
  config: Config;
  verifySession: (authorization: string | null) => Promise<{ user: User; expiresAt: number } | null>;
  sockets: SocketRegistry;
  closeSocket: CloseSocket;
  logger: Logger;
  logOutage?: LogOutage;
}) {
  return async (ctx: SocketContext): Promise<boolean> => {
    ctx.extra.connectionId = randomUUID();
    const socket = ctx.extra.socket;
    const authorization = ctx.connectionParams?.authorization;
    const boardResume = parseBoardResume(ctx.connectionParams?.boardResume);
    // What an idle socket holds counts thousands of times over: the upgrade request and the
    // connection params (the token) are read here once and not kept.
    ctx.extra.clientAddress = clientAddressOf(ctx.extra.request, config.trustProxy);
    (ctx.extra as { request?: unknown }).request = undefined;
    (ctx as { connectionParams?: unknown }).connectionParams = undefined;
    if (!boardResume.ok) {
      // 4400 is fatal to graphql-ws's retry: a client that sends a bad value hears why at once.
      closeSocket(socket, CloseCodes.BAD_REQUEST, boardResume.message.slice(0, 120));
      return false;
    }
    ctx.extra.boardResume = boardResume.resume;
    try {
      const session = await verifySession(typeof authorization === 'string' ? authorization : null);
      if (!session) {
        closeSocket(socket, CloseCodes.UNAUTHENTICATED, 'Sign in first: send connectionParams.authorization');
        return false;
      }
      if (!sockets.add(session.user.id, socket, session.expiresAt)) {
        closeSocket(socket, CloseCodes.TOO_MANY_CONNECTIONS, `Too many open connections (at most ${config.limits.maxSocketsPerUser} per user)`);
        return false;
      }
      ctx.extra.userId = session.user.id;
      ctx.extra.expiresAt = session.expiresAt;
      return true;
    } catch (error) {
      if (isOutage(error)) {
        // 1013 "try again later": graphql-ws clients reconnect (a 44xx would stop them for good).
        logOutage?.(error, 'websocket authentication');
        closeSocket(socket, CloseCodes.TRY_AGAIN_LATER, SERVICE_UNAVAILABLE_MESSAGE);
        return false;
      }
      if (!(error instanceof DomainError)) logger.error({ err: error }, 'websocket authentication failed');
      closeSocket(socket, CloseCodes.UNAUTHENTICATED, error instanceof DomainError ? error.message.slice(0, 100) : 'Unauthenticated');
      return false;
    }
  };
}
