/*
 * The shapes of a drafting meeting's result, stored with the meeting (its frozen decisions and the
 * board as it stood at opening). Plain data: the rule that computes them is in
 * services/meeting-decisions.ts.
 */

/** The parts of an activity a decision speaks about. */
export interface ActivityState {
  id: number;
  opdId: number;
  title: string;
  scope: string;
  benefit: string;
  output: string;
  year: number | null;
  budgetEstimate: number | null;
  fundingSource: string | null;
  decision: string;
  position: string;
  removed: boolean;
}

/** The live board when the meeting opened, and the board sequence number it reflects. */
export interface OpeningBoard {
  seq: number;
  activities: ActivityState[];
}

export interface DecidedActivity {
  activityId: number;
  title: string;
  position: string;
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface RevisedActivity extends DecidedActivity {
  changes: FieldChange[];
}

export interface OpdDecisions {
  opdId: number;
  approved: DecidedActivity[];
  added: DecidedActivity[];
  removed: DecidedActivity[];
  revised: RevisedActivity[];
  undecided: DecidedActivity[];
}

export interface FrozenDecisions {
  /** The board sequence number at opening: the meeting's changes come after it. */
  fromSeq: number;
  /** The board sequence number at closing (or now, while in progress). */
  toSeq: number;
  /** The sequence numbers of the board events the decisions were computed from. */
  eventSeqs: number[];
  byOpd: OpdDecisions[];
}
