import { insertDataset } from '../lib/dataset';
import { toGlobalId } from '../../src/global-id';
import { BOARD_API_SKIP, jalinWithBoardApi } from '../lib/jalin-setup';
import { baselinePath, forkWorker, workerPath } from '../lib/process';
import { bulkInsert } from '../lib/sql';
import { median, ratio } from '../lib/stats';
import { fmt, pct } from '../lib/table';
import { skipped, withCleanup, type RunOptions, type Scenario, type ScenarioResult } from '../lib/scenario';

const EVENTS = 10_000;

interface Replayed {
  type: string;
  ms: number;
  received: number;
  outOfOrder: number;
  resync: boolean;
}

async function runOn(dialect: 'mysql' | 'sqlite', options: RunOptions) {
  const log = (m: string) => options.log(`[replay/${dialect}] ${m}`);
  const rounds = options.quick ? 2 : 5;
  return withCleanup(async (defer) => {
    const setup = await jalinWithBoardApi(dialect, 'replay', defer);
    if ('missing' in setup) return { missing: setup.missing };
    const { database, jalin, viewerToken, db, adminId: actorId } = setup;

    // One board whose log holds 10,000 updates of one activity, written straight into change_event.
    const [agreementId] = await insertDataset(db, { agreements: 1, activitiesPerAgreement: 1 });
    const [activity] = await db.query<Record<string, unknown>>('SELECT * FROM `draft_activity` WHERE `agreementId` = ?', [agreementId]);
    const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const rows = Array.from({ length: EVENTS }, (_, i) => {
      const version = i + 2;
      const snapshot = { ...activity, title: `Replayed title ${i + 1}`, version, fieldVersions: { title: version } };
      return [agreementId, i + 1, 'UPDATED', activity.id, '["title"]', JSON.stringify(snapshot), actorId, at];
    });
    await bulkInsert(db, 'change_event', ['agreementId', 'seq', 'kind', 'activityId', 'changedFields', 'snapshot', 'actorId', 'at'], rows, 1000);
    await db.execute('UPDATE `agreement` SET `boardSeq` = ? WHERE `id` = ?', [EVENTS, agreementId]);
    await db.execute('UPDATE `draft_activity` SET `title` = ?, `version` = ? WHERE `id` = ?', [`Replayed title ${EVENTS}`, EVENTS + 1, activity.id]);
    log(`${EVENTS} events in change_event`);

    const baseline = forkWorker(baselinePath('ws-replay'));
    defer(() => baseline.stop());
    const { port } = await baseline.request<{ type: string; port: number }>(
      { type: 'start', database: { dialect: database.dialect, connection: database.connection, file: database.file } },
      'ready',
    );
    const client = forkWorker(workerPath('replay-client'));
    defer(() => client.stop());
    const replay = (mode: 'graphql' | 'raw') =>
      client.request<Replayed>(
        {
          type: 'replay',
          mode,
          url: mode === 'graphql' ? jalin.wsUrl : `ws://127.0.0.1:${port}/`,
          token: viewerToken,
          // The API takes the agreement's global id; the baseline server its row id.
          agreementId: mode === 'graphql' ? toGlobalId('Agreement', agreementId) : String(agreementId),
          afterSeq: 0,
          lastSeq: EVENTS,
          timeoutMs: 60_000,
        },
        'replayed',
        90_000,
      );

    const runs: Record<'baseline' | 'jalin', Replayed[]> = { baseline: [], jalin: [] };
    for (let round = 0; round <= rounds; round++) {
      for (const target of ['baseline', 'jalin'] as const) {
        const result = await replay(target === 'jalin' ? 'graphql' : 'raw');
        // Round 0 warms both up (JIT, connection pools, the database's buffer pool).
        if (round === 0) continue;
        runs[target].push(result);
        log(`round ${round}, ${target}: ${fmt(result.ms)} ms, ${result.received} events, ${result.outOfOrder} out of order${result.resync ? ', answered RESYNC instead of replaying' : ''}`);
      }
    }
    const side = (target: 'baseline' | 'jalin') => ({
      ms: median(runs[target].map((r) => r.ms)),
      worstMs: Math.max(...runs[target].map((r) => r.ms)),
      wrong: runs[target].reduce((sum, r) => sum + r.outOfOrder + Math.abs(r.received - EVENTS), 0),
      resync: runs[target].some((r) => r.resync),
    });
    const b = side('baseline');
    const j = side('jalin');
    return { dialect, events: EVENTS, rounds, baseline: b, jalin: j, ratio: ratio(b.ms, j.ms), runs };
  });
}

export const replayScenario: Scenario = {
  id: 'replay',
  title: '4. Replay: a client resuming 10,000 events behind (afterSeq 0)',
  async run(options): Promise<ScenarioResult> {
    const results = [];
    for (const dialect of options.dialects) {
      const result = await runOn(dialect, options);
      if ('missing' in result) return skipped(this, `${BOARD_API_SKIP} (missing: ${result.missing!.join(', ')})`);
      results.push(result);
    }
    return {
      id: this.id,
      title: this.title,
      status: 'measured',
      tables: [
        {
          title: 'Time from subscribe to the 10,000th event (median of the measured rounds, after one warm-up round)',
          headers: ['database', 'baseline ms', 'Jalin ms', 'Jalin worst ms', 'Jalin speed ÷ baseline', 'events out of order or missing (b / J)', 'Jalin answered RESYNC'],
          rows: results.map((r) => [
            r.dialect,
            r.baseline.ms,
            r.jalin.resync ? '–' : r.jalin.ms,
            r.jalin.resync ? '–' : r.jalin.worstMs,
            r.jalin.resync ? '–' : pct(r.ratio),
            `${r.baseline.wrong} / ${r.jalin.wrong}`,
            r.jalin.resync,
          ]),
        },
      ],
      data: { results },
      targets: results.flatMap((r) => [
        {
          target: `replay ${r.dialect}: 10,000 events < 400 ms`,
          value: r.jalin.resync ? 'RESYNC: the server declined to replay that far back' : `${fmt(r.jalin.ms)} ms`,
          met: !r.jalin.resync && r.jalin.ms < 400,
        },
        { target: `replay ${r.dialect}: ≥ 50% of the baseline's speed`, value: r.jalin.resync ? '–' : pct(r.ratio), met: !r.jalin.resync && r.ratio >= 0.5 },
        { target: `replay ${r.dialect}: in order, none missing`, value: String(r.jalin.wrong), met: r.jalin.wrong === 0 },
      ]),
    };
  },
};
