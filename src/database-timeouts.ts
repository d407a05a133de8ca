import type { DataSource } from 'typeorm';

/**
 * Bounds on every wait for MySQL/MariaDB, so that a database that stops answering (a network cut
 * that drops packets without a reset: nothing ever comes back) fails requests within seconds, as
 * SERVICE_UNAVAILABLE, instead of holding them, and the pool's connections, forever.
 */
export interface DatabaseTimeouts {
  /** TCP connect plus MySQL handshake of a new pooled connection (mysql2 `connectTimeout`). */
  connectMs: number;
  /** Waiting in the pool's queue for a free connection (mysql2 has no such bound: see boundPoolAcquire). */
  acquireMs: number;
  /**
   * One statement, from sending it to its last row (mysql2's per-query `timeout`, which TypeORM
   * passes with `enableQueryTimeout`). A statement past it fails and its connection is closed. It
   * bounds the slowest legitimate statement too (the largest report): keep it well above that.
   */
  queryMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, acquireMs: 5_000, queryMs: 30_000 };

/** The TypeORM options (mysql driver) that carry the bounds. */
export function mysqlTimeoutOptions(timeouts: DatabaseTimeouts) {
  return {
    connectTimeout: timeouts.connectMs,
    // TypeORM sends `{ sql, timeout: maxQueryExecutionTime }` to mysql2 when enableQueryTimeout is on
    // (and logs statements slower than that, which then failed anyway).
    enableQueryTimeout: true,
    maxQueryExecutionTime: timeouts.queryMs,
    // Keep-alive probes find a silently dead idle connection before a request picks it up.
    extra: { enableKeepAlive: true, keepAliveInitialDelay: 10_000 },
  };
}

export class PoolAcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';
  constructor(ms: number) {
    super(`No database connection became free within ${ms} ms`);
    this.name = 'PoolAcquireTimeoutError';
  }
}

type Callback = (error: Error | null, connection?: { release(): void }) => void;
type QueryCallback = (error: (Error & { code?: string }) | null, ...rest: unknown[]) => void;
interface PoolConnection {
  query(...args: unknown[]): unknown;
  /** A prepared statement (the board's change path, sql-session.ts). */
  execute(...args: unknown[]): unknown;
  destroy(): void;
}
interface MysqlPool {
  getConnection(callback: Callback): void;
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** The mysql2 pool under a MySQL DataSource (undefined on SQLite). */
export function mysqlPoolOf(dataSource: DataSource): MysqlPool | undefined {
  return (dataSource.driver as unknown as { pool?: MysqlPool }).pool;
}

/**
 * What mysql2 leaves unbounded or half done, made safe for a dead network:
 *
 * - A request for a connection waits in the pool's queue without limit in time: while every
 *   connection hangs, new requests would wait behind them forever. The wait gets a bound; a
 *   connection that comes free after its caller gave up goes straight back to the pool.
 * - A statement past its `timeout` fails, but its connection stays in the pool with the statement
 *   still its current command: the next statement given that connection queues behind it, with no
 *   timer of its own running yet, and hangs. Such a connection is destroyed at once.
 */
export function boundPoolAcquire(dataSource: DataSource, acquireMs: number): void {
  const pool = mysqlPoolOf(dataSource);
  if (!pool) return;
  const hardened = new WeakSet<PoolConnection>();
  const harden = (connection: PoolConnection) => {
    if (hardened.has(connection)) return;
    hardened.add(connection);
    for (const method of ['query', 'execute'] as const) {
      const send = connection[method].bind(connection);
      connection[method] = (...args: unknown[]) => {
        const last = args.length - 1;
        const callback = args[last];
        if (typeof callback === 'function') {
          args[last] = ((error, ...rest) => {
            if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
            (callback as QueryCallback)(error, ...rest);
          }) as QueryCallback;
        }
        return send(...args);
      };
    }
  };
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback: Callback) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      callback(new PoolAcquireTimeoutError(acquireMs));
    }, acquireMs);
    getConnection((error, connection) => {
      clearTimeout(timer);
      if (!settled) {
        settled = true;
        if (connection) harden(connection as unknown as PoolConnection);
        callback(error, connection);
      } else if (connection) {
        connection.release();
      }
    });
  };
}

/** The pool's connections: all, idle, and requests waiting for one (for /metrics). */
export function poolUsage(dataSource: DataSource): { all: number; free: number; queued: number } | null {
  const pool = mysqlPoolOf(dataSource);
  if (!pool?._allConnections) return null;
  return { all: pool._allConnections.length, free: pool._freeConnections?.length ?? 0, queued: pool._connectionQueue?.length ?? 0 };
}
