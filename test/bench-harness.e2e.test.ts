import { describeEachDatabase } from './support/each-database';
import { startTestServer, type TestServer } from './support/test-server';
import { median, percentile, summarize } from '../bench/lib/stats';
import { markdownTable } from '../bench/lib/table';
import { openDatabase, type SqlRunner } from '../bench/lib/sql';
import { SqlBoard } from '../bench/lib/sql-board';
import { verifyBoards } from '../bench/lib/verify-board';
import { insertDataset } from '../bench/lib/dataset';
import { dashboardBaseline, DASHBOARD_QUERY } from '../bench/lib/dashboard-query';
import type { Ack } from '../bench/lib/board-ops';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles of observed values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(summarize([3, 1, 2])).toMatchObject({ n: 3, p50: 2, max: 3, mean: 2 });
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([10, 30])).toBe(20);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('pads markdown tables to the widest cell', () => {
    expect(markdownTable(['a', 'bb'], [[1.5, 'x']])).toBe('| a    | bb |\n| ---- | -- |\n| 1.50 | x  |');
  });
});

/**
 * The harness's own database code against a real migrated database: the baseline transactions keep
 * the board log consistent, and the lost-change check finds what it is meant to find.
 */
describeEachDatabase('bench SQL baseline and lost-change check', (dialect) => {
  let t: TestServer;
  let db: SqlRunner;
  let agreementId: number;
  let actorId: number;
  let opdId: number;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'bench-harness');
    const options = t.server.dataSource.options as unknown as { type: string; database: string; host: string; port: number; username: string; password?: string };
    db =
      options.type === 'better-sqlite3'
        ? openDatabase({ dialect: 'sqlite', file: options.database, connection: {} }, 4)
        : openDatabase(
            {
              dialect: 'mysql',
              file: '',
              connection: { host: options.host, port: options.port, user: options.username, password: options.password, database: options.database, timezone: 'Z' },
            },
            4,
          );
    [agreementId] = await insertDataset(db, { agreements: 2, activitiesPerAgreement: 3 });
    [{ id: actorId }] = await db.query<{ id: number }>("SELECT `id` FROM `user` WHERE `email` = 'admin@jalin.local'");
    [{ id: opdId }] = await db.query<{ id: number }>('SELECT `id` FROM `opd` ORDER BY `id` LIMIT 1');
  });

  afterAll(async () => {
    await db?.close();
    await t?.close();
  });

  it('answers the dashboard query with the same JSON as the API, in three statements', async () => {
    const token = await t.login('viewer@jalin.local');
    const fromApi = await t.gql(DASHBOARD_QUERY, { first: 50 }, token);
    let statements = 0;
    const fromBaseline = await dashboardBaseline(db, 50, () => statements++);
    expect(fromBaseline).toEqual({ data: fromApi.data });
    expect(statements).toBe(3);
  });

  async function activityIds() {
    return (await db.query<{ id: number }>('SELECT `id` FROM `draft_activity` WHERE `agreementId` = ? ORDER BY `position`', [agreementId])).map((r) => Number(r.id));
  }

  async function snapshot() {
    const [{ boardSeq }] = await db.query<{ boardSeq: number }>('SELECT `boardSeq` FROM `agreement` WHERE `id` = ?', [agreementId]);
    const versions = await db.query<{ id: number; version: number }>('SELECT `id`, `version` FROM `draft_activity` WHERE `agreementId` = ?', [agreementId]);
    return { seqBefore: new Map([[agreementId, Number(boardSeq)]]), versionsBefore: new Map(versions.map((v) => [Number(v.id), Number(v.version)])) };
  }

  /** Concurrent baseline changes on one board, as the scenario's editors make them. */
  async function editConcurrently(board: SqlBoard): Promise<Ack[]> {
    const ids = await activityIds();
    const acks: Ack[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, editor) => {
        for (let step = 0; step < 5; step++) {
          const id = ids[(editor + step) % ids.length];
          const current = await db.query<{ version: number }>('SELECT `version` FROM `draft_activity` WHERE `id` = ?', [id]);
          if (step % 3 === 2) {
            const moved = await board.move(agreementId, id, ids[(editor + step + 1) % ids.length]);
            acks.push({ op: 'move', agreementId, activityId: id, version: moved.version, position: moved.position, written: {} });
          } else {
            const value = `e${editor} s${step}`;
            const result = await board.update(agreementId, id, Number(current[0].version), { title: value });
            if (!result.conflict) acks.push({ op: 'update', agreementId, activityId: id, version: result.activity.version, position: result.activity.position, written: { title: value } });
          }
        }
      }),
    );
    const added = await board.add(agreementId, opdId, { title: 'added', scope: 's', benefit: 'b', output: 'o' });
    acks.push({ op: 'add', agreementId, activityId: Number(added.id), version: added.version, position: added.position, written: { title: 'added', scope: 's', benefit: 'b', output: 'o' } });
    return acks;
  }

  it('finds nothing lost when every acknowledged change is in the log and the rows', async () => {
    const board = new SqlBoard(db, dialect, actorId);
    const before = await snapshot();
    const acks = await editConcurrently(board);
    expect(acks.length).toBeGreaterThan(10);
    const check = await verifyBoards(db, before.seqBefore, before.versionsBefore, acks);
    expect(check).toMatchObject({ acknowledged: acks.length, lostAcks: 0, lostEffects: 0, gappedBoards: 0, unacknowledgedEvents: 0 });
  });

  it('refuses a stale update of the same field with a conflict, and lets another field through', async () => {
    const board = new SqlBoard(db, dialect, actorId);
    const [id] = await activityIds();
    const [{ version }] = await db.query<{ version: number }>('SELECT `version` FROM `draft_activity` WHERE `id` = ?', [id]);
    const first = await board.update(agreementId, id, Number(version), { scope: 'first' });
    expect(first.conflict).toBe(false);
    expect((await board.update(agreementId, id, Number(version), { scope: 'stale' })).conflict).toBe(true);
    expect((await board.update(agreementId, id, Number(version), { output: 'other field' })).conflict).toBe(false);
  });

  it('reports an acknowledged change whose event is missing, the gap it leaves, and a value that is not the last acknowledged', async () => {
    const board = new SqlBoard(db, dialect, actorId);
    const before = await snapshot();
    const acks = await editConcurrently(board);
    const update = acks.find((a) => a.op === 'update')!;
    // Lose one event in the middle of the log, and overwrite the last acknowledged title of another activity.
    const [{ seq }] = await db.query<{ seq: number }>('SELECT MIN(`seq`) AS seq FROM `change_event` WHERE `agreementId` = ? AND `seq` > ?', [agreementId, before.seqBefore.get(agreementId)]);
    const [lostEvent] = await db.query<{ activityId: number; snapshot: string }>('SELECT `activityId`, `snapshot` FROM `change_event` WHERE `agreementId` = ? AND `seq` = ?', [agreementId, seq]);
    await db.execute('DELETE FROM `change_event` WHERE `agreementId` = ? AND `seq` = ?', [agreementId, seq]);
    const lastTitle = [...acks].reverse().find((a) => a.written.title !== undefined && a.activityId !== update.activityId)!;
    await db.execute('UPDATE `draft_activity` SET `title` = ? WHERE `id` = ?', ['overwritten behind the log', lastTitle.activityId]);

    const check = await verifyBoards(db, before.seqBefore, before.versionsBefore, acks);
    expect(check.gappedBoards).toBe(1);
    const lostVersion = (JSON.parse(lostEvent.snapshot) as { version: number }).version;
    expect(check.lostAcks).toBe(acks.filter((a) => a.activityId === Number(lostEvent.activityId) && a.version === lostVersion).length);
    expect(check.lostAcks).toBeGreaterThan(0);
    expect(check.lostEffects).toBeGreaterThanOrEqual(1);
    expect(check.examples.join('\n')).toContain('overwritten behind the log');
  });
});
