import type http from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ExecutionArgs, GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Context } from '../context';
import type { User } from '../entities';
import { ErrorCode, clientErrorFormatter, codesOf } from '../errors';
import { runOnPrimary } from '../read-routing';
import type { Logger } from '../logger';
import type { GraphQLExecutor } from '../graphql-execution';
import { FanOut, type Delivery } from './fanout';
import type { BoardResume } from '../realtime/board-resume';
import type { JalinPubSub, PubSubHandle } from '../events/pubsub';
import { CloseCodes, SocketRegistry } from './socket-registry';
import { Topic } from '../events/topics';
import type { Metrics } from '../metrics/metrics';
import { WebSocketOperationMetrics } from '../metrics/websocket-metrics';
import { outageCause, type outageLogger } from '../outage';
import { closeSocketsOnRevocation, socketAuthenticator, startSessionCheck, type CloseSocket, type SocketState } from './socket-access';
import { operationAdmission } from './operation-admission';

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
 * heartbeat that ends sockets that stopped answering (and so their board presence). Each of these is
 * a part of its own (socket-access.ts, operation-admission.ts and the functions below); this one
 * puts them together on graphql-ws.
 */
export function startWebSocketServer(deps: WebSocketServerDeps) {
  const { httpServer, schema, executor, config, onSocketClosed, operationContext, pubSub, namespace, confirmSubscribed, metrics } = deps;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 100 * 1024 });
  const sockets = new SocketRegistry(config.limits.maxSocketsPerUser);
  const operationMetrics = new WebSocketOperationMetrics(metrics);
  metrics?.gauge('jalin_websocket_connections', 'WebSocket connections open now', [], () => [{ value: wsServer.clients.size }]);
  const closeSocket: CloseSocket = (socket, code, reason) => {
    if (socket) sockets.remove(socket);
    socket?.close(code, reason);
  };

  const revocationKey = namespace;
  const revocations = closeSocketsOnRevocation({ pubSub, key: revocationKey, sockets, logger: deps.logger });
  const sessionCheck = startSessionCheck({ dataSource: deps.dataSource, sockets, logger: deps.logger, logOutage: deps.logOutage, intervalMs: deps.sessionCheckMs ?? 30_000 });
  const shapeAndLog = errorShaper(deps, operationMetrics);
  const fanOut = new FanOut({
    execute: executor.execute,
    visibilityOf: deps.visibilityOf,
    contextFor: (viewer) => operationContext(viewer, {}),
    shapeErrors: (errors, request) => shapeAndLog(errors, request),
  });
  /** Who runs a subscription and where its answers go, for `subscribe` (graphql-ws hands it the arguments only). */
  const operations = new WeakMap<ExecutionArgs, { user: User; delivery: Delivery }>();
  const admit = operationAdmission({ schema, config, dataSource: deps.dataSource, closeSocket, metrics, logOutage: deps.logOutage });

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
      onConnect: socketAuthenticator({ config, verifySession: deps.verifySession, sockets, closeSocket, logger: deps.logger, logOutage: deps.logOutage }),
      onClose: async (ctx) => {
        sockets.remove(ctx.extra.socket);
        operationMetrics.socketClosed(ctx.extra.socket);
        if (ctx.extra.connectionId) await onSocketClosed(ctx.extra.connectionId);
      },
      onSubscribe: async (ctx, id, payload) => {
        const admitted = await admit(ctx, payload);
        if (!('user' in admitted)) return admitted;
        const { user, document, operation, variables } = admitted;
        const socket = ctx.extra.socket;
        const contextValue = operationContext(user, { connectionId: ctx.extra.connectionId, boardResume: ctx.extra.boardResume, clientAddress: ctx.extra.clientAddress });
        const operationName = operation.name?.value ?? payload.operationName;
        operationMetrics.started(socket, id, operationName, operation.operation === 'subscription');
        const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: variables, contextValue };
        if (operation.operation === 'subscription') {
          operations.set(args, { user, delivery: { socket, id, onErrors: (codes) => operationMetrics.errors(socket, id, operationName, codes) } });
        }
        return args;
      },
      onNext: (ctx, id, payload, args, result) => {
        if (!result.errors?.length) return result;
        const contextValue = args.contextValue as Context;
        return { ...result, errors: shapeAndLog(result.errors, { requestId: contextValue.requestId, userId: ctx.extra.userId, operationName: payload.operationName }, { socket: ctx.extra.socket, id }) };
      },
      onComplete: (ctx, id) => operationMetrics.completed(ctx.extra.socket, id),
      // Errors that end a subscription's stream (or refuse an operation in onSubscribe) go through the same mask.
      onError: (ctx, id, payload, errors) => shapeAndLog(errors, { userId: ctx.extra.userId, operationName: payload.operationName }, { socket: ctx.extra.socket, id }),
    },
    wsServer,
    // No keep-alive timer per socket from graphql-ws: the heartbeat pings every socket.
    0,
  );
  const heartbeat = startHeartbeat(wsServer);

  return {
    /**
     * Resolves once revocations surely reach this process (with Redis: Redis confirmed the
     * subscription); the server does not take connections before. Rejects after `timeoutMs`.
     */
    revocationsSubscribed: (timeoutMs: number) => confirmSubscribed(Topic.USER_SESSIONS_REVOKED, revocationKey, timeoutMs),
    drain: drainer({ wsServer, sockets, timers: [heartbeat, sessionCheck], dispose: () => wsCleanup.dispose(), stopListening: revocations.stop }),
  };
}

/**
 * The errors of one answer as the client gets them, logged as over HTTP: one info line with their
 * codes (a client's mistake is that and nothing more: no message, document or stack), and an error
 * line with the details for each unexpected one, whose request id the client is given.
 */
function errorShaper({ config, logger, logOutage, metrics }: WebSocketServerDeps, operationMetrics: WebSocketOperationMetrics) {
  const formatError = clientErrorFormatter(config);
  return (errors: readonly GraphQLError[], request: { requestId?: string; userId?: number; operationName?: string | null }, operation?: { socket: object; id: string }): GraphQLFormattedError[] => {
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
}

/** A socket that stops answering pings is closed, so board presence ends with it (within ~30 s). Returns the timer. */
function startHeartbeat(wsServer: WebSocketServer): NodeJS.Timeout {
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
  return heartbeat;
}

/**
 * Graceful shutdown: every socket is told at once (1001 "going away", so graphql-ws clients
 * reconnect and resume), no new socket is taken, and the sockets of clients that do not answer the
 * closing handshake (a frozen tab, a dead network) are cut off after `closeHandshakeMs` instead of
 * ws's 30 s. Resolves when every socket is closed; a second call gets the same promise.
 */
function drainer({
  wsServer,
  sockets,
  timers,
  dispose,
  stopListening,
}: {
  wsServer: WebSocketServer;
  sockets: SocketRegistry;
  timers: NodeJS.Timeout[];
  /** Stops graphql-ws taking upgrades; resolves when the last socket has closed. */
  dispose: () => unknown;
  stopListening: () => Promise<void>;
}) {
  let draining: Promise<void> | undefined;
  return (closeHandshakeMs = 1_000): Promise<void> =>
    (draining ??= (async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of wsServer.clients) socket.close(CloseCodes.GOING_AWAY, 'Server shutting down: reconnect');
      sockets.clear();
      const cutOff = setTimeout(() => {
        for (const socket of wsServer.clients) socket.terminate();
      }, closeHandshakeMs);
      try {
        await dispose();
      } finally {
        clearTimeout(cutOff);
      }
      await stopListening();
    })());
}
