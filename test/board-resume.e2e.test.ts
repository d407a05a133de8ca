import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../src/server';
import { Agreement, BoardEventKind, ChangeEvent, DraftActivity } from '../src/entities';
import { snapshotOf } from '../src/entities/activity-snapshot';
import { ACTIVITY_FIELDS, BOARD_QUERY, BoardWatcher, demoBoards, rebuild, type Activity, type BoardEventData } from './support/board-helpers';
import { describeEachDatabase } from './support/each-database';
import { localId } from './support/ids';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';
import { describeWithRedis, redisUrl } from './support/redis';

const ADD = `mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { ${ACTIVITY_FIELDS} } }`;
const PRESENCE_QUERY = 'query($a: ID!) { boardPresence(agreementId: $a) { users { user { email } activityId field } } }';

type BoardData = { board: { seq: number; activities: Activity[] } };

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** A subscriber that, whenever its socket goes away, comes back with afterSeq = the last seq it saw. */
class ResumingSubscriber {
  readonly done: BoardEventData[] = [];
  watcher: BoardWatcher;
  resumes = 0;

  constructor(
    private readonly connect: () => Client,
    private readonly agreementId: string,
    afterSeq: number,
  ) {
    this.watcher = new BoardWatcher(connect(), agreementId, afterSeq);
  }

  events() {
    return [...this.done, ...this.watcher.events];
  }

  lastSeq(fallback: number) {
    return this.events().at(-1)?.seq ?? fallback;
  }

  async resume(fallback: number) {
    this.done.push(...this.watcher.events);
    this.watcher.stop();
    await this.watcher.client.dispose();
    this.resumes++;
    this.watcher = new BoardWatcher(this.connect(), this.agreementId, this.lastSeq(fallback));
  }
}

/** Adds activities and edits them, remembering what the server acknowledged. */
function writer(url: () => string, token: string, agreementId: string, opdId: string, name: string) {
  const acknowledged = new Map<string, Activity>();
  let failures = 0;
  let serial = 0;
  const step = async () => {
    const mine = [...acknowledged.values()];
    try {
      if (mine.length < 3 || serial % 3 === 0) {
        const result = await post<{ addDraftActivity: Activity }>(url(), ADD, { input: { agreementId, opdId, title: `${name} ${++serial}` } }, token);
        if (result.data) acknowledged.set(result.data.addDraftActivity.id, result.data.addDraftActivity);
        else failures++;
      } else {
        const target = mine[serial % mine.length];
        const result = await post<{ updateDraftActivity: Activity }>(url(), UPDATE, { id: target.id, base: target.version, patch: { scope: `${name} scope ${++serial}` } }, token);
        if (result.data) acknowledged.set(target.id, result.data.updateDraftActivity);
        else failures++;
      }
    } catch {
      failures++; // the server was away: not acknowledged, so nothing is owed
    }
  };
  return { acknowledged, step, failures: () => failures };
}

function expectAcknowledgedKept(final: Activity[], acknowledged: Map<string, Activity>) {
  const byId = new Map(final.map((a) => [a.id, a]));
  for (const [id, activity] of acknowledged) {
    expect(byId.get(id)).toMatchObject({ title: activity.title, scope: activity.scope, version: activity.version });
  }
}

describeEachDatabase('board subscriptions across restarts', (dialect) => {
  let t: TestServer;
  afterAll(() => t?.close());

  it('clients resume with afterSeq after a restart and end exact; nothing acknowledged is lost', async () => {
    t = await startTestServer(dialect, 'board-restart');
    const [officer, viewer, bappeda] = await Promise.all(['officer', 'viewer', 'bappeda'].map((u) => t.login(`${u}@jalin.local`)));
    const agreementId = (await demoBoards(t, officer)).drafting[1];
    const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer);
    const bappedaOpd = opds.data!.opds.find((o) => o.code === 'BAPPEDA')!.id;
    const start = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    const subscribers = [viewer, officer, bappeda].map((token) => new ResumingSubscriber(() => t.ws(token), agreementId, start.seq));
    const writers = [writer(() => t.url, officer, agreementId, bappedaOpd, 'officer'), writer(() => t.url, bappeda, agreementId, bappedaOpd, 'bappeda')];

    let restarting = true;
    const writing = Promise.all(
      writers.map(async (w) => {
        for (let i = 0; i < 25; i++) await w.step();
        while (restarting) await w.step();
        for (let i = 0; i < 10; i++) await w.step();
      }),
    );
    const before = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board.seq;
    await Promise.all(subscribers.map((s) => s.watcher.until((w) => w.lastSeq > start.seq, 30_000, 'a first event')));
    await t.restart();
    // Every subscription ended with the old process.
    await Promise.all(subscribers.map((s) => s.watcher.until((w) => w.completed, 30_000, 'the subscription to end')));
    await Promise.all(subscribers.map((s) => s.resume(start.seq)));
    restarting = false;
    await writing;

    const final = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    expect(final.seq).toBeGreaterThan(before);
    const expected = Array.from({ length: final.seq - start.seq }, (_, i) => start.seq + i + 1);
    for (const subscriber of subscribers) {
      await subscriber.watcher.untilSeq(final.seq);
      expect(subscriber.events().map((e) => e.seq)).toEqual(expected);
      expect(rebuild(subscriber.events(), start.activities)).toEqual(final.activities);
    }
    for (const w of writers) expectAcknowledgedKept(final.activities, w.acknowledged);
  });
});

describeEachDatabase('board subscriptions with tight limits', (dialect) => {
  let t: TestServer;
  afterAll(() => t?.close());

  it('ends an overflowing subscription with BOARD_STREAM_OVERFLOW and lastSeq, and sends RESYNC beyond the replay reach', async () => {
    // A backlog limit of 0 bytes overflows at the first live event; a reach of 2 refuses longer replays.
    t = await startTestServer(dialect, 'board-limits', { realtime: { boardStream: { bufferCap: 0, maxBacklogBytes: 0, maxReplay: 2 } } });
    const [officer, viewer] = await Promise.all(['officer', 'viewer'].map((u) => t.login(`${u}@jalin.local`)));
    const agreementId = (await demoBoards(t, officer)).drafting[0];
    const { seq } = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer);
    const opdId = opds.data!.opds[0].id;

    const slow = new BoardWatcher(t.ws(viewer), agreementId, seq);
    for (let i = 0; i < 200 && !(await t.gql<{ boardPresence: { users: unknown[] } }>(PRESENCE_QUERY, { a: agreementId }, viewer)).data?.boardPresence.users.length; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const added = await post<{ addDraftActivity: Activity }>(t.url, ADD, { input: { agreementId, opdId, title: 'Overflowing' } }, officer);
    await slow.until((w) => w.completed, 30_000, 'the stream to end');
    expect(slow.events).toEqual([]);
    expect(slow.errors).toEqual([expect.objectContaining({ extensions: { code: 'BOARD_STREAM_OVERFLOW', lastSeq: seq } })]);
    expect(slow.errors[0].message).toMatch(/afterSeq: \d+/);

    // Resuming from lastSeq gets the missed event from the log.
    const resumed = new BoardWatcher(t.ws(viewer), agreementId, seq);
    await resumed.untilSeq(seq + 1);
    expect(resumed.events[0]).toMatchObject({ seq: seq + 1, kind: 'ADDED', activity: { id: added.data!.addDraftActivity.id } });
    resumed.stop();

    const tooOld = new BoardWatcher(t.ws(viewer), agreementId, seq - 2);
    await tooOld.untilSeq(seq + 1);
    expect(tooOld.events.map((e) => [e.seq, e.kind])).toEqual([[seq + 1, 'RESYNC']]);
    const withinReach = new BoardWatcher(t.ws(viewer), agreementId, seq - 1);
    await withinReach.untilSeq(seq + 1);
    expect(withinReach.events.map((e) => [e.seq, e.kind])).toEqual([
      [seq, 'ADDED'],
      [seq + 1, 'ADDED'],
    ]);
  });
});

describeEachDatabase('board replay beyond a thousand events', (dialect) => {
  let t: TestServer;
  afterAll(() => t?.close());

  it('replays 2,600 logged events from afterSeq 0 in order, each once, without RESYNC, then streams live', async () => {
    t = await startTestServer(dialect, 'board-long-replay');
    const [officer, viewer] = await Promise.all(['officer', 'viewer'].map((u) => t.login(`${u}@jalin.local`)));
    const agreementId = (await demoBoards(t, officer)).drafting[0];
    const board = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    const target = board.activities[0];

    // A long log written straight into change_event (as years of drafting would leave it): more
    // than the old reach of 1,000 and several pages of the stream's reads.
    const total = 2600;
    const start = board.seq;
    const dataSource = t.server.dataSource;
    const [row] = await dataSource.getRepository(DraftActivity).findBy({ id: localId(target.id) });
    const snapshot = snapshotOf(row);
    for (let from = 0; from < total; from += 500) {
      const chunk = Array.from({ length: Math.min(500, total - from) }, (_, i) => {
        const n = from + i + 1;
        return {
          agreementId: localId(agreementId),
          seq: start + n,
          kind: BoardEventKind.UPDATED,
          activityId: row.id,
          changedFields: ['title'],
          snapshot: { ...snapshot, title: `Logged title ${n}`, version: row.version + n },
          actorId: null,
          at: new Date(),
        };
      });
      await dataSource.getRepository(ChangeEvent).insert(chunk);
    }
    await dataSource.getRepository(Agreement).update({ id: localId(agreementId) }, { boardSeq: start + total });
    const last = row.version + total;
    await dataSource.getRepository(DraftActivity).update({ id: row.id }, { title: `Logged title ${total}`, version: last, fieldVersions: { ...row.fieldVersions, title: last } });

    const watcher = new BoardWatcher(t.ws(viewer), agreementId, 0);
    await watcher.untilSeq(start + total, 60_000);
    expect(watcher.errors).toEqual([]);
    expect(watcher.events.some((e) => e.kind === 'RESYNC')).toBe(false);
    expect(watcher.events.map((e) => e.seq)).toEqual(Array.from({ length: start + total }, (_, i) => i + 1));
    expect(watcher.events.at(-1)).toMatchObject({ kind: 'UPDATED', activity: { id: target.id, title: `Logged title ${total}` } });
    // The log keeps plain numeric ids (rows written as any earlier version wrote them); the replay hands out global ids.
    const logged = watcher.events.slice(start);
    expect(logged.every((e) => e.activityId === target.id && e.activity?.id === target.id && e.activity.opd.id === target.opd.id)).toBe(true);

    // Live events follow the replay without a gap.
    const updated = await post<{ updateDraftActivity: Activity }>(t.url, UPDATE, { id: target.id, base: last, patch: { scope: 'After the long replay' } }, officer);
    expect(updated.errors).toBeUndefined();
    await watcher.untilSeq(start + total + 1);
    expect(watcher.events.at(-1)).toMatchObject({ seq: start + total + 1, kind: 'UPDATED', activity: { scope: 'After the long replay' } });
    expect(watcher.events).toHaveLength(start + total + 1);
  });
});

describeWithRedis('two API processes sharing MariaDB and Redis', () => {
  let t: TestServer;
  let b: RunningServer | undefined;
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await b?.close();
    await t?.close();
  });

  it('delivers changes made on either process to clients of both, in order, and shares presence', async () => {
    t = await startTestServer('mysql', 'board-two-processes', { config: { redisUrl: redisUrl() } });
    // B never polls the log, so its clients can hear of A's changes only through Redis.
    // B's connections count as present for 1.5 s unless refreshed (every 300 ms while B lives).
    b = await startServer(
      { ...t.config, port: 0, seedDemoData: false },
      { realtime: { boardPollMs: 3_600_000, presence: { ttlMs: 1500, refreshMs: 300, storeTimeoutMs: 1000 } } },
    );
    const wsOn = (server: { wsUrl: string }, token: string) => {
      const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
      clients.push(client);
      return client;
    };
    const [officer, viewer, dispar, admin] = await Promise.all(['officer', 'viewer', 'dispar', 'admin'].map((u) => t.login(`${u}@jalin.local`)));
    const agreementId = (await demoBoards(t, officer)).drafting[2];
    const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer);
    const dinas = opds.data!.opds.find((o) => o.code === 'DISPAR')!.id;
    const start = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;

    const onA = [new BoardWatcher(wsOn(t.server, viewer), agreementId, start.seq), new BoardWatcher(wsOn(t.server, officer), agreementId, start.seq)];
    const onB = [new BoardWatcher(wsOn(b, dispar), agreementId, start.seq)];
    const presenceOnA = async () =>
      (await t.gql<{ boardPresence: { users: { user: { email: string }; activityId: string | null; field: string | null }[] } }>(PRESENCE_QUERY, { a: agreementId }, viewer)).data!
        .boardPresence.users;
    // All three are subscribed (and on the board) before anyone writes.
    for (let i = 0; i < 200 && (await presenceOnA()).length < 3; i++) await new Promise((r) => setTimeout(r, 25));

    // Writers on both processes at once: the row lock orders them, the log numbers them.
    const writers = [
      writer(() => b!.url, officer, agreementId, dinas, 'via-b-officer'),
      writer(() => b!.url, dispar, agreementId, dinas, 'via-b-dispar'),
      writer(() => t.url, admin, agreementId, dinas, 'via-a-admin'),
    ];
    await Promise.all(writers.map(async (w) => {
      for (let i = 0; i < 30; i++) await w.step();
    }));
    for (const w of writers) expect(w.failures()).toBe(0);

    const final = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    expect(final.seq).toBe(start.seq + 90);
    const expected = Array.from({ length: 90 }, (_, i) => start.seq + i + 1);
    for (const watcher of [...onA, ...onB]) {
      await watcher.untilSeq(final.seq);
      expect(watcher.events.map((e) => e.seq)).toEqual(expected);
      expect(rebuild(watcher.events, start.activities)).toEqual(final.activities);
    }
    for (const w of writers) expectAcknowledgedKept(final.activities, w.acknowledged);

    // Presence spans both processes: dispar is on the board through B, seen from A, and what it edits too.
    expect((await presenceOnA()).map((u) => u.user.email)).toEqual(expect.arrayContaining(['viewer@jalin.local', 'officer@jalin.local', 'dispar@jalin.local']));
    const own = [...writers[1].acknowledged.values()][0];
    const set = await post(b.url, 'mutation($a: ID!, $x: ID, $f: String) { setEditing(agreementId: $a, activityId: $x, field: $f) }', { a: agreementId, x: own.id, f: 'output' }, dispar);
    expect(set.errors).toBeUndefined();
    expect((await presenceOnA()).find((u) => u.user.email === 'dispar@jalin.local')).toMatchObject({ activityId: own.id, field: 'output' });

    // B freezes (stops refreshing, as a hung or killed process would): its people expire on A's side.
    await new Promise((r) => setTimeout(r, 700));
    expect((await presenceOnA()).map((u) => u.user.email)).toContain('dispar@jalin.local');
    await b.realtime.presence.close();
    for (let i = 0; i < 200 && (await presenceOnA()).some((u) => u.user.email === 'dispar@jalin.local'); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await presenceOnA()).map((u) => u.user.email)).toEqual(expect.arrayContaining(['viewer@jalin.local', 'officer@jalin.local']));
    expect((await presenceOnA()).map((u) => u.user.email)).not.toContain('dispar@jalin.local');
    await b.close();
    b = undefined;
  });
}, { mariadb: true });

/** A Redis server of this test's own, so it can be stopped and started again. */
async function ownRedis() {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  let child: ChildProcess | null = null;
  const up = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('redis-server did not start');
  };
  const down = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  };
  await up();
  return { url: `redis://127.0.0.1:${port}`, up, down, running: () => child !== null };
}

describeWithRedis('a Redis outage between two processes', () => {
  let t: TestServer;
  let b: RunningServer | undefined;
  let redis: Awaited<ReturnType<typeof ownRedis>>;
  afterAll(async () => {
    if (redis && !redis.running()) await redis.up();
    await b?.close();
    await t?.close();
    await redis?.down();
  });

  it('delays delivery (events come from the log) and presence, but loses and corrupts nothing', async () => {
    redis = await ownRedis();
    const realtime = { boardPollMs: 300, presence: { ttlMs: 30_000, refreshMs: 10_000, storeTimeoutMs: 300 } };
    t = await startTestServer('mysql', 'board-redis-outage', { config: { redisUrl: redis.url }, realtime });
    b = await startServer({ ...t.config, port: 0, seedDemoData: false }, { realtime });
    const [officer, viewer] = await Promise.all(['officer', 'viewer'].map((u) => t.login(`${u}@jalin.local`)));
    const agreementId = (await demoBoards(t, officer)).drafting[0];
    const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer);
    const opdId = opds.data!.opds[0].id;
    const start = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    const onA = new BoardWatcher(t.ws(viewer), agreementId, start.seq);
    const viaB = writer(() => b!.url, officer, agreementId, opdId, 'via-b');

    for (let i = 0; i < 5; i++) await viaB.step();
    await onA.untilSeq(start.seq + 5);

    await redis.down();
    for (let i = 0; i < 5; i++) await viaB.step();
    expect(viaB.failures()).toBe(0);
    await onA.untilSeq(start.seq + 10);
    // Presence answers (without the others) instead of hanging; setEditing says it could not record.
    const presence = await t.gql<{ boardPresence: { users: unknown[] } }>(PRESENCE_QUERY, { a: agreementId }, viewer);
    expect(presence.errors).toBeUndefined();
    const own = [...viaB.acknowledged.values()][0];
    const set = await post<{ setEditing: boolean }>(b.url, 'mutation($a: ID!, $x: ID, $f: String) { setEditing(agreementId: $a, activityId: $x, field: $f) }', { a: agreementId, x: own.id, f: 'title' }, officer);
    expect(set.data).toEqual({ setEditing: false });

    await redis.up();
    for (let i = 0; i < 5; i++) await viaB.step();
    const final = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    expect(final.seq).toBe(start.seq + 15);
    await onA.untilSeq(final.seq);
    expect(onA.events.map((e) => e.seq)).toEqual(Array.from({ length: 15 }, (_, i) => start.seq + i + 1));
    expect(rebuild(onA.events, start.activities)).toEqual(final.activities);
    expectAcknowledgedKept(final.activities, viaB.acknowledged);
  });
}, { mariadb: true });
