import mysql from 'mysql2/promise';
import { DataSource, type QueryRunner } from 'typeorm';
import type { DatabaseConfig, ReadReplicasConfig } from './config';
import { dataSourceOptions, type DataSourceExtras } from './data-source';
import { readDataVersion } from './data-version';
import type { Logger } from './logger';
import { pinnedReplica, pinReadsToPrimary, pinReadsToReplica, readsOnPrimary } from './read-routing';

type MysqlDatabase = Extract<DatabaseConfig, { dialect: 'mysql' }>;

/** What the last check found about one replica (the server's `replicas` status, logs and tests). */
export interface ReplicaStatus {
  /** host:port/database, never the password. */
  name: string;
  /** Reads may go to it: it answers, replicates, and is no further behind than the bound. */
  usable: boolean;
  /** Seconds_Behind_Master at the last check (null: unknown, e.g. replication stopped). */
  lagSeconds: number | null;
  /** Why it is not used, in words. */
  reason: string | null;
}

/** How long a replica may take to accept a connection or answer the check before it counts as down. */
const CONNECT_TIMEOUT_MS = 2_000;
const CHECK_TIMEOUT_MS = 2_000;
/**
 * How long a response-cache miss waits for a replica's data version (a point read; connecting
 * included) before it reads the primary and counts the replica down until a check finds it back:
 * shorter than the connection bound, since the primary can answer the miss at once.
 */
const VERSION_READ_TIMEOUT_MS = 1_000;

/** Errors that say the server is not there (as opposed to a bad statement): the read is retried on the primary. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
]);

function isUnreachable(error: unknown): boolean {
  const e = error as { code?: string; fatal?: boolean; driverError?: { code?: string; fatal?: boolean } } | null;
  const code = e?.driverError?.code ?? e?.code;
  // mysql2 refuses a statement on a connection the server closed with this message and no code.
  const closed = /connection is in closed state/.test(String((error as Error)?.message));
  return Boolean((code && UNREACHABLE.has(code)) || e?.fatal || e?.driverError?.fatal || closed);
}

class Replica {
  readonly name: string;
  dataSource: DataSource | null = null;
  private opening: Promise<DataSource> | null = null;
  private monitor: mysql.Connection | null = null;
  status: ReplicaStatus;

  constructor(
    readonly db: MysqlDatabase,
    private readonly extras: DataSourceExtras,
  ) {
    this.name = `${db.host}:${db.port}/${db.database}`;
    this.status = { name: this.name, usable: false, lagSeconds: null, reason: 'not checked yet' };
  }

  /** The replica's own pool; opened on first use and again after a failed start. */
  open(): Promise<DataSource> {
    if (this.dataSource?.isInitialized) return Promise.resolve(this.dataSource);
    this.opening ??= (async () => {
      const options = dataSourceOptions(this.db, this.extras);
      const dataSource = new DataSource({ ...options, connectTimeout: CONNECT_TIMEOUT_MS } as typeof options);
      try {
        await dataSource.initialize();
        this.dataSource = dataSource;
        return dataSource;
      } finally {
        this.opening = null;
      }
    })();
    return this.opening;
  }

  /**
   * Asks the replica how its replication stands. Usable only when both replication threads run and
   * it is at most `maxLagSeconds` behind: with the SQL thread stopped or the primary unreachable
   * from it, the server reports no lag (NULL) and could be any distance behind, so it is not read.
   */
  async check(maxLagSeconds: number): Promise<ReplicaStatus> {
    try {
      const rows = await withTimeout(this.replicationRows(), CHECK_TIMEOUT_MS, 'the replication check did not answer');
      await this.open();
      this.status = judgeReplication(this.name, rows, maxLagSeconds);
    } catch (error) {
      this.closeMonitor();
      this.status = { name: this.name, usable: false, lagSeconds: null, reason: `does not answer: ${(error as Error).message}` };
    }
    return this.status;
  }

  markDown(error: unknown) {
    this.status = { name: this.name, usable: false, lagSeconds: null, reason: `does not answer: ${(error as Error)?.message ?? String(error)}` };
  }

  private async replicationRows(): Promise<Record<string, unknown>[]> {
    // A connection kept from an earlier check may have been closed by the server since (a restart):
    // that is not the replica being down, so it is asked once more on a new connection.
    const reused = this.monitor !== null;
    try {
      return await this.showReplicationStatus();
    } catch (error) {
      if (!reused) throw error;
      this.closeMonitor();
      return this.showReplicationStatus();
    }
  }

  private async showReplicationStatus(): Promise<Record<string, unknown>[]> {
    if (!this.monitor) {
      const monitor = await mysql.createConnection({
        host: this.db.host,
        port: this.db.port,
        user: this.db.user,
        password: this.db.password,
        connectTimeout: CONNECT_TIMEOUT_MS,
      });
      // An idle connection that breaks reports it as an 'error' event, which would otherwise end the process.
      monitor.on('error', () => {
        if (this.monitor === monitor) this.closeMonitor();
      });
      this.monitor = monitor;
    }
    // A separate connection (not the pool): the check is not a read of the application, and the
    // statement counts of tests stay what the requests cause. SHOW SLAVE STATUS is what MariaDB
    // (every version) and MySQL up to 8.0 know; MySQL 8.4 only knows SHOW REPLICA STATUS.
    try {
      const [rows] = await this.monitor.query<mysql.RowDataPacket[]>('SHOW SLAVE STATUS');
      return rows;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ER_PARSE_ERROR') throw error;
      const [rows] = await this.monitor.query<mysql.RowDataPacket[]>('SHOW REPLICA STATUS');
      return rows;
    }
  }

  private closeMonitor() {
    this.monitor?.destroy();
    this.monitor = null;
  }

  async close() {
    this.closeMonitor();
    await this.opening?.catch(() => undefined);
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }
}

export function judgeReplication(name: string, rows: Record<string, unknown>[], maxLagSeconds: number): ReplicaStatus {
  if (rows.length === 0) return { name, usable: false, lagSeconds: null, reason: 'is not a replica (SHOW SLAVE STATUS is empty)' };
  let worst = 0;
  for (const row of rows) {
    const io = row.Slave_IO_Running ?? row.Replica_IO_Running;
    const sql = row.Slave_SQL_Running ?? row.Replica_SQL_Running;
    const lag = row.Seconds_Behind_Master ?? row.Seconds_Behind_Source;
    if (sql !== 'Yes') return { name, usable: false, lagSeconds: null, reason: 'replication is stopped (SQL thread not running): its lag is unknown' };
    if (io !== 'Yes') return { name, usable: false, lagSeconds: null, reason: `it does not receive from the primary (IO thread: ${String(io)})` };
    if (lag === null || lag === undefined) return { name, usable: false, lagSeconds: null, reason: 'its lag is unknown' };
    worst = Math.max(worst, Number(lag));
  }
  if (worst > maxLagSeconds) return { name, usable: false, lagSeconds: worst, reason: `${worst} s behind the primary (more than ${maxLagSeconds} s)` };
  return { name, usable: true, lagSeconds: worst, reason: null };
}

/** A replica that did not answer within its bound: as good as down. */
class ReplicaTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ReplicaTimeout(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Where a response-cache miss read its data (see `ReplicaReader.routeMiss`): on the replica picked,
 * because it was `fresh` (at least as new as the key's version), or on the primary, because the
 * replica picked was `behind`, its version could not be read (`failed`), none was usable
 * (`none_usable`), or the request already reads the primary (`pinned`: it wrote something).
 */
export type MissRoute = { server: 'replica'; reason: 'fresh' } | { server: 'primary'; reason: 'behind' | 'failed' | 'none_usable' | 'pinned' };

/**
 * The DataSource that dashboards, lists, reports and exports read through when there are replicas.
 * It is a DataSource of the primary (so start-up never waits for a replica), whose query runners
 * come from a usable replica, round robin, unless the request reads the primary (read-routing.ts)
 * or no replica is usable; a replica that turns out to be unreachable when a read needs it is
 * marked down and that read runs on the primary instead. A request pinned to one replica (a
 * response-cache miss, see routeMiss) reads that replica while it is usable, else the primary.
 */
class ReplicaReader extends DataSource {
  private next = 0;

  constructor(
    options: ConstructorParameters<typeof DataSource>[0],
    private readonly primary: DataSource,
    private readonly replicas: Replica[],
    private readonly log: Logger,
  ) {
    super(options);
  }

  override createQueryRunner(mode: 'master' | 'slave' = 'master'): QueryRunner {
    const replica = readsOnPrimary() ? null : this.replicaForRequest();
    if (!replica?.dataSource) return this.primary.createQueryRunner(mode);
    return this.withFallback(replica, replica.dataSource.createQueryRunner('master'));
  }

  /**
   * Where the reads of a response-cache miss go (http/response-cache.ts). Its answer will be stored
   * under `version`, the primary's data version read just before, so it must be read from data at
   * least that new. One replica is picked as for any read (round robin over the usable ones) and
   * asked its own data version, one indexed point read:
   *
   * - equal to `version`: the replica holds exactly the primary's data at `version`. The version
   *   row is bumped inside every writing transaction and a replica applies transactions in the
   *   primary's commit order (all of them update that one row, so even a parallel applier cannot
   *   reorder them), so a replica at v has applied every transaction up to v's and none after.
   * - greater (the primary moved on since the key's version was read, and the replica already has
   *   it): newer than the key, which is exactly what a miss read on the primary meets when a write
   *   commits between the version read and the data reads. The answer shows every write
   *   acknowledged before `version` was read, and no request that starts after the newer write
   *   reads `version` again, so none can meet it. The replica is used.
   * - smaller (the replica lags): its answer could miss writes acknowledged before `version` and
   *   would be served under it as if current. The primary reads it, as every miss did before
   *   replicas were asked (not re-keyed under the replica's older version: a request that read
   *   `version` must not be answered with older data, and the next miss may find it caught up).
   *
   * Each read of the request then goes to that replica only (another one may be behind), and only
   * forward in time: every statement starts after the version read, and a replica never goes back.
   * If the replica fails a check or drops out meanwhile, the request's reads go to the primary,
   * which is always at least as new.
   */
  async routeMiss(version: string): Promise<MissRoute> {
    // Read-your-writes comes first: a request that wrote stays on the primary.
    if (readsOnPrimary()) return { server: 'primary', reason: 'pinned' };
    const replica = this.pick();
    if (!replica?.dataSource) {
      pinReadsToPrimary();
      return { server: 'primary', reason: 'none_usable' };
    }
    let replicaVersion: string;
    try {
      // A replica cut off silently must not hold the request for the statement timeout (30 s).
      replicaVersion = await withTimeout(readDataVersion(replica.dataSource), VERSION_READ_TIMEOUT_MS, `its data version was not read within ${VERSION_READ_TIMEOUT_MS} ms`);
    } catch (error) {
      if (isUnreachable(error) || error instanceof ReplicaTimeout) this.down(replica, error);
      else this.log.warn({ replica: replica.name, err: error }, 'read replica: its data version could not be read; the request reads the primary');
      pinReadsToPrimary();
      return { server: 'primary', reason: 'failed' };
    }
    if (BigInt(replicaVersion) < BigInt(version)) {
      pinReadsToPrimary();
      return { server: 'primary', reason: 'behind' };
    }
    pinReadsToReplica(replica);
    return { server: 'replica', reason: 'fresh' };
  }

  /** The replica the request is pinned to while it is usable (else none: the primary), or the next usable one. */
  private replicaForRequest(): Replica | null {
    const pinned = pinnedReplica();
    if (pinned === null) return this.pick();
    const replica = this.replicas.find((r) => r === pinned);
    return replica?.status.usable && replica.dataSource?.isInitialized ? replica : null;
  }

  private pick(): Replica | null {
    const usable = this.replicas.filter((r) => r.status.usable && r.dataSource?.isInitialized);
    if (usable.length === 0) return null;
    this.next = (this.next + 1) % usable.length;
    return usable[this.next];
  }

  /**
   * A replica can go away between two checks. A statement that fails because it is unreachable
   * (outside a transaction: a transaction's statements must stay on one server) runs again on the
   * primary; the replica is not used until a check finds it back.
   */
  private withFallback(replica: Replica, runner: QueryRunner): QueryRunner {
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      try {
        return await query(...args);
      } catch (error) {
        if (!isUnreachable(error) || runner.isTransactionActive) throw error;
        this.down(replica, error);
        const fallback = this.primary.createQueryRunner();
        try {
          return await (fallback.query as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          await fallback.release();
        }
      }
    }) as QueryRunner['query'];
    const startTransaction = runner.startTransaction.bind(runner);
    runner.startTransaction = async (...args) => {
      try {
        return await startTransaction(...args);
      } catch (error) {
        if (isUnreachable(error)) this.down(replica, error);
        throw error;
      }
    };
    return runner;
  }

  private down(replica: Replica, error: unknown) {
    if (replica.status.usable) this.log.warn({ replica: replica.name, err: error }, 'read replica unreachable: reading the primary until it is back');
    replica.markDown(error);
  }
}

export interface ReplicaSet {
  /** Where plain reads go (see ReplicaReader). */
  reader: DataSource;
  /** The replicas as of their last check. */
  status(): ReplicaStatus[];
  /** Sends the reads of a response-cache miss keyed by `version` to a replica at least that new, or to the primary (see ReplicaReader.routeMiss). */
  routeMiss(version: string): Promise<MissRoute>;
  /** Checks every replica now (also done every `checkIntervalMs`). */
  checkNow(): Promise<ReplicaStatus[]>;
  close(): Promise<void>;
}

/**
 * Opens the replica reader over `primary` and starts checking the replicas. Resolves after the
 * first check, so the first request already knows which replicas it may read; a replica that is
 * down then is simply not read until it is back.
 */
export async function openReplicaSet(
  primary: DataSource,
  database: MysqlDatabase,
  config: ReadReplicasConfig,
  logger: Logger,
  extras: DataSourceExtras = {},
): Promise<ReplicaSet> {
  const replicas = config.databases.map((db) => new Replica({ ...db, flavor: database.flavor }, extras));
  const readerOptions = dataSourceOptions(database, extras);
  const reader = new ReplicaReader({ ...readerOptions, extra: { connectionLimit: 1 } } as typeof readerOptions, primary, replicas, logger);
  await reader.initialize();

  let checking: Promise<ReplicaStatus[]> | null = null;
  let first = true;
  const checkNow = () =>
    (checking ??= (async () => {
      try {
        const before = replicas.map((r) => r.status.usable);
        const statuses = await Promise.all(replicas.map((r) => r.check(config.maxLagSeconds)));
        // Changes only (and, at start-up, any replica not in use): not a line every few seconds.
        statuses.forEach((status, i) => {
          if (status.usable && !before[i]) logger.info({ replica: status.name, lagSeconds: status.lagSeconds }, 'read replica in use');
          else if (!status.usable && (before[i] || first)) logger.warn({ replica: status.name, reason: status.reason }, 'read replica not used: reading the primary instead');
        });
        first = false;
        return statuses;
      } finally {
        checking = null;
      }
    })());
  await checkNow();
  const timer = setInterval(() => void checkNow().catch((error: unknown) => logger.error({ err: error }, 'read replica check failed')), config.checkIntervalMs);
  timer.unref();

  return {
    reader,
    status: () => replicas.map((r) => ({ ...r.status })),
    routeMiss: (version) => reader.routeMiss(version),
    checkNow,
    async close() {
      clearInterval(timer);
      await checking?.catch(() => undefined);
      await Promise.all(replicas.map((r) => r.close()));
      if (reader.isInitialized) await reader.destroy();
    },
  };
}
