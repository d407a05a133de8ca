import { z } from 'zod';

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
}

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
});

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
  };
}
