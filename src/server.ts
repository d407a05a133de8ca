import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { GraphQLError } from 'graphql';
import type { DataSource, Logger as OrmLogger } from 'typeorm';
import type { Config } from './config';
import type { Context } from './context';
import { createDataSource, detectDatabaseFlavor, openReader } from './data-source';
import { DomainError, ErrorCode, clientErrorFormatter, codesOf, isUnexpectedError } from './errors';
import { createLoaders } from './loaders';
import { createLogger, type Logger, type LogDestination } from './logger';
import { checkCost, extraValidationRules } from './limits';
import { checkWellFormedText } from './well-formed-text';
import { createSchema } from './schema';
import { createServices, type ServiceDeps, type Services } from './services';
import { seedDemoData } from './seed/seed';
import { createPubSubHandle } from './subscriptions/pubsub';
import { startWebSocketServer } from './subscriptions/websocket-server';
import { mountReportCsvRoute } from './http/report-csv.route';
import { corsMiddleware } from './http/cors';
import { mountReportXlsxRoute } from './http/report-xlsx.route';
import { mountGraphiQL } from './http/graphiql.route';
import { mountWebApp } from './http/web-app.route';

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
  /** How long start-up waits for Redis to confirm the session-revocation subscription (default 10 s). */
  redisSubscribeTimeoutMs?: number;
}


const MAX_BODY = '100kb';
/** How long in-flight HTTP requests may still run once shutdown begins. */
const SHUTDOWN_HTTP_GRACE_MS = 2_000;

/**
 * The log of GraphQL over HTTP: one info line per request ('graphql request', with the `codes` the
 * client was sent when it failed), and an error line with the details for each unexpected error
 * (what the client sees as INTERNAL_SERVER_ERROR: a person must look at it). A client's mistake is
 * its code on that one line and nothing more: no message, document, variables or stack, so that
 * bad or hostile requests cannot fill the log.
 */
function loggingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    // Refused before an operation begins (CSRF prevention, a batch, no query): Apollo calls this
    // for its BAD_REQUEST errors only. No request id yet.
    async invalidRequestWasReceived({ error }) {
      logger.info({ codes: [error instanceof GraphQLError ? String(error.extensions.code) : 'BAD_REQUEST'] }, 'graphql request');
    },
    async contextCreationDidFail({ error }) {
      logger.error({ err: error }, 'unexpected error');
    },
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isUnexpectedError(error)) continue;
            logger.error(
              { requestId: contextValue.requestId, userId: contextValue.user?.id, operationName, err: error.originalError ?? error },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ response, operationName }) {
          // What the (disabled) cache-control plugin sent: answers are per user, never stored.
          response.http.headers.set('cache-control', 'no-store');
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
          logger.info(
            {
              requestId: contextValue.requestId,
              userId: contextValue.user?.id,
              operationName,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              ...(errors.length ? { codes: codesOf(errors) } : {}),
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
  // Node's 5 s keep-alive is shorter than what clients and proxies assume: a client that reuses a
  // connection just as the server drops it gets ECONNRESET on a request the server never saw (seen
  // in the tests after a few seconds of client-side work). 65 s outlasts the usual proxy timeouts
  // (60 s); idle connections are still closed at once on shutdown.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const websockets = startWebSocketServer({
    httpServer,
    schema,
    config,
    services,
    dataSource,
    readDataSource,
    pubSub: pubSubHandle.pubSub,
    confirmSubscribed: pubSubHandle.confirmSubscribed,
    logger,
    sessionCheckMs: options.sessionCheckMs,
  });
  // What the process holds besides HTTP and WebSockets, released on shutdown (or a failed start).
  const releaseResources = async () => {
    await stopExpirySweeper();
    services.boardFeed.close();
    await services.presence.close();
    await pubSubHandle.close();
    if (readDataSource !== dataSource && readDataSource.isInitialized) await readDataSource.destroy();
    if (dataSource.isInitialized) await dataSource.destroy();
  };
  // Not ready before a deactivation in any process surely closes the user's sockets here: without
  // that subscription only the periodic check (30 s) would.
  try {
    await websockets.revocationsSubscribed(options.redisSubscribeTimeoutMs ?? 10_000);
  } catch (error) {
    await websockets.drain();
    await releaseResources();
    throw error;
  }

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: clientErrorFormatter(config),
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: it drains Apollo, WebSockets, PubSub and the database in order.
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    // One operation per HTTP request: no batches (an array body is refused).
    allowBatchedHttpRequests: false,
    // Refuses GET and form-like POSTs that a browser could send cross-site without a preflight,
    // unless they carry a header that a browser sends only after a preflight (which only the
    // CORS_ORIGINS pass). `authorization` is such a header: it is not CORS-safelisted, so a page
    // that sets it is preflighted, and a form, link or <img> cannot set it. The one case where a
    // browser adds it by itself is HTTP Basic/Digest credentials it remembers for the host (a
    // proxy's password, say): those are not Bearer tokens, Jalin does not accept them, so such a
    // request runs unauthenticated, where only `login` answers, and a GET never runs a mutation.
    // Jalin reads no cookies, so a cross-site request carries no identity in any other way. Thus a
    // signed-in GET query (urql's default, Apollo Client's useGETForQueries) needs no extra header.
    csrfPrevention: { requestHeaders: ['authorization', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    validationRules: extraValidationRules(config.limits, config.introspection),
    plugins: [
      // In-flight requests get this long to finish (they take milliseconds), then their sockets are
      // cut: shutdown stays well inside an orchestrator's grace period.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: SHUTDOWN_HTTP_GRACE_MS }),
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
              const textError = checkWellFormedText(request.variables);
              if (textError) throw textError;
            },
          };
        },
      },
      // Jalin sets no cache hints; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      // No Apollo Sandbox (it loads from Apollo's hosts and reports telemetry): browsers get
      // GraphiQL from this server (mountGraphiQL) where it is on.
      ApolloServerPluginLandingPageDisabled(),
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

  app.use(['/graphql', '/reports'], corsMiddleware(config.corsOrigins));
  mountReportCsvRoute(app, services, logger);
  mountReportXlsxRoute(app, services, logger);
  // Before the GraphQL middleware: a browser's GET /graphql gets the page, any other request goes on.
  if (config.graphiql) mountGraphiQL(app);

  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, { context: async ({ req }) => buildContext(req.headers.authorization) }),
  );

  // The web client at `/` (after the API: /graphql, /reports and /healthz are never the page).
  mountWebApp(app);

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
    const code = status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST';
    if (status === 500) logger.error({ err: error }, 'unexpected error');
    // The body never reaches the log: it may be anything, of any size up to the limit.
    else logger.info({ codes: [code], status }, 'graphql request');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
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
        // WebSockets first: each hears 1001 before the HTTP drain below ends the idle TCP connections
        // (an upgraded socket counts as idle there), which would cut them without a close code.
        const websocketsClosed = websockets.drain();
        await apollo.stop(); // stops accepting, finishes in-flight HTTP requests
        await websocketsClosed;
        await releaseResources();
      })()),
  };
}
