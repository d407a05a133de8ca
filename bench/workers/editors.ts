import { workerMain } from '../lib/process';
import { openDatabase } from '../lib/sql';
import { SqlBoard } from '../lib/sql-board';
import { ADD_ACTIVITY, BOARD_QUERY, MOVE_ACTIVITY, TEXT_FIELDS, UPDATE_ACTIVITY, type Ack, type ActivityState, type TextField } from '../lib/board-ops';
import type { BenchDatabase } from '../lib/database';
import { decodeGlobalId, toGlobalId } from '../../src/global-id';

/**
 * Concurrent editors in one process, each an async loop of mixed add / update / move operations on
 * its board until the deadline: through Jalin's GraphQL API, or the same transactions through the
 * driver. Each keeps its own view of the board (as a client would) and so meets real conflicts.
 */
interface Board {
  agreementId: number;
  activities: ActivityState[];
}

interface Outcome {
  ack?: ActivityState;
  conflict?: { version?: number };
}

interface Api {
  add(agreementId: number, text: Record<TextField, string>): Promise<Outcome>;
  update(agreementId: number, id: string, baseVersion: number, patch: Partial<Record<TextField, string>>): Promise<Outcome>;
  move(agreementId: number, id: string, afterId: string): Promise<Outcome>;
  board(agreementId: number): Promise<ActivityState[]>;
}

class GraphqlError extends Error {}

/**
 * The editors keep the database's ids (the SQL baseline and the lost-change check read them); the
 * API takes and gives opaque global ids, so this client translates at its edge, as any client
 * holding its own ids would.
 */
const activityGid = (id: string) => toGlobalId('DraftActivity', id);
const localOf = (activity: ActivityState): ActivityState => ({ ...activity, id: String(decodeGlobalId(activity.id)!.localId) });

function graphqlApi(url: string, token: string, opdId: number): Api {
  const call = async <T>(query: string, variables: Record<string, unknown>): Promise<{ data?: T; conflict?: { version?: number } }> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; current?: { version?: number } } }[] };
    const error = body.errors?.[0];
    if (error?.extensions?.code === 'VERSION_CONFLICT') return { conflict: { version: error.extensions.current?.version } };
    if (error || !body.data) throw new GraphqlError(`${error?.extensions?.code ?? response.status}: ${error?.message ?? 'no data'}`);
    return { data: body.data };
  };
  const one = (r: { data?: Record<string, ActivityState>; conflict?: { version?: number } }): Outcome => (r.conflict ? { conflict: r.conflict } : { ack: localOf(Object.values(r.data!)[0]) });
  return {
    add: async (agreementId, text) =>
      one(await call(ADD_ACTIVITY, { input: { agreementId: toGlobalId('Agreement', agreementId), opdId: toGlobalId('Opd', opdId), ...text } })),
    update: async (_agreementId, id, baseVersion, patch) => one(await call(UPDATE_ACTIVITY, { id: activityGid(id), baseVersion, patch })),
    move: async (_agreementId, id, afterId) => one(await call(MOVE_ACTIVITY, { id: activityGid(id), afterId: activityGid(afterId) })),
    board: async (agreementId) =>
      (await call<{ board: { activities: ActivityState[] } }>(BOARD_QUERY, { agreementId: toGlobalId('Agreement', agreementId) })).data!.board.activities.map(localOf),
  };
}

function sqlApi(board: SqlBoard, opdId: number): Api {
  return {
    add: async (agreementId, text) => ({ ack: await board.add(agreementId, opdId, text) }),
    update: async (agreementId, id, baseVersion, patch) => {
      const result = await board.update(agreementId, Number(id), baseVersion, patch);
      return result.conflict ? { conflict: { version: result.activity.version } } : { ack: result.activity };
    },
    move: async (agreementId, id, afterId) => ({ ack: await board.move(agreementId, Number(id), Number(afterId)) }),
    board: async () => {
      throw new Error('not needed: the SQL baseline always knows the current version after a conflict');
    },
  };
}

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

workerMain(async (message, reply) => {
  if (message.type !== 'run') return;
  const { mode, editors, firstEditor, boards, durationMs, runTag, opdId } = message as unknown as {
    mode: 'graphql' | 'sql';
    editors: number;
    firstEditor: number;
    boards: Board[];
    durationMs: number;
    runTag: string;
    opdId: number;
  };
  let close = async () => {};
  let api: Api;
  if (mode === 'graphql') {
    api = graphqlApi(message.url as string, message.token as string, opdId);
  } else {
    const database = message.database as BenchDatabase;
    const db = openDatabase(database, message.poolSize as number);
    close = () => db.close();
    api = sqlApi(new SqlBoard(db, database.dialect, message.actorId as number), opdId);
  }

  const acks: Ack[] = [];
  const latencies: number[] = [];
  let conflicts = 0;
  let errors = 0;
  let lastError = '';
  const deadline = Date.now() + durationMs;

  await Promise.all(
    Array.from({ length: editors }, async (_, i) => {
      const editor = firstEditor + i;
      const board = boards[editor % boards.length];
      const known = new Map(board.activities.map((a) => [a.id, { ...a }]));
      for (let step = 0; Date.now() < deadline; step++) {
        const unique = (field: string) => `${runTag} e${editor} s${step} ${field}`;
        const roll = Math.random();
        const ids = [...known.keys()];
        const started = performance.now();
        try {
          if (roll < 0.15 || ids.length < 2) {
            const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, unique(f)])) as Record<TextField, string>;
            const { ack } = await api.add(board.agreementId, text);
            latencies.push(performance.now() - started);
            known.set(ack!.id, ack!);
            acks.push({ op: 'add', agreementId: board.agreementId, activityId: Number(ack!.id), version: ack!.version, position: ack!.position, written: text });
          } else if (roll < 0.8) {
            const id = pick(ids);
            const field = pick(TEXT_FIELDS);
            const patch = { [field]: unique(field) };
            const outcome = await api.update(board.agreementId, id, known.get(id)!.version, patch);
            latencies.push(performance.now() - started);
            if (outcome.conflict) {
              conflicts++;
              const current = outcome.conflict.version ?? (await api.board(board.agreementId)).find((a) => a.id === id)?.version;
              if (current !== undefined) known.get(id)!.version = current;
            } else {
              known.set(id, outcome.ack!);
              acks.push({ op: 'update', agreementId: board.agreementId, activityId: Number(id), version: outcome.ack!.version, position: outcome.ack!.position, written: patch });
            }
          } else {
            const id = pick(ids);
            const afterId = pick(ids.filter((other) => other !== id));
            const { ack } = await api.move(board.agreementId, id, afterId);
            latencies.push(performance.now() - started);
            known.set(id, ack!);
            acks.push({ op: 'move', agreementId: board.agreementId, activityId: Number(id), version: ack!.version, position: ack!.position, written: {} });
          }
        } catch (error) {
          errors++;
          lastError = error instanceof Error ? error.message : String(error);
          await new Promise((resolve) => setTimeout(resolve, 20)); // a failing API must not turn into a busy loop
        }
      }
    }),
  );
  await close();
  reply({ type: 'done', acks, latencies, conflicts, errors, lastError });
});
