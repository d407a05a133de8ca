import path from 'node:path';
import fs from 'node:fs';
import mysql from 'mysql2/promise';
import { bumpDataVersionOnWrite } from './data-version';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import type { DatabaseConfig } from './config';
import { entities } from './entities';
import { DEFAULT_DATABASE_TIMEOUTS, mysqlTimeoutOptions, type DatabaseTimeouts } from './database-timeouts';

const migrationsDir = (dialect: DatabaseConfig['dialect']) => path.join(__dirname, 'migrations', dialect, '*.{ts,js}');

export interface DataSourceExtras {
  /** Receives every SQL statement; the tests use it to count statements per request. */
  logger?: Logger;
  /** A read-only SQLite connection (see openReader). */
  readonly?: boolean;
  /** MySQL/MariaDB: bounds on connecting and on each statement (see database-timeouts.ts). */
  timeouts?: DatabaseTimeouts;
}

export function dataSourceOptions(db: DatabaseConfig, extras: DataSourceExtras = {}): DataSourceOptions {
  const common = {
    entities,
    migrations: [migrationsDir(db.dialect)],
    migrationsRun: false,
    synchronize: false,
    logger: extras.logger,
    logging: extras.logger ? (['query', 'error'] as const).slice() : (['error'] as const).slice(),
  };
  if (db.dialect === 'sqlite') {
    if (db.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(db.file)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      readonly: extras.readonly ?? false,
      // WAL lets dashboards read while a board change commits; foreign keys are off by default in SQLite.
      prepareDatabase: (sqlite: { pragma(sql: string): unknown }) => {
        if (!extras.readonly) sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('foreign_keys = ON');
      },
    };
  }
  const timeouts = mysqlTimeoutOptions(extras.timeouts ?? DEFAULT_DATABASE_TIMEOUTS);
  return {
    ...common,
    type: db.flavor,
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    // DATE columns stay 'YYYY-MM-DD' strings, as on SQLite; datetimes are UTC instants.
    dateStrings: ['DATE'],
    timezone: 'Z',
    ...timeouts,
    // Lets sql-session.ts send a transaction's deferred writes with its next statement in one round
    // trip (the board's change path: see docs/ARCHITECTURE.md). Every statement of the code base
    // takes its values as parameters, so no value can end one statement and start another.
    multipleStatements: true,
    extra: { ...timeouts.extra, connectionLimit: 20 },
  };
}

/**
 * A `mysql://` URL may point at MariaDB; asks the server which it is (one short connection), so the
 * schema comparison and SQL that TypeORM produces fit the server actually there.
 */
export async function detectDatabaseFlavor(db: DatabaseConfig): Promise<DatabaseConfig> {
  if (db.dialect !== 'mysql') return db;
  const connection = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return { ...db, flavor: String(rows[0].version).includes('MariaDB') ? 'mariadb' : 'mysql' };
  } finally {
    await connection.end();
  }
}

export function createDataSource(db: DatabaseConfig, extras: DataSourceExtras = {}): DataSource {
  const dataSource = new DataSource(dataSourceOptions(db, extras));
  if (db.dialect === 'sqlite') queueTransactions(dataSource);
  // Every write through it moves the data version (the response cache's key): see data-version.ts.
  if (!extras.readonly) bumpDataVersionOnWrite(dataSource);
  return dataSource;
}

/**
 * The DataSource that plain reads (dashboards, lists, reports) go through. On a SQLite file that is a
 * second, read-only connection: TypeORM's one writing connection would otherwise let a read that
 * lands between two statements of a transaction see rows that are not committed yet, and in WAL mode
 * the reader sees exactly the last commit. Elsewhere (MySQL's pool, SQLite in memory) it is `primary`.
 */
export async function openReader(primary: DataSource, db: DatabaseConfig, extras: DataSourceExtras = {}): Promise<DataSource> {
  if (db.dialect !== 'sqlite' || db.file === ':memory:') return primary;
  const reader = createDataSource(db, { ...extras, readonly: true });
  await reader.initialize();
  return reader;
}

/**
 * TypeORM gives better-sqlite3 one connection; a second transaction started while one is open would
 * silently become a SAVEPOINT inside it, and commit or roll back with it. So on SQLite every
 * transaction of the process waits for the previous one. Doing it here, under every service, means
 * no code path can forget it. (MySQL gives each transaction its own pooled connection.)
 */
function queueTransactions(dataSource: DataSource) {
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    const run = tail.then(() => transaction(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof manager.transaction;
}
