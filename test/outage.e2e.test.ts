import Database from 'better-sqlite3';
import type { Client } from 'graphql-ws';
import { poolUsage } from '../src/database-timeouts';
import { ACTIVITY_FIELDS, demoBoards } from './support/board-helpers';
import { faultProxy, type FaultProxy } from './support/fault-proxy';
import { parsePrometheus, valueOf } from './support/prometheus';
import { startTestServer, type TestServer } from './support/test-server';

type LogLine = Record<string, unknown> & { level: number; msg: string };

const MESSAGE = 'The service is briefly unavailable; retry in a few seconds';
const AGREEMENTS = 'query Agreements { agreements(first: 3) { edges { node { id title } } } }';
const LOGIN = 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const METRICS_TOKEN = 'metrics-token-for-the-outage-test-0123';
const WARN = 40;
const ERROR = 50;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } & Record<string, unknown>;
  text: string;
}

async function post(t: TestServer, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: JSON.parse(text), text };
}

async function probe(t: TestServer, path: '/healthz' | '/readyz'): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }> {
  const response = await fetch(t.url.replace('/graphql', path));
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

/** `jalin_outage_errors_total` of one cause, or of all (what an alert on outages reads). */
async function outagesCounted(t: TestServer, cause?: string): Promise<number> {
  const response = await fetch(t.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return valueOf(parsePrometheus(await response.text()), 'jalin_outage_errors_total', cause ? { cause } : {});
}

/** An outage answer: 503, Retry-After, the one code and message, and nothing about the cause. */
function expectOutageAnswer(answer: Answer) {
  expect([answer.status, answer.text]).toEqual([503, expect.stringContaining('SERVICE_UNAVAILABLE')]);
  expect(answer.retryAfter).toBe('5');
  expect(answer.body.errors).toEqual([expect.objectContaining({ message: MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
  expect(answer.text).not.toMatch(/ETIMEDOUT|ECONNRESET|PROTOCOL|SQLITE|SELECT|127\.0\.0\.1|stack|timeout/i);
}

/** Runs one operation over a graphql-ws client and gives back what it got: data or the errors. */
function overWebSocket(client: Client, query: string): Promise<{ data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: unknown } = {};
    client.subscribe(
      { query },
      {
        next: (value) => (result = value as never),
        error: (error) => (Array.isArray(error) ? resolve({ errors: error as never }) : reject(error)),
        complete: () => resolve(result),
      },
    );
  });
}

/**
 * A database that stops answering (a silent cut: packets dropped, nothing reset) or resets every
 * connection: requests and probes answer within seconds, as SERVICE_UNAVAILABLE with HTTP 503 and
 * Retry-After (not INTERNAL_SERVER_ERROR, not a hang); and once the database is back, everything works.
 */
(process.env.TEST_MYSQL_URL ? describe : describe.skip)('a MariaDB outage [mysql]', () => {
  let proxy: FaultProxy;
  let t: TestServer;
  let admin: string;
  /** Signed in, but no request made with it yet: the process has not read (and cached) this user. */
  let viewer: string;
  let ws: Client;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    proxy = await faultProxy(process.env.TEST_MYSQL_URL!);
    t = await startTestServer('mysql', 'outage', {
      databaseVia: (database) => ({ ...database, host: proxy.host, port: proxy.port }),
      config: { logLevel: 'info', databaseTimeouts: { connectMs: 1_000, acquireMs: 1_500, queryMs: 1_500 }, metrics: { token: METRICS_TOKEN, port: null } },
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    });
    admin = await t.login('admin@jalin.local');
    viewer = await t.login('viewer@jalin.local');
    // Not lazy: the socket stays open across the outage, as a board's would.
    ws = t.ws(admin, { lazy: false });
    // The socket is open (and signed in) before the cut.
    expect((await overWebSocket(ws, AGREEMENTS)).errors).toBeUndefined();
  });
  afterAll(async () => {
    proxy?.set('pass');
    await t?.close();
    await proxy?.close();
  });
  afterEach(() => proxy.set('pass'));

  const worksAgain = async () => {
    const answer = await post(t, AGREEMENTS, {}, admin);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect((await probe(t, '/healthz')).status).toBe(200);
    expect((await probe(t, '/readyz')).status).toBe(200);
    expect((await overWebSocket(ws, AGREEMENTS)).errors).toBeUndefined();
    // Nothing left waiting for a connection, and the pool did not grow past its size.
    const usage = poolUsage(t.server.dataSource)!;
    expect(usage.queued).toBe(0);
    expect(usage.all).toBeLessThanOrEqual(20);
  };

  it('a silent cut: probes, HTTP and WebSocket answer SERVICE_UNAVAILABLE within seconds; then it works again', async () => {
    lines.length = 0;
    await worksAgain();
    const countedBefore = await outagesCounted(t);
    proxy.set('blackhole');

    const [healthz, readyz] = await Promise.all([probe(t, '/healthz'), probe(t, '/readyz')]);
    expect(healthz).toEqual({ status: 503, retryAfter: '5', body: { status: 'unavailable', reason: 'database does not answer' } });
    expect(readyz.status).toBe(503);

    // Signed in: the outage meets the request at its first read (the data version of the response
    // cache; the user comes from the user cache), before the operation runs.
    expectOutageAnswer(await post(t, AGREEMENTS, {}, admin));
    // Not signed in: the outage meets the request in a resolver.
    expectOutageAnswer(await post(t, LOGIN, { email: 'admin@jalin.local', password: 'jalin-demo' }));
    const overWs = await overWebSocket(ws, AGREEMENTS);
    expect(overWs.errors).toEqual([expect.objectContaining({ message: MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    // A socket that opens during the outage, of a user the process must read (not in its user
    // cache), is closed with 1013 "try again later", which graphql-ws clients retry (a 44xx code
    // would stop them).
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      t.ws(viewer, { lazy: false, onNonLazyError: () => undefined, on: { closed: (event) => resolve(event as { code: number; reason: string }) } });
    });
    expect({ code: closed.code, reason: closed.reason }).toEqual({ code: 1013, reason: MESSAGE });

    proxy.set('pass');
    await worksAgain();
    // Counted for the alert (docs/OPERATIONS.md, "Metrics"), under the causes the log names.
    expect(await outagesCounted(t)).toBeGreaterThan(countedBefore);
    // Logged as an outage (warn, no stack), never as an unexpected error.
    const warnings = lines.filter((line) => line.msg === 'database or redis unavailable');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((line) => line.level === WARN && !('stack' in line) && !('err' in line))).toBe(true);
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
  });

  it('every connection reset: SERVICE_UNAVAILABLE; then it works again', async () => {
    lines.length = 0;
    const resetsBefore = await outagesCounted(t, 'ECONNRESET');
    proxy.set('reset');
    expectOutageAnswer(await post(t, AGREEMENTS, {}, admin));
    expectOutageAnswer(await post(t, LOGIN, { email: 'admin@jalin.local', password: 'jalin-demo' }));
    expect((await probe(t, '/healthz')).status).toBe(503);
    // The report downloads (plain HTTP beside GraphQL) answer alike.
    const download = await fetch(t.url.replace('/graphql', '/reports/cooperation.csv'), { headers: { authorization: `Bearer ${admin}` } });
    const text = await download.text();
    expectOutageAnswer({ status: download.status, retryAfter: download.headers.get('retry-after'), body: JSON.parse(text), text });
    proxy.set('pass');
    await worksAgain();
    expect(await outagesCounted(t, 'ECONNRESET')).toBeGreaterThan(resetsBefore);
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
  });

  it('requests under way when the link is cut end as 200 or 503, none hangs or fails as a bug', async () => {
    const inFlight = Array.from({ length: 30 }, (_, i) => post(t, AGREEMENTS.replace('Agreements', `Agreements${i}`), {}, admin));
    proxy.set('blackhole');
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      if (answer.status === 503) expectOutageAnswer(answer);
      else expect(answer.status).toBe(200);
    }
    proxy.set('pass');
    await worksAgain();
  });
});

/**
 * SQLite: a writer that holds the database's lock longer than busy_timeout (another process, a
 * backup tool) makes a write fail with SQLITE_BUSY; that is an outage too, not a bug.
 */
describe('a locked SQLite database [sqlite]', () => {
  let t: TestServer;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer('sqlite', 'outage-sqlite');
    admin = await t.login('admin@jalin.local');
  });
  afterAll(() => t?.close());

  it('a write that waits past busy_timeout answers SERVICE_UNAVAILABLE; once the lock is gone it goes through', async () => {
    const agreementId = (await demoBoards(t, admin)).drafting[0];
    const add = `mutation Add($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
    const opds = await post(t, '{ opds { id } }', {}, admin);
    const input = { agreementId, opdId: (opds.body.data as { opds: { id: string }[] }).opds[0].id, title: 'Written while the database was locked' };
    const database = t.config.database;
    if (database.dialect !== 'sqlite') throw new Error('sqlite only');
    const other = new Database(database.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      expectOutageAnswer(await post(t, add, { input }, admin));
      // Reads go on meanwhile (WAL): the process is alive and its database answers.
      expect((await probe(t, '/healthz')).status).toBe(200);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    const answer = await post(t, add, { input }, admin);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
  }, 20_000);
});
