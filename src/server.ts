import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, getOperationAST, type DocumentNode } from 'graphql';
import { In, type DataSource, type Logger as OrmLogger } from 'typeorm';
import type { Config } from './config';
import type { Context } from './context';
import { createDataSource, detectDatabaseFlavor, openReader } from './data-source';
import { DomainError, ErrorCode, formatError } from './errors';
import { createLoaders } from './loaders';
import { createLogger, type Logger, type LogDestination } from './logger';
import { checkCost, extraValidationRules, validateOperation } from './limits';
import { createSchema } from './schema';
import { createServices, type ServiceDeps, type Services } from './services';
import { seedDemoData } from './seed/seed';
import { createPubSubHandle } from './subscriptions/pubsub';
import { createDocumentCache } from './subscriptions/document-cache';
import { mountReportCsvRoute } from './http/report-csv.route';
import { Topic, databaseNamespace } from './subscriptions/topics';
import { CloseCodes, SocketRegistry } from './subscriptions/socket-registry';
import { User } from './entities';

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Receives every SQL statement (tests count them). */
  sqlLogger?: OrmLogger;
  /** Timings of board subscriptions and presence (tests shorten or lengthen them). */
  realtime?: ServiceDeps['realtime'];
  /** Where the JSON log lines go (stdout by default; tests read them). */
  logDestination?: LogDestination;
  /** How often open sockets' users are checked against the database (default 30 s). */
  sessionCheckMs?: number;
}

/** What the server keeps about one WebSocket between messages. */
type SocketState = {
  userId?: number;
  expiresAt?: number | null;
  /** Names this socket in board presence. */
  connectionId?: string;
};

const MAX_BODY = '100kb';

/** Logs each operation with its request id and user, and unexpected errors with their details. */
function loggingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const original = error.originalError;
            if (original instanceof DomainError) continue;
            if (error.extensions?.code && error.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR && !original) continue;
            logger.error(
              { requestId: contextValue.requestId, userId: contextValue.user?.id, operationName, err: original ?? error },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ response, operationName }) {
          // What the (disabled) cache-control plugin sent: answers are per user, never stored.
          response.http.headers.set('cache-control', 'no-store');
          if (response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
                (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
              }
            }
          }
          logger.info(
            {
              requestId: contextValue.requestId,
              userId: contextValue.user?.id,
              operationName,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const database = await detectDatabaseFlavor(config.database);
  const dataSource = createDataSource(database, { logger: options.sqlLogger });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  if (config.seedDemoData) await seedDemoData(dataSource, { demoUsers: config.env !== 'production' });
  const readDataSource = await openReader(dataSource, database, { logger: options.sqlLogger });

  const pubSubHandle = createPubSubHandle(config.redisUrl, logger);
  const services = createServices({
    dataSource,
    readDataSource,
    pubSub: pubSubHandle.pubSub,
    logger,
    redis: pubSubHandle.redis,
    realtime: options.realtime,
    auth: {
      jwtSecret: config.jwtSecret,
      jwtTtlSeconds: config.jwtTtlSeconds,
      externalIdp: config.externalIdp,
      onEphemeralSecret: () => logger.warn('JWT_SECRET is not set: using a random secret; tokens end when the process does'),
    },
  });
  const schema = await createSchema(pubSubHandle.pubSub);
  // MoUs that lapsed while no process ran expire before the first request; then every few minutes.
  await services.workflow.expireLapsed();
  const stopExpirySweeper = services.workflow.startExpirySweeper();

  const buildContext = async (authorization: string | undefined | null): Promise<Context> => {
    const context: Context = { requestId: randomUUID(), user: null, loaders: createLoaders(readDataSource), services };
    try {
      context.user = await services.auth.authenticate(authorization);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      context.authError = error;
    }
    return context;
  };

  const app = express();
  app.disable('x-powered-by');
  // No ETag: hashing every answer (600 KB for a dashboard page) for a header no GraphQL client sends back.
  app.set('etag', false);
  const httpServer = http.createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 100 * 1024 });
  const sockets = new SocketRegistry(config.limits.maxSocketsPerUser);
  const closeSocket = (socket: WebSocket | undefined, code: number, reason: string) => {
    if (socket) sockets.remove(socket);
    socket?.close(code, reason);
  };

  // Deactivations and role changes in any process close that user's sockets here.
  const revocations = pubSubHandle.pubSub.subscribe(Topic.USER_SESSIONS_REVOKED, databaseNamespace(dataSource.options as never));
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
      .catch((error: unknown) => logger.warn({ err: error }, 'session check failed'));
  }, options.sessionCheckMs ?? 30_000);
  sessionCheck.unref();

  // Subscribers of a board send the same operation: parsed and validated (with the limits) once, shared.
  const wsDocuments = createDocumentCache({
    parseOptions: { maxTokens: 10_000 },
    validate: (operationSchema, document) => validateOperation(operationSchema, document, config.limits, config.introspection),
  });
  const wsCleanup = useServer<Record<string, unknown>, SocketState>(
    {
      schema,
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
        try {
          const session = await services.auth.verify(typeof authorization === 'string' ? authorization : null);
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
          if (!(error instanceof DomainError)) logger.error({ err: error }, 'websocket authentication failed');
          closeSocket(socket, CloseCodes.UNAUTHENTICATED, error instanceof DomainError ? error.message.slice(0, 100) : 'Unauthenticated');
          return false;
        }
      },
      onClose: async (ctx) => {
        sockets.remove(ctx.extra.socket);
        if (ctx.extra.connectionId) await services.presence.disconnect(ctx.extra.connectionId);
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
        const user = ctx.extra.userId ? await dataSource.getRepository(User).findOneBy({ id: ctx.extra.userId }) : null;
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
          return validationErrors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
        const variables = payload.variables && typeof payload.variables === 'object' ? payload.variables : {};
        const costError = checkCost(schema, document, payload.operationName, variables, config.limits);
        if (costError) return [costError];
        if (!getOperationAST(document, payload.operationName)) {
          return [new GraphQLError('Unable to identify the operation; name it with operationName', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const contextValue: Context = { requestId: randomUUID(), user, loaders: createLoaders(readDataSource), services, connectionId: ctx.extra.connectionId };
        return { schema, document, operationName: payload.operationName, variableValues: variables, contextValue };
      },
      onNext: (ctx, _id, payload, args, result) => {
        if (!result.errors?.length) return result;
        const contextValue = args.contextValue as Context;
        const errors = result.errors.map((error) => {
          const shaped = formatError(error.toJSON(), error);
          if (shaped.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
            logger.error({ requestId: contextValue.requestId, userId: ctx.extra.userId, operationName: payload.operationName, err: error.originalError ?? error }, 'unexpected error');
            return { ...shaped, extensions: { ...shaped.extensions, requestId: contextValue.requestId } };
          }
          return shaped;
        });
        return { ...result, errors };
      },
      // Errors that end a subscription's stream (or come from validation) go through the same mask.
      onError: (ctx, _id, payload, errors) =>
        errors.map((error) => {
          const shaped = formatError(error.toJSON(), error);
          if (shaped.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
            logger.error({ userId: ctx.extra.userId, operationName: payload.operationName, err: error.originalError ?? error }, 'unexpected error');
          }
          return shaped;
        }),
    },
    wsServer,
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

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: it drains Apollo, WebSockets, PubSub and the database in order.
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    // One operation per HTTP request: no batches (an array body is refused).
    allowBatchedHttpRequests: false,
    // Refuses GET and form-like POSTs that a browser could send cross-site without a preflight.
    csrfPrevention: true,
    validationRules: extraValidationRules(config.limits, config.introspection),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await revocations.return?.();
              sockets.clear();
              await wsCleanup.dispose();
            },
          };
        },
      },
      loggingPlugin(logger),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, operation, schema: operationSchema }) {
              // graphql-js would run a subscription's resolver once, without an event: refuse it here.
              if (operation?.operation === 'subscription') {
                throw new GraphQLError('Subscriptions run over WebSocket (graphql-transport-ws) at /graphql, not over HTTP', {
                  extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
                });
              }
              const costError = checkCost(operationSchema, document, request.operationName, request.variables, config.limits);
              if (costError) throw costError;
            },
          };
        },
      },
      // Jalin sets no cache hints; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.env === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.status(200).json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database does not answer' });
    }
  });

  mountReportCsvRoute(app, services, logger);

  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, { context: async ({ req }) => buildContext(req.headers.authorization) }),
  );

  // Malformed or oversized JSON bodies: answer like a GraphQL server would, without internals.
  app.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error.type === 'entity.too.large'
        ? `The request body is larger than ${MAX_BODY}`
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : status === 500
            ? 'Internal server error'
            : 'Bad request';
    if (status === 500) logger.error({ err: error }, 'http error');
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info({ port, database: config.database.dialect, redis: Boolean(config.redisUrl) }, 'jalin listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    wsUrl: `ws://${hostForUrl}:${port}/graphql`,
    port,
    dataSource,
    services,
    logger,
    close: () =>
      (closing ??= (async () => {
        clearInterval(heartbeat);
        clearInterval(sessionCheck);
        await apollo.stop(); // stops accepting, drains HTTP and WebSocket
        await stopExpirySweeper();
        services.boardFeed.close();
        await services.presence.close();
        await pubSubHandle.close();
        if (readDataSource !== dataSource && readDataSource.isInitialized) await readDataSource.destroy();
        if (dataSource.isInitialized) await dataSource.destroy();
      })()),
  };
}
