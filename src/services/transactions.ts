import type { DataSource, EntityManager } from 'typeorm';
import { Agreement } from '../entities';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

const isSqlite = (dataSource: DataSource) => dataSource.options.type === 'better-sqlite3';

/**
 * Runs `work` in one transaction. TypeORM gives better-sqlite3 a single connection, and a second
 * `transaction()` started while one is open silently becomes a SAVEPOINT inside it; so on SQLite
 * transactions of this process queue behind each other. MySQL gives each its own pooled connection.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(() => dataSource.transaction(work));
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Locks one agreement row for the rest of the transaction and reads it. MySQL: SELECT … FOR UPDATE.
 * SQLite has no row locks: a write as the first statement takes the database's write lock now (other
 * processes wait on busy_timeout), so what is read next is the latest committed state.
 */
export async function lockAgreement(manager: EntityManager, id: number): Promise<Agreement | null> {
  if (isSqlite(manager.connection)) {
    await manager.query('UPDATE agreement SET version = version WHERE id = ?', [id]);
    return manager.findOneBy(Agreement, { id });
  }
  return manager.findOne(Agreement, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
