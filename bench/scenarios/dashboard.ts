import { isDeepStrictEqual } from 'node:util';
import { createMysqlDatabase, createSqliteDatabase, type BenchDatabase } from '../lib/database';
import { insertDataset } from '../lib/dataset';
import { DASHBOARD_PAGE, DASHBOARD_QUERY } from '../lib/dashboard-query';
import { login } from '../lib/graphql';
import { BENCH_PASSWORD, BENCH_USERS, insertBenchUsers } from '../lib/users';
import { baselinePath, forkWorker, startJalin, workerPath, type Worker } from '../lib/process';
import { openDatabase } from '../lib/sql';
import { postGraphql, withCountingServer } from '../lib/in-process';
import { median, ratio } from '../lib/stats';
import { pct, fmt } from '../lib/table';
import { withCleanup, type RunOptions, type Scenario, type ScenarioResult, type ResultTable } from '../lib/scenario';
import { besidesUserLookup } from '../../src/sql-counter';

const DATASET = { agreements: 500, activitiesPerAgreement: 30 };

interface LoadResult {
  requestsPerSecond: number;
  totalRequests: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Where two JSON values first differ, for a message a person can act on. */
function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (found) return found;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

async function post(url: string, body: string, token?: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response.json();
}

/** Counts the SQL statements of one dashboard request, for each page size: the first (a cache miss) and the same again (a hit). */
async function countStatements(database: BenchDatabase, token: string, pageSizes: number[]) {
  return withCountingServer(database.url, async (server, counter) => {
    const counts: Record<number, { miss: number; hit: number }> = {};
    for (const first of pageSizes) {
      // Without the read of the signed-in user, which its cache makes depend on the clock.
      const miss = besidesUserLookup(await counter.count(() => postGraphql(server.url, DASHBOARD_QUERY, { first }, token)));
      const hit = besidesUserLookup(await counter.count(() => postGraphql(server.url, DASHBOARD_QUERY, { first }, token)));
      counts[first] = { miss: miss.statements.length, hit: hit.statements.length };
    }
    return counts;
  });
}

/** The response cache's hit and miss counters of a Jalin process (its /metrics, behind the bench's token). */
async function cacheCounters(url: string): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const of = (outcome: string) => Number(new RegExp(`^jalin_response_cache_requests_total\\{outcome="${outcome}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hit: of('hit'), miss: of('miss') };
}

const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';
/** The three targets of every round: the driver baseline, Jalin with its response cache (warm), Jalin without it. */
const TARGETS = ['baseline', 'jalin', 'uncached'] as const;
type Target = (typeof TARGETS)[number];

async function runOn(dialect: 'mysql' | 'sqlite', options: RunOptions) {
  const log = (m: string) => options.log(`[dashboard/${dialect}] ${m}`);
  const connectionLevels = [10, 50];
  const duration = options.quick ? 3 : 15;
  // At least this many requests per connection in a run (and in the warm-up).
  const perConnection = options.quick ? 1 : 2;
  const rounds = options.quick ? 2 : 3;

  return withCleanup(async (defer) => {
    const database = dialect === 'mysql' ? await createMysqlDatabase('dashboard') : createSqliteDatabase();
    defer(() => database.drop());
    // The server creates the schema (migrations) and the demo data; then the bulk data goes in.
    let jalin = await startJalin(database.url);
    defer(() => jalin.stop());
    const db = openDatabase(database, 4);
    defer(() => db.close());
    const started = Date.now();
    await insertBenchUsers(db);
    await insertDataset(db, DATASET);
    log(`inserted ${DATASET.agreements} agreements × ${DATASET.activitiesPerAgreement} activities in ${Date.now() - started} ms`);
    // Fresh server processes for the measurement (the first one only migrated and seeded): one with
    // the response cache (warm after the warm-up: every request of a run is the same read), one
    // without it (RESPONSE_CACHE=off), the figure of the execution itself.
    await jalin.stop();
    jalin = await startJalin(database.url, { METRICS_TOKEN });
    const uncached = await startJalin(database.url, { RESPONSE_CACHE: 'off' });
    defer(() => uncached.stop());
    const token = await login(jalin.url, BENCH_USERS.viewer, BENCH_PASSWORD);

    const baseline = forkWorker(baselinePath('dashboard-http'));
    defer(() => baseline.stop());
    const { port } = await baseline.request<{ type: string; port: number }>({ type: 'start', database: { dialect: database.dialect, connection: database.connection, file: database.file } }, 'ready');
    const baselineUrl = `http://127.0.0.1:${port}/`;

    const body = JSON.stringify({ query: DASHBOARD_QUERY, variables: { first: DASHBOARD_PAGE } });
    const fromJalin = (await post(jalin.url, body, token)) as { data?: { agreements: { edges: { node: { activities: unknown[] } }[] } } };
    const fromBaseline = await post(baselineUrl, body);
    const difference = firstDifference(fromJalin, fromBaseline);
    if (difference) throw new Error(`the baseline does not answer the same JSON as Jalin; first difference at ${difference}`);
    const activityCount = fromJalin.data!.agreements.edges.reduce((sum, e) => sum + e.node.activities.length, 0);
    const responseBytes = Buffer.byteLength(JSON.stringify(fromJalin));
    log(`same JSON from both (${fromJalin.data!.agreements.edges.length} agreements, ${activityCount} activities, ${responseBytes} bytes)`);

    const loadgen: Worker = forkWorker(workerPath('autocannon'));
    defer(() => loadgen.stop());
    const targets: Record<Target, { url: string; headers: Record<string, string> }> = {
      baseline: { url: baselineUrl, headers: {} },
      jalin: { url: jalin.url, headers: { authorization: `Bearer ${token}` } },
      uncached: { url: uncached.url, headers: { authorization: `Bearer ${token}` } },
    };
    // Each run sends a fixed number of requests, sized from the target's last rate to take about
    // `seconds`; autocannon's time limit would drop the requests still in flight, which the server
    // would go on serving into the next run.
    const lastRate: Record<string, number> = {};
    const load = async (target: Target, connections: number, seconds: number | null) => {
      const amount = seconds === null ? Math.max(connections * perConnection, 20) : Math.max(connections * perConnection, Math.round(lastRate[target] * seconds));
      const result = await loadgen.request<LoadResult & { type: string; seconds: number }>({ type: 'run', ...targets[target], body, connections, amount }, 'result', 600_000);
      const requestsPerSecond = result.totalRequests / result.seconds;
      lastRate[target] = requestsPerSecond;
      return { ...result, requestsPerSecond };
    };

    const perLevel: Record<number, Record<Target, LoadResult[]>> = {};
    const hitRatio: Record<number, number> = {};
    for (const connections of connectionLevels) {
      // Warm-up (JIT, pools, the database's buffer pool, the response cache) of one or two requests
      // per connection, 20 at least, which also gives each target a first rate.
      for (const target of TARGETS) await load(target, connections, null);
      perLevel[connections] = { baseline: [], jalin: [], uncached: [] };
      const countersBefore = await cacheCounters(jalin.url);
      for (let round = 1; round <= rounds; round++) {
        for (const target of TARGETS) {
          const result = await load(target, connections, duration);
          perLevel[connections][target].push(result);
          log(`${connections} connections, round ${round}, ${target}: ${fmt(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
        }
      }
      // Of the measured runs only (the warm-up filled the cache).
      const countersAfter = await cacheCounters(jalin.url);
      const hits = countersAfter.hit - countersBefore.hit;
      hitRatio[connections] = ratio(hits, hits + countersAfter.miss - countersBefore.miss);
      log(`${connections} connections: response cache hit ratio ${pct(hitRatio[connections])}`);
    }

    const baselineStats = (await (await fetch(`${baselineUrl}stats`)).json()) as { requests: number; statements: number };
    await jalin.stop();
    await uncached.stop();
    const statementCounts = await countStatements(database, token, [10, DASHBOARD_PAGE]);

    const summary = connectionLevels.map((connections) => {
      const pick = (target: Target) => {
        const runs = perLevel[connections][target];
        return {
          requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
          p50: median(runs.map((r) => r.p50)),
          p99: median(runs.map((r) => r.p99)),
          failures: runs.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
        };
      };
      const b = pick('baseline');
      const j = pick('jalin');
      const u = pick('uncached');
      return {
        connections,
        baseline: b,
        jalin: j,
        uncached: u,
        ratio: ratio(j.requestsPerSecond, b.requestsPerSecond),
        uncachedRatio: ratio(u.requestsPerSecond, b.requestsPerSecond),
        hitRatio: hitRatio[connections],
      };
    });
    return {
      dialect,
      dataset: DATASET,
      page: DASHBOARD_PAGE,
      activitiesOnPage: activityCount,
      responseBytes,
      duration,
      rounds,
      runs: perLevel,
      summary,
      statements: { jalin: statementCounts, baseline: baselineStats.requests ? baselineStats.statements / baselineStats.requests : Number.NaN },
    };
  });
}

export const dashboardScenario: Scenario = {
  id: 'dashboard',
  title: '1. Dashboard query: agreements(first: 50) with partner city, country, activities and OPDs',
  async run(options): Promise<ScenarioResult> {
    const results = [];
    for (const dialect of options.dialects) results.push(await runOn(dialect, options));
    const tables: ResultTable[] = results.map((r) => ({
      title: `Dashboard on ${r.dialect === 'mysql' ? 'MariaDB' : 'SQLite'}: ${r.dataset.agreements} agreements × ${r.dataset.activitiesPerAgreement} activities, page of ${r.page} (${r.activitiesOnPage} activities, ${Math.round(r.responseBytes / 1024)} KB); median of ${r.rounds} interleaved rounds of about ${r.duration} s each`,
      headers: [
        'connections',
        'baseline req/s',
        'Jalin cached req/s',
        'cached ÷ baseline',
        'cache hit ratio',
        'Jalin uncached req/s',
        'uncached ÷ baseline',
        'baseline / cached / uncached p50/p99 ms',
        'failed requests',
        'SQL per request (Jalin, first 10 / 50: miss, hit)',
        'SQL per request (baseline)',
      ],
      rows: r.summary.map((s) => [
        s.connections,
        s.baseline.requestsPerSecond,
        s.jalin.requestsPerSecond,
        pct(s.ratio),
        pct(s.hitRatio),
        s.uncached.requestsPerSecond,
        pct(s.uncachedRatio),
        `${fmt(s.baseline.p50)}/${fmt(s.baseline.p99)} · ${fmt(s.jalin.p50)}/${fmt(s.jalin.p99)} · ${fmt(s.uncached.p50)}/${fmt(s.uncached.p99)}`,
        s.baseline.failures + s.jalin.failures + s.uncached.failures,
        `${r.statements.jalin[10].miss}, ${r.statements.jalin[10].hit} / ${r.statements.jalin[DASHBOARD_PAGE].miss}, ${r.statements.jalin[DASHBOARD_PAGE].hit}`,
        r.statements.baseline,
      ]),
    }));
    const targets = results.flatMap((r) => [
      ...r.summary.flatMap((s) => [
        {
          target: `dashboard ${r.dialect} @${s.connections} conns, response cache warm, ≥ 150% of baseline`,
          value: `${pct(s.ratio)} (hit ratio ${pct(s.hitRatio)})`,
          met: s.ratio >= 1.5,
        },
        {
          target: `dashboard ${r.dialect} @${s.connections} conns, RESPONSE_CACHE=off, ≥ 70% of baseline`,
          value: pct(s.uncachedRatio),
          met: s.uncachedRatio >= 0.7,
        },
      ]),
      {
        target: `dashboard ${r.dialect} SQL count constant in page size`,
        value: `${r.statements.jalin[10].miss} / ${r.statements.jalin[DASHBOARD_PAGE].miss}`,
        met: r.statements.jalin[10].miss === r.statements.jalin[DASHBOARD_PAGE].miss,
      },
    ]);
    return { id: this.id, title: this.title, status: 'measured', tables, data: { results }, targets };
  },
};
