import net from 'node:net';
import { startServer } from '../src/server';
import { Fixtures } from './support/fixtures';
import { demoBoards } from './support/board-helpers';
import { gid } from './support/ids';
import { bearer, rawSocket, type RawSocket } from './support/raw-socket';
import { assertBuilt, killProcess, startServerProcess, type RunningProcess } from './support/server-process';
import { slowLink, type SlowLink } from './support/slow-link';
import { startTestServer, type TestServer } from './support/test-server';
import { describeEachDatabaseWithRedis, redisUrl } from './support/redis';

/** Each start-up's distance to Redis: localhost as is, and links that deliver Redis's replies late. */
const LATENCIES_MS = [0, 0, 0, 5, 20, 50, 100, 200];

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms).unref())]);

/**
 * With REDIS_URL, a deactivation reaches a process's sockets only through the
 * USER_SESSIONS_REVOKED channel; the periodic session check (every 30 s) is a safety net behind it.
 * Each start-up of the real server process must have that subscription in place before it says it
 * is ready. (The race it once lost depends on a fresh process's timing, which an in-process
 * restart does not reproduce: hence separate processes.)
 */
describeEachDatabaseWithRedis('session revocation through Redis, across start-ups', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let admin: string;
  let agreementId: string;

  beforeAll(async () => {
    assertBuilt();
    // Only the database and its demo data: this server does not use Redis.
    t = await startTestServer(dialect, 'redis-revocation');
    f = new Fixtures(t);
    admin = await t.login('admin@jalin.local');
    agreementId = (await demoBoards(t, admin)).drafting[0];
  });
  afterAll(() => t?.close());

  it.each(LATENCIES_MS.map((latencyMs, i) => [i + 1, latencyMs]))(
    'start-up %i (Redis replies %i ms late): a deactivated user’s board subscription closes with 4403 at once, and no Redis client errs',
    async (_startUp, latencyMs) => {
      let server: RunningProcess | undefined;
      let socket: RawSocket | undefined;
      let link: SlowLink | undefined;
      try {
        link = latencyMs ? await slowLink(redisUrl(), latencyMs) : undefined;
        server = await startServerProcess(t.config.database, 0, { REDIS_URL: link?.url ?? redisUrl(), SEED_DEMO_DATA: 'false', LOG_LEVEL: 'info' });
        const user = await f.user();
        socket = rawSocket(server.wsUrl, bearer(await t.server.services.auth.issueToken(user)));
        await socket.acknowledged;
        socket.send({ id: 'board', type: 'subscribe', payload: { query: 'subscription($a: ID!) { boardEvents(agreementId: $a, afterSeq: 0) { seq } }', variables: { a: agreementId } } });
        // The replay's first event: the subscription runs.
        await socket.next((m) => m.id === 'board' && m.type === 'next');

        const result = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ query: 'mutation($id: ID!) { deactivateUser(id: $id) { active } }', variables: { id: gid('User', user.id) } }),
        });
        expect(await result.json()).toEqual({ data: { deactivateUser: { active: false } } });
        // Well inside the 30 s of the periodic check: only the revocation through Redis is this fast.
        expect(await withTimeout(socket.closed, 10_000)).toEqual({ code: 4403, reason: 'Account deactivated' });
        expect(server.output().split('\n').filter((line) => /subscriber mode/i.test(line))).toEqual([]);
      } finally {
        socket?.socket.terminate();
        await killProcess(server);
        await link?.close();
      }
    },
    60_000,
  );

  it('refuses to start, with a clear error, when Redis does not confirm the subscription in time', async () => {
    // A port where nothing answers: ioredis keeps trying, the start-up gives up after its wait.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(startServer({ ...t.config, port: 0, seedDemoData: false, redisUrl: `redis://127.0.0.1:${port}` }, { redisSubscribeTimeoutMs: 500 })).rejects.toThrow(
      /^Redis did not confirm the subscription to USER_SESSIONS_REVOKED within 500 ms .*is REDIS_URL reachable\?$/,
    );
  });
});
