import { createMysqlDatabase, createSqliteDatabase, type BenchDatabase } from './database';
import { login, missingBoardApi } from './graphql';
import { startJalin, type JalinProcess } from './process';
import { openDatabase, type SqlRunner } from './sql';
import { BENCH_PASSWORD, BENCH_USERS, insertBenchUsers } from './users';

export interface JalinOnFreshDatabase {
  database: BenchDatabase;
  jalin: JalinProcess;
  /** A small pool on the same database, for loading data and checking results. */
  db: SqlRunner;
  adminId: number;
  adminToken: string;
  viewerToken: string;
}

/**
 * A fresh database and a started server on it (migrated and seeded by the server itself), or the
 * reason the scenario cannot run: the board API (issue 5) missing from this build.
 */
export async function jalinWithBoardApi(
  dialect: 'mysql' | 'sqlite',
  suffix: string,
  defer: (cleanup: () => Promise<unknown>) => void,
): Promise<JalinOnFreshDatabase | { missing: string[] }> {
  const database = dialect === 'mysql' ? await createMysqlDatabase(suffix) : createSqliteDatabase();
  defer(() => database.drop());
  const jalin = await startJalin(database.url);
  defer(() => jalin.stop());
  const db = openDatabase(database, 4);
  defer(() => db.close());
  const { adminId } = await insertBenchUsers(db);
  const adminToken = await login(jalin.url, BENCH_USERS.admin, BENCH_PASSWORD);
  const missing = await missingBoardApi(jalin.url, adminToken);
  if (missing.length) return { missing };
  return { database, jalin, db, adminId, adminToken, viewerToken: await login(jalin.url, BENCH_USERS.viewer, BENCH_PASSWORD) };
}

export const BOARD_API_SKIP = 'board API not available';
