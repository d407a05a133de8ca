import { startServer, type RunningServer } from '../src/server';
import { Fixtures } from './support/fixtures';
import { bearer, rawSocket } from './support/raw-socket';
import { gid } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';
import { describeEachDatabaseWithRedis, redisUrl } from './support/redis';


describeEachDatabaseWithRedis('sessions across API processes (Redis)', (dialect) => {
  let a: TestServer;
  let b: RunningServer;
  let f: Fixtures;

  beforeAll(async () => {
    a = await startTestServer(dialect, 'multi-process', { config: { redisUrl: redisUrl() } });
    // A second API process on the same database and Redis.
    b = await startServer({ ...a.config, port: 0, seedDemoData: false });
    f = new Fixtures(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('closes a user’s socket on process B (4403) when an admin deactivates them through process A', async () => {
    const user = await f.user();
    const token = await a.server.services.auth.issueToken(user);
    const socket = rawSocket(b.wsUrl, bearer(token));
    await socket.acknowledged;
    const admin = await a.login('admin@jalin.local');
    const result = await a.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: gid('User', user.id) }, admin);
    expect(result.data).toEqual({ deactivateUser: { active: false } });
    expect(await socket.closed).toEqual({ code: 4403, reason: 'Account deactivated' });
  });

  it('closes the socket of a deactivated user even when the revocation never reaches the process (no Redis there)', async () => {
    // Process C shares the database but not Redis: only its periodic check can notice.
    const c = await startServer({ ...a.config, port: 0, seedDemoData: false, redisUrl: null }, { sessionCheckMs: 200 });
    try {
        const user = await f.user();
      const socket = rawSocket(c.wsUrl, bearer(await a.server.services.auth.issueToken(user)));
      await socket.acknowledged;
      const admin = await a.login('admin@jalin.local');
      await a.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: gid('User', user.id) }, admin);
      expect(await socket.closed).toEqual({ code: 4403, reason: 'Account deactivated' });
    } finally {
      await c.close();
    }
  });
});
