/** The co-editing board API (issue 5) as the scenarios call it; names fixed by the contract. */

export const BOARD_EVENTS_SUBSCRIPTION = `subscription BoardEvents($agreementId: ID!, $afterSeq: Int) {
  boardEvents(agreementId: $agreementId, afterSeq: $afterSeq) {
    seq kind activityId changedFields at
    activity { id title position version }
  }
}`;

export const BOARD_QUERY = `query Board($agreementId: ID!) {
  board(agreementId: $agreementId) { agreementId seq activities { id position version } }
}`;

const ACTIVITY_FIELDS = 'id title scope benefit output position version';

export const ADD_ACTIVITY = `mutation Add($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
export const UPDATE_ACTIVITY = `mutation Update($id: ID!, $baseVersion: Int!, $patch: DraftActivityPatch!) {
  updateDraftActivity(id: $id, baseVersion: $baseVersion, patch: $patch) { ${ACTIVITY_FIELDS} }
}`;
export const MOVE_ACTIVITY = `mutation Move($id: ID!, $afterId: ID, $beforeId: ID) { moveDraftActivity(id: $id, afterId: $afterId, beforeId: $beforeId) { ${ACTIVITY_FIELDS} } }`;

export interface BoardEvent {
  seq: number;
  kind: string;
  activityId: string | null;
  changedFields: string[];
  at: string;
  activity: { id: string; title: string; position: string; version: number } | null;
}

export interface ActivityState {
  id: string;
  title?: string;
  scope?: string;
  benefit?: string;
  output?: string;
  position: string;
  version: number;
}

/** The text fields the editors write; each write carries a value unique to the run, editor and step. */
export const TEXT_FIELDS = ['title', 'scope', 'benefit', 'output'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** One acknowledged change, as the editor saw it; the lost-change check compares these to the database. */
export interface Ack {
  op: 'add' | 'update' | 'move';
  agreementId: number;
  activityId: number;
  version: number;
  position: string;
  written: Partial<Record<TextField, string>>;
}
