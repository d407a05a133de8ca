import { createMysqlDatabase, createSqliteDatabase, type BenchDatabase } from './database';
import { login, missingBoardApi } from './graphql';
import { startJalin, type JalinProcess } from './process';

export interface JalinOnFreshDatabase {
  database: BenchDatabase;
  jalin: JalinProcess;
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
  const adminToken = await login(jalin.url, 'admin@jalin.local');
  const missing = await missingBoardApi(jalin.url, adminToken);
  if (missing.length) return { missing };
  return { database, jalin, adminToken, viewerToken: await login(jalin.url, 'viewer@jalin.local') };
}

export const BOARD_API_SKIP = 'board API not available';
