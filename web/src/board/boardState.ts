import type { BoardActivityFragment, BoardEventsSubscription } from '../gql/graphql';

export type Activity = BoardActivityFragment;
export type BoardEvent = BoardEventsSubscription['boardEvents'];

/**
 * The board as this client knows it: live items by id, the removed ones it has seen (to offer a
 * restore), and the last event number applied. Events apply by `seq`: one at or below `seq` was
 * applied already (a replay after a reconnect) and is skipped, so each change lands exactly once.
 */
export interface BoardState {
  seq: number;
  items: ReadonlyMap<string, Activity>;
  removed: ReadonlyMap<string, Activity>;
}

export const emptyBoard: BoardState = { seq: 0, items: new Map(), removed: new Map() };

export function fromBoard(seq: number, activities: readonly Activity[], previous?: BoardState): BoardState {
  const items = new Map(activities.map((a) => [a.id, a]));
  const removed = new Map([...(previous?.removed ?? new Map<string, Activity>())].filter(([id]) => !items.has(id)));
  return { seq, items, removed };
}

/** Board order: by position (byte-wise, as the server compares keys), then id. */
export function inBoardOrder(items: Iterable<Activity>): Activity[] {
  return [...items].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Puts one activity as the server answered it (an event's snapshot or a mutation's answer) into the
 * state. Versions only grow: a snapshot older than what is shown (an event arriving after this
 * client's own mutation answer) changes nothing.
 */
export function putActivity(state: BoardState, activity: Activity): BoardState {
  const shown = state.items.get(activity.id) ?? state.removed.get(activity.id);
  if (shown && shown.version > activity.version) return state;
  const items = new Map(state.items);
  const removed = new Map(state.removed);
  if (activity.removedAt) {
    items.delete(activity.id);
    removed.set(activity.id, activity);
  } else {
    removed.delete(activity.id);
    items.set(activity.id, activity);
  }
  return { ...state, items, removed };
}

export type ApplyResult = { state: BoardState; applied: boolean } | { resync: true };

/** Applies one event: skipped when already applied, RESYNC or a gap in the numbers asks for a reload. */
export function applyEvent(state: BoardState, event: BoardEvent): ApplyResult {
  if (event.kind === 'RESYNC') return { resync: true };
  if (event.seq <= state.seq) return { state, applied: false };
  // Numbers have no gaps (the server guarantees it); a gap means this client missed something.
  if (event.seq !== state.seq + 1) return { resync: true };
  const next = event.activity ? putActivity(state, event.activity) : state;
  return { state: { ...next, seq: event.seq }, applied: true };
}
