import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, parseDatabaseUrl, type Config, type ReadReplicasConfig } from '../src/config';
import { executionEnv } from './support/verify-execution';
import { startServer, type RunningServer } from '../src/server';
import { mariadbMissing, startMariaDbPair, type MariaDbPair } from './support/mariadb-replication';
import { gid, localId } from './support/ids';
import { faultProxy, type FaultProxy } from './support/fault-proxy';
import { parsePrometheus, valueOf } from './support/prometheus';
import { BOARD_QUERY, demoBoards, type Activity } from './support/board-helpers';
import { DEMO_PASSWORD, TEST_JWT_SECRET, type GraphQLResponse, type TestServer } from './support/test-server';

/**
 * Read replicas against real servers: two mariadbd of the test's own, one replicating the other.
 * Which server a read reached is told by the servers themselves (Com_select of the replica), and
 * staleness by stopping the replica's SQL thread, so that it really lags behind the primary.
 */
const missing = mariadbMissing();

const UPDATE = `mutation Update($id: ID!, $base: Int!, $patch: DraftActivityPatch!) {
  updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { id title version agreement { id activities { id title } } }
}`;
const METRICS_TOKEN = 'replica-test-metrics';
const DASHBOARD = '{ agreements(first: 50) { edges { node { id title activities { id title } } } } }';

if (missing) {
  describe('read replicas (real MariaDB replication)', () => {
    it.skip(`SKIPPED: ${missing}; the replica test needs a local mariadbd`, () => undefined);
  });
} else {
  describe('read replicas (real MariaDB replication)', () => {
    let pair: MariaDbPair;
    let config: Config;
    let server: RunningServer;
    /** The same with the response cache on, whose replica is reached through a proxy that can cut it (the response cache test). */
    let cached: RunningServer | undefined;
    let replicaLink: FaultProxy | undefined;
    let officer: string;
    let agreementId: string;
    let activity: { id: string; title: string; version: number };

    const gql = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token: string | null = officer): Promise<GraphQLResponse<T>> => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { ...((await response.json()) as GraphQLResponse<T>), status: response.status };
    };
    const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const result = await gql<T>(query, variables);
      if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    /** SELECT statements the replica has run so far (its own counter: no test code in between). */
    const replicaSelects = async () => {
      const [row] = await pair.replica.query<{ Value: string }>("SHOW GLOBAL STATUS LIKE 'Com_select'");
      return Number(row.Value);
    };
    const selectsOnReplica = async (action: () => Promise<unknown>) => {
      const before = await replicaSelects();
      await action();
      return (await replicaSelects()) - before;
    };
    /** The activity's title as the dashboard list shows it. */
    const dashboardTitle = async () => {
      const list = await data<{ agreements: { edges: { node: { id: string; activities: { id: string; title: string }[] } }[] } }>(DASHBOARD);
      return list.agreements.edges.find((e) => e.node.id === agreementId)!.node.activities.find((a) => a.id === activity.id)!.title;
    };

    /** The activity's title as the dashboard list shows it, from the server with the response cache on. */
    const cachedTitle = async (query = DASHBOARD) => {
      const response = await fetch(cached!.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` }, body: JSON.stringify({ query }) });
      const list = ((await response.json()) as { data: { agreements: { edges: { node: { id: string; activities: { id: string; title: string }[] } }[] } } }).data;
      return list.agreements.edges.find((e) => e.node.id === agreementId)!.node.activities.find((a) => a.id === activity.id)!.title;
    };
    /** The cached server's misses by where they were read, as its /metrics tells. */
    const missReads = async () => {
      const response = await fetch(cached!.url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      const samples = parsePrometheus(await response.text());
      const count = (server: string, reason: string) => valueOf(samples, 'jalin_response_cache_miss_reads_total', { server, reason });
      return { replica: count('replica', 'fresh'), primaryBehind: count('primary', 'behind'), failed: count('primary', 'failed') };
    };

    beforeAll(async () => {
      pair = await startMariaDbPair('replicas');
      await pair.primary.query('CREATE DATABASE jalin CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      const replicas: ReadReplicasConfig = {
        databases: [parseDatabaseUrl(pair.url(pair.replica, 'jalin')) as ReadReplicasConfig['databases'][number]],
        maxLagSeconds: 10,
        // Checked only when the test says so (checkNow): what the server believes stays put while the replica is made to lag.
        checkIntervalMs: 3_600_000,
      };
      config = {
        ...loadConfig({ NODE_ENV: 'test', ...executionEnv() }),
        port: 0,
        host: '127.0.0.1',
        database: parseDatabaseUrl(pair.url(pair.primary, 'jalin')),
        readReplicas: replicas,
        redisUrl: null,
        jwtSecret: TEST_JWT_SECRET,
        logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
        seedDemoData: true,
        // The routing itself: with the response cache on, a query that hits it reads no table, and
        // one that misses it reads a replica only when that is at the key's version (see the
        // response cache test below): these tests run without it.
        responseCache: null,
      };
      server = await startServer(config);
      // The schema and demo data were written after the first check: wait for them on the replica.
      await pair.waitForReplica();
      const [status] = await server.replicas!.checkNow();
      expect(status).toMatchObject({ usable: true, reason: null });

      const login = await gql<{ login: { token: string } }>(
        'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        { email: 'officer@jalin.local', password: DEMO_PASSWORD },
        null,
      );
      officer = login.data!.login.token;
      const boards = await demoBoards({ gql: (q: string, v: Record<string, unknown>, t: string) => gql(q, v, t) } as unknown as TestServer, officer);
      agreementId = boards.drafting[0];
      const board = await data<{ board: { activities: Activity[] } }>(BOARD_QUERY, { id: agreementId });
      activity = board.board.activities[0];
    }, 120_000);

    afterAll(async () => {
      replicaLink?.set('pass');
      await cached?.close();
      await replicaLink?.close();
      await server?.close();
      await pair?.close();
    }, 60_000);

    it('sends dashboards, lists, reports and exports to the replica', async () => {
      const reads: [string, () => Promise<unknown>][] = [
        ['agreements', () => data(DASHBOARD)],
        ['partnerCities', () => data('{ partnerCities(first: 20) { nodes { name country { name } } } }')],
        ['expiringAgreements', () => data('{ expiringAgreements(withinDays: 3650, first: 20) { totalCount nodes { title } } }')],
        ['cooperationReport', () => data('{ cooperationReport { totals { agreements liveActivities } countries { country { code } agreements } } }')],
        ['catalog', () => data('{ countries { code } opds { code } }')],
        [
          'CSV export',
          async () => {
            const response = await fetch(`${server.url.replace(/\/graphql$/, '')}/reports/cooperation.csv`, { headers: { authorization: `Bearer ${officer}` } });
            expect(response.status).toBe(200);
            await response.text();
          },
        ],
      ];
      for (const [name, read] of reads) {
        expect({ name, replicaSelects: (await selectsOnReplica(read)) > 0 }).toEqual({ name, replicaSelects: true });
      }
    });

    it('keeps the board, sign-in and mutations on the primary', async () => {
      expect(await selectsOnReplica(() => data(BOARD_QUERY, { id: agreementId }))).toBe(0);
      expect(await selectsOnReplica(() => data('{ me { email opd { code } } }'))).toBe(0);
      const boardNode = await selectsOnReplica(async () => {
        const node = await data<{ node: { seq: number; activities: { title: string }[] } }>('query($id: ID!) { node(id: $id) { ... on Board { seq activities { title } } } }', {
          id: gid('Board', localId(agreementId)),
        });
        expect(node.node.activities.length).toBeGreaterThan(0);
      });
      expect(boardNode).toBe(0);
      // A mutation and everything its answer resolves.
      const result = await selectsOnReplica(async () => {
        const update = await data<{ updateDraftActivity: { version: number } }>(UPDATE, { id: activity.id, base: activity.version, patch: { title: `${activity.title} ·` } });
        activity = { ...activity, title: `${activity.title} ·`, version: update.updateDraftActivity.version };
      });
      expect(result).toBe(0);
      await pair.waitForReplica();
    });

    it('never shows the board stale while the replica lags; a dashboard read may be', async () => {
      await pair.replica.query('STOP SLAVE SQL_THREAD');
      try {
        const fresh = `Fresh title ${Date.now()}`;
        // Read-your-writes: the mutation's answer, down to the agreement's activity list, is the new state.
        const update = await data<{ updateDraftActivity: { title: string; version: number; agreement: { activities: { id: string; title: string }[] } } }>(UPDATE, {
          id: activity.id,
          base: activity.version,
          patch: { title: fresh },
        });
        expect(update.updateDraftActivity.title).toBe(fresh);
        expect(update.updateDraftActivity.agreement.activities.find((a) => a.id === activity.id)!.title).toBe(fresh);
        const old = activity.title;
        activity = { ...activity, title: fresh, version: update.updateDraftActivity.version };

        // The board query: from the primary.
        const board = await data<{ board: { activities: Activity[] } }>(BOARD_QUERY, { id: agreementId });
        expect(board.board.activities.find((a) => a.id === activity.id)!.title).toBe(fresh);

        // Over WebSocket (the board's live connection) every read is the primary's, lists included.
        const ws = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: { authorization: `Bearer ${officer}` } });
        try {
          const overSocket = await new Promise<{ agreements: { edges: { node: { id: string; activities: { id: string; title: string }[] } }[] } }>((resolve, reject) => {
            let result: unknown;
            ws.subscribe({ query: DASHBOARD }, { next: (value) => (result = value.data), error: reject, complete: () => resolve(result as never) });
          });
          expect(overSocket.agreements.edges.find((e) => e.node.id === agreementId)!.node.activities.find((a) => a.id === activity.id)!.title).toBe(fresh);
        } finally {
          await ws.dispose();
        }

        // The dashboard still reads the lagging replica (the server has not checked it since): the
        // old title, which shows both that it reads the replica and that the replica is behind.
        expect(await dashboardTitle()).toBe(old);

        // Once a check sees replication stopped (its lag is unknown), reads go to the primary.
        const [status] = await server.replicas!.checkNow();
        expect(status).toMatchObject({ usable: false, lagSeconds: null });
        expect(status.reason).toMatch(/stopped/);
        let title = '';
        expect(await selectsOnReplica(async () => (title = await dashboardTitle()))).toBe(0);
        expect(title).toBe(fresh);
      } finally {
        await pair.replica.query('START SLAVE SQL_THREAD');
      }
      // Caught up and checked again: back in use, now with the new title.
      await pair.waitForReplica();
      expect(await server.replicas!.checkNow()).toMatchObject([{ usable: true }]);
      let title = '';
      expect(await selectsOnReplica(async () => (title = await dashboardTitle()))).toBeGreaterThan(0);
      expect(title).toBe(activity.title);
    });

    it('resolves subscription events from the primary while the replica lags', async () => {
      const RENAME = 'mutation Rename($id: ID!, $title: String!) { updateAgreement(id: $id, input: { title: $title }) { title } }';
      const ws = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: { authorization: `Bearer ${officer}` } });
      const events: string[] = [];
      let heard: (() => void) | null = null;
      const stop = ws.subscribe<{ agreementUpdated: { title: string; activities: { id: string; title: string }[] } }>(
        { query: 'subscription Watch($id: ID!) { agreementUpdated(id: $id) { title activities { id title } } }', variables: { id: agreementId } },
        {
          next: (value) => {
            events.push(value.data!.agreementUpdated.title);
            heard?.();
          },
          error: (error) => events.push(`error: ${JSON.stringify(error)}`),
          complete: () => undefined,
        },
      );
      await pair.replica.query('STOP SLAVE SQL_THREAD');
      try {
        // The subscription listens from a moment after its subscribe message: rename until an event comes.
        let title = '';
        for (let attempt = 1; attempt <= 20 && events.length === 0; attempt++) {
          title = `Renamed while the replica lags ${attempt}`;
          const wait = new Promise<void>((resolve) => {
            heard = resolve;
            setTimeout(resolve, 1_000);
          });
          const renamed = await gql(RENAME, { id: agreementId, title });
          expect(renamed.errors).toBeUndefined();
          await wait;
        }
        // Each event shows the agreement as committed, not as the lagging replica still has it.
        expect(events).toEqual([title]);
        // A dashboard read still reads the replica (nothing checked it since): the title before.
        const list = await data<{ agreements: { edges: { node: { id: string; title: string } }[] } }>(DASHBOARD);
        expect(list.agreements.edges.find((e) => e.node.id === agreementId)!.node.title).not.toBe(title);
      } finally {
        stop();
        await ws.dispose();
        await pair.replica.query('START SLAVE SQL_THREAD');
      }
      await pair.waitForReplica();
    });

    it('with the response cache on, a miss reads the replica at the version of its key, the primary while the replica lags (storing no stale answer), and a hit reads neither; the exports still read the replica', async () => {
      replicaLink = await faultProxy(pair.url(pair.replica, 'jalin'));
      const readReplicas = { ...config.readReplicas!, databases: [parseDatabaseUrl(replicaLink.url) as ReadReplicasConfig['databases'][number]] };
      cached = await startServer({ ...config, readReplicas, seedDemoData: false, responseCache: { maxBytes: 16 * 1024 * 1024 }, metrics: { token: METRICS_TOKEN, port: null } });
      // Caught up: the miss reads the replica's data version, then exactly what the same query reads there without the cache.
      const withoutCache = await selectsOnReplica(() => dashboardTitle());
      expect(withoutCache).toBeGreaterThan(0);
      let title = '';
      expect(await selectsOnReplica(async () => (title = await cachedTitle()))).toBe(withoutCache + 1);
      expect(title).toBe(activity.title);
      expect(await missReads()).toEqual({ replica: 1, primaryBehind: 0, failed: 0 });
      // A hit reads no replica.
      expect(await selectsOnReplica(async () => (title = await cachedTitle()))).toBe(0);
      expect(title).toBe(activity.title);

      await pair.replica.query('STOP SLAVE SQL_THREAD');
      try {
        const fresh = `Cached fresh ${Date.now()}`;
        const update = await data<{ updateDraftActivity: { version: number } }>(UPDATE, { id: activity.id, base: activity.version, patch: { title: fresh } });
        activity = { ...activity, title: fresh, version: update.updateDraftActivity.version };
        // The cached server still counts the replica usable (no check since it stopped), yet the
        // write moved the version past the replica's: a miss that asks the replica its version
        // (its one read there) and reads the primary: the new title, stored under the new version.
        expect(await selectsOnReplica(async () => (title = await cachedTitle()))).toBe(1);
        expect(title).toBe(fresh);
        expect(await missReads()).toEqual({ replica: 1, primaryBehind: 1, failed: 0 });
        // The hit after it serves that answer, reading no replica.
        expect(await selectsOnReplica(async () => (title = await cachedTitle()))).toBe(0);
        expect(title).toBe(fresh);
        // Without the cache the same read goes to the lagging replica: it really is behind.
        expect(await dashboardTitle()).not.toBe(fresh);
      } finally {
        await pair.replica.query('START SLAVE SQL_THREAD');
      }
      await pair.waitForReplica();
      // Nothing was written since: still the hit, exact.
      expect(await selectsOnReplica(async () => (title = await cachedTitle()))).toBe(0);
      expect(title).toBe(activity.title);
      expect(await missReads()).toEqual({ replica: 1, primaryBehind: 1, failed: 0 });

      // What the cache does not hold reads the replica too: the report exports.
      const base = cached.url.replace(/\/graphql$/, '');
      for (const file of ['cooperation.csv', 'cooperation.xlsx']) {
        const onReplica = await selectsOnReplica(async () => {
          const response = await fetch(`${base}/reports/${file}`, { headers: { authorization: `Bearer ${officer}` } });
          expect(response.status).toBe(200);
          await response.arrayBuffer();
        });
        expect({ file, onReplica: onReplica > 0 }).toEqual({ file, onReplica: true });
      }

      // The replica cut off silently, before any check notices: a miss (another page size, another
      // key) waits at most 1 s for its version (not the 30 s statement timeout), reads the primary,
      // and the replica is not used again until a check finds it back.
      replicaLink.set('blackhole');
      try {
        expect(await cachedTitle(DASHBOARD.replace('first: 50', 'first: 49'))).toBe(activity.title);
        expect(await missReads()).toEqual({ replica: 1, primaryBehind: 1, failed: 1 });
        expect(cached.replicas!.status()).toMatchObject([{ usable: false, reason: 'does not answer: its data version was not read within 1000 ms' }]);
      } finally {
        replicaLink.set('pass');
      }
    }, 60_000);

    it('reads the primary at once when the replica goes down, before any check notices, and the replica again once it is back', async () => {
      // Pooled connections to the replica exist from the reads above.
      await dashboardTitle();
      await pair.replica.stop();
      expect(await dashboardTitle()).toBe(activity.title);
      const report = await gql('{ cooperationReport { totals { agreements } } }');
      expect(report.errors).toBeUndefined();
      expect(server.replicas!.status()).toMatchObject([{ usable: false }]);
      const [status] = await server.replicas!.checkNow();
      expect(status.usable).toBe(false);
      expect(status.reason).toMatch(/does not answer/);
      expect(await dashboardTitle()).toBe(activity.title);

      // Back up and caught up: the next check puts it back in use.
      await pair.replica.restart();
      await pair.waitForReplica();
      expect(await server.replicas!.checkNow()).toMatchObject([{ usable: true, reason: null }]);
      let title = '';
      expect(await selectsOnReplica(async () => (title = await dashboardTitle()))).toBeGreaterThan(0);
      expect(title).toBe(activity.title);
    });
  });
}
