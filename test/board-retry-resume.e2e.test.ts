import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ACTIVITY_FIELDS, BOARD_QUERY, EVENT_FIELDS, demoBoards, rebuild, type Activity, type BoardEventData } from './support/board-helpers';
import type { TestDatabase } from './support/databases';
import { createSeededTestDatabase } from './support/seeded-template';
import { describeEachDatabase } from './support/each-database';
import { bearer, rawSocket } from './support/raw-socket';
import { assertBuilt, killProcess, startServerProcess, type RunningProcess } from './support/server-process';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';

const ADD = `mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { ${ACTIVITY_FIELDS} } }`;
const SUBSCRIBE = `subscription($id: ID!, $after: Int) { boardEvents(agreementId: $id, afterSeq: $after) { ${EVENT_FIELDS} } }`;

type BoardData = { board: { seq: number; activities: Activity[] } };

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

async function login(url: string, email: string): Promise<string> {
  const result = await post<{ login: { token: string } }>(url, 'mutation($e: String!) { login(email: $e, password: "jalin-demo") { token } }', { e: email });
  return result.data!.login.token;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A gate the clients' retry waits at, so the test can make edits while they are surely away. */
class Gate {
  private opened: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;
  close() {
    this.opened = new Promise((resolve) => (this.release = resolve));
  }
  open() {
    this.release();
  }
  wait() {
    return this.opened;
  }
}

/**
 * A board client as an app would write it with graphql-ws (or Apollo's GraphQLWsLink): it subscribes
 * once and leaves reconnecting to the library (`retryAttempts`), which re-sends the subscription as
 * it was first sent. With `resume`, its connectionParams (a function, evaluated at each connect)
 * carry the last seq it applied, keyed by the agreement id exactly as it subscribed with it.
 */
class RetryingBoardClient {
  readonly events: BoardEventData[] = [];
  readonly errors: unknown[] = [];
  readonly closeCodes: number[] = [];
  connections = 0;
  readonly client: Client;
  private readonly waiters = new Set<() => void>();

  constructor(wsUrl: string, token: string, agreementId: string, afterSeq: number, gate: Gate, resume: boolean) {
    let lastSeq = afterSeq;
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 1000,
      retryWait: async () => {
        await gate.wait();
        await sleep(50);
      },
      // A refused connection (the server is away) is an error event, not a close: retry it too.
      shouldRetry: () => true,
      connectionParams: () => ({ authorization: `Bearer ${token}`, ...(resume ? { boardResume: { [agreementId]: lastSeq } } : {}) }),
      on: {
        connected: () => this.connections++,
        closed: (event) => this.closeCodes.push((event as { code: number }).code),
      },
    });
    this.client.subscribe<{ boardEvents: BoardEventData }>(
      { query: SUBSCRIBE, variables: { id: agreementId, after: afterSeq } },
      {
        next: (result) => {
          if (result.errors) this.errors.push(...result.errors);
          const event = result.data?.boardEvents;
          if (event) {
            this.events.push(event);
            lastSeq = event.seq;
          }
          for (const waiter of [...this.waiters]) waiter();
        },
        error: (error) => this.errors.push(error),
        complete: () => this.errors.push(new Error('the subscription completed')),
      },
    );
  }

  get lastSeq() {
    return this.events.at(-1)?.seq ?? 0;
  }

  until(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; have seqs ${this.events.map((e) => e.seq).join(',')}; errors ${JSON.stringify(this.errors)}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  untilSeq(seq: number) {
    return this.until(() => this.events.some((e) => e.seq >= seq), `seq ${seq}`);
  }
}

/** Adds activities and edits them over HTTP, remembering what the server acknowledged. */
function writer(url: string, token: string, agreementId: string, opdId: string, name: string) {
  const acknowledged = new Map<string, Activity>();
  let serial = 0;
  const step = async () => {
    const mine = [...acknowledged.values()];
    try {
      if (mine.length < 2 || serial % 3 === 0) {
        const result = await post<{ addDraftActivity: Activity }>(url, ADD, { input: { agreementId, opdId, title: `${name} ${++serial}` } }, token);
        if (result.data) acknowledged.set(result.data.addDraftActivity.id, result.data.addDraftActivity);
      } else {
        const target = mine[serial % mine.length];
        const result = await post<{ updateDraftActivity: Activity }>(url, UPDATE, { id: target.id, base: target.version, patch: { scope: `${name} scope ${++serial}` } }, token);
        if (result.data) acknowledged.set(target.id, result.data.updateDraftActivity);
      }
    } catch {
      await sleep(50); // the server is away: nothing was acknowledged, so nothing is owed
    }
  };
  return { acknowledged, step };
}

describeEachDatabase("board clients that reconnect with graphql-ws's own retry", (dialect) => {
  let database: TestDatabase;
  let server: RunningProcess | undefined;
  const clients: RetryingBoardClient[] = [];
  beforeAll(assertBuilt);
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.client.dispose()));
    await killProcess(server);
    await database?.drop();
  });

  it('get every event exactly once and in order across a kill -9 and a graceful restart, with connectionParams.boardResume', async () => {
    database = await createSeededTestDatabase(dialect, 'board-retry-resume');
    server = await startServerProcess(database.config);
    const { url, wsUrl, port } = server;
    const [officer, viewer, bappeda] = await Promise.all(['officer', 'viewer', 'bappeda'].map((u) => login(url, `${u}@jalin.local`)));
    const agreements = await post<{ agreements: { edges: { node: { id: string; status: string } }[] } }>(url, '{ agreements(first: 50) { edges { node { id status } } } }', {}, officer);
    const agreementId = agreements.data!.agreements.edges.find((e) => e.node.status === 'PLAN_DRAFTING')!.node.id;
    const opds = await post<{ opds: { id: string; code: string }[] }>(url, '{ opds { id code } }', {}, officer);
    const opdId = opds.data!.opds.find((o) => o.code === 'BAPPEDA')!.id;
    const start = (await post<BoardData>(url, BOARD_QUERY, { id: agreementId }, viewer)).data!.board;

    const gate = new Gate();
    const resuming = [viewer, officer, bappeda].map((token) => new RetryingBoardClient(wsUrl, token, agreementId, start.seq, gate, true));
    // The same client without boardResume: what graphql-ws's retry alone gives.
    const plain = new RetryingBoardClient(wsUrl, viewer, agreementId, start.seq, gate, false);
    clients.push(...resuming, plain);
    const writers = [writer(url, officer, agreementId, opdId, 'officer'), writer(url, bappeda, agreementId, opdId, 'bappeda')];
    const steps = (n: number) => Promise.all(writers.map(async (w) => {
      for (let i = 0; i < n; i++) await w.step();
    }));
    const seqNow = async () => (await post<BoardData>(url, BOARD_QUERY, { id: agreementId }, viewer)).data!.board.seq;

    await steps(6);
    const firstSeq = await seqNow();
    await Promise.all([...resuming, plain].map((c) => c.untilSeq(firstSeq)));

    const outage = async (stop: () => Promise<void>) => {
      gate.close();
      // Writers keep going through the stop, so some edits are cut off mid-way.
      let stopping = true;
      const writing = Promise.all(writers.map(async (w) => {
        while (stopping) await w.step();
      }));
      await stop();
      stopping = false;
      await writing;
      server = await startServerProcess(database.config, port);
      // Edits made while the clients are still away, then more once they are back.
      await steps(4);
      gate.open();
      await steps(4);
    };

    // 1. kill -9: sockets drop without a close frame.
    await outage(async () => {
      await sleep(100);
      server!.child.kill('SIGKILL');
      await server!.exited;
    });
    const afterKill = await seqNow();
    await Promise.all([...resuming, plain].map((c) => c.untilSeq(afterKill)));

    // 2. A graceful restart: every socket hears 1001.
    await outage(async () => {
      await sleep(100);
      server!.child.kill('SIGTERM');
      expect(await server!.exited).toBe(0);
    });
    const final = (await post<BoardData>(url, BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    await Promise.all([...resuming, plain].map((c) => c.untilSeq(final.seq)));

    const expected = Array.from({ length: final.seq - start.seq }, (_, i) => start.seq + i + 1);
    expect(final.seq).toBeGreaterThan(afterKill);
    expect(afterKill).toBeGreaterThan(firstSeq);
    for (const client of resuming) {
      expect(client.errors).toEqual([]);
      expect(client.connections).toBe(3); // the library reconnected twice by itself
      expect(client.closeCodes).toContain(1001);
      expect(client.events.map((e) => e.seq)).toEqual(expected);
      expect(rebuild(client.events, start.activities)).toEqual(final.activities);
    }
    for (const w of writers) {
      const byId = new Map(final.activities.map((a) => [a.id, a]));
      // Nothing acknowledged is lost. A change in flight at the kill may have committed without its
      // answer arriving, so an activity may stand at a later version than the last one acknowledged.
      for (const [id, activity] of w.acknowledged) {
        const now = byId.get(id);
        expect(now?.version).toBeGreaterThanOrEqual(activity.version);
        if (now?.version === activity.version) expect(now).toMatchObject({ scope: activity.scope });
      }
    }
    // Without boardResume the resent subscription replays from its first afterSeq: duplicates.
    expect(plain.connections).toBe(3);
    expect(plain.events.length).toBeGreaterThan(expected.length);
    expect([...new Set(plain.events.map((e) => e.seq))]).toEqual(expected);
  });
});

describeEachDatabase('connectionParams.boardResume', (dialect) => {
  let t: TestServer;
  afterAll(() => t?.close());

  it('resumes after the larger of afterSeq and the connection value for that id; refuses malformed values with 4400', async () => {
    t = await startTestServer(dialect, 'board-resume-params');
    const [officer, viewer] = await Promise.all(['officer', 'viewer'].map((u) => t.login(`${u}@jalin.local`)));
    const [agreementId, otherId] = (await demoBoards(t, officer)).drafting;
    const { seq } = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, viewer)).data!.board;
    expect(seq).toBeGreaterThanOrEqual(3);

    const seqsOf = async (boardResume: Record<string, number>, afterSeq: number | null, upTo: number) => {
      const client = t.ws(null, { connectionParams: { authorization: `Bearer ${viewer}`, boardResume } });
      const seen: { seq: number; kind: string }[] = [];
      await new Promise<void>((resolve, reject) => {
        const stop = client.subscribe<{ boardEvents: { seq: number; kind: string } }>(
          { query: 'subscription($id: ID!, $after: Int) { boardEvents(agreementId: $id, afterSeq: $after) { seq kind } }', variables: { id: agreementId, after: afterSeq } },
          {
            next: (r) => {
              if (r.errors) reject(new Error(JSON.stringify(r.errors)));
              seen.push(r.data!.boardEvents);
              if (r.data!.boardEvents.seq >= upTo) {
                stop();
                resolve();
              }
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
      await client.dispose();
      return seen.map((e) => e.seq);
    };
    const all = (from: number) => Array.from({ length: seq - from }, (_, i) => from + i + 1);
    // The connection's value is later than afterSeq: it wins.
    expect(await seqsOf({ [agreementId]: seq - 1 }, 0, seq)).toEqual(all(seq - 1));
    // afterSeq is later: it wins.
    expect(await seqsOf({ [agreementId]: 0 }, seq - 2, seq)).toEqual(all(seq - 2));
    // No afterSeq: the connection's value alone.
    expect(await seqsOf({ [agreementId]: seq - 2 }, null, seq)).toEqual(all(seq - 2));
    // Another board's entry changes nothing here.
    expect(await seqsOf({ [otherId]: 1_000 }, seq - 1, seq)).toEqual(all(seq - 1));

    // Malformed values close the connection at connection_init with 4400 and a reason.
    for (const [boardResume, reason] of [
      ['all', /must be an object/],
      [[3], /must be an object/],
      [{ [agreementId]: -1 }, /boardResume at "[^"]+".*>=0/],
      [{ [agreementId]: 1.5 }, /expected int/],
      [{ [agreementId]: '3' }, /expected number/],
      [{ '': 3 }, /key/i],
      [Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`b${i}`, 1])), /more than 100 boards/],
    ] as const) {
      const socket = rawSocket(t.wsUrl, { ...bearer(viewer), boardResume });
      const closed = await socket.closed;
      expect(closed.code).toBe(4400);
      expect(closed.reason).toMatch(reason);
      expect(socket.messages).toEqual([]);
    }

    // graphql-ws's retry gives up at once on 4400 (a client bug is not retried).
    let connects = 0;
    const client = t.ws(null, { retryAttempts: 5, retryWait: async () => {
        await sleep(10);
      }, connectionParams: () => ({ authorization: `Bearer ${viewer}`, boardResume: { [agreementId]: -5 } }), on: { connecting: () => connects++ } });
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `subscription { boardEvents(agreementId: "${agreementId}") { seq } }` }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
    });
    expect(error).toMatchObject({ code: 4400 });
    expect(connects).toBe(1);
  });
});
