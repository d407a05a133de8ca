import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDatabase } from './support/each-database';
import { assertBuilt, runServerProcess as run, waitForOutput } from './support/server-process';
import { startTestServer, TEST_JWT_SECRET } from './support/test-server';

describe('the server process (npm start)', () => {
  beforeAll(assertBuilt);

  it('refuses a malformed DATABASE_URL at start-up with a clear message and exit code 78', async () => {
    const { output, exited } = run({ DATABASE_URL: 'postgres://somewhere/db' });
    expect(await exited).toBe(78);
    expect(output()).toMatch(/DATABASE_URL protocol "postgres:" is not supported/);
    expect(output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('serves the demo data on a fresh SQLite file, then shuts down cleanly on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-process-'));
    const { child, output, exited } = run({ DATABASE_URL: `sqlite:${dir}/jalin.sqlite`, PORT: '0', HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET });
    try {
      await waitForOutput(output, /Jalin is ready at (http:\/\/\S+)/, exited);
      const url = /Jalin is ready at (http:\/\/\S+)/.exec(output())![1];
      expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
      const login = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { login(email: "officer@jalin.local", password: "jalin-demo") { token } }' }),
      });
      const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
      const agreements = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ agreements { totalCount } }' }),
      });
      expect(((await agreements.json()) as { data: { agreements: { totalCount: number } } }).data.agreements.totalCount).toBe(6);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(url.replace('/graphql', '/healthz'))).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDatabase('health check', (dialect) => {
  it('answers 503 once the database no longer answers', async () => {
    const t = await startTestServer(dialect, 'healthz');
    try {
      const healthz = t.url.replace('/graphql', '/healthz');
      expect((await fetch(healthz)).status).toBe(200);
      await t.server.dataSource.destroy();
      const response = await fetch(healthz);
      expect(response.status).toBe(503);
      expect(JSON.stringify(await response.json())).not.toMatch(/Error|at /);
    } finally {
      await t.close();
    }
  });
});
