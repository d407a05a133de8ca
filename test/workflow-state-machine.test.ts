import { ActivityDecision, AgreementStatus as S, DocumentKind, MeetingState, Role, type ActionPlan, type Agreement, type DraftActivity, type OpdPresentation } from '../src/entities';
import { DomainError, ErrorCode } from '../src/errors';
import {
  assertDocumentAllowed,
  assertInReview,
  assertRequirementsMet,
  decideTransition,
  nextStepsOf,
  workflowChecklist,
  type WorkflowFacts,
} from '../src/services/workflow/state-machine';

/*
 * Unit specs of the workflow state machine: pure functions of an agreement and its facts, no
 * database. The e2e tests (workflow.e2e.test.ts) check the same rules through the API.
 */

const ENTERED_DRAFTING = new Date('2026-03-01T08:00:00Z');

function agreement(status: S, extra: Partial<Agreement> = {}): Agreement {
  return { id: 7, status, reviewRound: 1, statusChangedAt: ENTERED_DRAFTING, expiresOn: null, ...extra } as Agreement;
}

function activity(id: number, opdId: number, extra: Partial<DraftActivity> = {}): DraftActivity {
  return { id, opdId, title: `Activity ${id}`, scope: 'scope', benefit: 'benefit', output: 'output', decision: ActivityDecision.ACCEPTED, ...extra } as DraftActivity;
}

const closedMeeting = { id: 1, state: MeetingState.CLOSED, closedAt: new Date('2026-03-05T10:00:00Z') };

function facts(extra: Partial<WorkflowFacts> = {}): WorkflowFacts {
  return { activities: [activity(1, 10)], presentations: [], actionPlan: null, opdCodes: new Map([[10, 'DISKOMINFO'], [11, 'BAPPEDA']]), meetings: [closedMeeting], ...extra };
}

/** The DomainError `run` throws (fails the test when it throws nothing or something else). */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, got none');
}

describe('decideTransition', () => {
  it('gives the transition for a listed step made by its mutation and an allowed role', () => {
    expect(decideTransition(S.PLAN_DRAFTING, S.DPRD_REVIEW, 'advance', Role.OFFICER)).toMatchObject({ from: S.PLAN_DRAFTING, to: S.DPRD_REVIEW, action: 'advance' });
    expect(decideTransition(S.EXPIRED, S.MOU_IN_FORCE, 'renew', Role.ADMIN)).toMatchObject({ action: 'renew' });
  });

  it('refuses a role the step does not allow, and a system step to anyone', () => {
    expect(refusal(() => decideTransition(S.PLAN_DRAFTING, S.DPRD_REVIEW, 'advance', Role.OPD_EDITOR)).code).toBe(ErrorCode.FORBIDDEN);
    expect(refusal(() => decideTransition(S.PLAN_DRAFTING, S.DPRD_REVIEW, 'advance', Role.VIEWER)).code).toBe(ErrorCode.FORBIDDEN);
    const expire = refusal(() => decideTransition(S.MOU_IN_FORCE, S.EXPIRED, 'expire', Role.ADMIN));
    expect(expire.code).toBe(ErrorCode.FORBIDDEN);
    expect(expire.message).toContain('the system');
  });

  it('names the mutation that makes a step asked for through the wrong one', () => {
    const error = refusal(() => decideTransition(S.EXPLORATION, S.LOI_SIGNED, 'advance', Role.OFFICER));
    expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect(error.details).toEqual({ from: S.EXPLORATION, to: S.LOI_SIGNED, use: 'recordDocument with kind LETTER_OF_INTENT' });
  });

  it('lists where the agreement can go when no step leads to the target, and says a closed one goes nowhere', () => {
    const skip = refusal(() => decideTransition(S.LOI_SIGNED, S.DPRD_REVIEW, 'advance', Role.OFFICER));
    expect(skip.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect(skip.details).toEqual({ from: S.LOI_SIGNED, to: S.DPRD_REVIEW });
    expect(skip.message).toContain('PLAN_DRAFTING (advanceAgreement)');
    expect(skip.message).toContain('CANCELLED (cancelAgreement)');
    expect(refusal(() => decideTransition(S.TERMINATED, S.MOU_IN_FORCE, 'renew', Role.ADMIN)).message).toContain('nothing: it is closed');
  });
});

describe('document and review rules', () => {
  it('allows each document kind only in its states', () => {
    expect(() => assertDocumentAllowed(DocumentKind.LETTER_OF_INTENT, S.EXPLORATION)).not.toThrow();
    expect(() => assertDocumentAllowed(DocumentKind.ADDENDUM, S.MOU_IN_FORCE)).not.toThrow();
    const error = refusal(() => assertDocumentAllowed(DocumentKind.MOU, S.PLAN_DRAFTING));
    expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect(error.details).toEqual({ status: S.PLAN_DRAFTING, kind: DocumentKind.MOU });
  });

  it('accepts presentations and action plans during DPRD_REVIEW only', () => {
    expect(() => assertInReview(S.DPRD_REVIEW, 'The action plan')).not.toThrow();
    const error = refusal(() => assertInReview(S.DPRD_APPROVED, 'The action plan'));
    expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect(error.message).toBe('The action plan can be recorded only during DPRD_REVIEW; the agreement is in DPRD_APPROVED');
  });
});

describe('workflowChecklist in PLAN_DRAFTING', () => {
  const drafting = agreement(S.PLAN_DRAFTING);
  const unmet = (f: WorkflowFacts) => workflowChecklist(drafting, f).requirements.filter((item) => !item.done).map((item) => item.key);

  it('is met by complete, accepted activities discussed in a meeting closed since drafting began', () => {
    expect(unmet(facts())).toEqual([]);
    expect(() => assertRequirementsMet(drafting, facts(), S.DPRD_REVIEW)).not.toThrow();
    expect(workflowChecklist(drafting, facts()).action?.key).toBe('SUBMIT_TO_DPRD');
  });

  it('needs at least one activity', () => {
    expect(unmet(facts({ activities: [] }))).toEqual(['HAS_ACTIVITIES']);
  });

  it('names each incomplete activity with its OPD and the fields it lacks', () => {
    const items = workflowChecklist(drafting, facts({ activities: [activity(1, 10, { benefit: '  ', output: null as unknown as string })] })).requirements;
    expect(items.find((item) => item.key === 'ACTIVITIES_COMPLETE')).toMatchObject({ done: false, detail: 'incomplete: "Activity 1" (DISKOMINFO) lacks benefit, output' });
  });

  it('needs every activity accepted by its OPD', () => {
    expect(unmet(facts({ activities: [activity(1, 10), activity(2, 11, { decision: ActivityDecision.PROPOSED })] }))).toEqual(['ACTIVITIES_ACCEPTED']);
  });

  it('needs a drafting meeting closed since the drafting (re)started, and none in progress', () => {
    expect(unmet(facts({ meetings: [] }))).toEqual(['DRAFTING_MEETING_CLOSED']);
    const before = { id: 2, state: MeetingState.CLOSED, closedAt: new Date('2026-02-20T10:00:00Z') };
    expect(unmet(facts({ meetings: [before] }))).toEqual(['DRAFTING_MEETING_CLOSED']);
    const running = { id: 3, state: MeetingState.IN_PROGRESS, closedAt: null };
    const item = workflowChecklist(drafting, facts({ meetings: [closedMeeting, running] })).requirements.find((entry) => entry.key === 'DRAFTING_MEETING_CLOSED');
    expect(item?.done).toBe(false);
    expect(item?.detail).toContain('still in progress');
  });

  it('refuses the step with every unmet requirement, in the order of the checklist', () => {
    const error = refusal(() => assertRequirementsMet(drafting, facts({ activities: [], meetings: [] }), S.DPRD_REVIEW));
    expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect((error.details.missing as { key: string }[]).map((item) => item.key)).toEqual(['HAS_ACTIVITIES', 'DRAFTING_MEETING_CLOSED']);
    expect(error.message).toBe('The agreement cannot move to DPRD_REVIEW yet: the board has no activity; no drafting meeting was closed since the drafting (re)started');
  });
});

describe('workflowChecklist in DPRD_REVIEW', () => {
  const review = agreement(S.DPRD_REVIEW, { reviewRound: 2 });
  const presentation = (opdId: number, reviewRound: number) => ({ opdId, reviewRound }) as OpdPresentation;
  const plan = (reviewRound: number) => ({ reviewRound }) as ActionPlan;
  const twoOpds = { activities: [activity(1, 11), activity(2, 10)] };

  it('needs every participating OPD, by code, to present in this round and the action plan of this round', () => {
    const items = workflowChecklist(review, facts({ ...twoOpds, presentations: [presentation(10, 1), presentation(11, 2)], actionPlan: plan(1) })).requirements;
    expect(items.map((item) => [item.key, item.done])).toEqual([
      ['PRESENTED:BAPPEDA', true],
      ['PRESENTED:DISKOMINFO', false],
      ['ACTION_PLAN', false],
    ]);
  });

  it('is met once all presented and the plan is attached in this round', () => {
    const done = facts({ ...twoOpds, presentations: [presentation(10, 2), presentation(11, 2)], actionPlan: plan(2) });
    expect(() => assertRequirementsMet(review, done, S.DPRD_APPROVED)).not.toThrow();
    expect(nextStepsOf(review, done).map((item) => item.key)).toEqual(['PRESENTED:BAPPEDA', 'PRESENTED:DISKOMINFO', 'ACTION_PLAN', 'DPRD_DECISION']);
  });
});

describe('workflowChecklist after the MoU', () => {
  it('asks for a renewal only once the MoU lapses within the expiry window', () => {
    const inForce = agreement(S.MOU_IN_FORCE, { expiresOn: '2027-01-31' });
    expect(workflowChecklist(inForce, facts(), '2026-01-01').action).toBeNull();
    expect(workflowChecklist(inForce, facts(), '2026-09-01').action?.key).toBe('RENEW');
  });

  it('offers renewal for an expired MoU and nothing for a closed agreement', () => {
    expect(nextStepsOf(agreement(S.EXPIRED), facts()).map((item) => item.key)).toEqual(['RENEW']);
    expect(nextStepsOf(agreement(S.TERMINATED), facts())).toEqual([]);
    expect(nextStepsOf(agreement(S.CANCELLED), facts())).toEqual([]);
  });
});
