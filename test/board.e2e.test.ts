import { ACTIVITY_FIELDS, BOARD_QUERY, BoardWatcher, demoBoards, inBoardOrder, rebuild, type Activity } from './support/board-helpers';
import { Agreement } from '../src/entities';
import { InputReason } from '../src/errors';
import { openBoardStream } from '../src/realtime/board-stream';
import { describeEachDatabase } from './support/each-database';
import { gid, localId } from './support/ids';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';
import { expectNoInternals } from './support/no-internals';
import { besidesUserLookup } from '../src/sql-counter';

const ADD = `mutation Add($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const UPDATE = `mutation Update($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { ${ACTIVITY_FIELDS} } }`;
const MOVE = `mutation Move($id: ID!, $after: ID, $before: ID) { moveDraftActivity(id: $id, afterId: $after, beforeId: $before) { ${ACTIVITY_FIELDS} } }`;
const REMOVE = `mutation Remove($id: ID!) { removeDraftActivity(id: $id) { ${ACTIVITY_FIELDS} } }`;
const RESTORE = `mutation Restore($id: ID!) { restoreDraftActivity(id: $id) { ${ACTIVITY_FIELDS} } }`;
const SET_EDITING = 'mutation($a: ID!, $x: ID, $f: String) { setEditing(agreementId: $a, activityId: $x, field: $f) }';
const PRESENCE = '{ boardPresence(agreementId: $a) { agreementId users { user { email } activityId field since } } }';
const PRESENCE_QUERY = `query($a: ID!) ${PRESENCE}`;

type BoardData = { board: { agreementId: string; seq: number; activities: Activity[] } };

describeEachDatabase('live co-editing of a draft board', (dialect) => {
  let t: TestServer;
  let officer: string;
  let admin: string;
  let bappeda: string;
  let dispar: string;
  let viewer: string;
  let boards: Awaited<ReturnType<typeof demoBoards>>;
  let opdIds: Record<string, string>;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'board');
    [officer, admin, bappeda, dispar, viewer] = await Promise.all(
      ['officer', 'admin', 'bappeda', 'dispar', 'viewer'].map((name) => t.login(`${name}@jalin.local`)),
    );
    boards = await demoBoards(t, officer);
    const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer);
    opdIds = Object.fromEntries(opds.data!.opds.map((o) => [o.code, o.id]));
  });
  afterAll(() => t?.close());

  const board = async (id: string, token = officer) => {
    const result = await t.gql<BoardData>(BOARD_QUERY, { id }, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.board;
  };
  const add = (token: string, input: Record<string, unknown>) => t.gql<{ addDraftActivity: Activity }>(ADD, { input }, token);
  const update = (token: string, id: string, base: number, patch: Record<string, unknown>) =>
    t.gql<{ updateDraftActivity: Activity }>(UPDATE, { id, base, patch }, token);
  const move = (token: string, id: string, after: string | null, before: string | null) =>
    t.gql<{ moveDraftActivity: Activity }>(MOVE, { id, after, before }, token);
  const remove = (token: string, id: string) => t.gql<{ removeDraftActivity: Activity }>(REMOVE, { id }, token);
  const restore = (token: string, id: string) => t.gql<{ restoreDraftActivity: Activity }>(RESTORE, { id }, token);
  const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
  const newActivity = (agreementId: string, title: string, extra: Record<string, unknown> = {}) => ({
    agreementId,
    opdId: opdIds.BAPPEDA,
    title,
    scope: `${title} scope`,
    benefit: `${title} benefit`,
    output: `${title} output`,
    ...extra,
  });

  /** Runs `refused` and proves it left no trace on any board: no event, no sequence number. */
  async function expectNoTrace(refused: () => Promise<GraphQLResponse>, code: string) {
    const before = await Promise.all(boards.drafting.map((id) => board(id)));
    const result = await refused();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    // Every input refusal says why in a reason the web client can word (src/errors.ts InputReason).
    if (code === 'BAD_USER_INPUT') expect(Object.values(InputReason)).toContain(result.errors?.[0]?.extensions?.reason);
    expectNoInternals(result);
    const after = await Promise.all(boards.drafting.map((id) => board(id)));
    expect(after).toEqual(before);
    return result;
  }

  it('serves the board in order with the sequence number it reflects, and a replay from 0 rebuilds it', async () => {
    const id = boards.drafting[0];
    const current = await board(id);
    expect(current.activities).toHaveLength(current.activities.length);
    expect(current.activities).toEqual(inBoardOrder(current.activities));
    const watcher = new BoardWatcher(t.ws(viewer), id, 0);
    await watcher.untilSeq(current.seq);
    expect(watcher.events.map((e) => e.seq)).toEqual(Array.from({ length: current.seq }, (_, i) => i + 1));
    expect(rebuild(watcher.events)).toEqual(current.activities);
    watcher.stop();
  });

  it('adds between the named neighbours, and every subscriber sees the change once, with its actor', async () => {
    const id = boards.drafting[1];
    const start = await board(id);
    const [first, second] = start.activities;
    const agreementBefore = await t.server.dataSource.getRepository(Agreement).findOneByOrFail({ id: localId(id) });
    const watchers = [new BoardWatcher(t.ws(viewer), id), new BoardWatcher(t.ws(dispar), id, start.seq)];
    // Subscriptions without afterSeq start "from now": wait until the server has set them up.
    await waitForPresence(id, 2);
    const added = await add(bappeda, { agreementId: id, title: '  Urban farming exchange  ', afterId: first.id, beforeId: second.id });
    expect(added.errors).toBeUndefined();
    const activity = added.data!.addDraftActivity;
    expect(activity).toMatchObject({ title: 'Urban farming exchange', decision: 'PROPOSED', version: 1, opd: { code: 'BAPPEDA' } });
    expect(activity.position > first.position && activity.position < second.position).toBe(true);
    for (const watcher of watchers) {
      await watcher.untilSeq(start.seq + 1);
      expect(watcher.events).toHaveLength(1);
      expect(watcher.events[0]).toMatchObject({ seq: start.seq + 1, kind: 'ADDED', activityId: activity.id, actor: { email: 'bappeda@jalin.local' }, activity });
    }
    const now = await board(id);
    expect(now.seq).toBe(start.seq + 1);
    expect(now.activities.map((a) => a.id)).toEqual([first.id, activity.id, ...start.activities.slice(1).map((a) => a.id)]);
    watchers.forEach((w) => w.stop());
    // The board's sequence is the agreement's, but a board change is not a change of the agreement itself.
    const row = await t.server.dataSource.getRepository(Agreement).findOneByOrFail({ id: localId(id) });
    expect(row).toMatchObject({ boardSeq: start.seq + 1, version: agreementBefore.version });
    expect(row.updatedAt).toEqual(agreementBefore.updatedAt);
  });

  async function waitForPresence(agreementId: string, count: number) {
    for (let attempt = 0; attempt < 200; attempt++) {
      const result = await t.gql<{ boardPresence: { users: unknown[] } }>(PRESENCE_QUERY, { a: agreementId }, officer);
      if ((result.data?.boardPresence.users.length ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`presence on board ${agreementId} never reached ${count}`);
  }

  it('merges concurrent edits of different fields and refuses the same field with VERSION_CONFLICT and the current state', async () => {
    const id = boards.drafting[2];
    const { activities } = await board(id);
    const target = activities[0];
    const base = target.version;
    const first = await update(officer, target.id, base, { title: 'Title from the officer' });
    expect(first.data?.updateDraftActivity).toMatchObject({ title: 'Title from the officer', version: base + 1 });
    const seqAfterFirst = (await board(id)).seq;

    const conflict = await expectNoTrace(() => update(admin, target.id, base, { title: 'Title from the admin', year: 2031 }), 'VERSION_CONFLICT');
    // The documented shape: the fields of the GraphQL DraftActivity, ids global, no internal ids.
    expect(conflict.errors![0].extensions).toEqual({
      code: 'VERSION_CONFLICT',
      fields: ['title'],
      current: {
        ...first.data!.updateDraftActivity,
        agreement: { id },
        removedAt: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    });
    expect(conflict.errors![0].extensions!.current).toMatchObject({ id: target.id, title: 'Title from the officer', version: base + 1, opd: target.opd });
    expect(conflict.errors![0].message).toMatch(/title/);

    const merged = await update(admin, target.id, base, { scope: 'Scope from the admin', budgetEstimate: 125000000 });
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.updateDraftActivity).toMatchObject({
      title: 'Title from the officer',
      scope: 'Scope from the admin',
      budgetEstimate: 125000000,
      version: base + 2,
    });
    // A stale base conflicts whoever made the later change; the current version goes through.
    expect(codeOf(await update(officer, target.id, base, { title: 'Again' }))).toBe('VERSION_CONFLICT');
    const decision = target.decision === 'ACCEPTED' ? 'PROPOSED' : 'ACCEPTED';
    const fundingSource = target.fundingSource === 'APBN' ? 'SPONSOR' : 'APBN';
    const again = await update(officer, target.id, base + 2, { title: 'Again', decision, fundingSource });
    expect(again.data?.updateDraftActivity).toMatchObject({ title: 'Again', decision, fundingSource, version: base + 3 });

    const after = await board(id);
    expect(after.seq).toBe(seqAfterFirst + 2);
    const watcher = new BoardWatcher(t.ws(viewer), id, seqAfterFirst - 1);
    await watcher.untilSeq(after.seq);
    expect(watcher.events.map((e) => [e.kind, e.changedFields])).toEqual([
      ['UPDATED', ['title']],
      ['UPDATED', ['scope', 'budgetEstimate']],
      ['UPDATED', ['title', 'fundingSource', 'decision']],
    ]);
    watcher.stop();
  });

  it('records nothing for an update or move that changes nothing', async () => {
    const id = boards.drafting[2];
    const before = await board(id);
    const [a, b] = before.activities;
    const same = await update(officer, a.id, a.version, { title: a.title });
    expect(same.data?.updateDraftActivity.version).toBe(a.version);
    const stay = await move(officer, b.id, a.id, null);
    expect(stay.data?.moveDraftActivity.position).toBe(b.position);
    expect(await board(id)).toEqual(before);
  });

  it('lands every one of many concurrent inserts between the same neighbours, deterministically', async () => {
    const id = boards.drafting[0];
    const start = await board(id);
    const [left, right] = start.activities;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => add(i % 2 ? admin : officer, newActivity(id, `Parallel insert ${i}`, { afterId: left.id, beforeId: right.id }))),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    const now = await board(id);
    expect(now.seq).toBe(start.seq + 6);
    const ids = now.activities.map((a) => a.id);
    const between = ids.slice(ids.indexOf(left.id) + 1, ids.indexOf(right.id));
    expect(new Set(between)).toEqual(new Set(results.map((r) => r.data!.addDraftActivity.id)));
    expect(new Set(now.activities.map((a) => a.position)).size).toBe(now.activities.length);
    // The rule: each insert goes right after its `afterId` as the board is when it commits, so the
    // later commit stands closer to `left`: the order is the reverse of the commit order.
    const watcher = new BoardWatcher(t.ws(viewer), id, start.seq);
    await watcher.untilSeq(now.seq);
    expect(between).toEqual(watcher.events.map((e) => e.activityId).reverse());
    watcher.stop();
  });

  it('refuses some of many concurrent changes of one board each on its own: the others land, numbered without a gap', async () => {
    const id = boards.drafting[2];
    const start = await board(id);
    const [contested, ...others] = start.activities;
    const foreign = start.activities.find((a) => a.opd.code !== 'DISPAR')!;
    expect(foreign).toBeDefined();
    expect(others.length).toBeGreaterThan(0);
    // On MySQL another connection holds the board's row lock while the changes arrive, so that they
    // queue for the board together and share transactions (group commit), refusals among them.
    const holder = dialect === 'mysql' ? t.server.dataSource.createQueryRunner() : null;
    if (holder) {
      await holder.startTransaction();
      await holder.query(`SELECT id FROM ${t.server.dataSource.getMetadata(Agreement).tableName} WHERE id = ? FOR UPDATE`, [localId(id)]);
    }
    const sent = Promise.all([
      Promise.all(Array.from({ length: 16 }, (_, i) => update(i % 2 ? admin : officer, contested.id, contested.version, { title: `Contested ${i}` }))),
      Promise.all(others.map((a, i) => update(admin, a.id, a.version, { scope: `Scope in the crowd ${i}` }))),
      Promise.all(Array.from({ length: 8 }, (_, i) => update(dispar, foreign.id, foreign.version, { output: `Not mine ${i}` }))),
    ]);
    if (holder) {
      // Time for the changes to reach the server and queue behind the first, which waits for the lock.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await holder.commitTransaction();
      await holder.release();
    }
    const [contests, edits, refusals] = await sent;
    const winners = contests.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(contests.filter((r) => codeOf(r) === 'VERSION_CONFLICT')).toHaveLength(15);
    expect(edits.map((r) => r.errors)).toEqual(others.map(() => undefined));
    expect(refusals.map(codeOf)).toEqual(refusals.map(() => 'FORBIDDEN'));

    const now = await board(id);
    expect(now.seq).toBe(start.seq + 1 + others.length);
    const byId = new Map(now.activities.map((a) => [a.id, a]));
    expect(byId.get(contested.id)).toMatchObject({ title: winners[0].data!.updateDraftActivity.title, version: contested.version + 1 });
    others.forEach((a, i) => expect(byId.get(a.id)).toMatchObject({ scope: `Scope in the crowd ${i}`, version: a.version + 1 }));
    expect(byId.get(foreign.id)!.output).toBe(foreign.output);

    const watcher = new BoardWatcher(t.ws(viewer), id, start.seq);
    await watcher.untilSeq(now.seq);
    expect(watcher.events.map((e) => e.seq)).toEqual(Array.from({ length: now.seq - start.seq }, (_, i) => start.seq + 1 + i));
    expect(watcher.events.map((e) => [e.activityId, e.changedFields]).sort()).toEqual(
      [[contested.id, ['title']], ...others.map((a) => [a.id, ['scope']])].sort(),
    );
    expect(rebuild(watcher.events, start.activities)).toEqual(now.activities);
    watcher.stop();
  });

  it('applies concurrent moves of one item one after the other; the last committed wins and all clients agree', async () => {
    const id = boards.drafting[0];
    const start = await board(id);
    const item = start.activities[2];
    const others = start.activities.filter((a) => a.id !== item.id);
    const watcher = new BoardWatcher(t.ws(viewer), id, start.seq);
    const targets = [
      [null, others[0].id],
      [others.at(-1)!.id, null],
      [others[1].id, others[2].id],
      [others[3].id, others[4].id],
    ] as const;
    const results = await Promise.all(targets.map(([after, before], i) => move(i % 2 ? officer : admin, item.id, after, before)));
    expect(results.every((r) => !r.errors)).toBe(true);
    const now = await board(id);
    const moves = now.seq - start.seq;
    expect(moves).toBeGreaterThanOrEqual(1);
    await watcher.untilSeq(now.seq);
    expect(watcher.events.every((e) => e.kind === 'MOVED' && e.activityId === item.id)).toBe(true);
    expect(rebuild(watcher.events, start.activities)).toEqual(now.activities);
    const final = now.activities.find((a) => a.id === item.id)!;
    expect(final.position).toBe(watcher.events.at(-1)!.activity!.position);
    expect(final.version).toBe(item.version + moves);
    watcher.stop();
  });

  it('places next to the neighbour still there when a named one was removed meanwhile, and says where', async () => {
    const id = boards.drafting[1];
    const start = await board(id);
    const [a, b, c] = start.activities;
    expect((await remove(officer, a.id)).errors).toBeUndefined();
    const added = await add(officer, newActivity(id, 'After a removed neighbour', { afterId: a.id, beforeId: b.id }));
    const placed = added.data!.addDraftActivity;
    let now = await board(id);
    expect(now.activities.map((x) => x.id).slice(0, 2)).toEqual([placed.id, b.id]);
    // A move that names a gone `afterId` and a `beforeId` still there lands right before it.
    expect((await remove(officer, b.id)).errors).toBeUndefined();
    const moved = await move(officer, placed.id, b.id, c.id);
    now = await board(id);
    const index = now.activities.findIndex((x) => x.id === c.id);
    expect(now.activities[index - 1].id).toBe(placed.id);
    expect(moved.data!.moveDraftActivity.position).toBe(now.activities[index - 1].position);
    // Both named neighbours gone: the end.
    const last = await add(officer, newActivity(id, 'Both neighbours gone', { afterId: a.id, beforeId: b.id }));
    now = await board(id);
    expect(now.activities.at(-1)!.id).toBe(last.data!.addDraftActivity.id);
    await restore(officer, a.id);
    await restore(officer, b.id);
  });

  it('removes softly, refuses edits of a removed activity with ACTIVITY_REMOVED, and restores at the old place or the end', async () => {
    const id = boards.drafting[2];
    const start = await board(id);
    const [left, right] = start.activities;
    const x = (await add(officer, newActivity(id, 'To be removed', { afterId: left.id, beforeId: right.id }))).data!.addDraftActivity;
    const removed = await remove(officer, x.id);
    expect(removed.data?.removeDraftActivity.version).toBe(x.version + 1);
    expect((await board(id)).activities.some((a) => a.id === x.id)).toBe(false);
    const gone = await expectNoTrace(() => update(officer, x.id, x.version + 1, { title: 'Edit after removal' }), 'ACTIVITY_REMOVED');
    expect(gone.errors![0].extensions).toEqual({
      code: 'ACTIVITY_REMOVED',
      activityId: x.id,
      current: { ...removed.data!.removeDraftActivity, agreement: { id }, removedAt: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String) },
    });
    await expectNoTrace(() => move(officer, x.id, null, null), 'ACTIVITY_REMOVED');
    const editing = await t.gql(SET_EDITING, { a: id, x: x.id, f: 'title' }, officer);
    expect(editing.errors?.[0].extensions).toEqual({ code: 'ACTIVITY_REMOVED', activityId: x.id });
    await expectNoTrace(() => remove(officer, x.id), 'ACTIVITY_REMOVED');

    const back = await restore(officer, x.id);
    expect(back.data?.restoreDraftActivity.position).toBe(x.position);
    let now = await board(id);
    expect(now.activities.map((a) => a.id).slice(0, 3)).toEqual([left.id, x.id, right.id]);
    await expectNoTrace(() => restore(officer, x.id), 'BAD_USER_INPUT');

    // Its old key taken by a newcomer between the same neighbours: it comes back at the end.
    await remove(officer, x.id);
    const y = (await add(officer, newActivity(id, 'Takes the old place', { afterId: left.id, beforeId: right.id }))).data!.addDraftActivity;
    expect(y.position).toBe(x.position);
    const atEnd = await restore(officer, x.id);
    now = await board(id);
    expect(now.activities.at(-1)).toEqual(atEnd.data!.restoreDraftActivity);
    expect(now.activities.map((a) => a.id).slice(0, 3)).toEqual([left.id, y.id, right.id]);
    const watcher = new BoardWatcher(t.ws(viewer), id, start.seq);
    await watcher.untilSeq(now.seq);
    expect(watcher.events.map((e) => e.kind)).toEqual(['ADDED', 'REMOVED', 'RESTORED', 'REMOVED', 'ADDED', 'RESTORED']);
    expect(watcher.events.at(-1)!.changedFields).toEqual(['removedAt', 'position']);
    expect(rebuild(watcher.events, start.activities)).toEqual(now.activities);
    watcher.stop();
  });

  it('refuses bad input with BAD_USER_INPUT or NOT_FOUND and leaves no trace', async () => {
    const id = boards.drafting[0];
    const other = boards.drafting[1];
    const [a, b] = (await board(id)).activities;
    const foreign = (await board(other)).activities[0];
    const cases: [string, () => Promise<GraphQLResponse>, string][] = [
      ['unknown agreement', () => add(officer, newActivity(gid('Agreement', 99999), 'x')), 'NOT_FOUND'],
      ['malformed agreement id', () => add(officer, newActivity('abc', 'x')), 'BAD_USER_INPUT'],
      ['raw numeric agreement id', () => add(officer, newActivity(String(localId(id)), 'x')), 'BAD_USER_INPUT'],
      ['an activity id for the agreement', () => add(officer, newActivity(a.id, 'x')), 'BAD_USER_INPUT'],
      ['an agreement id for the activity', () => update(officer, id, 1, { title: 'x' }), 'BAD_USER_INPUT'],
      ['raw numeric neighbour', () => move(officer, a.id, String(localId(b.id)), null), 'BAD_USER_INPUT'],
      ['unknown activity', () => update(officer, gid('DraftActivity', 99999), 1, { title: 'x' }), 'NOT_FOUND'],
      ['unknown activity to move', () => move(officer, gid('DraftActivity', 99999), null, null), 'NOT_FOUND'],
      ['unknown activity to remove', () => remove(officer, gid('DraftActivity', 99999)), 'NOT_FOUND'],
      ['unknown activity to restore', () => restore(officer, gid('DraftActivity', 99999)), 'NOT_FOUND'],
      ['unknown OPD', () => add(officer, newActivity(id, 'x', { opdId: gid('Opd', 99999) })), 'BAD_USER_INPUT'],
      ['no OPD for an officer', () => add(officer, newActivity(id, 'x', { opdId: null })), 'BAD_USER_INPUT'],
      ['neighbour from another agreement (add)', () => add(officer, newActivity(id, 'x', { afterId: foreign.id })), 'BAD_USER_INPUT'],
      ['neighbour from another agreement (move)', () => move(officer, a.id, null, foreign.id), 'BAD_USER_INPUT'],
      ['unknown neighbour', () => move(officer, a.id, gid('DraftActivity', 99999), null), 'BAD_USER_INPUT'],
      ['afterId == id', () => move(officer, a.id, a.id, null), 'BAD_USER_INPUT'],
      ['beforeId == id', () => move(officer, a.id, null, a.id), 'BAD_USER_INPUT'],
      ['afterId == beforeId', () => move(officer, a.id, b.id, b.id), 'BAD_USER_INPUT'],
      ['empty title', () => add(officer, newActivity(id, '')), 'BAD_USER_INPUT'],
      ['blank title', () => add(officer, newActivity(id, '   ')), 'BAD_USER_INPUT'],
      ['over-long title', () => add(officer, newActivity(id, 'x'.repeat(301))), 'BAD_USER_INPUT'],
      ['over-long scope', () => add(officer, newActivity(id, 'x', { scope: 'y'.repeat(5001) })), 'BAD_USER_INPUT'],
      ['negative budget', () => add(officer, newActivity(id, 'x', { budgetEstimate: -1 })), 'BAD_USER_INPUT'],
      ['fractional budget', () => add(officer, newActivity(id, 'x', { budgetEstimate: 10.5 })), 'BAD_USER_INPUT'],
      ['year out of range', () => add(officer, newActivity(id, 'x', { year: 1999 })), 'BAD_USER_INPUT'],
      ['empty patch', () => update(officer, a.id, a.version, {}), 'BAD_USER_INPUT'],
      ['blank title in patch', () => update(officer, a.id, a.version, { title: ' ' }), 'BAD_USER_INPUT'],
      ['null title in patch', () => update(officer, a.id, a.version, { title: null }), 'BAD_USER_INPUT'],
      ['over-long output in patch', () => update(officer, a.id, a.version, { output: 'z'.repeat(5001) }), 'BAD_USER_INPUT'],
      ['negative budget in patch', () => update(officer, a.id, a.version, { budgetEstimate: -5 }), 'BAD_USER_INPUT'],
      ['decision REMOVED', () => update(officer, a.id, a.version, { decision: 'REMOVED' }), 'BAD_USER_INPUT'],
      ['baseVersion from the future', () => update(officer, a.id, a.version + 5, { title: 'x' }), 'BAD_USER_INPUT'],
      ['unknown enum value', () => update(officer, a.id, a.version, { fundingSource: 'LOTTERY' }), 'BAD_USER_INPUT'],
    ];
    for (const [label, refused, code] of cases) {
      try {
        await expectNoTrace(refused, code);
      } catch (error) {
        throw new Error(`${label}: ${(error as Error).message}`);
      }
    }
  });

  it('refuses viewers, OPD editors on other OPDs, and locked boards, leaving no trace', async () => {
    const id = boards.drafting[0];
    const { activities } = await board(id);
    const ofBappeda = activities.find((a) => a.opd.code === 'BAPPEDA')!;
    await expectNoTrace(() => add(viewer, newActivity(id, 'x')), 'FORBIDDEN');
    await expectNoTrace(() => update(viewer, ofBappeda.id, ofBappeda.version, { title: 'x' }), 'FORBIDDEN');
    await expectNoTrace(() => move(viewer, ofBappeda.id, null, null), 'FORBIDDEN');
    await expectNoTrace(() => remove(viewer, ofBappeda.id), 'FORBIDDEN');
    await expectNoTrace(() => update(dispar, ofBappeda.id, ofBappeda.version, { title: 'x' }), 'FORBIDDEN');
    await expectNoTrace(() => move(dispar, ofBappeda.id, null, null), 'FORBIDDEN');
    await expectNoTrace(() => remove(dispar, ofBappeda.id), 'FORBIDDEN');
    await expectNoTrace(() => add(dispar, newActivity(id, 'x', { opdId: opdIds.BAPPEDA })), 'FORBIDDEN');
    await expectNoTrace(() => t.gql(SET_EDITING, { a: id, x: ofBappeda.id, f: 'title' }, dispar), 'FORBIDDEN');
    await expectNoTrace(() => t.gql(ADD, { input: newActivity(id, 'x') }, null), 'UNAUTHENTICATED');

    const own = await add(dispar, { agreementId: id, title: 'Proposed by Dinas Pariwisata' });
    expect(own.data?.addDraftActivity.opd.code).toBe('DISPAR');
    const ownId = own.data!.addDraftActivity.id;
    expect((await update(dispar, ownId, 1, { decision: 'ACCEPTED' })).data?.updateDraftActivity.decision).toBe('ACCEPTED');

    const locked = await t.gql<BoardData>(BOARD_QUERY, { id: boards.locked }, viewer);
    expect(locked.data?.board.activities.length).toBeGreaterThan(0);
    const lockedActivity = locked.data!.board.activities[0];
    const refused = await expectNoTrace(() => add(officer, newActivity(boards.locked, 'x')), 'BOARD_LOCKED');
    expect(refused.errors![0].extensions).toEqual({ code: 'BOARD_LOCKED', agreementId: boards.locked, status: 'MOU_IN_FORCE' });
    await expectNoTrace(() => update(officer, lockedActivity.id, lockedActivity.version, { title: 'x' }), 'BOARD_LOCKED');
    const lockedAfter = await t.gql<BoardData>(BOARD_QUERY, { id: boards.locked }, viewer);
    expect(lockedAfter.data).toEqual(locked.data);
  });

  it('answers a replay it cannot serve with RESYNC, then streams on; refuses unknown boards and anonymous sockets', async () => {
    const id = boards.drafting[1];
    const { seq } = await board(id);
    const ahead = new BoardWatcher(t.ws(viewer), id, seq + 10);
    const negative = new BoardWatcher(t.ws(viewer), id, -1);
    // Not untilSeq: `ahead` starts beyond seq, so its lastSeq is already past it before the RESYNC arrives.
    await ahead.until((w) => w.events.length > 0, undefined, 'the RESYNC');
    await negative.until((w) => w.events.length > 0, undefined, 'the RESYNC');
    for (const watcher of [ahead, negative]) expect(watcher.events).toEqual([expect.objectContaining({ seq, kind: 'RESYNC', activity: null })]);
    await add(officer, newActivity(id, 'After a resync'));
    await ahead.untilSeq(seq + 1);
    expect(ahead.events.map((e) => [e.seq, e.kind])).toEqual([
      [seq, 'RESYNC'],
      [seq + 1, 'ADDED'],
    ]);
    ahead.stop();
    negative.stop();

    const unknown = new BoardWatcher(t.ws(viewer), gid('Agreement', 99999), 0);
    await unknown.until((w) => w.errors.length > 0);
    expect(unknown.errors[0].extensions?.code).toBe('NOT_FOUND');
    const anonymous = new BoardWatcher(t.ws(null), id, 0);
    await anonymous.until((w) => w.errors.length > 0);
    // A socket is always someone's: without a token it is refused at connection_init.
    expect(anonymous.errors[0].extensions?.closeCode).toBe(4401);
    expect(anonymous.events).toEqual([]);
  });

  it('ends a stream whose reader falls more than its buffer behind, at the last event it handed out', async () => {
    const id = boards.drafting[1];
    const { seq } = await board(id);
    const { services, realtime } = t.server;
    const options = { ...realtime.boardFeed.streamOptions, bufferCap: 3 };
    const slow = await openBoardStream({ board: services.board, feed: realtime.boardFeed }, localId(id), seq, options);
    const keeping = await openBoardStream({ board: services.board, feed: realtime.boardFeed }, localId(id), seq, options);
    const kept: number[] = [];
    for (let i = 0; i < 5; i++) {
      await add(officer, newActivity(id, `Burst ${i}`));
      const next = await keeping.next();
      if (next.value?.type === 'event') kept.push(next.value.event.seq);
    }
    // The reader that kept up got all five; the one asleep through them is told where to resume.
    expect(kept).toEqual([seq + 1, seq + 2, seq + 3, seq + 4, seq + 5]);
    expect(await slow.next()).toEqual({ done: false, value: { type: 'overflow', lastSeq: seq } });
    expect(await slow.next()).toEqual({ done: true, value: undefined });
    await keeping.return?.();
  });

  it('shows who is on a board and what they edit, only on that board, until their socket closes', async () => {
    const id = boards.drafting[2];
    const elsewhere = boards.drafting[0];
    const presenceOf = async (agreementId: string) =>
      (await t.gql<{ boardPresence: { users: { user: { email: string }; activityId: string | null; field: string | null }[] } }>(PRESENCE_QUERY, { a: agreementId }, viewer))
        .data!.boardPresence.users;
    const baseline = (await presenceOf(id)).length;

    const bappedaSocket = t.ws(bappeda);
    const seen: { users: { user: { email: string }; activityId: string | null; field: string | null }[] }[] = [];
    bappedaSocket.subscribe<{ boardPresence: (typeof seen)[number] }>(
      { query: `subscription($a: ID!) ${PRESENCE}`, variables: { a: id } },
      { next: (r) => r.data && seen.push(r.data.boardPresence), error: () => undefined, complete: () => undefined },
    );
    const officerSocket = t.ws(officer);
    const officerWatch = new BoardWatcher(officerSocket, id);
    await waitForPresence(id, baseline + 2);
    const emails = (await presenceOf(id)).map((u) => u.user.email);
    expect(emails).toEqual(expect.arrayContaining(['bappeda@jalin.local', 'officer@jalin.local']));
    expect((await presenceOf(elsewhere)).map((u) => u.user.email)).not.toContain('bappeda@jalin.local');

    const activity = (await board(id)).activities.find((a) => a.opd.code === 'BAPPEDA')!;
    expect((await t.gql(SET_EDITING, { a: id, x: activity.id, f: 'benefit' }, bappeda)).data).toEqual({ setEditing: true });
    expect((await presenceOf(id)).find((u) => u.user.email === 'bappeda@jalin.local')).toMatchObject({ activityId: activity.id, field: 'benefit' });
    for (let i = 0; i < 100 && !seen.some((p) => p.users.some((u) => u.field === 'benefit')); i++) await new Promise((r) => setTimeout(r, 25));
    expect(seen.at(-1)!.users.find((u) => u.user.email === 'bappeda@jalin.local')).toMatchObject({ activityId: activity.id, field: 'benefit' });
    expect((await presenceOf(elsewhere)).some((u) => u.field === 'benefit')).toBe(false);

    expect(codeOf(await t.gql(SET_EDITING, { a: id, x: activity.id, f: 'password' }, bappeda))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(SET_EDITING, { a: elsewhere, x: activity.id, f: 'title' }, bappeda))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(SET_EDITING, { a: id, x: activity.id, f: 'title' }, viewer))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(PRESENCE_QUERY, { a: gid('Agreement', 99999) }, viewer))).toBe('NOT_FOUND');

    await bappedaSocket.dispose();
    for (let i = 0; i < 200 && (await presenceOf(id)).some((u) => u.user.email === 'bappeda@jalin.local'); i++) await new Promise((r) => setTimeout(r, 25));
    const left = await presenceOf(id);
    expect(left.map((u) => u.user.email)).not.toContain('bappeda@jalin.local');
    expect(left.map((u) => u.user.email)).toContain('officer@jalin.local');
    officerWatch.stop();
    await officerSocket.dispose();
  });
});

describeEachDatabase('SQL statements per board change', (dialect) => {
  let t: TestServer;
  afterAll(() => t?.close());

  const FIELDS = `${ACTIVITY_FIELDS} updatedAt`;
  type Counted = { count: number; statements: string[]; roundTrips: number; result: GraphQLResponse<Record<string, Activity & { updatedAt: string }>> };
  // Which statements ran; the order of the writes is not fixed (they go out together).
  const kinds = (counted: Counted) => counted.statements.map((s) => s.trim().split(/\s+/)[0].toUpperCase()).sort();
  const sorted = (expected: string[]) => [...expected].sort();

  it('reads and writes each row once: no reload after a write, the lock and the neighbours in one statement each', async () => {
    t = await startTestServer(dialect, 'board-statements');
    const officer = await t.login('officer@jalin.local');
    const agreementId = (await demoBoards(t, officer)).drafting[0];
    const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer);
    const opdId = opds.data!.opds[0].id;
    const start = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, officer)).data!.board;
    const [first, second] = start.activities;
    const count = async (query: string, variables: Record<string, unknown>) => besidesUserLookup((await t.sql.count(() => t.gql(query, variables, officer))) as Counted);
    const ADD_ = `mutation($input: AddDraftActivityInput!) { r: addDraftActivity(input: $input) { ${FIELDS} } }`;
    const UPDATE_ = `mutation($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { r: updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { ${FIELDS} } }`;
    const MOVE_ = `mutation($id: ID!, $after: ID, $before: ID) { r: moveDraftActivity(id: $id, afterId: $after, beforeId: $before) { ${FIELDS} } }`;
    // The signed-in user's lookup is left out: it is cached (besidesUserLookup in src/sql-counter.ts), so whether a request reads it depends on the clock.
    // Every answer ends with one SELECT outside the transaction: the OPD of the activity (its loader).
    // The audit entry of a change, in its transaction: lock the chain head (SQLite: a write that
    // returns it; MariaDB: SELECT … FOR UPDATE), INSERT the entry, UPDATE the head.
    const AUDIT = dialect === 'sqlite' ? ['UPDATE', 'INSERT', 'UPDATE'] : ['SELECT', 'INSERT', 'UPDATE'];
    // Then, just before COMMIT, the data version's bump (src/data-version.ts: the response cache's key).
    const VERSION_BUMP = ['UPDATE'];

    // The OPD exists; the agreement locked (FOR UPDATE on MariaDB) with the drafting meeting in
    // progress (to tag the event with) in the same statement; the live items and the named neighbour
    // in one SELECT; INSERT the activity (its times set by the server: nothing to read back);
    // UPDATE boardSeq; INSERT the event.
    const added = await count(ADD_, { input: { agreementId, opdId, title: 'Counted', afterId: first.id } });
    expect(added.result.errors).toBeUndefined();
    expect(kinds(added)).toEqual(sorted(['SELECT', 'SELECT', 'SELECT', 'INSERT', 'UPDATE', 'INSERT', 'SELECT', ...AUDIT, ...VERSION_BUMP]));
    expect(added.statements.filter((sql) => (dialect === 'mysql' ? /FROM `agreement`.*FOR UPDATE$/ : /FROM "agreement"/).test(sql))).toHaveLength(1);
    const activity = added.result.data!.r;

    // The first change of an activity this process has not seen asks which board it is on; later ones
    // go straight to the lock (an activity never changes boards).
    const cold = await count(UPDATE_, { id: first.id, base: first.version, patch: { title: 'Counted cold' } });
    expect(cold.result.errors).toBeUndefined();
    expect(kinds(cold)).toEqual(sorted(['SELECT', 'SELECT', 'SELECT', 'UPDATE', 'UPDATE', 'INSERT', 'SELECT', ...AUDIT, ...VERSION_BUMP]));
    // The lock (with the meeting); the activity; UPDATE it; UPDATE boardSeq; INSERT the event.
    const warm = await count(UPDATE_, { id: activity.id, base: activity.version, patch: { scope: 'Counted warm' } });
    expect(warm.result.errors).toBeUndefined();
    const WARM_UPDATE = sorted(['SELECT', 'SELECT', 'UPDATE', 'UPDATE', 'INSERT', 'SELECT', ...AUDIT, ...VERSION_BUMP]);
    expect(kinds(warm)).toEqual(WARM_UPDATE);
    // Round trips, BEGIN and COMMIT included: on MariaDB the three writes go with the audit's lock of
    // the chain head, and the entry's INSERT with the head's UPDATE (sql-session.ts), then the data
    // version's bump; SQLite has none to save (one call per statement).
    expect(warm.roundTrips).toBe(dialect === 'mysql' ? 8 : 12);
    // The lock (with the meeting); the activity; the live items with the neighbours; three writes.
    const moved = await count(MOVE_, { id: activity.id, after: second.id, before: null });
    expect(moved.result.errors).toBeUndefined();
    const MOVE = sorted(['SELECT', 'SELECT', 'SELECT', 'UPDATE', 'UPDATE', 'INSERT', 'SELECT', ...AUDIT, ...VERSION_BUMP]);
    expect(kinds(moved)).toEqual(MOVE);
    // A conflict reads, reads the OPD's code for `extensions.current`, and stops: nothing written.
    const conflict = await count(UPDATE_, { id: activity.id, base: activity.version, patch: { scope: 'Too late' } });
    expect(conflict.result.errors?.[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    expect(kinds(conflict)).toEqual(sorted(['SELECT', 'SELECT', 'SELECT']));
    // A neighbour from another board is refused by the same SELECT that reads the items.
    const other = (await demoBoards(t, officer)).drafting[1];
    const otherBoard = (await t.gql<BoardData>(BOARD_QUERY, { id: other }, officer)).data!.board;
    const foreign = await count(MOVE_, { id: activity.id, after: otherBoard.activities[0].id, before: null });
    expect(foreign.result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'afterId' });
    expect(kinds(foreign)).toEqual(sorted(['SELECT', 'SELECT', 'SELECT']));

    // What the mutations answered, written without reading back, is exactly what the board holds,
    // and the log's snapshots agree.
    const end = (await t.gql<{ board: { seq: number; activities: (Activity & { updatedAt: string })[] } }>(
      `query($id: ID!) { board(agreementId: $id) { seq activities { ${FIELDS} } } }`,
      { id: agreementId },
      officer,
    )).data!.board;
    expect(end.seq).toBe(start.seq + 4);
    expect(end.activities.find((a) => a.id === activity.id)).toEqual(moved.result.data!.r);
    expect(end.activities.find((a) => a.id === first.id)).toEqual(cold.result.data!.r);
    expect(moved.result.data!.r).toMatchObject({ scope: 'Counted warm', version: activity.version + 2 });
    expect(inBoardOrder(end.activities).map((a) => a.id).indexOf(activity.id)).toBe(inBoardOrder(end.activities).map((a) => a.id).indexOf(second.id) + 1);
    const replay = new BoardWatcher(t.ws(officer), agreementId, start.seq);
    await replay.untilSeq(start.seq + 4);
    expect(rebuild(replay.events, start.activities)).toEqual(inBoardOrder(end.activities.map(({ updatedAt: _u, ...rest }) => rest)));
    replay.stop();

    // The same counts on a board that grew by 300 activities and 300 changes.
    for (let i = 0; i < 30; i++) {
      const grown = await Promise.all(
        Array.from({ length: 10 }, (_, j) => t.gql(ADD_, { input: { agreementId, opdId, title: `Growth ${i}-${j}` } }, officer)),
      );
      expect(grown.flatMap((r) => r.errors ?? [])).toEqual([]);
    }
    const latest = (await t.gql<{ board: { activities: (Activity & { updatedAt: string })[] } }>(`query($id: ID!) { board(agreementId: $id) { activities { ${FIELDS} } } }`, { id: agreementId }, officer)).data!.board.activities;
    const again = latest.find((a) => a.id === activity.id)!;
    expect(latest.length).toBeGreaterThan(300);
    const warmLater = await count(UPDATE_, { id: again.id, base: again.version, patch: { scope: 'Counted when grown' } });
    expect(warmLater.result.errors).toBeUndefined();
    expect(kinds(warmLater)).toEqual(WARM_UPDATE);
    const movedLater = await count(MOVE_, { id: again.id, after: latest.at(-1)!.id, before: null });
    expect(movedLater.result.errors).toBeUndefined();
    expect(kinds(movedLater)).toEqual(MOVE);
  });
});
