import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DocumentKind, DraftActivity } from '../entities';
import { GlobalIdField } from '../entities/node';
import { LocalDate } from '../scalars/local-date';
import { ActivityTextField, WorkflowStepCode } from '../services/workflow/state-machine';

registerEnumType(WorkflowStepCode, {
  name: 'WorkflowStepCode',
  description: "What a checklist item (Agreement.nextSteps) is about. A client words the item from its code and the item's arguments; the codes never change meaning",
  valuesConfig: {
    RECORD_LOI: { description: 'Record the signed Letter of Intent (recordDocument with documentKind LETTER_OF_INTENT); in EXPLORATION' },
    START_PLAN_DRAFTING: { description: 'Open the drafting of the activity plan (advanceAgreement to PLAN_DRAFTING); in LOI_SIGNED' },
    HAS_ACTIVITIES: { description: 'At least one activity (kegiatan) on the board; in PLAN_DRAFTING' },
    ACTIVITIES_COMPLETE: { description: 'Every activity has its scope (ruang lingkup), benefit (manfaat) and output (keluaran); `activities` lists those that lack one, with what they lack' },
    DRAFTING_MEETING_CLOSED: { description: 'A drafting meeting (rapat pembahasan) closed since the drafting (re)started, and none in progress; `meetingId` names the one still in progress, if any' },
    ACTIVITIES_ACCEPTED: { description: 'Every activity accepted by its OPD; `activities` lists those not accepted yet' },
    SUBMIT_TO_DPRD: { description: 'Submit to the DPRD (advanceAgreement to DPRD_REVIEW); the action of PLAN_DRAFTING' },
    OPD_PRESENTED: { description: 'The OPD in `opd` presents its activities to the DPRD in review round `reviewRound`; one item per participating OPD' },
    ACTION_PLAN: { description: 'The action plan (rencana aksi) of review round `reviewRound` is attached' },
    DPRD_DECISION: { description: 'Record the result of the DPRD working meeting (rapat kerja) with recordDprdDecision; the action of DPRD_REVIEW' },
    REQUEST_FACILITATION: { description: 'Send to Kemendagri and Kemenlu for facilitation (advanceAgreement to CENTRAL_FACILITATION); in DPRD_APPROVED' },
    SIGN_MOU: { description: 'Record the signed MoU with its validity (recordDocument with documentKind MOU); in CENTRAL_FACILITATION' },
    RENEW_BEFORE_EXPIRY: { description: 'Renew the MoU in force (renewAgreement) before it lapses after `date`; shown within the expiry window' },
    RENEW_EXPIRED: { description: 'Record a renewal MoU (renewAgreement) for the MoU that lapsed after `date`' },
  },
});

registerEnumType(ActivityTextField, {
  name: 'ActivityTextField',
  description: 'A text every draft activity must have before the agreement goes to the DPRD',
  valuesConfig: {
    SCOPE: { description: 'The scope (ruang lingkup): DraftActivity.scope' },
    BENEFIT: { description: 'The benefit (manfaat): DraftActivity.benefit' },
    OUTPUT: { description: 'The output (keluaran): DraftActivity.output' },
  },
});

@ObjectType({ description: 'An activity that keeps a checklist item open' })
export class WorkflowStepActivity {
  @Field(() => DraftActivity, { description: 'The activity' })
  activity: DraftActivity;

  @Field(() => [ActivityTextField], { description: 'The texts it lacks (ACTIVITIES_COMPLETE); empty for ACTIVITIES_ACCEPTED' })
  missingFields: ActivityTextField[];
}

const WORDED_FROM_CODE = 'Use `code` and the arguments (documentKind, opd, meetingId, date, reviewRound, activities) to word the step in the reader\'s language; this English text stays for API clients';

@ObjectType({ description: 'One item of the checklist of what an agreement still needs in its current state: a code and its arguments' })
export class WorkflowStep {
  @Field({ description: 'Unique within the checklist: the code, or PRESENTED:<OPD code> for OPD_PRESENTED (RENEW for both renewals); also in INVALID_TRANSITION\'s extensions.missing' })
  key: string;

  @Field(() => WorkflowStepCode, { description: 'What the item is about; its arguments are the fields below that the code names' })
  code: WorkflowStepCode;

  @Field({ description: 'Whether it is done already' })
  done: boolean;

  @Field(() => DocumentKind, { nullable: true, description: 'The document the step records (RECORD_LOI: LETTER_OF_INTENT, SIGN_MOU: MOU); null otherwise' })
  documentKind?: DocumentKind | null;

  /** The OPD's local id; `WorkflowStep.opd` reads it (workflow-records.resolver.ts). */
  opdId?: number;

  @GlobalIdField('Meeting', { nullable: true, description: 'DRAFTING_MEETING_CLOSED: the drafting meeting still in progress, to be closed first; null otherwise' })
  meetingId?: number | null;

  @Field(() => LocalDate, { nullable: true, description: "RENEW_BEFORE_EXPIRY and RENEW_EXPIRED: the MoU's expiry day (YYYY-MM-DD), after which it lapses or lapsed; null otherwise" })
  date?: string | null;

  @Field(() => Int, { nullable: true, description: 'OPD_PRESENTED and ACTION_PLAN: the DPRD review round the presentation or plan must belong to; null otherwise' })
  reviewRound?: number | null;

  @Field(() => [WorkflowStepActivity], { description: 'ACTIVITIES_COMPLETE and ACTIVITIES_ACCEPTED: the activities that keep the item open, in board order; empty otherwise' })
  activities: WorkflowStepActivity[];

  @Field({ description: 'What the step needs, in English words', deprecationReason: WORDED_FROM_CODE })
  label: string;

  @Field(() => String, { nullable: true, description: 'What exactly is missing, in English words, when not done', deprecationReason: WORDED_FROM_CODE })
  detail?: string | null;
}
