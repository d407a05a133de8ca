import { gqlData, login } from '../lib/graphql';
import { BENCH_PASSWORD, BENCH_USERS } from '../lib/users';
import { BOARD_QUERY, UPDATE_ACTIVITY } from '../lib/board-ops';
import { BOARD_API_SKIP, jalinWithBoardApi } from '../lib/jalin-setup';
import { baselinePath, forkWorker, rssOf, startJalin, workerPath, type Worker } from '../lib/process';
import { ratio, summarize, type Summary } from '../lib/stats';
import { fmt, pct } from '../lib/table';
import { skipped, withCleanup, type RunOptions, type Scenario, type ScenarioResult } from '../lib/scenario';

interface Arrived {
  type: string;
  latencies: number[];
  missing: number;
  errors: number;
  lastError: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Subscribers per swarm process: enough processes that the clients are not the bottleneck. */
const PER_PROCESS = 1250;

async function openSwarms(count: number, message: Record<string, unknown>, swarms: Worker[]) {
  const share = Math.ceil(count / swarms.length);
  const replies = await Promise.all(
    swarms.map((swarm, i) => swarm.request<{ type: string; failures: number; lastError: string }>({ type: 'open', ...message, count: Math.min(share, count - i * share) }, 'opened', 300_000)),
  );
  const failures = replies.reduce((sum, r) => sum + r.failures, 0);
  if (failures) throw new Error(`${failures} of ${count} subscribers could not connect: ${replies.find((r) => r.lastError)?.lastError}`);
}

async function collect(swarms: Worker[], mode: 'graphql' | 'raw', seq: number, timeoutMs: number) {
  const replies = await Promise.all(swarms.map((swarm) => swarm.request<Arrived>({ type: 'await', mode, seq, timeoutMs }, 'arrived', timeoutMs + 30_000)));
  return {
    latencies: replies.flatMap((r) => r.latencies),
    missing: replies.reduce((sum, r) => sum + r.missing, 0),
    errors: replies.reduce((sum, r) => sum + r.errors, 0),
    lastError: replies.find((r) => r.lastError)?.lastError ?? '',
  };
}

async function runLevel(dialect: 'mysql' | 'sqlite', subscribers: number, options: RunOptions, defer: (c: () => Promise<unknown>) => void) {
  const log = (m: string) => options.log(`[fanout/${dialect}/${subscribers}] ${m}`);
  const changes = options.quick ? 3 : 10;
  const setup = await jalinWithBoardApi(dialect, `fanout${subscribers}`, defer);
  if ('missing' in setup) return { missing: setup.missing };
  let { jalin } = setup;
  const { database } = setup;
  // A fresh server process: nothing from the set-up's probes and sign-ins lingers in its memory.
  await jalin.stop();
  jalin = await startJalin(database.url);
  defer(() => jalin.stop());
  const adminToken = await login(jalin.url, BENCH_USERS.admin, BENCH_PASSWORD);
  const viewerToken = await login(jalin.url, BENCH_USERS.viewer, BENCH_PASSWORD);

  const agreements = await gqlData<{ agreements: { edges: { node: { id: string; status: string } }[] } }>(jalin.url, '{ agreements(first: 50) { edges { node { id status } } } }', {}, adminToken);
  const agreementId = agreements.agreements.edges.find((e) => e.node.status === 'PLAN_DRAFTING')!.node.id;
  const board = (await gqlData<{ board: { seq: number; activities: { id: string; version: number }[] } }>(jalin.url, BOARD_QUERY, { agreementId }, adminToken)).board;
  const target = board.activities[0];
  let version = target.version;

  const baseline = forkWorker(baselinePath('ws-broadcast'));
  defer(() => baseline.stop());
  const { port } = await baseline.request<{ type: string; port: number }>({ type: 'start' }, 'ready');

  const swarms = Array.from({ length: Math.max(2, Math.ceil(subscribers / PER_PROCESS)) }, () => forkWorker(workerPath('ws-swarm')));
  for (const swarm of swarms) defer(() => swarm.stop());

  // Subscribers open in two steps: the first fifth warms every code path (and the first change
  // reaches it); the memory the other four fifths add is the cost of an idle subscription.
  const first = Math.ceil(subscribers / 5);
  const openBoth = async (count: number) => {
    await openSwarms(count, { mode: 'raw', url: `ws://127.0.0.1:${port}/` }, swarms);
    await openSwarms(count, { mode: 'graphql', url: jalin.wsUrl, token: viewerToken, agreementId, afterSeq: board.seq }, swarms);
  };
  let seq = board.seq;
  let title = 0;
  const jalinChange = async () => {
    const data = await gqlData<{ updateDraftActivity: { version: number } }>(
      jalin.url,
      UPDATE_ACTIVITY,
      { id: target.id, baseVersion: version, patch: { title: `Fan-out title ${++title}` } },
      adminToken,
    );
    version = data.updateDraftActivity.version;
    seq++;
    return collect(swarms, 'graphql', seq, 30_000);
  };
  let broadcastSeq = 0;
  const baselineChange = async () => {
    broadcastSeq++;
    await baseline.request({ type: 'broadcast', event: { seq: broadcastSeq, kind: 'UPDATED', activityId: target.id, changedFields: ['title'], activity: { id: target.id, title: `Fan-out title ${broadcastSeq}`, position: 'a0', version } } }, 'sent');
    return collect(swarms, 'raw', broadcastSeq, 30_000);
  };

  // A change after each step proves that every subscription is live (graphql-ws does not
  // acknowledge a subscribe); a subscription that arrives late replays it from the log.
  const warm = async () => {
    const j = await jalinChange();
    if (j.missing) throw new Error(`${j.missing} of the Jalin subscribers got no event within 30 s (${j.errors} errors; ${j.lastError})`);
    const b = await baselineChange();
    if (b.missing) throw new Error(`${b.missing} baseline sockets got no message within 30 s`);
  };
  await openBoth(first);
  await warm();
  await sleep(1000);
  const partial = { jalin: jalin.rss(), baseline: rssOf(baseline.pid) };
  await openBoth(subscribers - first);
  log(`${subscribers} baseline sockets and Jalin subscriptions open`);
  await warm();
  await sleep(2000);
  const idle = { jalin: jalin.rss(), baseline: rssOf(baseline.pid) };
  const perSubscription = (name: 'jalin' | 'baseline') => (idle[name] - partial[name]) / (subscribers - first);
  log(`idle: ${fmt(perSubscription('jalin') / 1024)} KB RSS per Jalin subscription, ${fmt(perSubscription('baseline') / 1024)} KB per baseline socket`);

  const runs: Record<'jalin' | 'baseline', { latencies: number[]; missing: number; summary: Summary; perSecond: number }[]> = { jalin: [], baseline: [] };
  for (let i = 0; i < changes; i++) {
    for (const [name, change] of [
      ['baseline', baselineChange],
      ['jalin', jalinChange],
    ] as const) {
      const result = await change();
      const summary = summarize(result.latencies);
      // Deliveries per second: every subscriber reached, over the time the last one took (≥ 1 ms).
      runs[name].push({ ...result, summary, perSecond: result.latencies.length / (Math.max(summary.max, 1) / 1000) });
      await sleep(200);
    }
  }
  await Promise.all(swarms.map((swarm) => swarm.request({ type: 'close', mode: 'graphql' }, 'closed')));
  await Promise.all(swarms.map((swarm) => swarm.request({ type: 'close', mode: 'raw' }, 'closed')));

  const side = (name: 'jalin' | 'baseline') => {
    const all = summarize(runs[name].flatMap((r) => r.latencies));
    const lastClient = summarize(runs[name].map((r) => r.summary.max));
    return {
      latency: all,
      lastClient,
      missing: runs[name].reduce((sum, r) => sum + r.missing, 0),
      perSecond: summarize(runs[name].map((r) => r.perSecond)).p50,
      bytesPerSubscription: perSubscription(name),
    };
  };
  const j = side('jalin');
  const b = side('baseline');
  log(`Jalin p99 ${j.latency.p99} ms, max ${j.latency.max} ms; baseline p99 ${b.latency.p99} ms`);
  return { dialect, subscribers, changes, jalin: j, baseline: b, rateRatio: ratio(j.perSecond, b.perSecond) };
}

export const fanoutScenario: Scenario = {
  id: 'fanout',
  title: '2. Fan-out: one board change to 1,000 / 5,000 subscribers',
  async run(options): Promise<ScenarioResult> {
    const levels = options.quick ? [1000] : [1000, 5000];
    const results = [];
    // The same baseline beside each database: only the server's database differs.
    for (const dialect of options.dialects) {
      for (const subscribers of levels) {
        const result = await withCleanup((defer) => runLevel(dialect, subscribers, options, defer));
        if ('missing' in result) return skipped(this, `${BOARD_API_SKIP} (missing: ${result.missing!.join(', ')})`);
        results.push(result);
      }
    }
    return {
      id: this.id,
      title: this.title,
      status: 'measured',
      tables: [
        {
          title: 'Delivery latency from commit to each subscriber (ms), over all measured changes; rate = subscribers ÷ time to the last one',
          headers: ['database', 'subscribers', 'target', 'p50', 'p99', 'max', 'last client p50', 'deliveries/s', 'missed', 'KB per idle subscription', 'Jalin ÷ baseline rate'],
          rows: results.flatMap((r) => [
            [r.dialect, r.subscribers, 'baseline (ws)', r.baseline.latency.p50, r.baseline.latency.p99, r.baseline.latency.max, r.baseline.lastClient.p50, Math.round(r.baseline.perSecond), r.baseline.missing, fmt(r.baseline.bytesPerSubscription / 1024), ''],
            [r.dialect, r.subscribers, 'Jalin', r.jalin.latency.p50, r.jalin.latency.p99, r.jalin.latency.max, r.jalin.lastClient.p50, Math.round(r.jalin.perSecond), r.jalin.missing, fmt(r.jalin.bytesPerSubscription / 1024), pct(r.rateRatio)],
          ]),
        },
      ],
      data: { results },
      targets: results.flatMap((r) => [
        { target: `fan-out ${r.dialect} ${r.subscribers}: p99 ≤ 250 ms`, value: `${r.jalin.latency.p99} ms`, met: r.jalin.latency.p99 <= 250 },
        { target: `fan-out ${r.dialect} ${r.subscribers}: ≥ 70% of raw ws broadcast rate`, value: pct(r.rateRatio), met: r.rateRatio >= 0.7 },
        { target: `fan-out ${r.dialect} ${r.subscribers}: ≤ 20 KB per idle subscription`, value: `${fmt(r.jalin.bytesPerSubscription / 1024)} KB`, met: r.jalin.bytesPerSubscription <= 20 * 1024 },
        { target: `fan-out ${r.dialect} ${r.subscribers}: every subscriber got every change`, value: `${r.jalin.missing} missed`, met: r.jalin.missing === 0 },
      ]),
    };
  },
};
