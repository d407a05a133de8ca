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
