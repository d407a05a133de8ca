import { DEFAULT_JOBS } from '../src/config';
import { JobRun } from '../src/entities';
import { EXPIRY_SWEEP_JOB } from '../src/jobs/expiry-sweep.job';
import { REMINDERS_JOB } from '../src/jobs/reminders.job';
import { ACTIVITY_FIELDS, demoBoards } from './support/board-helpers';
import { describeEachDatabase } from './support/each-database';
import { hasMetric, parsePrometheus, valueOf, type Sample } from './support/prometheus';
import { startTestServer, type TestServer } from './support/test-server';

const TOKEN = 'metrics-token-for-the-tests-0123456789';
const ADD = `mutation Add($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const UPDATE = 'mutation Update($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { id version } }';
const BOARD_EVENTS = 'subscription Follow($a: ID!, $after: Int) { boardEvents(agreementId: $a, afterSeq: $after) { seq kind } }';

const metricsUrl = (t: TestServer) => t.url.replace('/graphql', '/metrics');

async function scrape(url: string, token: string | null = TOKEN): Promise<Sample[]> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

/**
 * GET /metrics: Prometheus's text format from a registry of this process's own, behind a token (or
 * on a port of its own); the counts move with what the server does, over HTTP and WebSocket.
 */
describeEachDatabase('metrics', (dialect) => {
  let t: TestServer;
  let officer: string;
  let agreementId: string;
  let opdId: string;

  beforeAll(async () => {
    // JOBS=once: the scheduled jobs run at start-up, for real, before the first scrape.
    t = await startTestServer(dialect, 'metrics', { config: { metrics: { token: TOKEN, port: null }, jobs: { ...DEFAULT_JOBS, mode: 'once' } } });
    officer = await t.login('officer@jalin.local');
    agreementId = (await demoBoards(t, officer)).drafting[0];
    const opds = await t.gql<{ opds: { id: string }[] }>('{ opds { id } }', {}, officer);
    opdId = opds.data!.opds[0].id;
  });
  afterAll(() => t?.close());

  it('refuses a scrape without the token, or with another one (401), and answers with it', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-token-not-the-token-00' }, { authorization: TOKEN }] as Record<string, string>[]) {
      const response = await fetch(metricsUrl(t), { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toMatch(/jalin_/);
    }
    const samples = await scrape(metricsUrl(t));
    // Node's own, under the jalin_ prefix.
    expect(hasMetric(samples, 'jalin_process_cpu_user_seconds_total')).toBe(true);
    expect(hasMetric(samples, 'jalin_nodejs_eventloop_lag_seconds')).toBe(true);
    // The pool's use on MariaDB (SQLite has no pool).
    expect(hasMetric(samples, 'jalin_db_pool_connections')).toBe(dialect === 'mysql');
    if (dialect === 'mysql') expect(valueOf(samples, 'jalin_db_pool_connections', { state: 'all' })).toBeGreaterThan(0);
  });

  it('counts operations and errors by transport, operation and code, and times them', async () => {
    const before = await scrape(metricsUrl(t));
    await t.gql('query Opds { opds { id } }', {}, officer);
    await t.gql('query Opds { opds { id } }', {}, officer);
    await t.gql('query Broken { opds { nope } }', {}, officer);
    await t.gql('query Opds { opds { id } }', {}, null); // UNAUTHENTICATED
    const client = t.ws(officer);
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: 'query OverWs { opds { id } }' }, { next: () => undefined, error: reject, complete: resolve }),
    );
    const after = await scrape(metricsUrl(t));
    const moved = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(moved('jalin_graphql_requests_total', { transport: 'http', operation: 'Opds' })).toBe(3);
    expect(moved('jalin_graphql_errors_total', { transport: 'http', operation: 'Opds', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(moved('jalin_graphql_errors_total', { transport: 'http', operation: 'Broken', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(moved('jalin_graphql_request_duration_seconds_count', { transport: 'http', operation: 'Opds' })).toBe(3);
    expect(moved('jalin_graphql_requests_total', { transport: 'ws', operation: 'OverWs' })).toBe(1);
    expect(moved('jalin_graphql_errors_total', { transport: 'ws', operation: 'OverWs' })).toBe(0);
    expect(moved('jalin_graphql_request_duration_seconds_count', { transport: 'ws', operation: 'OverWs' })).toBe(1);
  });

  it('gauges open sockets and subscriptions; counts board changes, conflicts, fan-out and replays', async () => {
    const before = await scrape(metricsUrl(t));
    const client = t.ws(officer);
    const kinds: string[] = [];
    let ended = false;
    let onEvent: () => void = () => undefined;
    const unsubscribe = client.subscribe<{ boardEvents: { seq: number; kind: string } }>(
      { query: BOARD_EVENTS, variables: { a: agreementId, after: 0 } },
      {
        next: (value) => {
          kinds.push(value.data!.boardEvents.kind);
          onEvent();
        },
        error: () => (ended = true),
        complete: () => (ended = true),
      },
    );
    const eventsSoFar = (count: number) =>
      new Promise<void>((resolve) => {
        onEvent = () => kinds.length >= count && resolve();
        onEvent();
      });

    const added = await t.gql<{ addDraftActivity: { id: string; version: number } }>(ADD, { input: { agreementId, opdId, title: 'Counted by the metrics' } }, officer);
    const activity = added.data!.addDraftActivity;
    // The replay (afterSeq 0) and then the live ADDED.
    await eventsSoFar(1);
    await new Promise<void>((resolve) => {
      const check = () => (kinds.includes('ADDED') ? resolve() : setTimeout(check, 20));
      check();
    });
    const updated = await t.gql(UPDATE, { id: activity.id, base: activity.version, patch: { title: 'Changed once' } }, officer);
    expect(updated.errors).toBeUndefined();
    const conflict = await t.gql(UPDATE, { id: activity.id, base: activity.version, patch: { title: 'Changed from a stale copy' } }, officer);
    expect(conflict.errors?.[0].extensions?.code).toBe('VERSION_CONFLICT');

    const during = await scrape(metricsUrl(t));
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(during, name, labels) - valueOf(before, name, labels);
    expect(valueOf(during, 'jalin_websocket_connections')).toBeGreaterThanOrEqual(1);
    expect(moved('jalin_websocket_subscriptions')).toBe(1);
    expect(moved('jalin_board_changes_total', { kind: 'ADDED' })).toBe(1);
    expect(moved('jalin_board_changes_total', { kind: 'UPDATED' })).toBe(1);
    expect(moved('jalin_board_conflicts_total')).toBe(1);
    expect(moved('jalin_graphql_errors_total', { transport: 'http', operation: 'Update', code: 'VERSION_CONFLICT' })).toBe(1);
    // The live events (ADDED, UPDATED at least the first) handed to this subscriber, each timed.
    expect(moved('jalin_board_fanout_seconds_count')).toBeGreaterThanOrEqual(1);
    // One replay, as long as the board's log was when it started.
    expect(moved('jalin_board_replay_events_count')).toBe(1);
    expect(moved('jalin_board_replay_events_sum')).toBeGreaterThan(0);

    unsubscribe();
    await new Promise<void>((resolve) => {
      const check = () => (ended ? resolve() : setTimeout(check, 20));
      check();
    });
    await client.dispose();
    // The subscription ended: counted as one ws operation, the gauge back where it was.
    let after = await scrape(metricsUrl(t));
    for (let i = 0; i < 50 && valueOf(after, 'jalin_websocket_subscriptions') !== valueOf(before, 'jalin_websocket_subscriptions'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await scrape(metricsUrl(t));
    }
    expect(valueOf(after, 'jalin_websocket_subscriptions')).toBe(valueOf(before, 'jalin_websocket_subscriptions'));
    expect(valueOf(after, 'jalin_graphql_requests_total', { transport: 'ws', operation: 'Follow' }) - valueOf(before, 'jalin_graphql_requests_total', { transport: 'ws', operation: 'Follow' })).toBe(1);
  });

  it('counts the runs of the scheduled jobs as the runs recorded in the database (job_run)', async () => {
    const samples = await scrape(metricsUrl(t));
    const runs = t.server.dataSource.getRepository(JobRun);
    for (const job of [EXPIRY_SWEEP_JOB, REMINDERS_JOB]) {
      const succeeded = await runs.countBy({ name: job, outcome: 'SUCCEEDED' });
      expect({ job, succeeded: succeeded > 0 }).toEqual({ job, succeeded: true });
      expect({ job, success: valueOf(samples, 'jalin_job_runs_total', { job, outcome: 'success' }) }).toEqual({ job, success: succeeded });
      expect({ job, failure: valueOf(samples, 'jalin_job_runs_total', { job, outcome: 'failure' }) }).toEqual({ job, failure: await runs.countBy({ name: job, outcome: 'FAILED' }) });
    }
  });

  it('keeps client-chosen operation names from growing the series without end', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `Name${i}`);
    for (const name of names) t.server.metrics.operationLabel(name);
    expect(t.server.metrics.operationLabel('not a name {}')).toBe('other');
    expect(t.server.metrics.operationLabel(null)).toBe('anonymous');
    for (let i = 0; i < 300; i++) t.server.metrics.operationLabel(`Flood${i}`);
    expect(t.server.metrics.operationLabel('OneMoreNewName')).toBe('other');
    expect(t.server.metrics.operationLabel('Name0')).toBe('Name0');
  });
});

describeEachDatabase('metrics on a port of their own', (dialect) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'metrics-port', { config: { metrics: { token: null, port: 0 } } });
  });
  afterAll(() => t?.close());

  it('serves GET /metrics on METRICS_PORT only; the API port has no /metrics', async () => {
    expect(t.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(t.server.metricsUrl!).port).not.toBe(String(t.server.port));
    const samples = await scrape(t.server.metricsUrl!, null);
    expect(hasMetric(samples, 'jalin_websocket_connections')).toBe(true);
    expect(hasMetric(samples, 'jalin_process_resident_memory_bytes')).toBe(true);
    expect((await fetch(metricsUrl(t))).status).toBe(404);
    expect((await fetch(t.server.metricsUrl!.replace('/metrics', '/graphql'))).status).toBe(404);
  });
});

describe('metrics not configured [sqlite]', () => {
  it('there is no /metrics at all', async () => {
    const t = await startTestServer('sqlite', 'metrics-off');
    try {
      expect((await fetch(metricsUrl(t))).status).toBe(404);
      expect(t.server.metricsUrl).toBeNull();
    } finally {
      await t.close();
    }
  });
});
