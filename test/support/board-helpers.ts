import type { Client } from 'graphql-ws';
import type { TestServer } from './test-server';
import { localId } from './ids';

export const ACTIVITY_FIELDS = 'id title scope benefit output year budgetEstimate fundingSource decision position version opd { id code }';
export const EVENT_FIELDS = `seq kind activityId changedFields at actor { id email } activity { ${ACTIVITY_FIELDS} }`;

export interface Activity {
  id: string;
  title: string;
  scope: string;
  benefit: string;
  output: string;
  year: number | null;
  budgetEstimate: number | null;
  fundingSource: string | null;
  decision: string;
  position: string;
  version: number;
  opd: { id: string; code: string };
}

export interface BoardEventData {
  seq: number;
  kind: string;
  activityId: string | null;
  changedFields: string[];
  at: string;
  actor: { id: string; email: string } | null;
  activity: Activity | null;
}

export const BOARD_QUERY = `query Board($id: ID!) { board(agreementId: $id) { agreementId seq activities { ${ACTIVITY_FIELDS} } } }`;

/** Board order: by position, then id (as the server sorts). */
export function inBoardOrder(activities: Activity[]): Activity[] {
  return [...activities].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : localId(a.id) - localId(b.id)));
}

/** A client's board, rebuilt only from the events it received. */
export function rebuild(events: BoardEventData[], initial: Activity[] = []): Activity[] {
  const items = new Map(initial.map((a) => [a.id, a]));
  for (const event of events) {
    if (!event.activity) continue;
    if (event.kind === 'REMOVED') items.delete(event.activity.id);
    else items.set(event.activity.id, event.activity);
  }
  return inBoardOrder([...items.values()]);
}

/** One `boardEvents` subscription over a real graphql-ws client; collects what arrives. */
export class BoardWatcher {
  readonly events: BoardEventData[] = [];
  readonly errors: { message: string; extensions?: Record<string, unknown> }[] = [];
  completed = false;
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    readonly client: Client,
    agreementId: string,
    private readonly afterSeq: number | null = null,
  ) {
    this.unsubscribe = client.subscribe<{ boardEvents: BoardEventData }>(
      {
        query: `subscription($id: ID!, $after: Int) { boardEvents(agreementId: $id, afterSeq: $after) { ${EVENT_FIELDS} } }`,
        variables: { id: agreementId, after: afterSeq },
      },
      {
        next: (result) => {
          if (result.errors) this.errors.push(...(result.errors as never[]));
          if (result.data?.boardEvents) this.events.push(result.data.boardEvents);
          this.notify();
        },
        error: (error) => {
          // graphql-ws reports a refused or closed socket as its CloseEvent.
          const closeCode = typeof (error as { code?: unknown })?.code === 'number' ? (error as { code: number }).code : undefined;
          this.errors.push({
            message: error instanceof Error ? error.message : String((error as { reason?: string })?.reason ?? JSON.stringify(error)),
            extensions: closeCode === undefined ? undefined : { closeCode },
          });
          this.completed = true;
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  /** The last sequence number this watcher has seen: its last event, or where it resumed from. */
  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? this.afterSeq ?? 0;
  }

  private notify() {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves when `predicate` holds; rejects after `timeoutMs` with what arrived so far. */
  until(predicate: (watcher: BoardWatcher) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; have seqs ${this.events.map((e) => e.seq).join(',')} errors ${JSON.stringify(this.errors)}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  untilSeq(seq: number, timeoutMs?: number) {
    return this.until((w) => w.lastSeq >= seq, timeoutMs, `seq ${seq}`);
  }

  stop() {
    this.unsubscribe();
  }
}

/** The ids of the three drafting demo agreements (Perth, Mossel Bay, Gyeongju) and a locked one. */
export async function demoBoards(t: TestServer, token: string) {
  const result = await t.gql<{ agreements: { edges: { node: { id: string; status: string; title: string } }[] } }>(
    '{ agreements(first: 50) { edges { node { id status title } } } }',
    {},
    token,
  );
  const nodes = result.data!.agreements.edges.map((e) => e.node);
  return {
    drafting: nodes.filter((n) => n.status === 'PLAN_DRAFTING').map((n) => n.id),
    locked: nodes.find((n) => n.status === 'MOU_IN_FORCE')!.id,
    exploration: nodes.find((n) => n.status === 'EXPLORATION')!.id,
  };
}
