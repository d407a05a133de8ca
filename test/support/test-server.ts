import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import { DEFAULT_JOBS, loadConfig, type Config, type DatabaseConfig } from '../../src/config';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server';
import type { LogDestination } from '../../src/logger';
import { createTestDatabase, type Dialect, type TestDatabase } from './databases';
import { SqlCounter } from '../../src/sql-counter';
import { executionEnv } from './verify-execution';
import { createSeededTestDatabase } from './seeded-template';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const DEMO_PASSWORD = 'jalin-demo';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

export interface TestServer {
  dialect: Dialect;
  /** The configuration the server runs with (a second process on the same database can reuse it). */
  config: Config;
  server: RunningServer;
  sql: SqlCounter;
  url: string;
  wsUrl: string;
  /** POSTs one GraphQL operation over HTTP, as a real client would. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  /** Signs in one of the demo users (or any user) and returns the token. */
  login(email: string, password?: string): Promise<string>;
  /** A graphql-ws client on this server, closed with the server. */
  ws(token?: string | null, options?: Partial<ClientOptions>): Client;
  /** Stops the server but keeps the database (to test a restart). */
  stop(): Promise<void>;
  /** Starts the server again on the same database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<Config>;
  /** Passed to startServer (timings of subscriptions and presence). */
  realtime?: ServerOptions['realtime'];
  /** Receives the server's JSON log lines (set config.logLevel to see them). */
  logDestination?: LogDestination;
  /** Rewrites where the server reaches its (freshly made) database, e.g. through a faultable proxy. */
  databaseVia?: (database: DatabaseConfig) => DatabaseConfig;
  /** Further startServer options (e.g. the sign-in throttle's clock). */
  server?: Partial<ServerOptions>;
}

/**
 * Starts the real server (HTTP + WebSocket on one port) on a fresh database of its own, seeded with
 * the demo data, and hands back clients for it. Every end-to-end test goes through this.
 */
export async function startTestServer(dialect: Dialect, label: string, options: TestServerOptions = {}): Promise<TestServer> {
  // What the server would seed (the demo data with the demo users) comes copied from the run's template.
  const seedsDemoUsers = (options.config?.seedDemoData ?? true) && options.config?.env !== 'production';
  const database: TestDatabase = seedsDemoUsers ? await createSeededTestDatabase(dialect, label) : await createTestDatabase(dialect, label);
  const sql = new SqlCounter();
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', ...executionEnv() }),
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    database: options.databaseVia ? options.databaseVia(database.config) : database.config,
    redisUrl: null,
    jwtSecret: TEST_JWT_SECRET,
    jwtTtlSeconds: 3600,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    seedDemoData: true,
    // No scheduled jobs behind a test's back (they would write and count statements at any moment);
    // tests of jobs run them with their own clock, or set mode 'once' for the start-up run.
    jobs: { ...DEFAULT_JOBS, mode: 'off' },
    ...options.config,
  };
  let server = await startServer(config, { ...options.server, sqlLogger: sql, realtime: options.realtime, logDestination: options.logDestination });
  const clients = new Set<Client>();
  let running = true;

  const harness: TestServer = {
    dialect,
    config,
    server,
    sql,
    get url() {
      return server.url;
    },
    get wsUrl() {
      return server.wsUrl;
    },
    async gql(query, variables, token) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status } as never;
    },
    async login(email, password = DEMO_PASSWORD) {
      const result = await harness.gql<{ login: { token: string } }>(
        'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        { email, password },
      );
      if (!result.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    ws(token, clientOptions = {}) {
      const client = createClient({
        url: server.wsUrl,
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        ...clientOptions,
      });
      clients.add(client);
      return client;
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.close();
    },
    async restart() {
      await harness.stop();
      server = await startServer({ ...config, port: server.port }, { ...options.server, sqlLogger: sql, realtime: options.realtime, logDestination: options.logDestination });
      harness.server = server;
      running = true;
    },
    async close() {
      await Promise.allSettled([...clients].map((client) => client.dispose()));
      await harness.stop();
      await database.drop();
    },
  };
  return harness;
}
