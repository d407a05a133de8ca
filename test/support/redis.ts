import { testDialects, type Dialect } from './databases';

/**
 * The Redis the tests may use: TEST_REDIS_URL, never a guessed default (a test that silently used
 * some Redis on localhost, or failed for want of one, would say nothing about the code).
 */
export const TEST_REDIS_URL: string | undefined = process.env.TEST_REDIS_URL || undefined;

/** The Redis URL inside a `describeWithRedis` block (where it is set). */
export function redisUrl(): string {
  if (!TEST_REDIS_URL) throw new Error('TEST_REDIS_URL is not set: use describeWithRedis');
  return TEST_REDIS_URL;
}

const SKIPPED = ' (skipped: TEST_REDIS_URL is not set)';

/**
 * A describe block that needs Redis: it runs with TEST_REDIS_URL and is skipped, saying why, without.
 * With `mariadb`, it also needs TEST_MYSQL_URL (blocks of several processes on one MariaDB).
 */
export function describeWithRedis(name: string, body: () => void, needs: { mariadb?: boolean } = {}) {
  const missing = [!TEST_REDIS_URL && 'TEST_REDIS_URL', needs.mariadb && !process.env.TEST_MYSQL_URL && 'TEST_MYSQL_URL'].filter(Boolean);
  if (missing.length === 0) describe(name, body);
  else describe.skip(`${name} (skipped: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set)`, body);
}

/** `describeEachDatabase` for blocks that need Redis: once per database, skipped (saying why) without TEST_REDIS_URL. */
export function describeEachDatabaseWithRedis(name: string, body: (dialect: Dialect) => void) {
  if (TEST_REDIS_URL) describe.each(testDialects())(`${name} [%s]`, (dialect) => body(dialect));
  else describe.skip(name + SKIPPED, () => body('sqlite'));
}
