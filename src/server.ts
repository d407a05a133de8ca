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
import { createServices, type Services } from './services';
import { seedDemoData } from './seed/seed';
import { createPubSubHandle } from './events/pubsub';
import { EventBus } from './events/event-bus';
import { bridgeEventsToTopics } from './events/topic-bridge';
import { databaseNamespace } from './events/topics';
import { createRealtime, type Realtime, type RealtimeOptions } from './realtime';
import { startWebSocketServer } from './subscriptions/websocket-server';
import { mountAuditDownloads } from './http/audit-export';
import { mountReportCsvRoute } from './http/report-csv.route';
import { corsMiddleware } from './http/cors';
import { mountReportXlsxRoute } from './http/report-xlsx.route';
import { mountGraphiQL } from './http/graphiql.route';
import { startJobs } from './jobs';
import { mountHealthRoutes } from './http/health.route';
import { boundPoolAcquire, poolUsage } from './database-timeouts';
import { isOutage, outageLogger, outagePlugin, serviceUnavailableError } from './outage';
import { Metrics } from './metrics/metrics';
import { graphqlMetricsPlugin } from './metrics/graphql-metrics.plugin';
import { mountMetrics } from './metrics/metrics.route';
import { openReplicaSet, type ReplicaSet } from './replicas';
import { pinAfterWrites, pinReadsToPrimary, readRoutingMiddleware } from './read-routing';
import { mountDocumentRoutes } from './http/documents.route';
import { mountWebApp } from './http/web-app.route';

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  dataSource: DataSource;
  services: Services;
  realtime: Realtime;
  events: EventBus;
  logger: Logger;
  /** This process's metrics (what GET /metrics serves). */
  metrics: Metrics;
  /** GET /metrics on METRICS_PORT, or null when that port is not configured. */
  metricsUrl: string | null;
  /** With DATABASE_REPLICA_URLS: the replicas that plain reads go to, and their state. */
  replicas: ReplicaSet | null;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Receives every SQL statement (tests count them). */
  sqlLogger?: OrmLogger;
  /** Timings of board subscriptions and presence (tests shorten or lengthen them). */
  realtime?: RealtimeOptions;
  /** Where the JSON log lines go (stdout by default; tests read them). */
  logDestination?: LogDestination;
  /** How often open sockets' users are checked against the database (default 30 s). */
  sessionCheckMs?: number;
  /** How long start-up waits for Redis to confirm the session-revocation subscription (default 10 s). */
  redisSubscribeTimeoutMs?: number;
  /** The sign-in throttle's clock (tests move it instead of waiting for a lock to end). */
  loginThrottleClock?: () => number;
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
      // An outage while reading the caller's user: logged (warn) where it is turned into a 503.
      if (error instanceof GraphQLError && error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE) return;
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
  const dataSource = createDataSource(database, { logger: options.sqlLogger, timeouts: config.databaseTimeouts });
  await dataSource.initialize();
  boundPoolAcquire(dataSource, config.databaseTimeouts.acquireMs);
  const metrics = new Metrics();
  const logOutage = outageLogger(logger);
  await dataSource.runMigrations({ transaction: 'each' });
  if (config.seedDemoData) await seedDemoData(dataSource, { demoUsers: config.env !== 'production' });
  // With replicas, plain reads go to them (replicas.ts) and a request that writes reads the primary after (read-routing.ts).
  const replicas =
    config.readReplicas && database.dialect === 'mysql' ? await openReplicaSet(dataSource, database, config.readReplicas, logger, { logger: options.sqlLogger }) : null;
  if (replicas) pinAfterWrites(dataSource);
  const readDataSource = replicas?.reader ?? (await openReader(dataSource, database, { logger: options.sqlLogger, timeouts: config.databaseTimeouts }));

  const pubSubHandle = createPubSubHandle(config.redisUrl, logger);
  const namespace = databaseNamespace(dataSource.options as never);
  // Services record domain events; after commit the bridge turns them into the topics that the
  // subscriptions, the board feed and socket revocation follow (every process, through Redis).
  const events = new EventBus(pubSubHandle.pubSub, namespace, logger);
  bridgeEventsToTopics(events, pubSubHandle.pubSub);
  const services = createServices({
    dataSource,
    readDataSource,
    events,
    logger,
    redis: pubSubHandle.redis,
    loginThrottle: { config: config.loginThrottle, now: options.loginThrottleClock },
    auth: {
      jwtSecret: config.jwtSecret,
      jwtTtlSeconds: config.jwtTtlSeconds,
      externalIdp: config.externalIdp,
      onEphemeralSecret: () => logger.warn('JWT_SECRET is not set: using a random secret; tokens end when the process does'),
    },
  });
  const realtime = createRealtime({
    pubSub: pubSubHandle.pubSub,
    redis: pubSubHandle.redis,
    namespace,
    currentSeq: (agreementId) => services.board.currentSeq(agreementId),
    logger,
    options: options.realtime,
  });
  const schema = await createSchema(pubSubHandle.pubSub);
  // Scheduled jobs (src/jobs/): their start-up run expires MoUs that lapsed while no process ran, before the first request.
  const jobs = await startJobs({ dataSource, services, config, logger, scheduler: { onRun: (job, outcome) => metrics.jobRun(job, outcome === 'SUCCEEDED' ? 'success' : 'failure') } });

  const buildContext = async (authorization: string | undefined | null, clientAddress: string | null): Promise<Context> => {
    const context: Context = { requestId: randomUUID(), user: null, loaders: createLoaders(readDataSource), services, realtime, clientAddress };
    try {
      context.user = await services.auth.authenticate(authorization);
    } catch (error) {
      if (isOutage(error)) {
        logOutage(error, 'authentication');
        throw serviceUnavailableError();
      }
      if (!(error instanceof DomainError)) throw error;
      context.authError = error;
    }
    return context;
  };

  const app = express();
  app.disable('x-powered-by');
  // No ETag: hashing every answer (600 KB for a dashboard page) for a header no GraphQL client sends back.
  app.set('etag', false);
  // Who the client is behind a proxy (req.ip): sign-ins are throttled per client address.
  app.set('trust proxy', config.trustProxy);
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
    verifySession: (authorization) => services.auth.verify(authorization),
    onSocketClosed: (connectionId) => realtime.presence.disconnect(connectionId),
    operationContext: (user, connection) => ({ requestId: randomUUID(), user, loaders: createLoaders(readDataSource), services, realtime, ...connection }),
    dataSource,
    pubSub: pubSubHandle.pubSub,
    namespace,
    confirmSubscribed: pubSubHandle.confirmSubscribed,
    logger,
    sessionCheckMs: options.sessionCheckMs,
    metrics,
    logOutage,
  });
  // What the process holds besides HTTP and WebSockets, released on shutdown (or a failed start).
  const releaseResources = async () => {
    await jobs.stop();
    await realtime.close();
    await pubSubHandle.close();
    if (replicas) await replicas.close();
    else if (readDataSource !== dataSource && readDataSource.isInitialized) await readDataSource.destroy();
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
      outagePlugin(logOutage, (cause) => metrics.outage(cause)),
      graphqlMetricsPlugin(metrics),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, operation, schema: operationSchema }) {
              // A mutation's answer (and any read after its write) must show the write: the primary.
              if (operation?.operation === 'mutation') pinReadsToPrimary();
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

  let draining = false;
  mountHealthRoutes(app, { dataSource, revocationsSubscribed: websockets.revocationsSubscribed, draining: () => draining });
  metrics.gauge('jalin_db_pool_connections', 'MySQL/MariaDB pool connections: all open, idle (free), and requests waiting for one (queued)', ['state'], () => {
    const usage = poolUsage(dataSource);
    return usage ? Object.entries(usage).map(([state, value]) => ({ labels: { state }, value })) : [];
  });
  const metricsEndpoint = await mountMetrics(app, metrics, config.metrics, config.host, logger);
  services.board.observer = metrics;
  realtime.boardFeed.observer = metrics;

  app.use(['/graphql', '/reports', '/audit', '/agreements'], corsMiddleware(config.corsOrigins));
  mountReportCsvRoute(app, services, logger);
  mountReportXlsxRoute(app, services, logger);
  mountAuditDownloads(app, services, logger);
  mountDocumentRoutes(app, services, logger);
  // Before the GraphQL middleware: a browser's GET /graphql gets the page, any other request goes on.
  if (config.graphiql) mountGraphiQL(app);

  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    readRoutingMiddleware,
    expressMiddleware(apollo, { context: async ({ req }) => buildContext(req.headers.authorization, req.ip ?? null) }),
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
    realtime,
    events,
    logger,
    metrics,
    metricsUrl: metricsEndpoint.url,
    replicas,
    close: () =>
      (closing ??= (async () => {
        // Not ready from now on; a load balancer that polls /readyz gets SHUTDOWN_DELAY_MS to notice
        // before this process stops taking requests.
        draining = true;
        if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
        // WebSockets first: each hears 1001 before the HTTP drain below ends the idle TCP connections
        // (an upgraded socket counts as idle there), which would cut them without a close code.
        const websocketsClosed = websockets.drain();
        await apollo.stop(); // stops accepting, finishes in-flight HTTP requests
        await websocketsClosed;
        await metricsEndpoint.close();
        await releaseResources();
      })()),
  };
}
