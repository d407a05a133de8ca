import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run test:unit` runs every test file not named *.e2e.test.ts, without building first: such a
 * file must start no server (test/support/test-server.ts, server-process.ts) and need nothing from
 * dist/. A test that does is an end-to-end test and is named so.
 */
describe('unit test files', () => {
  const dir = __dirname;
  const unitFiles = fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts') && !name.endsWith('.e2e.test.ts'));

  it('exist (the check below would pass on none)', () => {
    expect(unitFiles).toEqual(expect.arrayContaining(['unit-tests.test.ts', 'board-stream.test.ts']));
  });

  it.each(unitFiles)('%s starts no server and needs no build', (name) => {
    const source = fs.readFileSync(path.join(dir, name), 'utf8');
    expect(source).not.toMatch(/support\/(test-server|server-process)['"]/);
    expect(source).not.toMatch(/['"/]dist\//);
  });
});

/**
 * Every test that needs Redis is gated one way (support/redis.ts): inside `describeWithRedis` or
 * `describeEachDatabaseWithRedis`, which run with TEST_REDIS_URL and are skipped, saying why,
 * without it. A file that reads the variable itself would quietly run less (or fail) without Redis.
 */
describe('Redis tests', () => {
  const dir = __dirname;
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts') && name !== 'unit-tests.test.ts');
  const usingRedis = files.filter((name) => /\bredisUrl\(\)/.test(fs.readFileSync(path.join(dir, name), 'utf8')));

  it('exist (the check below would pass on none)', () => {
    expect(usingRedis).toEqual(expect.arrayContaining(['redis-revocation.e2e.test.ts', 'login-throttle.e2e.test.ts']));
  });

  it.each(usingRedis)('%s is gated by support/redis.ts and reads no Redis variable itself', (name) => {
    const source = fs.readFileSync(path.join(dir, name), 'utf8');
    expect(source).toMatch(/\bdescribe(EachDatabase)?WithRedis\(/);
    expect(source).not.toMatch(/TEST_REDIS_URL|process\.env\.(TEST_)?REDIS/);
  });
});
