import type { DataSource, QueryRunner } from 'typeorm';

/*
 * The data version: one row (`data_version`, id 1) whose `version` grows with every committing write,
 * inside that write's own transaction. The response cache (http/response-cache.ts) keys answers by
 * it, so an answer stored under version v was computed from data at least as new as v, and a read
 * that starts after a write was acknowledged reads a newer version, whatever process wrote.
 *
 * The bump is installed under every service, on the query runners of every DataSource that may
 * write (`bumpDataVersionOnWrite`, called by `createDataSource`), so that no write path and no
 * process can forget it: the event bus's transactions, the board's group commit, the jobs, the
 * sign-in throttle and bookkeeping, the read markers of notifications, the seed command, and any
 * future write that goes through TypeORM. A statement that is not a read marks its transaction,
 * which bumps the version just before COMMIT (so the row lock on MySQL/MariaDB is taken last and
 * held only for the commit, like the audit chain's head); a write outside a transaction is followed
 * by the bump on the same connection before its caller hears of it. A rolled-back transaction bumps
 * nothing. Migrations bump once when they are done (the table they create is not there before).
 * Writes that go around TypeORM (the raw driver, SQL typed by hand, a restored dump) do not bump:
 * after such a change, run `UPDATE data_version SET version = version + 1 WHERE id = 1`.
 */

export const BUMP_DATA_VERSION = 'UPDATE data_version SET version = version + 1 WHERE id = 1';
const READ_DATA_VERSION = 'SELECT version FROM data_version WHERE id = 1';

/** Statements that change no data: reads and transaction control (a lock is a read here: `SELECT … FOR UPDATE`). */
const CHANGES_NOTHING = /^\s*(SELECT|SHOW|WITH|EXPLAIN|\(|START|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|PRAGMA)\b/i;

/** Whether a statement may change data (anything else than a read or transaction control). */
export function mayWrite(sql: string): boolean {
  return !CHANGES_NOTHING.test(sql);
}

/** The current data version, in one statement. Read it where the request's data will be read (see server.ts). */
export async function readDataVersion(source: DataSource): Promise<string> {
  const rows = (await source.query(READ_DATA_VERSION)) as { version: string | number }[];
  return String(rows[0].version);
}

const watched = new WeakSet<QueryRunner>();
/** Runners whose open transaction has written: its COMMIT is preceded by the bump. */
const wroteInTransaction = new WeakSet<QueryRunner>();

/**
 * Tells the data version that `runner`'s open transaction writes, for writes that do not go through
 * `runner.query` (the board's prepared statements, services/sql-session.ts): its COMMIT then bumps.
 */
export function noteWrite(runner: QueryRunner): void {
  if (watched.has(runner)) wroteInTransaction.add(runner);
}

/** Makes every write through `dataSource` bump the data version in its own transaction (see above). */
export function bumpDataVersionOnWrite(dataSource: DataSource): void {
  let migrating = false;
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = ((mode?: 'master' | 'slave') => {
    const runner: QueryRunner = createQueryRunner(mode);
    // better-sqlite3 hands out its one runner again and again: wrap it once.
    if (!watched.has(runner)) {
      watched.add(runner);
      watchWrites(runner, () => !migrating);
    }
    return runner;
  }) as DataSource['createQueryRunner'];
  const runMigrations = dataSource.runMigrations.bind(dataSource);
  dataSource.runMigrations = (async (...args: Parameters<DataSource['runMigrations']>) => {
    migrating = true;
    let ran;
    try {
      ran = await runMigrations(...args);
      // A data migration changes what reads answer, and processes of the old version may be serving.
      if (ran.length) await dataSource.query(BUMP_DATA_VERSION);
    } finally {
      migrating = false;
    }
    return ran;
  }) as DataSource['runMigrations'];
  // Undoing the migration that made the table must not try to bump it.
  const undoLastMigration = dataSource.undoLastMigration.bind(dataSource);
  dataSource.undoLastMigration = (async (...args: Parameters<DataSource['undoLastMigration']>) => {
    migrating = true;
    try {
      return await undoLastMigration(...args);
    } finally {
      migrating = false;
    }
  }) as DataSource['undoLastMigration'];
}

function watchWrites(runner: QueryRunner, bumping: () => boolean): void {
  const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  const commitTransaction = runner.commitTransaction.bind(runner);
  const rollbackTransaction = runner.rollbackTransaction.bind(runner);
  // TypeORM counts nested transactions (savepoints); only the outermost COMMIT makes data visible.
  const depth = () => (runner as unknown as { transactionDepth: number }).transactionDepth;
  runner.query = (async (sql: string, ...rest: unknown[]) => {
    if (!bumping() || !mayWrite(sql)) return query(sql, ...rest);
    if (runner.isTransactionActive) {
      // Marked before it runs: when unsure (a statement that failed half-way), bump.
      wroteInTransaction.add(runner);
      return query(sql, ...rest);
    }
    const result = await query(sql, ...rest);
    await query(BUMP_DATA_VERSION);
    return result;
  }) as QueryRunner['query'];

  runner.commitTransaction = async () => {
    if (wroteInTransaction.has(runner) && depth() === 1) await query(BUMP_DATA_VERSION);
    await commitTransaction();
    if (!runner.isTransactionActive) wroteInTransaction.delete(runner);
  };

  runner.rollbackTransaction = async () => {
    try {
      await rollbackTransaction();
    } finally {
      if (!runner.isTransactionActive) wroteInTransaction.delete(runner);
    }
  };
}
