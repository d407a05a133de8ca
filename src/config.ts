import { z } from 'zod';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from './database-timeouts';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'mysql';
      /** MariaDB reports column defaults differently; TypeORM needs to know which server it talks to. */
      flavor: 'mysql' | 'mariadb';
      url: string;
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
    };

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Read replicas of a MariaDB/MySQL database (DATABASE_REPLICA_URLS); null without them. */
  readReplicas: ReadReplicasConfig | null;
  redisUrl: string | null;
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  logLevel: string;
  seedDemoData: boolean;
  /** Schema introspection (on in development; INTROSPECTION=on turns it on in production). */
  introspection: boolean;
  /** Browser origins (scheme://host[:port]) whose pages may call the API cross-origin (CORS); none by default. */
  corsOrigins: string[];
  /** GraphiQL at GET /graphql for browsers (on in development; GRAPHIQL=on turns it on in production). */
  graphiql: boolean;
  /** Tokens from an external identity provider, verified against its JWKS; null when not configured. */
  externalIdp: ExternalIdpConfig | null;
  limits: Limits;
  /** Scheduled jobs (src/jobs/): the expiry sweep and the reminders. */
  jobs: JobsConfig;
  /** E-mail for notifications; null without SMTP_URL (notifications stay in the app). */
  mail: MailConfig | null;
  /** MySQL/MariaDB: connect, pool-wait and statement bounds (DB_*_TIMEOUT_MS). */
  databaseTimeouts: DatabaseTimeouts;
  /** Who may read GET /metrics (see src/metrics/metrics.route.ts). */
  metrics: MetricsConfig;
  /** After SIGTERM, how long /readyz says "draining" before the process stops taking requests (SHUTDOWN_DELAY_MS). */
  shutdownDelayMs: number;
  /** Sign-in throttling (see src/services/login-throttle.ts); null when LOGIN_THROTTLE=off. */
  loginThrottle: LoginThrottleConfig | null;
  /**
   * Which proxies in front of Jalin are trusted to say who the client is (X-Forwarded-For), as
   * express's `trust proxy` setting: false (none: the TCP peer is the client), true (any), a hop
   * count, or a list of addresses / subnets / names such as "loopback".
   */
  trustProxy: boolean | number | string[];
  /** The exact response cache for queries over HTTP (src/http/response-cache.ts); null when RESPONSE_CACHE=off. */
  responseCache: ResponseCacheConfig | null;
  /** How GraphQL operations run (GRAPHQL_EXECUTION, src/graphql-execution/). */
  execution: ExecutionConfig;
}

/**
 * `jit`: operations compiled once by graphql-jit (the default); `graphql-js`: graphql-js's own
 * execution (the off switch); `verify`: compiled, then graphql-js over the same resolver results,
 * compared (tests: an operation whose answers differ fails with EXECUTION_MISMATCH).
 */
export type ExecutionMode = 'jit' | 'graphql-js' | 'verify';

export interface ExecutionConfig {
  mode: ExecutionMode;
  /** verify: the file that each mismatch is appended to (a JSON line), besides the error log line; null: the log only. */
  verifyLog: string | null;
}

export interface ResponseCacheConfig {
  /** What the stored answers (and their keys) may take, in bytes; the least recently used go first. */
  maxBytes: number;
}

export const DEFAULT_RESPONSE_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * `on`: every job runs at start-up and then on its schedule; `once`: at start-up only (one-off
 * processes, tests that need the start-up run); `off`: never (tests, or processes that only serve
 * requests beside others that run the jobs; the lease makes that optional, not necessary).
 */
export type JobsMode = 'on' | 'once' | 'off';

export interface JobsConfig {
  mode: JobsMode;
  /** Slot length of the expiry sweep (ms); divides a day, so a slot starts at 00:00 UTC. */
  expirySweepIntervalMs: number;
  /** Slot length of the reminders job (ms); divides a day. */
  remindersIntervalMs: number;
  /** Days before an MoU lapses at which a reminder goes out, largest first (e.g. 180, 90, 30). */
  reminderDays: number[];
  /** An agreement at one pre-MoU step this many days or more is reported as stuck. */
  stuckAfterDays: number;
}

export interface MailConfig {
  /** smtp:// or smtps:// URL for nodemailer, with user and password if the server wants them. */
  smtpUrl: string;
  /** The From: of every e-mail. */
  from: string;
}

export const DEFAULT_JOBS: JobsConfig = {
  mode: 'on',
  expirySweepIntervalMs: 10 * 60_000,
  remindersIntervalMs: 60 * 60_000,
  reminderDays: [180, 90, 30],
  stuckAfterDays: 60,
};

const DAY_MS = 86_400_000;

/**
 * A job interval like `10m`, `1h` or `1d` (`s`, `m`, `h`, `d`; a bare number is seconds). It must
 * divide a day (1m, 5m, 10m, 15m, 30m, 1h, 2h, 6h, 12h, 1d, …): slots then start at 00:00 UTC, so
 * the expiry sweep runs right after midnight, when MoUs lapse.
 */
export function parseJobInterval(name: string, raw: string): number {
  const match = durationPattern.exec(raw.trim());
  if (!match) throw new ConfigError(`${name} "${raw}" is not a duration; use e.g. 10m, 1h or 1d`);
  const ms = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'] * 1000;
  if (ms < 60_000 || ms > DAY_MS) throw new ConfigError(`${name} "${raw}" must be between 1m and 1d`);
  if (DAY_MS % ms !== 0) throw new ConfigError(`${name} "${raw}" must divide a day (e.g. 5m, 10m, 15m, 30m, 1h, 6h, 1d) so that a run starts at midnight UTC`);
  return ms;
}

/** `REMINDER_DAYS`: comma-separated whole days, e.g. `180,90,30`; kept largest first, without repeats. */
export function parseReminderDays(raw: string): number[] {
  const entries = raw.split(',').map((value) => value.trim()).filter(Boolean);
  if (!entries.length) throw new ConfigError('REMINDER_DAYS is empty; list the days before expiry to remind at, e.g. 180,90,30');
  const days = entries.map((entry) => {
    if (!/^\d+$/.test(entry) || Number(entry) < 1 || Number(entry) > 3650) {
      throw new ConfigError(`REMINDER_DAYS: "${entry}" is not a whole number of days from 1 to 3650 (write e.g. 180,90,30)`);
    }
    return Number(entry);
  });
  return [...new Set(days)].sort((a, b) => b - a);
}

function parseMail(e: { SMTP_URL?: string; MAIL_FROM?: string }): MailConfig | null {
  if (!e.SMTP_URL) {
    if (e.MAIL_FROM) throw new ConfigError('MAIL_FROM applies to e-mail only: set SMTP_URL as well');
    return null;
  }
  let url: URL;
  try {
    url = new URL(e.SMTP_URL);
  } catch {
    throw new ConfigError('SMTP_URL is not a valid URL; expected smtp://user:pass@host:587 or smtps://user:pass@host:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL protocol "${url.protocol}" is not supported; use smtp:// or smtps://`);
  const from = e.MAIL_FROM ?? `Jalin <jalin@${url.hostname}>`;
  if (!/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(from)) throw new ConfigError(`MAIL_FROM "${from}" is not an address; write e.g. "Jalin <kerjasama@denpasarkota.go.id>"`);
  return { smtpUrl: e.SMTP_URL, from };
}

/**
 * /metrics is never open to anyone: it answers with a Bearer token (METRICS_TOKEN) on the API's
 * port, and/or on a port of its own (METRICS_PORT, meant to be reachable from the monitoring network
 * only; the token, when set, is required there too). With neither, there is no /metrics.
 */
export interface MetricsConfig {
  token: string | null;
  port: number | null;
}

/** Limits on password guessing: per account (email) and per client address. */
export interface LoginThrottleConfig {
  /** Failed sign-ins to one account that cost nothing; each further one locks the account for a growing delay. */
  accountFreeAttempts: number;
  /** The same, counted per client address over all accounts. */
  addressFreeAttempts: number;
  /** The lock after the first failure over the free ones (milliseconds); it doubles with each further failure. */
  firstDelayMs: number;
  /** The longest lock (milliseconds). */
  maxLockMs: number;
  /** Failures are forgotten after this long without one (milliseconds). */
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfig = {
  accountFreeAttempts: 5,
  addressFreeAttempts: 20,
  firstDelayMs: 1_000,
  maxLockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

/** Where reads that may lag go, and when a replica is too far behind to use (see docs/OPERATIONS.md, "Read replicas"). */
export interface ReadReplicasConfig {
  databases: Extract<DatabaseConfig, { dialect: 'mysql' }>[];
  /** A replica further behind than this (Seconds_Behind_Master) is not read until it catches up. */
  maxLagSeconds: number;
  /** How often each process checks its replicas' replication state. */
  checkIntervalMs: number;
}

export interface ExternalIdpConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

/** Caps that keep one client from exhausting the server (see README, "Limits"). */
export interface Limits {
  maxQueryDepth: number;
  maxQueryCost: number;
  maxSubscriptionsPerSocket: number;
  maxSocketsPerUser: number;
}

export const DEFAULT_LIMITS: Limits = { maxQueryDepth: 10, maxQueryCost: 25_000, maxSubscriptionsPerSocket: 20, maxSocketsPerUser: 10 };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_DATABASE_URL = 'sqlite:./data/jalin.sqlite';

/**
 * `mysql://user:pass@host:port/db`, `sqlite:<file>` or `sqlite::memory:`. Anything else is refused
 * with a message that shows the accepted forms, so a typo fails at start-up, not on first query.
 */
export function parseDatabaseUrl(raw: string): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length);
    if (!file) throw new ConfigError(`DATABASE_URL "${raw}" names no file; use sqlite:./data/jalin.sqlite or sqlite::memory:`);
    return { dialect: 'sqlite', file };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a valid URL; expected mysql://user:pass@host:port/db or sqlite:<file>`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new ConfigError(`DATABASE_URL protocol "${url.protocol}" is not supported; use mysql:// or sqlite:`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database) {
    throw new ConfigError('DATABASE_URL must name a host and a database: mysql://user:pass@host:port/db');
  }
  const port = url.port ? Number(url.port) : 3306;
  return {
    dialect: 'mysql',
    flavor: url.protocol === 'mariadb:' ? 'mariadb' : 'mysql',
    url: raw,
    host: url.hostname,
    port,
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database,
  };
}

/**
 * `DATABASE_REPLICA_URLS`: comma-separated `mysql://` URLs of replicas of the DATABASE_URL server.
 * Only a MariaDB/MySQL primary has replicas; a replica that is the primary itself would only hide
 * a typo, so both are refused at start-up.
 */
export function parseReplicaUrls(raw: string, primary: DatabaseConfig): ReadReplicasConfig['databases'] {
  const entries = raw.split(',').map((value) => value.trim()).filter(Boolean);
  if (entries.length === 0) return [];
  if (primary.dialect !== 'mysql') {
    throw new ConfigError('DATABASE_REPLICA_URLS needs a MariaDB or MySQL DATABASE_URL (mysql://…): an SQLite database has no replicas; unset DATABASE_REPLICA_URLS');
  }
  return entries.map((entry, index) => {
    let replica: DatabaseConfig;
    try {
      replica = parseDatabaseUrl(entry);
    } catch (error) {
      throw new ConfigError(`DATABASE_REPLICA_URLS, entry ${index + 1}: ${(error as Error).message.replace(/^DATABASE_URL/, 'the URL')}`);
    }
    if (replica.dialect !== 'mysql') {
      throw new ConfigError(`DATABASE_REPLICA_URLS, entry ${index + 1}: a replica is a MariaDB or MySQL server; write it as mysql://user:pass@host:port/db`);
    }
    if (replica.host === primary.host && replica.port === primary.port) {
      throw new ConfigError(`DATABASE_REPLICA_URLS, entry ${index + 1}: ${replica.host}:${replica.port} is the DATABASE_URL server itself, not a replica of it`);
    }
    return { ...replica, flavor: primary.flavor };
  });
}

const durationPattern = /^(\d+)\s*(s|m|h|d)?$/;
function parseDuration(raw: string): number {
  const match = durationPattern.exec(raw.trim());
  if (!match) throw new ConfigError(`JWT_TTL "${raw}" is not a duration; use e.g. 8h, 30m or 3600`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** A duration in milliseconds: `500ms`, `30s`, `15m`, `2h`; a bare number is seconds. */
function parseMillis(name: string, raw: string): number {
  const match = /^(\d+)\s*(ms|s|m|h)?$/.exec(raw.trim());
  if (!match) throw new ConfigError(`${name} "${raw}" is not a duration; use e.g. 500ms, 30s, 15m or 1h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

/**
 * TRUST_PROXY: `false`/`off` (default: the TCP peer is the client), `true`/`on` (any proxy: only
 * when nothing can reach Jalin but through it), a hop count (`1`: one proxy in front), or a
 * comma-separated list of addresses, subnets and express's names (`loopback`, `uniquelocal`, …).
 */
export function parseTrustProxy(raw: string | undefined): boolean | number | string[] {
  const value = (raw ?? '').trim();
  if (!value || value === 'false' || value === 'off') return false;
  if (value === 'true' || value === 'on') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry)) {
      throw new ConfigError(`TRUST_PROXY: "${entry}" is not an address, a subnet (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`);
    }
  }
  return entries;
}

/**
 * `CORS_ORIGINS`: a comma-separated list of exact origins, e.g. `https://app.denpasarkota.go.id,
 * http://localhost:5173`. A browser sends an origin as scheme, host and port only, so anything else
 * (a path, a query, a wildcard, a trailing slash) could never match and is refused at start-up
 * rather than silently letting no page through. Each origin is kept as the browser spells it.
 */
export function parseCorsOrigins(raw: string): string[] {
  const origins: string[] = [];
  for (const entry of raw.split(',').map((value) => value.trim()).filter(Boolean)) {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || entry.includes('*')) {
      throw new ConfigError(`CORS_ORIGINS: "${entry}" is not an http(s) origin; write each as scheme://host[:port], e.g. https://app.example.org (no wildcards)`);
    }
    if (url.origin !== entry) {
      throw new ConfigError(`CORS_ORIGINS: "${entry}" is not an origin as a browser sends it; write "${url.origin}" (scheme://host[:port], lower case, no default port, nothing after it)`);
    }
    if (!origins.includes(entry)) origins.push(entry);
  }
  return origins;
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  DATABASE_REPLICA_URLS: z.string().optional(),
  DATABASE_REPLICA_MAX_LAG: z.coerce.number().int().min(1, 'DATABASE_REPLICA_MAX_LAG must be at least 1 (seconds)').max(86_400).default(10),
  DATABASE_REPLICA_CHECK_INTERVAL: z.coerce.number().min(0.1, 'DATABASE_REPLICA_CHECK_INTERVAL must be at least 0.1 (seconds)').max(3600).default(2),
  REDIS_URL: z.string().url().optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_TTL: z.string().default('8h'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional(),
  INTROSPECTION: z.enum(['on', 'off', 'true', 'false'], { message: 'INTROSPECTION must be on or off (or true / false)' }).optional(),
  CORS_ORIGINS: z.string().optional(),
  GRAPHIQL: z.enum(['on', 'off', 'true', 'false'], { message: 'GRAPHIQL must be on or off (or true or false)' }).optional(),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/, message: 'JWT_JWKS_URL must be an http(s) URL' }).optional(),
  JWT_ISSUER: z.string().min(1).max(500).optional(),
  JWT_AUDIENCE: z.string().min(1).max(500).optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2, 'MAX_QUERY_DEPTH must be at least 2').max(100).default(DEFAULT_LIMITS.maxQueryDepth),
  MAX_QUERY_COST: z.coerce.number().int().min(100, 'MAX_QUERY_COST must be at least 100').max(10_000_000).default(DEFAULT_LIMITS.maxQueryCost),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(1000).default(DEFAULT_LIMITS.maxSubscriptionsPerSocket),
  WS_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_LIMITS.maxSocketsPerUser),
  JOBS: z.enum(['on', 'once', 'off'], { message: 'JOBS must be on, once or off' }).default(DEFAULT_JOBS.mode),
  EXPIRY_SWEEP_INTERVAL: z.string().default('10m'),
  REMINDER_INTERVAL: z.string().default('1h'),
  REMINDER_DAYS: z.string().default(DEFAULT_JOBS.reminderDays.join(',')),
  STUCK_AFTER_DAYS: z.coerce.number({ message: 'STUCK_AFTER_DAYS must be a whole number of days' }).int('STUCK_AFTER_DAYS must be a whole number of days').min(1, 'STUCK_AFTER_DAYS must be at least 1').max(3650, 'STUCK_AFTER_DAYS must be at most 3650').default(DEFAULT_JOBS.stuckAfterDays),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().max(300).optional(),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_DATABASE_TIMEOUTS.connectMs),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_DATABASE_TIMEOUTS.acquireMs),
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DATABASE_TIMEOUTS.queryMs),
  METRICS_TOKEN: z.string().min(24, 'METRICS_TOKEN must be at least 24 characters (e.g. openssl rand -hex 24)').max(512).regex(/^[\x21-\x7e]+$/, 'METRICS_TOKEN must be printable ASCII without spaces').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // main.ts ends the process 10 s after SIGTERM whatever happens: the delay leaves room for the rest.
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(5_000, 'SHUTDOWN_DELAY_MS must be at most 5000 (the whole shutdown has 10 s)').default(0),
  LOGIN_THROTTLE: z.enum(['on', 'off', 'true', 'false'], { message: 'LOGIN_THROTTLE must be on or off' }).optional(),
  LOGIN_ACCOUNT_FREE_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(DEFAULT_LOGIN_THROTTLE.accountFreeAttempts),
  LOGIN_ADDRESS_FREE_ATTEMPTS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_LOGIN_THROTTLE.addressFreeAttempts),
  LOGIN_FIRST_DELAY: z.string().optional(),
  LOGIN_MAX_LOCK: z.string().optional(),
  LOGIN_FAILURE_WINDOW: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  GRAPHQL_EXECUTION: z.enum(['jit', 'graphql-js', 'verify'], { message: 'GRAPHQL_EXECUTION must be jit, graphql-js or verify' }).default('jit'),
  GRAPHQL_VERIFY_LOG: z.string().optional(),
  RESPONSE_CACHE: z.enum(['on', 'off', 'true', 'false'], { message: 'RESPONSE_CACHE must be on or off' }).optional(),
  RESPONSE_CACHE_MAX_BYTES: z.coerce
    .number({ message: 'RESPONSE_CACHE_MAX_BYTES must be a whole number of bytes' })
    .int('RESPONSE_CACHE_MAX_BYTES must be a whole number of bytes')
    .min(1024 * 1024, 'RESPONSE_CACHE_MAX_BYTES must be at least 1048576 (1 MiB)')
    .max(16 * 1024 * 1024 * 1024, 'RESPONSE_CACHE_MAX_BYTES must be at most 17179869184 (16 GiB)')
    .default(DEFAULT_RESPONSE_CACHE_MAX_BYTES),
});

/** Every environment variable Jalin reads (docs/OPERATIONS.md, "Settings", lists each: test/operations-settings.test.ts). */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

function loginThrottleConfig(e: z.infer<typeof envSchema>): LoginThrottleConfig | null {
  if (e.LOGIN_THROTTLE === 'off' || e.LOGIN_THROTTLE === 'false') return null;
  const firstDelayMs = e.LOGIN_FIRST_DELAY ? parseMillis('LOGIN_FIRST_DELAY', e.LOGIN_FIRST_DELAY) : DEFAULT_LOGIN_THROTTLE.firstDelayMs;
  const maxLockMs = e.LOGIN_MAX_LOCK ? parseMillis('LOGIN_MAX_LOCK', e.LOGIN_MAX_LOCK) : DEFAULT_LOGIN_THROTTLE.maxLockMs;
  const windowMs = e.LOGIN_FAILURE_WINDOW ? parseMillis('LOGIN_FAILURE_WINDOW', e.LOGIN_FAILURE_WINDOW) : DEFAULT_LOGIN_THROTTLE.windowMs;
  if (firstDelayMs < 1 || firstDelayMs > maxLockMs) throw new ConfigError('LOGIN_FIRST_DELAY must be more than 0 and at most LOGIN_MAX_LOCK');
  if (maxLockMs > 24 * 3_600_000) throw new ConfigError('LOGIN_MAX_LOCK must be at most 24h');
  // Failures forgotten before a lock ends would let the next failure start again from the first delay.
  if (windowMs < maxLockMs) throw new ConfigError('LOGIN_FAILURE_WINDOW must be at least LOGIN_MAX_LOCK');
  if (windowMs > 7 * 24 * 3_600_000) throw new ConfigError('LOGIN_FAILURE_WINDOW must be at most 168h');
  return { accountFreeAttempts: e.LOGIN_ACCOUNT_FREE_ATTEMPTS, addressFreeAttempts: e.LOGIN_ADDRESS_FREE_ATTEMPTS, firstDelayMs, maxLockMs, windowMs };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  // An external provider's tokens are only safe to accept when they are meant for this API.
  if (e.JWT_JWKS_URL && (!e.JWT_ISSUER || !e.JWT_AUDIENCE)) {
    throw new ConfigError('JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE too, so that only tokens issued for Jalin are accepted');
  }
  // Keys fetched over plain HTTP could be swapped on the way; tests and development may use a local server.
  if (e.JWT_JWKS_URL && e.NODE_ENV === 'production' && !e.JWT_JWKS_URL.startsWith('https://')) {
    throw new ConfigError('JWT_JWKS_URL must be an https:// URL in production');
  }
  if (!e.JWT_JWKS_URL && (e.JWT_ISSUER || e.JWT_AUDIENCE)) {
    throw new ConfigError('JWT_ISSUER and JWT_AUDIENCE apply to external tokens only: set JWT_JWKS_URL as well');
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(`METRICS_PORT must differ from PORT (${e.PORT}): the metrics port is meant for the monitoring network only`);
  }
  const database = parseDatabaseUrl(e.DATABASE_URL);
  const replicaDatabases = e.DATABASE_REPLICA_URLS ? parseReplicaUrls(e.DATABASE_REPLICA_URLS, database) : [];
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database,
    readReplicas: replicaDatabases.length
      ? { databases: replicaDatabases, maxLagSeconds: e.DATABASE_REPLICA_MAX_LAG, checkIntervalMs: Math.round(e.DATABASE_REPLICA_CHECK_INTERVAL * 1000) }
      : null,
    redisUrl: e.REDIS_URL ?? null,
    jwtSecret: e.JWT_SECRET ?? null,
    jwtTtlSeconds: parseDuration(e.JWT_TTL),
    logLevel: e.LOG_LEVEL,
    seedDemoData: e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === 'true' : e.NODE_ENV !== 'production',
    introspection: e.INTROSPECTION ? e.INTROSPECTION === 'on' || e.INTROSPECTION === 'true' : e.NODE_ENV !== 'production',
    corsOrigins: e.CORS_ORIGINS ? parseCorsOrigins(e.CORS_ORIGINS) : [],
    graphiql: e.GRAPHIQL ? e.GRAPHIQL === 'on' || e.GRAPHIQL === 'true' : e.NODE_ENV !== 'production',
    externalIdp: e.JWT_JWKS_URL ? { jwksUrl: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER!, audience: e.JWT_AUDIENCE! } : null,
    limits: {
      maxQueryDepth: e.MAX_QUERY_DEPTH,
      maxQueryCost: e.MAX_QUERY_COST,
      maxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
    },
    jobs: {
      mode: e.JOBS,
      expirySweepIntervalMs: parseJobInterval('EXPIRY_SWEEP_INTERVAL', e.EXPIRY_SWEEP_INTERVAL),
      remindersIntervalMs: parseJobInterval('REMINDER_INTERVAL', e.REMINDER_INTERVAL),
      reminderDays: parseReminderDays(e.REMINDER_DAYS),
      stuckAfterDays: e.STUCK_AFTER_DAYS,
    },
    mail: parseMail(e),
    databaseTimeouts: { connectMs: e.DB_CONNECT_TIMEOUT_MS, acquireMs: e.DB_ACQUIRE_TIMEOUT_MS, queryMs: e.DB_QUERY_TIMEOUT_MS },
    metrics: { token: e.METRICS_TOKEN ?? null, port: e.METRICS_PORT ?? null },
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    loginThrottle: loginThrottleConfig(e),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    execution: { mode: e.GRAPHQL_EXECUTION, verifyLog: e.GRAPHQL_VERIFY_LOG ?? null },
    responseCache: e.RESPONSE_CACHE === 'off' || e.RESPONSE_CACHE === 'false' ? null : { maxBytes: e.RESPONSE_CACHE_MAX_BYTES },
  };
}
