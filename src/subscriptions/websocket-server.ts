import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { clientAddressOf } from '../client-address';
import { GraphQLError, getOperationAST, getVariableValues, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { In, type DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Context } from '../context';
import { User } from '../entities';
import { DomainError, ErrorCode, clientErrorFormatter, codesOf } from '../errors';
import { checkCost, validateOperation } from '../limits';
import { checkWellFormedText } from '../well-formed-text';
import { runOnPrimary } from '../read-routing';
import type { Logger } from '../logger';
import { createDocumentCache } from './document-cache';
import type { GraphQLExecutor } from '../graphql-execution';
import { FanOut, type Delivery } from './fanout';
import { parseBoardResume, type BoardResume } from '../realtime/board-resume';
import type { JalinPubSub, PubSubHandle } from '../events/pubsub';
import { CloseCodes, SocketRegistry } from './socket-registry';
import { Topic } from '../events/topics';
import type { Metrics } from '../metrics/metrics';
import { WebSocketOperationMetrics } from '../metrics/websocket-metrics';
import { SERVICE_UNAVAILABLE_MESSAGE, isOutage, outageCause, type outageLogger } from '../outage';

/** What the server keeps about one WebSocket between messages. */
type SocketState = {
  userId?: number;
  expiresAt?: number | null;
  /** Names this socket in board presence. */
  connectionId?: string;
  /** The client's progress per board as of this connect (`connectionParams.boardResume`). */
  boardResume?: BoardResume;
  /** The client's address, read from the upgrade request at connect (the request itself is not kept). */
  clientAddress?: string | null;
};

export interface WebSocketServerDeps {
  httpServer: http.Server;
  schema: GraphQLSchema;
  /** Runs the operations (the same compiled operations as over HTTP, src/graphql-execution/). */
  executor: GraphQLExecutor;
  config: Config;
  /** Who a token belongs to and until when (null: no or a bad token); the transport asks, the auth service answers. */
  verifySession: (authorization: string | null) => Promise<{ user: User; expiresAt: number } | null>;
  /** A socket closed: what it held (board presence) is released. */
  onSocketClosed: (connectionId: string) => Promise<void>;
  /** The context of one operation of a signed-in user on a connection (a fresh request id and loaders). */
  operationContext: (user: User, connection: { connectionId?: string; boardResume?: BoardResume; clientAddress?: string | null }) => Context;
  /** Where the user of each operation is read (the writing connection: it must see a deactivation at once). */
  dataSource: DataSource;
  pubSub: JalinPubSub;
  /** Names the database in shared topics (see `databaseNamespace`). */
  namespace: string;
  /** Confirms a subscription of `pubSub` (with Redis: that Redis has it on this process's connection). */
  confirmSubscribed: PubSubHandle['confirmSubscribed'];
  logger: Logger;
  /** How often open sockets' users are checked against the database (default 30 s). */
  sessionCheckMs?: number;
  /** Counts operations, open sockets and running subscriptions. */
  metrics?: Metrics | null;
  /** Logs an outage (warn, throttled). */
  logOutage?: ReturnType<typeof outageLogger>;
  /** What decides what a user sees of a subscription (services/access-policy.ts): subscribers that share it share one execution per event. */
  visibilityOf: (user: User) => { key: string; viewer: User };
}

/**
 * GraphQL over WebSocket (graphql-ws) at /graphql on the API's http.Server: who a socket belongs to,
 * the same limits and error mask as HTTP, closing the sockets of users who lose access, and a
 * heartbeat that ends sockets that stopped answering (and so their board presence).
 */
export function startWebSocketServer({ httpServer, schema, executor, config, verifySession, onSocketClosed, operationContext, dataSource, pubSub, namespace, confirmSubscribed, logger, sessionCheckMs, metrics, logOutage, visibilityOf }: WebSocketServerDeps) {
  const formatError = clientErrorFormatter(config);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 100 * 1024 });
  const sockets = new SocketRegistry(config.limits.maxSocketsPerUser);
  const operationMetrics = new WebSocketOperationMetrics(metrics);
  metrics?.gauge('jalin_websocket_connections', 'WebSocket connections open now', [], () => [{ value: wsServer.clients.size }]);
  const closeSocket = (socket: WebSocket | undefined, code: number, reason: string) => {
    if (socket) sockets.remove(socket);
    socket?.close(code, reason);
  };

  // Deactivations and role changes in any process close that user's sockets here.
  const revocationKey = namespace;
  const revocations = pubSub.subscribe(Topic.USER_SESSIONS_REVOKED, revocationKey);
  // The loop's first next() registers the listener synchronously, so it listens from here on.
  void (async () => {
    for await (const { userId, reason } of revocations) {
      const closed = sockets.closeUser(userId, CloseCodes.FORBIDDEN, reason === 'deactivated' ? 'Account deactivated' : 'Account changed: reconnect');
      if (closed) logger.info({ userId, reason, closed }, 'closed the sockets of a user');
    }
  })().catch((error: unknown) => logger.error({ err: error }, 'session revocation listener stopped'));

  // The safety net under that topic: a revocation lost on its way (Redis away, or published before
  // this process's subscription took effect) still closes a deactivated user's sockets here.
  const sessionCheck = setInterval(() => {
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
  }, sessionCheckMs ?? 30_000);
  sessionCheck.unref();

  /**
   * The errors of one answer as the client gets them, logged as over HTTP: one info line with their
   * codes (a client's mistake is that and nothing more: no message, document or stack), and an error
   * line with the details for each unexpected one, whose request id the client is given.
   */
  const shapeAndLog = (errors: readonly GraphQLError[], request: { requestId?: string; userId?: number; operationName?: string | null }, operation?: { socket: object; id: string }): GraphQLFormattedError[] => {
    const shaped = errors.map((error) => {
      const formatted = formatError(error.toJSON(), error);
      const cause = formatted.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE ? outageCause(error) : null;
      if (cause) {
        logOutage?.(error, 'websocket');
        metrics?.outage(cause);
      }
      if (formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
      logger.error({ ...request, err: error.originalError ?? error }, 'unexpected error');
      return request.requestId ? { ...formatted, extensions: { ...formatted.extensions, requestId: request.requestId } } : formatted;
    });
    logger.info({ ...request, codes: codesOf(shaped) }, 'websocket operation');
    if (operation) operationMetrics.errors(operation.socket, operation.id, request.operationName, codesOf(shaped));
    return shaped;
  };

  const fanOut = new FanOut({
    execute: executor.execute,
    visibilityOf,
    contextFor: (viewer) => operationContext(viewer, {}),
    shapeErrors: (errors, request) => shapeAndLog(errors, request),
  });
  /** Who runs a subscription and where its answers go, for `subscribe` (graphql-ws hands it the arguments only). */
  const operations = new WeakMap<ExecutionArgs, { user: User; delivery: Delivery }>();

  // Subscribers of a board send the same operation: parsed and validated (with the limits) once, shared.
  const wsDocuments = createDocumentCache({
    parseOptions: { maxTokens: 10_000 },
    validate: (operationSchema, document) => validateOperation(operationSchema, document, config.limits, config.introspection),
  });
  const wsCleanup = useServer<Record<string, unknown>, SocketState>(
    {
      schema,
      // The WebSocket is the board's live connection: its replay, its events and whatever they
      // resolve read the primary, never a replica that may lag behind the events (read-routing.ts).
      execute: (args) => runOnPrimary(() => executor.execute(args)),
      // Board events are executed once per operation and visibility and written to every socket
      // that shares them (fanout.ts); other subscriptions execute each event per subscriber.
      subscribe: (args) => {
        const operation = operations.get(args)!;
        // graphql-ws keeps the arguments for the subscription's life: the user is not kept with them.
        operations.delete(args);
        return fanOut.subscribe(args, operation.user, operation.delivery);
      },
      // graphql-ws parses a server-only message type from a client and then throws on it (a 4500
      // and a console error); turning it into an invalid message makes that a clean 4400 instead.
      jsonMessageReviver: (key, value) =>
        key === '' && value && typeof value === 'object' && ['next', 'error', 'connection_ack'].includes((value as { type?: unknown }).type as string) ? {} : value,
      // The token is checked once here; a socket then lives until its token expires, its user is
      // deactivated or changed, or it closes. Anonymous sockets are refused.
      onConnect: async (ctx) => {
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
      },
      onClose: async (ctx) => {
        sockets.remove(ctx.extra.socket);
        operationMetrics.socketClosed(ctx.extra.socket);
        if (ctx.extra.connectionId) await onSocketClosed(ctx.extra.connectionId);
      },
      // Every operation: the socket's user read again (a deactivated user is refused even if the
      // revocation has not reached this process yet), the limits that HTTP has, and a cap on
      // operations running at once on one socket.
      onSubscribe: async (ctx, _id, payload) => {
        const socket = ctx.extra.socket;
        // Counted before the first await: graphql-ws has registered this operation synchronously,
        // so operations that arrive together cannot all slip under the cap.
        if (Object.keys(ctx.subscriptions).length > config.limits.maxSubscriptionsPerSocket) {
          return [
            new GraphQLError(`Too many operations on this connection (at most ${config.limits.maxSubscriptionsPerSocket}); complete some first`, {
              extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS },
            }),
          ];
        }
        if (ctx.extra.expiresAt && ctx.extra.expiresAt <= Date.now()) {
          closeSocket(socket, CloseCodes.UNAUTHENTICATED, 'Token expired: sign in again');
          return [new GraphQLError('Your session has expired; sign in again', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
        }
        let user: User | null;
        try {
          user = ctx.extra.userId ? await dataSource.getRepository(User).findOneBy({ id: ctx.extra.userId }) : null;
        } catch (error) {
          if (!isOutage(error)) throw error;
          logOutage?.(error, 'websocket operation');
          metrics?.outage(outageCause(error)!);
          return [new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } })];
        }
        if (!user?.active) {
          closeSocket(socket, CloseCodes.FORBIDDEN, 'Account deactivated');
          return [new GraphQLError('This account is not active', { extensions: { code: ErrorCode.FORBIDDEN } })];
        }
        if (typeof payload.query !== 'string' || payload.query.length > 100 * 1024) {
          return [new GraphQLError('The operation has no query text, or one that is too long', { extensions: { code: 'BAD_REQUEST' } })];
        }
        let document: DocumentNode;
        try {
          document = wsDocuments.parse(payload.query);
        } catch (error) {
          return [new GraphQLError(error instanceof GraphQLError ? error.message : 'Syntax error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const validationErrors = wsDocuments.validate(schema, document);
        if (validationErrors.length) {
          return validationErrors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, originalError: e, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
        const variables = payload.variables && typeof payload.variables === 'object' ? payload.variables : {};
        const costError = checkCost(schema, document, payload.operationName, variables, config.limits);
        if (costError) return [costError];
        const textError = checkWellFormedText(variables);
        if (textError) return [textError];
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('Unable to identify the operation; name it with operationName', { extensions: { code: 'BAD_REQUEST' } })];
        }
        // Variables that do not fit their types are the client's mistake (BAD_USER_INPUT, as Apollo
        // says over HTTP); left to execution, they would come back without a code, masked as internal.
        const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 25 });
        if (coercion.errors) {
          return coercion.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } }));
        }
        const contextValue = operationContext(user, { connectionId: ctx.extra.connectionId, boardResume: ctx.extra.boardResume, clientAddress: ctx.extra.clientAddress });
        const operationName = operation.name?.value ?? payload.operationName;
        operationMetrics.started(socket, _id, operationName, operation.operation === 'subscription');
        const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: variables, contextValue };
        if (operation.operation === 'subscription') {
          operations.set(args, { user, delivery: { socket, id: _id, onErrors: (codes) => operationMetrics.errors(socket, _id, operationName, codes) } });
        }
        return args;
      },
      onNext: (ctx, _id, payload, args, result) => {
        if (!result.errors?.length) return result;
        const contextValue = args.contextValue as Context;
        return { ...result, errors: shapeAndLog(result.errors, { requestId: contextValue.requestId, userId: ctx.extra.userId, operationName: payload.operationName }, { socket: ctx.extra.socket, id: _id }) };
      },
      onComplete: (ctx, id) => operationMetrics.completed(ctx.extra.socket, id),
      // Errors that end a subscription's stream (or refuse an operation in onSubscribe) go through the same mask.
      onError: (ctx, id, payload, errors) => shapeAndLog(errors, { userId: ctx.extra.userId, operationName: payload.operationName }, { socket: ctx.extra.socket, id }),
    },
    wsServer,
    // No keep-alive timer per socket from graphql-ws: the heartbeat below pings every socket.
    0,
  );

  // A socket that stops answering pings is closed, so board presence ends with it (within ~30 s).
  const alive = new WeakMap<object, boolean>();
  wsServer.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const heartbeat = setInterval(() => {
    for (const socket of wsServer.clients) {
      if (!alive.get(socket)) socket.terminate();
      else {
        alive.set(socket, false);
        socket.ping();
      }
    }
  }, 15_000);
  heartbeat.unref();

  let draining: Promise<void> | undefined;
  return {
    /**
     * Resolves once revocations surely reach this process (with Redis: Redis confirmed the
     * subscription); the server does not take connections before. Rejects after `timeoutMs`.
     */
    revocationsSubscribed: (timeoutMs: number) => confirmSubscribed(Topic.USER_SESSIONS_REVOKED, revocationKey, timeoutMs),
    /**
     * Graceful shutdown: every socket is told at once (1001 "going away", so graphql-ws clients
     * reconnect and resume), no new socket is taken, and the sockets of clients that do not answer
     * the closing handshake (a frozen tab, a dead network) are cut off after `closeHandshakeMs`
     * instead of ws's 30 s. Resolves when every socket is closed.
     */
    drain(closeHandshakeMs = 1_000): Promise<void> {
      return (draining ??= (async () => {
        clearInterval(heartbeat);
        clearInterval(sessionCheck);
        for (const socket of wsServer.clients) socket.close(CloseCodes.GOING_AWAY, 'Server shutting down: reconnect');
        sockets.clear();
        const cutOff = setTimeout(() => {
          for (const socket of wsServer.clients) socket.terminate();
        }, closeHandshakeMs);
        try {
          // Stops taking upgrades at once; resolves when the last socket has closed.
          await wsCleanup.dispose();
        } finally {
          clearTimeout(cutOff);
        }
        await revocations.return?.();
      })());
    },
  };
}
