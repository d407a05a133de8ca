import { ActivityDecision, BoardEventKind, type DraftActivity } from '../entities';
import type { ActivitySnapshot } from '../entities/activity-snapshot';

/*
 * What a drafting meeting decided, computed from the board's log and never typed in: the board as it
 * stood when the meeting opened, and the events tagged with the meeting. Pure functions, so the
 * rule lives in one place and the frozen result of a closed meeting is exactly this computation.
 */

import type { ActivityState, OpeningBoard, DecidedActivity, FieldChange, RevisedActivity, OpdDecisions, FrozenDecisions } from '../entities/meeting-decisions.types';

export type { ActivityState, OpeningBoard, DecidedActivity, FieldChange, RevisedActivity, OpdDecisions, FrozenDecisions };

/** A logged event, as much as the decisions need. */
export interface TaggedEvent {
  seq: number;
  kind: BoardEventKind;
  activityId: number | null;
  snapshot: ActivitySnapshot | null;
}

/** Fields whose change is a revision (the decision is reported as approval; the order is not a decision). */
export const REVISED_FIELDS = ['title', 'scope', 'benefit', 'output', 'year', 'budgetEstimate', 'fundingSource'] as const;

export function activityState(activity: Pick<DraftActivity, 'id' | 'opdId' | 'title' | 'scope' | 'benefit' | 'output' | 'year' | 'budgetEstimate' | 'fundingSource' | 'decision' | 'position'> & { removedAt: Date | string | null }): ActivityState {
  return {
    id: activity.id,
    opdId: activity.opdId,
    title: activity.title,
    scope: activity.scope,
    benefit: activity.benefit,
    output: activity.output,
    year: activity.year ?? null,
    budgetEstimate: activity.budgetEstimate === null || activity.budgetEstimate === undefined ? null : Number(activity.budgetEstimate),
    fundingSource: activity.fundingSource ?? null,
    decision: activity.decision,
    position: activity.position,
    removed: activity.removedAt !== null && activity.removedAt !== undefined,
  };
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const ref = (state: ActivityState): DecidedActivity => ({ activityId: state.id, title: state.title, position: state.position });
const byBoardOrder = (a: DecidedActivity, b: DecidedActivity) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.activityId - b.activityId);

/**
 * The decisions of a meeting, grouped by OPD (by the OPD an activity belongs to at the end):
 * - approved: on the board before and after, its decision became ACCEPTED during the meeting;
 * - added: on the board at the end but not at opening (new, or restored);
 * - removed (reduced): on the board at opening, taken off during the meeting;
 * - revised: on the board before and after, with each changed field before → after;
 * - undecided: on the board at the end and not ACCEPTED.
 * Moves change only the order and are no decision. An activity added and removed again within the
 * meeting leaves no trace. Lists are in board order; groups in `opdId` order (callers re-sort by code).
 */
export function computeDecisions(opening: OpeningBoard, events: TaggedEvent[], toSeq: number): FrozenDecisions {
  const before = new Map(opening.activities.filter((a) => !a.removed).map((a) => [a.id, a]));
  const after = new Map(before);
  const touched = new Set<number>();
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  for (const event of sorted) {
    if (event.activityId === null || !event.snapshot) continue;
    touched.add(event.activityId);
    after.set(event.activityId, activityState(event.snapshot));
  }
  const groups = new Map<number, OpdDecisions>();
  const group = (opdId: number) => {
    let found = groups.get(opdId);
    if (!found) {
      found = { opdId, approved: [], added: [], removed: [], revised: [], undecided: [] };
      groups.set(opdId, found);
    }
    return found;
  };
  for (const [id, end] of after) {
    const start = before.get(id);
    if (touched.has(id)) {
      if (!start && !end.removed) group(end.opdId).added.push(ref(end));
      if (start && end.removed) group(end.opdId).removed.push(ref(end));
      if (start && !end.removed) {
        if (start.decision !== ActivityDecision.ACCEPTED && end.decision === ActivityDecision.ACCEPTED) group(end.opdId).approved.push(ref(end));
        const changes = REVISED_FIELDS.filter((field) => text(start[field]) !== text(end[field])).map((field) => ({ field, before: text(start[field]), after: text(end[field]) }));
        if (changes.length) group(end.opdId).revised.push({ ...ref(end), changes });
      }
    }
    if (!end.removed && end.decision !== ActivityDecision.ACCEPTED) group(end.opdId).undecided.push(ref(end));
  }
  const byOpd = [...groups.values()].sort((a, b) => a.opdId - b.opdId);
  for (const g of byOpd) for (const list of [g.approved, g.added, g.removed, g.revised, g.undecided]) list.sort(byBoardOrder);
  return { fromSeq: opening.seq, toSeq, eventSeqs: sorted.map((e) => e.seq), byOpd };
}
