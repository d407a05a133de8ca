import type { ExecutionArgs } from 'graphql';
import type { Execute } from '../src/graphql-execution';
import { BOARD_QUERY, BoardWatcher, EVENT_FIELDS, demoBoards, type BoardEventData } from './support/board-helpers';
import { describeEachDatabase } from './support/each-database';
import { startTestServer, type TestServer } from './support/test-server';

const UPDATE = 'mutation($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { id version } }';
type BoardData = { board: { seq: number; activities: { id: string; version: number }[] } };

/**
 * The fan-out executes a board event once per distinct operation and visibility (role, and an OPD
 * editor's OPD) and sends those bytes to every subscriber that shares them. The server runs with
 * its executor wrapped to count the executions of each event.
 */
describeEachDatabase('board fan-out', (dialect) => {
  let t: TestServer;
  /** Executions per event seq, each with the operation's selection text. */
  const executions = new Map<number, string[]>();
  const counting = (execute: Execute) => (args: ExecutionArgs) => {
    const root = args.rootValue as { type?: string; event?: { seq: number } } | undefined;
    if (root?.type === 'event' && root.event) {
      const list = executions.get(root.event.seq) ?? [];
      list.push(args.document.loc?.source.body ?? '');
      executions.set(root.event.seq, list);
    }
    return execute(args);
  };
  afterAll(() => t?.close());

  it('executes each event once per operation and visibility, and every subscriber gets it', async () => {
    t = await startTestServer(dialect, 'board-fanout', { server: { wrapWebSocketExecute: counting } });
    const [admin, officer, bappeda, dispar, viewer] = await Promise.all(['admin', 'officer', 'bappeda', 'dispar', 'viewer'].map((u) => t.login(`${u}@jalin.local`)));
    const agreementId = (await demoBoards(t, officer)).drafting[0];
    const { seq, activities } = (await t.gql<BoardData>(BOARD_QUERY, { id: agreementId }, officer)).data!.board;
    let version = activities[0].version;
    const change = async (title: string) => {
      const result = await t.gql<{ updateDraftActivity: { version: number } }>(UPDATE, { id: activities[0].id, base: version, patch: { title } }, officer);
      version = result.data!.updateDraftActivity.version;
    };

    // Same operation and variables: three viewers (one visibility), two admins, an editor of each of two OPDs.
    const watchers = {
      viewers: [viewer, viewer, viewer].map((token) => new BoardWatcher(t.ws(token), agreementId, seq)),
      admins: [admin, admin].map((token) => new BoardWatcher(t.ws(token), agreementId, seq)),
      editors: [bappeda, dispar].map((token) => new BoardWatcher(t.ws(token), agreementId, seq)),
    };
    const all = [...watchers.viewers, ...watchers.admins, ...watchers.editors];
    // Another selection for the same visibility is another operation.
    const narrow: BoardEventData[] = [];
    const narrowSocket = t.ws(viewer);
    narrowSocket.subscribe<{ boardEvents: BoardEventData }>(
      { query: 'subscription($id: ID!, $after: Int) { boardEvents(agreementId: $id, afterSeq: $after) { seq kind } }', variables: { id: agreementId, after: seq } },
      { next: (r) => r.data && narrow.push(r.data.boardEvents), error: () => undefined, complete: () => undefined },
    );

    // The first change reaches everyone (live, or replayed by a subscription that came later): all are live after it.
    await change('Fan-out 1');
    await Promise.all(all.map((w) => w.untilSeq(seq + 1)));
    await new Promise((resolve) => setTimeout(resolve, 200));

    await change('Fan-out 2');
    await Promise.all(all.map((w) => w.untilSeq(seq + 2)));
    const sameOperation = all.map((w) => w.events.find((e) => e.seq === seq + 2));
    expect(sameOperation[0]).toMatchObject({ seq: seq + 2, kind: 'UPDATED', activity: { title: 'Fan-out 2' } });
    for (const event of sameOperation) expect(event).toEqual(sameOperation[0]);
    for (let i = 0; i < 100 && !narrow.some((e) => e.seq === seq + 2); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(narrow.find((e) => e.seq === seq + 2)).toEqual({ seq: seq + 2, kind: 'UPDATED' });

    // Four visibilities (viewer, admin, two OPDs) of the full selection, one of the narrow one.
    const ran = executions.get(seq + 2)!;
    expect(ran.filter((text) => text.includes('actor')).length).toBe(4);
    expect(ran.filter((text) => !text.includes('actor')).length).toBe(1);
    for (const w of all) {
      expect(w.errors).toEqual([]);
      expect(w.events.map((e) => e.seq)).toEqual([seq + 1, seq + 2]);
      w.stop();
    }
  });
});

// The selection the watchers use names the actor: what makes it tell from the narrow one above.
if (!EVENT_FIELDS.includes('actor')) throw new Error('EVENT_FIELDS no longer selects the actor; adapt the test');
