import { Field, Int, ObjectType } from 'type-graphql';
import { GeneratedDocumentKind, Opd } from '../entities';
import { GlobalIdField } from '../entities/node';

@ObjectType({ description: 'One field of an activity as a meeting revised it' })
export class FieldChange {
  @Field({ description: 'The field: title, scope, benefit, output, year, budgetEstimate or fundingSource' })
  field: string;

  @Field(() => String, { nullable: true, description: 'Its value when the meeting opened (as text; null for none)' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'Its value when the meeting closed (as text; null for none)' })
  after: string | null;
}

@ObjectType({ description: 'An activity a meeting decided on, as it stood at the end of the meeting' })
export class DecidedActivity {
  @GlobalIdField('DraftActivity', { description: 'The opaque global id of the activity', from: 'activityId' })
  activityId: number;

  @Field({ description: 'Its title at the end of the meeting' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The note taken on this decision (recordDecisionNote), if any' })
  note: string | null;
}

@ObjectType({ description: 'An activity whose fields a meeting changed, with each change' })
export class RevisedActivity extends DecidedActivity {
  @Field(() => [FieldChange], { description: 'Each changed field, before → after' })
  changes: FieldChange[];
}

@ObjectType({ description: "What a meeting decided on one OPD's activities" })
export class OpdDecisions {
  opdId: number;

  @Field(() => Opd, { description: 'The OPD' })
  opd: Opd;

  @Field(() => [DecidedActivity], { description: 'Activities approved: their decision became ACCEPTED during the meeting' })
  approved: DecidedActivity[];

  @Field(() => [DecidedActivity], { description: 'Activities added to the board during the meeting (new or restored)' })
  added: DecidedActivity[];

  @Field(() => [DecidedActivity], { description: 'Activities reduced: taken off the board during the meeting' })
  removed: DecidedActivity[];

  @Field(() => [RevisedActivity], { description: 'Activities whose fields changed during the meeting, with each change' })
  revised: RevisedActivity[];

  @Field(() => [DecidedActivity], { description: 'Activities on the board at the end and not ACCEPTED: left undecided' })
  undecided: DecidedActivity[];
}

@ObjectType({ description: "A meeting's decisions, computed from the board's log: frozen once it is closed" })
export class MeetingDecisions {
  @Field({ description: 'true once the meeting is closed (frozen: later board changes never alter it); false while in progress (so far)' })
  final: boolean;

  @Field(() => Int, { description: 'The board sequence number when the meeting opened: its changes come after it' })
  fromSeq: number;

  @Field(() => Int, { description: 'The board sequence number at closing (or now, while in progress)' })
  toSeq: number;

  @Field(() => [Int], { description: 'The sequence numbers of the board events (boardEvents) the decisions were computed from' })
  eventSeqs: number[];

  @Field(() => [OpdDecisions], { description: 'The decisions by OPD (by OPD code); OPDs with nothing to report are left out' })
  byOpd: OpdDecisions[];
}

@ObjectType({ description: 'A document Jalin writes (DOCX) from its records, and where to download it' })
export class GeneratedDocument {
  @Field(() => GeneratedDocumentKind, { description: 'Which document' })
  kind: GeneratedDocumentKind;

  @Field({ description: 'Its file name, e.g. berita-acara-rapat-3.docx' })
  name: string;

  @Field({ description: 'Its title in Indonesian, as on the document' })
  title: string;

  @Field({ description: 'Path of the download on this API (GET with the same Authorization: Bearer header as GraphQL)' })
  url: string;

  @GlobalIdField('Meeting', { nullable: true, description: 'The meeting, for minutes; null for the other documents', from: 'meetingId' })
  meetingId: number | null;
}
