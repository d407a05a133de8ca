import { ADD_ACTIVITY, BOARD_QUERY, MOVE_ACTIVITY, UPDATE_ACTIVITY, type Ack, type ActivityState } from '../lib/board-ops';
import { toGlobalId } from '../../src/global-id';
import { postGraphql, withCountingServer } from '../lib/in-process';
import { insertDataset } from '../lib/dataset';
import { BOARD_API_SKIP, jalinWithBoardApi } from '../lib/jalin-setup';
import { forkWorker, workerPath } from '../lib/process';
import type { SqlRunner } from '../lib/sql';
import { median, ratio, summarize } from '../lib/stats';
import { fmt, pct } from '../lib/table';
import { verifyBoards, type BoardCheck } from '../lib/verify-board';
import { skipped, withCleanup, type RunOptions, type Scenario, type ScenarioResult } from '../lib/scenario';

const EDITOR_PROCESSES = 2;
const BOARD_SETS = [1, 20];

interface Done {
  type: string;
  acks: Ack[];
  latencies: number[];
  conflicts: number;
  errors: number;
  lastError: string;
}

/** What one change costs in SQL: statements (transaction control aside) and round trips to the database (all of it). */
interface PerChange {
  statements: number;
  roundTrips: number;
}

const perChange = (counts: Record<'add' | 'update' | 'move', PerChange>) =>
  (['add', 'update', 'move'] as const).map((kind) => `${kind} ${counts[kind].statements} / ${counts[kind].roundTrips}`).join(', ');

interface RunFigures {
  changesPerSecond: number;
  conflictsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  lastError: string;
  check: BoardCheck;
}

async function boardsNow(db: SqlRunner, agreementIds: number[]) {
  const boards = [];
  const seqBefore = new Map<number, number>();
  const versionsBefore = new Map<number, number>();
  for (const agreementId of agreementIds) {
    const [{ boardSeq }] = await db.query<{ boardSeq: number }>('SELECT `boardSeq` FROM `agreement` WHERE `id` = ?', [agreementId]);
    seqBefore.set(agreementId, Number(boardSeq));
    const activities = await db.query<{ id: number; position: string; version: number }>(
      'SELECT `id`, `position`, `version` FROM `draft_activity` WHERE `agreementId` = ? AND `removedAt` IS NULL ORDER BY `position`',
      [agreementId],
    );
    for (const a of activities) versionsBefore.set(Number(a.id), Number(a.version));
    boards.push({ agreementId, activities: activities.map((a): ActivityState => ({ id: String(a.id), position: a.position, version: Number(a.version) })) });
  }
  return { boards, seqBefore, versionsBefore };
}

async function runOn(dialect: 'mysql' | 'sqlite', options: RunOptions) {
  const log = (m: string) => options.log(`[coediting/${dialect}] ${m}`);
  const editorLevels = options.quick ? [20] : [20, 100];
  const rounds = options.quick ? 1 : 2;
  const durationMs = (options.quick ? 5 : 15) * 1000;

  return withCleanup(async (defer) => {
    const setup = await jalinWithBoardApi(dialect, 'coediting', defer);
    if ('missing' in setup) return { missing: setup.missing };
    const { database, jalin, adminToken, db, adminId: actorId } = setup;
    const agreementIds = await insertDataset(db, { agreements: Math.max(...BOARD_SETS), activitiesPerAgreement: 10 });
    const [{ id: opdId }] = await db.query<{ id: number }>('SELECT `id` FROM `opd` ORDER BY `id` LIMIT 1');

    const runOnce = async (target: 'baseline' | 'jalin', editors: number, boardCount: number, runTag: string): Promise<RunFigures> => {
      const { boards, seqBefore, versionsBefore } = await boardsNow(db, agreementIds.slice(0, boardCount));
      const workers = Array.from({ length: EDITOR_PROCESSES }, () => forkWorker(workerPath('editors')));
      try {
        const share = Math.ceil(editors / EDITOR_PROCESSES);
        const replies = await Promise.all(
          workers.map((worker, i) =>
            worker.request<Done>(
              {
                type: 'run',
                mode: target === 'jalin' ? 'graphql' : 'sql',
                editors: Math.min(share, editors - i * share),
                firstEditor: i * share,
                boards,
                durationMs,
                runTag,
                opdId: Number(opdId),
                url: jalin.url,
                token: adminToken,
                database: { dialect: database.dialect, connection: database.connection, file: database.file },
                // The same number of database connections as Jalin's pool (20), split over the processes.
                poolSize: Math.max(1, Math.floor(20 / EDITOR_PROCESSES)),
                actorId: Number(actorId),
              },
              'done',
              durationMs + 120_000,
            ),
          ),
        );
        const acks = replies.flatMap((r) => r.acks);
        const latency = summarize(replies.flatMap((r) => r.latencies));
        const conflicts = replies.reduce((sum, r) => sum + r.conflicts, 0);
        const errors = replies.reduce((sum, r) => sum + r.errors, 0);
        const check = await verifyBoards(db, seqBefore, versionsBefore, acks);
        const seconds = durationMs / 1000;
        return {
          changesPerSecond: acks.length / seconds,
          conflictsPerSecond: conflicts / seconds,
          p50: latency.p50,
          p99: latency.p99,
          errors,
          lastError: replies.find((r) => r.lastError)?.lastError ?? '',
          check,
        };
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
    };

    const cases = [];
    for (const editors of editorLevels) {
      for (const boardCount of BOARD_SETS) {
        const runs: Record<'baseline' | 'jalin', RunFigures[]> = { baseline: [], jalin: [] };
        for (let round = 1; round <= rounds; round++) {
          for (const target of ['baseline', 'jalin'] as const) {
            const figures = await runOnce(target, editors, boardCount, `${target[0]}${editors}x${boardCount}r${round}`);
            runs[target].push(figures);
            const c = figures.check;
            log(
              `${editors} editors, ${boardCount} board(s), round ${round}, ${target}: ${fmt(figures.changesPerSecond)} changes/s, p99 ${fmt(figures.p99)} ms, ` +
                `${fmt(figures.conflictsPerSecond)} conflicts/s, ${figures.errors} errors, lost ${c.lostAcks}/${c.lostEffects}${c.examples.length ? ` (${c.examples[0]})` : ''}${figures.lastError ? `; last error: ${figures.lastError}` : ''}`,
            );
          }
        }
        const side = (target: 'baseline' | 'jalin') => ({
          changesPerSecond: median(runs[target].map((r) => r.changesPerSecond)),
          conflictsPerSecond: median(runs[target].map((r) => r.conflictsPerSecond)),
          p99: median(runs[target].map((r) => r.p99)),
          errors: runs[target].reduce((sum, r) => sum + r.errors, 0),
          acknowledged: runs[target].reduce((sum, r) => sum + r.check.acknowledged, 0),
          lost: runs[target].reduce((sum, r) => sum + r.check.lostAcks + r.check.lostEffects + r.check.gappedBoards, 0),
        });
        const baseline = side('baseline');
        const j = side('jalin');
        cases.push({ editors, boards: boardCount, baseline, jalin: j, ratio: ratio(j.changesPerSecond, baseline.changesPerSecond), runs });
      }
    }
    // SQL statements and round trips per change, on the same server started in process with a counting logger.
    await jalin.stop();
    const { boards } = await boardsNow(db, agreementIds.slice(0, 1));
    const [a, b] = boards[0].activities;
    // As in a running server (the editors' steady state): the signed-in user and the activity's board
    // already known to the process (the first request of a user reads the user, the first change of an
    // activity in a process reads which board it is on).
    const statements = await withCountingServer(database.url, async (server, counter) => {
      const count = async (query: string, variables: Record<string, unknown>): Promise<PerChange> => {
        const counted = await counter.count(() => postGraphql(server.url, query, variables, adminToken));
        return { statements: counted.count, roundTrips: counted.roundTrips };
      };
      const agreementId = toGlobalId('Agreement', boards[0].agreementId);
      await postGraphql(server.url, BOARD_QUERY, { agreementId }, adminToken);
      const warm = await postGraphql<{ updateDraftActivity: ActivityState }>(server.url, UPDATE_ACTIVITY, { id: toGlobalId('DraftActivity', a.id), baseVersion: a.version, patch: { title: 'Warm-up' } }, adminToken);
      return {
        add: await count(ADD_ACTIVITY, { input: { agreementId, opdId: toGlobalId('Opd', opdId), title: 'Counted', scope: 's', benefit: 'b', output: 'o' } }),
        update: await count(UPDATE_ACTIVITY, { id: warm.updateDraftActivity.id, baseVersion: warm.updateDraftActivity.version, patch: { title: 'Counted update' } }),
        move: await count(MOVE_ACTIVITY, { id: warm.updateDraftActivity.id, afterId: toGlobalId('DraftActivity', b.id) }),
      };
    });
    log(`SQL statements / round trips per change: ${perChange(statements)}`);
    return { dialect, durationMs, rounds, cases, statements };
  });
}

export const coeditingScenario: Scenario = {
  id: 'coediting',
  title: '3. Co-editing under load: mixed add / update / move through GraphQL',
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
      tables: results.map((r) => ({
        title:
          `Co-editing on ${r.dialect === 'mysql' ? 'MariaDB' : 'SQLite'}: 15% add, 65% update, 20% move; median of ${r.rounds} interleaved ${r.durationMs / 1000} s rounds; ` +
          `baseline = the same transactions through the driver. Jalin's SQL statements / round trips per change (statements without, round trips with transaction control): ${perChange(r.statements)}`,
        headers: ['editors', 'boards', 'baseline changes/s', 'Jalin changes/s', 'Jalin ÷ baseline', 'baseline p99 ms', 'Jalin p99 ms', 'Jalin conflicts/s', 'errors (b / J)', 'acknowledged (b / J)', 'lost (b / J)'],
        rows: r.cases.map((c) => [
          c.editors,
          c.boards,
          c.baseline.changesPerSecond,
          c.jalin.changesPerSecond,
          pct(c.ratio),
          c.baseline.p99,
          c.jalin.p99,
          c.jalin.conflictsPerSecond,
          `${c.baseline.errors} / ${c.jalin.errors}`,
          `${c.baseline.acknowledged} / ${c.jalin.acknowledged}`,
          `${c.baseline.lost} / ${c.jalin.lost}`,
        ]),
      })),
      data: { results },
      targets: results.flatMap((r) =>
        r.cases.flatMap((c) => [
          ...(c.boards === 1 && r.dialect === 'mysql'
            ? [{ target: `co-editing ${c.editors} editors, one board, MariaDB: ≥ 500 changes/s`, value: fmt(c.jalin.changesPerSecond), met: c.jalin.changesPerSecond >= 500 }]
            : []),
          { target: `co-editing ${r.dialect} ${c.editors}×${c.boards}: ≥ 60% of driver baseline`, value: pct(c.ratio), met: c.ratio >= 0.6 },
          { target: `co-editing ${r.dialect} ${c.editors}×${c.boards}: zero lost`, value: String(c.jalin.lost), met: c.jalin.lost === 0 && c.jalin.acknowledged > 0 },
        ]),
      ),
    };
  },
};
