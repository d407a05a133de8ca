import { ActivityDecision, AgreementStatus, DocumentKind, MeetingState, type ActionPlan, type Agreement, type DraftActivity, type Meeting, type OpdPresentation, type Role } from '../../entities';
import { DomainError, ErrorCode, forbidden } from '../../errors';
import { toGlobalId } from '../../global-id';
import { daysBetween, today } from '../dates';
import { REGISTRY_ROLES } from '../access-policy';
import { DEFAULT_EXPIRY_WINDOW_DAYS } from '../expiry-window';

/*
 * The agreement workflow as a state machine: the states are `AgreementStatus`, the transitions and
 * the document rules are data, and the guards (the checklist) are pure functions of an agreement and
 * the facts read about it. No database, no clock other than the `day` a caller may pass: the service
 * (agreement-workflow.service.ts) reads the facts, asks this module, and writes what it allows.
 * Refusals are `DomainError`s, so the service throws them as they are and the transaction rolls back.
 */

const S = AgreementStatus;

/** How a transition is made: each has exactly one mutation (or the expiry sweep). */
export type WorkflowAction = 'advance' | 'recordLoi' | 'dprdDecision' | 'signMou' | 'renew' | 'terminate' | 'cancel' | 'expire';

export interface Transition {
  from: AgreementStatus;
  to: AgreementStatus;
  action: WorkflowAction;
  /** Who may make the step; 'system' steps are made by the server itself. */
  roles: readonly Role[] | 'system';
}

const STAFF = REGISTRY_ROLES;

/** Every state from which an agreement can still be called off (the MoU is not signed yet). */
export const BEFORE_MOU: readonly AgreementStatus[] = [S.EXPLORATION, S.LOI_SIGNED, S.PLAN_DRAFTING, S.DPRD_REVIEW, S.DPRD_APPROVED, S.CENTRAL_FACILITATION];

/** The agreement workflow, in one place. Anything not listed here is refused with INVALID_TRANSITION. */
export const TRANSITIONS: readonly Transition[] = [
  { from: S.EXPLORATION, to: S.LOI_SIGNED, action: 'recordLoi', roles: STAFF },
  { from: S.LOI_SIGNED, to: S.PLAN_DRAFTING, action: 'advance', roles: STAFF },
  { from: S.PLAN_DRAFTING, to: S.DPRD_REVIEW, action: 'advance', roles: STAFF },
  { from: S.DPRD_REVIEW, to: S.DPRD_APPROVED, action: 'dprdDecision', roles: STAFF },
  { from: S.DPRD_REVIEW, to: S.PLAN_DRAFTING, action: 'dprdDecision', roles: STAFF },
  { from: S.DPRD_APPROVED, to: S.CENTRAL_FACILITATION, action: 'advance', roles: STAFF },
  { from: S.CENTRAL_FACILITATION, to: S.MOU_IN_FORCE, action: 'signMou', roles: STAFF },
  { from: S.MOU_IN_FORCE, to: S.MOU_IN_FORCE, action: 'renew', roles: STAFF },
  { from: S.EXPIRED, to: S.MOU_IN_FORCE, action: 'renew', roles: STAFF },
  { from: S.MOU_IN_FORCE, to: S.TERMINATED, action: 'terminate', roles: STAFF },
  { from: S.MOU_IN_FORCE, to: S.EXPIRED, action: 'expire', roles: 'system' },
  ...BEFORE_MOU.map((from) => ({ from, to: S.CANCELLED, action: 'cancel' as const, roles: STAFF })),
];

/** The mutation that makes each kind of step, for error messages that say what to do instead. */
export const HOW: Record<WorkflowAction, string> = {
  advance: 'advanceAgreement',
  recordLoi: 'recordDocument with kind LETTER_OF_INTENT',
  dprdDecision: 'recordDprdDecision',
  signMou: 'recordDocument with kind MOU',
  renew: 'renewAgreement',
  terminate: 'terminateAgreement',
  cancel: 'cancelAgreement',
  expire: 'the expiry of the MoU (automatic)',
};

/** Which documents may be recorded in which states; LoI and MoU also make their transition. */
export const DOCUMENT_RULES: Record<DocumentKind, { allowedIn: readonly AgreementStatus[]; otherwise: string }> = {
  [DocumentKind.LETTER_OF_INTENT]: { allowedIn: [S.EXPLORATION], otherwise: 'A Letter of Intent is recorded while the agreement is in EXPLORATION' },
  [DocumentKind.COOPERATION_PLAN]: {
    allowedIn: [S.PLAN_DRAFTING, S.DPRD_REVIEW, S.DPRD_APPROVED, S.CENTRAL_FACILITATION],
    otherwise: 'A cooperation plan is recorded between PLAN_DRAFTING and CENTRAL_FACILITATION',
  },
  [DocumentKind.DPRD_DECISION]: {
    allowedIn: [S.DPRD_APPROVED, S.CENTRAL_FACILITATION, S.MOU_IN_FORCE],
    otherwise: 'The DPRD decision is recorded with recordDprdDecision during DPRD_REVIEW; a later copy only once the DPRD approved',
  },
  [DocumentKind.MOU]: { allowedIn: [S.CENTRAL_FACILITATION], otherwise: 'An MoU is signed after CENTRAL_FACILITATION; a new MoU for an agreement in force or expired is a renewAgreement' },
  [DocumentKind.IMPLEMENTING_AGREEMENT]: { allowedIn: [S.MOU_IN_FORCE], otherwise: 'Implementing agreements are recorded while the MoU is in force' },
  [DocumentKind.ADDENDUM]: { allowedIn: [S.MOU_IN_FORCE], otherwise: 'Addenda are recorded while the MoU is in force' },
};

/** The expiry window's one definition (180 days by default, 3650 at most) is in expiry-window.ts. */
export { DEFAULT_EXPIRY_WINDOW_DAYS };

/** The board of draft activities is editable only while the plan is being drafted. */
export function isBoardEditable(status: AgreementStatus): boolean {
  return status === S.PLAN_DRAFTING;
}

export function findTransition(from: AgreementStatus, to: AgreementStatus, action?: WorkflowAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to && (action === undefined || t.action === action));
}

const invalidTransition = (message: string, details: Record<string, unknown>) => new DomainError(ErrorCode.INVALID_TRANSITION, message, details);

/**
 * The transition `action` makes from `from` to `to` for someone in `role`, or the refusal: FORBIDDEN
 * when the step exists but is not theirs, INVALID_TRANSITION naming the mutation that does make it,
 * or, when no step leads there, the steps that do exist from `from`.
 */
export function decideTransition(from: AgreementStatus, to: AgreementStatus, action: WorkflowAction, role: Role): Transition {
  const transition = findTransition(from, to, action);
  if (transition) {
    if (transition.roles === 'system' || !transition.roles.includes(role)) throw forbidden(`Only ${transition.roles === 'system' ? 'the system' : transition.roles.join(' or ')} may do this`);
    return transition;
  }
  const other = findTransition(from, to);
  if (other) {
    throw invalidTransition(`The agreement goes from ${from} to ${to} through ${HOW[other.action]}, not ${HOW[action]}`, { from, to, use: HOW[other.action] });
  }
  const possible = TRANSITIONS.filter((t) => t.from === from).map((t) => `${t.to} (${HOW[t.action]})`);
  throw invalidTransition(`The agreement is in ${from} and cannot move to ${to}; from ${from} it can go to ${possible.length ? possible.join(', ') : 'nothing: it is closed'}`, { from, to });
}

/** Refuses a document that its kind does not allow in the agreement's state (INVALID_TRANSITION). */
export function assertDocumentAllowed(kind: DocumentKind, status: AgreementStatus): void {
  const rule = DOCUMENT_RULES[kind];
  if (!rule.allowedIn.includes(status)) throw invalidTransition(`${rule.otherwise}; the agreement is in ${status}`, { status, kind });
}

/** Presentations and the action plan belong to a DPRD review round: refused in any other state. */
export function assertInReview(status: AgreementStatus, what: string): void {
  if (status !== S.DPRD_REVIEW) throw invalidTransition(`${what} can be recorded only during DPRD_REVIEW; the agreement is in ${status}`, { status });
}

/** A step lost to a concurrent one: the conditional UPDATE changed no row. */
export function movedMeanwhile(transition: Transition): DomainError {
  return invalidTransition(`The agreement could not move from ${transition.from} to ${transition.to}: someone else changed it meanwhile; reload it and try again`, {
    from: transition.from,
    to: transition.to,
  });
}

/**
 * What a checklist item is about, as a stable code: a client words each item from its code and the
 * item's arguments (in Indonesian, in English, …). The English `label` and `detail` stay for API
 * clients and for the refusal's message, and are written from the same code and arguments.
 */
export enum WorkflowStepCode {
  RECORD_LOI = 'RECORD_LOI',
  START_PLAN_DRAFTING = 'START_PLAN_DRAFTING',
  HAS_ACTIVITIES = 'HAS_ACTIVITIES',
  ACTIVITIES_COMPLETE = 'ACTIVITIES_COMPLETE',
  DRAFTING_MEETING_CLOSED = 'DRAFTING_MEETING_CLOSED',
  ACTIVITIES_ACCEPTED = 'ACTIVITIES_ACCEPTED',
  SUBMIT_TO_DPRD = 'SUBMIT_TO_DPRD',
  OPD_PRESENTED = 'OPD_PRESENTED',
  ACTION_PLAN = 'ACTION_PLAN',
  DPRD_DECISION = 'DPRD_DECISION',
  REQUEST_FACILITATION = 'REQUEST_FACILITATION',
  SIGN_MOU = 'SIGN_MOU',
  RENEW_BEFORE_EXPIRY = 'RENEW_BEFORE_EXPIRY',
  RENEW_EXPIRED = 'RENEW_EXPIRED',
}

/** The texts an activity must have before the agreement goes to the DPRD. */
export enum ActivityTextField {
  SCOPE = 'SCOPE',
  BENEFIT = 'BENEFIT',
  OUTPUT = 'OUTPUT',
}
const ACTIVITY_TEXTS: readonly { field: ActivityTextField; property: 'scope' | 'benefit' | 'output' }[] = [
  { field: ActivityTextField.SCOPE, property: 'scope' },
  { field: ActivityTextField.BENEFIT, property: 'benefit' },
  { field: ActivityTextField.OUTPUT, property: 'output' },
];

/** An activity that keeps a step open, and (for ACTIVITIES_COMPLETE) the texts it lacks. */
export interface StepActivity {
  activity: DraftActivity;
  missingFields: ActivityTextField[];
}

/** A step's code and its arguments: everything a client needs to word it. */
export interface StepArguments {
  code: WorkflowStepCode;
  /** The document the step records (RECORD_LOI, SIGN_MOU). */
  documentKind?: DocumentKind;
  /** The OPD that is to present (OPD_PRESENTED). */
  opdId?: number;
  /** The drafting meeting still in progress, which must be closed first (DRAFTING_MEETING_CLOSED). */
  meetingId?: number;
  /** The MoU's expiry day (RENEW_BEFORE_EXPIRY: it lapses after it; RENEW_EXPIRED: it lapsed after it). */
  date?: string;
  /** The DPRD review round the presentation or the action plan must belong to. */
  reviewRound?: number;
  /** The activities that keep the step open (ACTIVITIES_COMPLETE, ACTIVITIES_ACCEPTED). */
  activities?: StepActivity[];
}

export interface ChecklistItem extends StepArguments {
  activities: StepActivity[];
  /** Unique within the checklist: the code, with the OPD's code for OPD_PRESENTED (PRESENTED:BAPPEDA). */
  key: string;
  done: boolean;
  /** The step in English words, from the code and the arguments. */
  label: string;
  /** What exactly is still missing, in English, for the error message and API clients. */
  detail?: string;
}

/** What the checklist needs to know about an agreement besides its row. */
export interface WorkflowFacts {
  /** Live (not removed) activities. */
  activities: DraftActivity[];
  /** Presentations of any review round (the checklist looks at the current one). */
  presentations: OpdPresentation[];
  /** The agreement's current action plan, if any. */
  actionPlan: ActionPlan | null;
  opdCodes: Map<number, string>;
  /** The agreement's drafting meetings (state and closing time are enough). */
  meetings: Pick<Meeting, 'id' | 'state' | 'closedAt'>[];
}

/** An activity as messages name it: its title and its OPD's code. */
export const quoted = (activity: DraftActivity, codes: Map<number, string>) => `"${activity.title}" (${codes.get(activity.opdId) ?? `OPD ${activity.opdId}`})`;
const blank = (text: string | null | undefined) => !text || !text.trim();

/** The OPDs that take part in the agreement: those with a live activity, by id. */
export function participatingOpdIds(activities: DraftActivity[]): number[] {
  return [...new Set(activities.map((a) => a.opdId))].sort((a, b) => a - b);
}

const C = WorkflowStepCode;

/**
 * What the agreement's current state still needs before it can move on (`requirements`, the guard
 * of the forward step), and the step itself (`action`). One function serves both the guards and
 * `Agreement.nextSteps`, so the dashboard shows exactly what a refusal would say.
 */
export function workflowChecklist(agreement: Agreement, facts: WorkflowFacts, day: string = today()): { requirements: ChecklistItem[]; action: ChecklistItem | null } {
  const codes = facts.opdCodes;
  const item = (step: StepArguments, done: boolean, key: string = step.code): ChecklistItem => ({ key, done, activities: [], ...step, ...inEnglish(step, done, codes) });
  const only = (action: StepArguments) => ({ requirements: [], action: item(action, false) });
  switch (agreement.status) {
    case S.EXPLORATION:
      return only({ code: C.RECORD_LOI, documentKind: DocumentKind.LETTER_OF_INTENT });
    case S.LOI_SIGNED:
      return only({ code: C.START_PLAN_DRAFTING });
    case S.PLAN_DRAFTING: {
      const incomplete = facts.activities
        .map((activity) => ({ activity, missingFields: ACTIVITY_TEXTS.filter(({ property }) => blank(activity[property])).map(({ field }) => field) }))
        .filter((entry) => entry.missingFields.length > 0);
      const unaccepted = facts.activities.filter((a) => a.decision !== ActivityDecision.ACCEPTED).map((activity) => ({ activity, missingFields: [] }));
      return {
        requirements: [
          item({ code: C.HAS_ACTIVITIES }, facts.activities.length > 0),
          item({ code: C.ACTIVITIES_COMPLETE, activities: incomplete }, incomplete.length === 0),
          draftingMeetingStep(agreement, facts.meetings, item),
          item({ code: C.ACTIVITIES_ACCEPTED, activities: unaccepted }, unaccepted.length === 0),
        ],
        action: item({ code: C.SUBMIT_TO_DPRD }, false),
      };
    }
    case S.DPRD_REVIEW: {
      const round = agreement.reviewRound;
      const presented = new Set(facts.presentations.filter((p) => p.reviewRound === round).map((p) => p.opdId));
      const plan = facts.actionPlan && facts.actionPlan.reviewRound === round ? facts.actionPlan : null;
      return {
        requirements: [
          ...participatingOpdIds(facts.activities)
            .sort((a, b) => (codes.get(a) ?? '').localeCompare(codes.get(b) ?? ''))
            .map((opdId) => item({ code: C.OPD_PRESENTED, opdId, reviewRound: round }, presented.has(opdId), `PRESENTED:${codes.get(opdId) ?? opdId}`)),
          item({ code: C.ACTION_PLAN, reviewRound: round }, plan !== null),
        ],
        action: item({ code: C.DPRD_DECISION }, false),
      };
    }
    case S.DPRD_APPROVED:
      return only({ code: C.REQUEST_FACILITATION });
    case S.CENTRAL_FACILITATION:
      return only({ code: C.SIGN_MOU, documentKind: DocumentKind.MOU });
    case S.MOU_IN_FORCE:
      if (agreement.expiresOn && daysBetween(day, agreement.expiresOn) <= DEFAULT_EXPIRY_WINDOW_DAYS) {
        return { requirements: [], action: item({ code: C.RENEW_BEFORE_EXPIRY, date: agreement.expiresOn }, false, 'RENEW') };
      }
      return { requirements: [], action: null };
    case S.EXPIRED:
      return { requirements: [], action: item({ code: C.RENEW_EXPIRED, ...(agreement.expiresOn ? { date: agreement.expiresOn } : {}) }, false, 'RENEW') };
    default:
      return { requirements: [], action: null };
  }
}

/**
 * The draft list is discussed in a drafting meeting chaired by the Asisten III, whose result goes with
 * the request for approval: so a drafting round (since the agreement last entered PLAN_DRAFTING) needs
 * a closed meeting, and none still in progress (its decisions would not be final). docs/MEETINGS.md.
 */
function draftingMeetingStep(agreement: Agreement, meetings: WorkflowFacts['meetings'], item: (step: StepArguments, done: boolean) => ChecklistItem): ChecklistItem {
  const running = meetings.find((m) => m.state === MeetingState.IN_PROGRESS);
  const since = new Date(agreement.statusChangedAt).getTime();
  const closed = meetings.some((m) => m.state === MeetingState.CLOSED && m.closedAt !== null && new Date(m.closedAt).getTime() >= since);
  if (running) return item({ code: C.DRAFTING_MEETING_CLOSED, meetingId: running.id }, false);
  return item({ code: C.DRAFTING_MEETING_CLOSED }, closed);
}

/**
 * The English words of a step, written from its code and arguments only (as a client writes its own
 * language's): the label, and when it is not done, what is missing.
 */
function inEnglish(step: StepArguments, done: boolean, codes: Map<number, string>): { label: string; detail?: string } {
  const opd = (id: number | undefined) => codes.get(id ?? 0) ?? `OPD ${id}`;
  const missing = (detail: string) => (done ? {} : { detail });
  const activities = step.activities ?? [];
  switch (step.code) {
    case C.RECORD_LOI:
      return { label: 'Record the signed Letter of Intent (recordDocument, kind LETTER_OF_INTENT)' };
    case C.START_PLAN_DRAFTING:
      return { label: 'Open the drafting of the activity plan (advance to PLAN_DRAFTING)' };
    case C.HAS_ACTIVITIES:
      return { label: 'At least one activity on the board', ...missing('the board has no activity') };
    case C.ACTIVITIES_COMPLETE:
      return {
        label: 'Every activity has its scope, benefit (manfaat) and output (keluaran)',
        ...missing(`incomplete: ${activities.map(({ activity, missingFields }) => `${quoted(activity, codes)} lacks ${missingFields.map((f) => f.toLowerCase()).join(', ')}`).join('; ')}`),
      };
    case C.DRAFTING_MEETING_CLOSED:
      return {
        label: 'The draft activities were discussed in a drafting meeting (rapat pembahasan), now closed',
        ...missing(
          step.meetingId !== undefined
            ? `a drafting meeting (${toGlobalId('Meeting', step.meetingId)}) is still in progress: close it first`
            : 'no drafting meeting was closed since the drafting (re)started',
        ),
      };
    case C.ACTIVITIES_ACCEPTED:
      return { label: 'Every activity accepted by its OPD', ...missing(`not yet accepted by their OPD: ${activities.map(({ activity }) => quoted(activity, codes)).join('; ')}`) };
    case C.SUBMIT_TO_DPRD:
      return { label: 'Submit to the DPRD (advance to DPRD_REVIEW)' };
    case C.OPD_PRESENTED:
      return { label: `${opd(step.opdId)} presents its activities to the DPRD`, ...missing(`${opd(step.opdId)} has not presented yet`) };
    case C.ACTION_PLAN:
      return { label: 'The action plan (rencana aksi) is attached', ...missing('no action plan attached in this review round') };
    case C.DPRD_DECISION:
      return { label: 'Record the result of the DPRD working meeting (rapat kerja)' };
    case C.REQUEST_FACILITATION:
      return { label: 'Send to Kemendagri and Kemenlu for facilitation (advance to CENTRAL_FACILITATION)' };
    case C.SIGN_MOU:
      return { label: 'Record the signed MoU with its validity (recordDocument, kind MOU)' };
    case C.RENEW_BEFORE_EXPIRY:
      return { label: `Renew the MoU before it lapses after ${step.date} (renewAgreement)` };
    case C.RENEW_EXPIRED:
      return { label: 'Record a renewal MoU (renewAgreement)' };
  }
}

/** `Agreement.nextSteps`: what is still required, then the step itself. */
export function nextStepsOf(agreement: Agreement, facts: WorkflowFacts): ChecklistItem[] {
  const { requirements, action } = workflowChecklist(agreement, facts);
  return action ? [...requirements, action] : requirements;
}

/** The guard of a forward step: refuses (INVALID_TRANSITION) with every unmet requirement, listed. */
export function assertRequirementsMet(agreement: Agreement, facts: WorkflowFacts, to: AgreementStatus): void {
  const missing = workflowChecklist(agreement, facts).requirements.filter((item) => !item.done);
  if (missing.length) {
    throw invalidTransition(`The agreement cannot move to ${to} yet: ${missing.map((item) => item.detail ?? item.label).join('; ')}`, {
      from: agreement.status,
      to,
      missing: missing.map(({ key, code, label, detail }) => ({ key, code, label, detail })),
    });
  }
}
