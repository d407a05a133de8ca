import { ActivityDecision, ChangeEvent, DraftActivity, EDITABLE_ACTIVITY_FIELDS, type BoardEventKind, type EditableActivityField } from '../../entities';
import { snapshotOf } from '../../entities/activity-snapshot';

/*
 * The rows a board change writes, made in one place: by the board's operations (BoardService) and by
 * the seed, whose demo activities enter the board's log like any other added activity (a replay from
 * seq 0 rebuilds them).
 */

/** What an ADDED event names as changed: every editable field, and the activity's place on the board. */
export const ADDED_ACTIVITY_FIELDS: readonly string[] = [...EDITABLE_ACTIVITY_FIELDS, 'position'];

/** A new activity's values, already checked and trimmed; its decision is PROPOSED unless given (the seed has accepted ones). */
export type NewActivityValues = Pick<DraftActivity, 'agreementId' | 'opdId' | 'position' | Exclude<EditableActivityField, 'decision'>> & Partial<Pick<DraftActivity, 'decision'>>;

/** A new activity at version 1, each field at version 1, not yet saved. */
export function newDraftActivity(values: NewActivityValues, actorId: number | null, now: Date): DraftActivity {
  return Object.assign(new DraftActivity(), {
    ...values,
    decision: values.decision ?? ActivityDecision.PROPOSED,
    version: 1,
    fieldVersions: Object.fromEntries(EDITABLE_ACTIVITY_FIELDS.map((field) => [field, 1])),
    removedAt: null,
    updatedById: actorId,
    createdAt: now,
    updatedAt: now,
  });
}

/** One entry of the board's log: the change and the activity as it is after it. */
export function boardEvent(change: {
  agreementId: number;
  seq: number;
  kind: BoardEventKind;
  activity: DraftActivity;
  changedFields: string[];
  /** Null for the seed's changes when there is no user yet. */
  actorId: number | null;
  at: Date;
  /** The drafting meeting in progress when the change committed, if any. */
  meetingId: number | null;
}): ChangeEvent {
  const { activity, ...rest } = change;
  return Object.assign(new ChangeEvent(), { ...rest, activityId: activity.id, snapshot: snapshotOf(activity) });
}
