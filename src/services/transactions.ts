import type { DataSource, EntityManager } from 'typeorm';
import { Agreement } from '../entities';

const isSqlite = (dataSource: DataSource) => dataSource.options.type === 'better-sqlite3';

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
