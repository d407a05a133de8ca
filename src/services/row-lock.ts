import type { EntityManager } from 'typeorm';
import { Agreement } from '../entities';

/*
 * The one definition of how a transaction locks a row it reads in order to change it (an agreement
 * above all: the workflow, the registry, meetings and the board lock it before they decide).
 *
 * MySQL/MariaDB: SELECT … FOR UPDATE, which holds the row until COMMIT. SQLite has no row locks and
 * needs none within a process (better-sqlite3 runs one transaction at a time on its one connection,
 * and the database has a single writer); `lockAgreement` also takes SQLite's write lock first, for
 * the work that must see other processes' last commit before it decides (see there).
 */

const isSqlite = (manager: EntityManager) => manager.connection.options.type === 'better-sqlite3';

/** The lock for TypeORM's `find` options (`lock: lockFor(manager)`). */
export const lockFor = (manager: EntityManager) => (isSqlite(manager) ? undefined : ({ mode: 'pessimistic_write' } as const));

/** The same lock as a clause that ends a hand-written `SELECT` (the board's statements): ' FOR UPDATE', or nothing on SQLite. */
export const lockClause = (manager: EntityManager) => (isSqlite(manager) ? '' : ' FOR UPDATE');

/**
 * Locks one agreement row for the rest of the transaction and reads it. MySQL: SELECT … FOR UPDATE.
 * SQLite: a write as the first statement takes the database's write lock now (other processes wait
 * on busy_timeout), so what is read next is the latest committed state.
 */
export async function lockAgreement(manager: EntityManager, id: number): Promise<Agreement | null> {
  if (isSqlite(manager)) await manager.query('UPDATE agreement SET version = version WHERE id = ?', [id]);
  return manager.findOne(Agreement, { where: { id }, lock: lockFor(manager) });
}
