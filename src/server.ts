import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import type { DataSource, Logger as OrmLogger } from 'typeorm';
import type { Config } from './config';
import type { Context } from './context';
import { createDataSource, detectDatabaseFlavor, openReader } from './data-source';
import { DomainError } from './errors';
import { createLoaders } from './loaders';
import { createLogger, type Logger, type LogDestination } from './logger';
import { createSchema } from './schema';
import { createServices, type Services } from './services';
import { seedDemoData } from './seed/seed';
import { createPubSubHandle } from './events/pubsub';
import { EventBus } from './events/event-bus';
import { bridgeEventsToTopics } from './events/topic-bridge';
import { Topic, databaseNamespace } from './events/topics';
import { createRealtime, type Realtime, type RealtimeOptions } from './realtime';
import { startWebSocketServer } from './subscriptions/websocket-server';
import { visibilityOf } from './services/access-policy';
import { mountAuditDownloads } from './http/audit-export';
import { mountReportCsvRoute } from './http/report-csv.route';
import { corsMiddleware } from './http/cors';
import { mountReportXlsxRoute } from './http/report-xlsx.route';
import { mountGraphiQL } from './http/graphiql.route';
import { startJobs } from './jobs';
import { mountHealthRoutes } from './http/health.route';
import { boundPoolAcquire, poolUsage } from './database-timeouts';
import { isOutage, outageLogger, serviceUnavailableError } from './outage';
import { Metrics } from './metrics/metrics';
import { mountMetrics } from './metrics/metrics.route';
import { openReplicaSet, type ReplicaSet } from './replicas';
import { pinAfterWrites, readRoutingMiddleware } from './read-routing';
import { mountDocumentRoutes } from './http/documents.route';
import { createApolloServer } from './http/apollo';
import { createGraphQLExecutor, type Execute, type GraphQLExecutor } from './graphql-execution';
import { ResponseCache } from './http/response-cache';
import { readDataVersion } from './data-version';
import { mountWebApp } from './http/web-app.route';
import { MAX_BODY, jsonBodyErrorHandler } from './http/body-errors';

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
  /** Wraps the executor of WebSocket operations and subscription events (tests count its calls). */
  wrapWebSocketExecute?: (execute: Execute) => Execute;
}


/** The databases: the primary (migrated, seeded if asked), and where plain reads go. */
interface Databases {
  dataSource: DataSource;
  readDataSource: DataSource;
  replicas: ReplicaSet | null;
}

/** The process's event backbone, services and realtime read side, wired together. */
interface Application {
  pubSubHandle: ReturnType<typeof createPubSubHandle>;
  namespace: string;
  events: EventBus;
  services: Services;
  realtime: Realtime;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const metrics = new Metrics();
  const logOutage = outageLogger(logger);
  const databases = await openDatabases(config, options, logger);
  const application = buildApplication(config, options, logger, databases);
  const schema = await createSchema(application.pubSubHandle.pubSub);
  // Scheduled jobs (src/jobs/): their start-up run expires MoUs that lapsed while no process ran, before the first request.
  const jobs = await startJobs({
    dataSource: databases.dataSource,
    services: application.services,
    config,
    logger,
    scheduler: { onRun: (job, outcome) => metrics.jobRun(job, outcome === 'SUCCEEDED' ? 'success' : 'failure') },
  });
  const buildContext = contextBuilder(application, databases.readDataSource, logOutage);
  const { app, httpServer } = createHttpServer(config);
  // One executor for both transports: an operation is compiled once, whichever way it comes.
  const executor = createGraphQLExecutor(schema, config, { logger, metrics });
  const websockets = startWebSockets(config, options, logger, { httpServer, schema, executor, databases, application, metrics, logOutage });
  // What the process holds besides HTTP and WebSockets, released on shutdown (or a failed start).
  const releaseResources = async () => {
    await jobs.stop();
    await releaseApplication(application);
    await closeDatabases(databases);
  };
  // Not ready before a deactivation in any process surely closes the user's sockets here: without
  // that subscription only the periodic check (30 s) would.
  try {
    await websockets.revocationsSubscribed(options.redisSubscribeTimeoutMs ?? 10_000);
    // Nor before it hears other processes' user changes (the user cache forgets them).
    await application.pubSubHandle.confirmSubscribed(Topic.DOMAIN_EVENT, application.namespace, options.redisSubscribeTimeoutMs ?? 10_000);
  } catch (error) {
    await websockets.drain();
    await releaseResources();
    throw error;
  }

  const responseCache = createResponseCache(config, databases, metrics, logger);
  const apollo = createApolloServer({ schema, executor, config, httpServer, logger, logOutage, metrics, responseCache });
  await apollo.start();

  let draining = false;
  const { services, realtime } = application;
  const { dataSource } = databases;
  mountHealthRoutes(app, { dataSource, revocationsSubscribed: websockets.revocationsSubscribed, draining: () => draining });
  const metricsEndpoint = await mountMetricsEndpoint(app, config, logger, metrics, databases, application);

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
  app.use(jsonBodyErrorHandler(logger));

  const { port, hostForUrl } = await listen(httpServer, config, logger);
  // Not ready from now on; a load balancer that polls /readyz gets SHUTDOWN_DELAY_MS to notice
  // before this process stops taking requests.
  const beginDraining = () => {
    draining = true;
  };
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    wsUrl: `ws://${hostForUrl}:${port}/graphql`,
    port,
    dataSource,
    services,
    realtime,
    events: application.events,
    logger,
    metrics,
    metricsUrl: metricsEndpoint.url,
    replicas: databases.replicas,
    close: closeInOrder(config, { beginDraining, websockets, apollo, metricsEndpoint, releaseResources }),
  };
}

/** Opens the primary (migrations run, demo data seeded when configured), the replicas or the reader. */
async function openDatabases(config: Config, options: ServerOptions, logger: Logger): Promise<Databases> {
  const database = await detectDatabaseFlavor(config.database);
  const dataSource = createDataSource(database, { logger: options.sqlLogger, timeouts: config.databaseTimeouts });
  await dataSource.initialize();
  boundPoolAcquire(dataSource, config.databaseTimeouts.acquireMs);
  await dataSource.runMigrations({ transaction: 'each' });
  if (config.seedDemoData) await seedDemoData(dataSource, { demoUsers: config.env !== 'production' });
  // With replicas, plain reads go to them (replicas.ts) and a request that writes reads the primary after (read-routing.ts).
  const replicas =
    config.readReplicas && database.dialect === 'mysql' ? await openReplicaSet(dataSource, database, config.readReplicas, logger, { logger: options.sqlLogger }) : null;
  if (replicas) pinAfterWrites(dataSource);
  const readDataSource = replicas?.reader ?? (await openReader(dataSource, database, { logger: options.sqlLogger, timeouts: config.databaseTimeouts }));
  return { dataSource, readDataSource, replicas };
}

/**
 * The response cache, or null when it is off. The data version is read where the answers' data is
 * read: on SQLite the reader (it sees exactly the last commit; the writing connection could show a
 * transaction's uncommitted bump); on MySQL/MariaDB the primary, and with replicas a miss reads a
 * replica that is at least at that version, or else the primary (see response-cache.ts). An
 * in-memory SQLite database has no reader, so no cache.
 */
function createResponseCache(config: Config, { dataSource, readDataSource, replicas }: Databases, metrics: Metrics, logger: Logger): ResponseCache | null {
  if (!config.responseCache) return null;
  const sqlite = config.database.dialect === 'sqlite';
  if (sqlite && readDataSource === dataSource) return null;
  const versionSource = sqlite ? readDataSource : dataSource;
  return new ResponseCache({
    maxBytes: config.responseCache.maxBytes,
    readVersion: () => readDataVersion(versionSource),
    routeMiss: replicas ? (version) => replicas.routeMiss(version) : undefined,
    metrics,
    logger,
  });
}

async function closeDatabases({ dataSource, readDataSource, replicas }: Databases): Promise<void> {
  if (replicas) await replicas.close();
  else if (readDataSource !== dataSource && readDataSource.isInitialized) await readDataSource.destroy();
  if (dataSource.isInitialized) await dataSource.destroy();
}

/** The event bus (and its transport), the services that record events on it, and the realtime side that follows them. */
function buildApplication(config: Config, options: ServerOptions, logger: Logger, { dataSource, readDataSource }: Databases): Application {
  const pubSubHandle = createPubSubHandle(config.redisUrl, logger);
  const namespace = databaseNamespace(dataSource.options as never);
  // Services record domain events; after commit the bridge turns them into the topics that the
  // subscriptions, the board feed and socket revocation follow (every process, through Redis).
  const events = new EventBus(pubSubHandle.pubSub, namespace, logger, pubSubHandle.deliveryEpoch, pubSubHandle.delivered);
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
  return { pubSubHandle, namespace, events, services, realtime };
}

async function releaseApplication({ realtime, pubSubHandle, services }: Application): Promise<void> {
  services.auth.close();
  await services.auth.throttle?.close();
  await realtime.close();
  await pubSubHandle.close();
}

/** The context of an HTTP operation: a request id, the signed-in user (or why not), fresh loaders. */
function contextBuilder({ services, realtime }: Application, readDataSource: DataSource, logOutage: ReturnType<typeof outageLogger>) {
  return async (authorization: string | undefined | null, clientAddress: string | null): Promise<Context> => {
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
}

/** The express app and the one http.Server that carries it and the WebSockets. */
function createHttpServer(config: Config): { app: express.Express; httpServer: http.Server } {
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
  return { app, httpServer };
}

/** graphql-ws on the API's http.Server; it reaches the services only through the functions given here. */
function startWebSockets(
  config: Config,
  options: ServerOptions,
  logger: Logger,
  parts: { httpServer: http.Server; schema: GraphQLSchema; executor: GraphQLExecutor; databases: Databases; application: Application; metrics: Metrics; logOutage: ReturnType<typeof outageLogger> },
) {
  const { services, realtime, pubSubHandle, namespace } = parts.application;
  const { dataSource, readDataSource } = parts.databases;
  return startWebSocketServer({
    httpServer: parts.httpServer,
    schema: parts.schema,
    executor: options.wrapWebSocketExecute ? { ...parts.executor, execute: options.wrapWebSocketExecute(parts.executor.execute) } : parts.executor,
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
    metrics: parts.metrics,
    logOutage: parts.logOutage,
    visibilityOf,
  });
}

/** GET /metrics (on METRICS_PORT when set), with the pool gauge, and the board's counters hooked to it. */
async function mountMetricsEndpoint(app: express.Express, config: Config, logger: Logger, metrics: Metrics, { dataSource }: Databases, { services, realtime }: Application) {
  metrics.gauge('jalin_db_pool_connections', 'MySQL/MariaDB pool connections: all open, idle (free), and requests waiting for one (queued)', ['state'], () => {
    const usage = poolUsage(dataSource);
    return usage ? Object.entries(usage).map(([state, value]) => ({ labels: { state }, value })) : [];
  });
  const endpoint = await mountMetrics(app, metrics, config.metrics, config.host, logger);
  services.board.observer = metrics;
  realtime.boardFeed.observer = metrics;
  return endpoint;
}

async function listen(httpServer: http.Server, config: Config, logger: Logger): Promise<{ port: number; hostForUrl: string }> {
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ port, database: config.database.dialect, redis: Boolean(config.redisUrl) }, 'jalin listening');
  return { port, hostForUrl: config.host === '0.0.0.0' ? '127.0.0.1' : config.host };
}

/** Shutdown, once however often it is asked for: not ready, WebSockets, HTTP, metrics, then what the process holds. */
function closeInOrder(
  config: Config,
  parts: {
    beginDraining: () => void;
    websockets: { drain(): Promise<void> };
    apollo: ApolloServer<Context>;
    metricsEndpoint: { close(): Promise<void> };
    releaseResources: () => Promise<void>;
  },
): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      parts.beginDraining();
      if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      // WebSockets first: each hears 1001 before the HTTP drain below ends the idle TCP connections
      // (an upgraded socket counts as idle there), which would cut them without a close code.
      const websocketsClosed = parts.websockets.drain();
      await parts.apollo.stop(); // stops accepting, finishes in-flight HTTP requests
      await websocketsClosed;
      await parts.metricsEndpoint.close();
      await parts.releaseResources();
    })());
}
