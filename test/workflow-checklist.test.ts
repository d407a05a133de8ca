import { ActivityDecision, AgreementStatus as S, MeetingState, type ActionPlan, type Agreement, type DraftActivity, type OpdPresentation } from '../src/entities';
import { ActivityTextField as F, DEFAULT_EXPIRY_WINDOW_DAYS, WorkflowStepCode as C, nextStepsOf, workflowChecklist, type WorkflowFacts } from '../src/services/workflow/state-machine';
import { DocumentKind } from '../src/entities';
import { addDays } from '../src/services/dates';

/**
 * The checklist behind both the workflow's guards and `Agreement.nextSteps`, on plain values: what
 * each state still needs, and what the detail names (the dashboard and the refusal show the same).
 */
const BAPPEDA = 1;
const DISPAR = 2;
const DAY = '2026-06-01';
const CHANGED = new Date('2026-05-01T00:00:00Z');

const agreement = (status: S, extra: Partial<Agreement> = {}) => ({ id: 1, status, statusChangedAt: CHANGED, reviewRound: 1, expiresOn: null, ...extra }) as Agreement;
const activity = (id: number, opdId: number, extra: Partial<DraftActivity> = {}) =>
  ({ id, opdId, title: `Activity ${id}`, scope: 'Scope', benefit: 'Benefit', output: 'Output', decision: ActivityDecision.ACCEPTED, ...extra }) as DraftActivity;
const closedMeeting = { id: 5, state: MeetingState.CLOSED, closedAt: new Date('2026-05-10T00:00:00Z') };

const facts = (extra: Partial<WorkflowFacts> = {}): WorkflowFacts => ({
  activities: [],
  presentations: [],
  actionPlan: null,
  opdCodes: new Map([[BAPPEDA, 'BAPPEDA'], [DISPAR, 'DISPAR']]),
  meetings: [],
  ...extra,
});
const byKey = (items: { key: string; done: boolean; detail?: string }[]) => Object.fromEntries(items.map((item) => [item.key, item]));

describe('the workflow checklist (nextSteps and the guards)', () => {
  it('names the one action of the states that need nothing else', () => {
    const actions = [S.EXPLORATION, S.LOI_SIGNED, S.DPRD_APPROVED, S.CENTRAL_FACILITATION, S.EXPIRED].map((status) => workflowChecklist(agreement(status), facts(), DAY));
    expect(actions.map((c) => c.requirements)).toEqual([[], [], [], [], []]);
    expect(actions.map((c) => c.action?.key)).toEqual(['RECORD_LOI', 'START_PLAN_DRAFTING', 'REQUEST_FACILITATION', 'SIGN_MOU', 'RENEW']);
  });

  it('in PLAN_DRAFTING lists what is missing, activity by activity, until the board is ready for the DPRD', () => {
    const empty = byKey(workflowChecklist(agreement(S.PLAN_DRAFTING), facts(), DAY).requirements);
    expect(empty.HAS_ACTIVITIES).toMatchObject({ done: false, detail: 'the board has no activity' });
    expect(empty.DRAFTING_MEETING_CLOSED.done).toBe(false);

    const draft = facts({ activities: [activity(1, BAPPEDA, { scope: '  ', output: '' }), activity(2, DISPAR, { decision: ActivityDecision.PROPOSED })], meetings: [closedMeeting] });
    const missing = byKey(workflowChecklist(agreement(S.PLAN_DRAFTING), draft, DAY).requirements);
    expect(missing.HAS_ACTIVITIES.done).toBe(true);
    expect(missing.ACTIVITIES_COMPLETE).toMatchObject({ done: false, detail: 'incomplete: "Activity 1" (BAPPEDA) lacks scope, output' });
    expect(missing.ACTIVITIES_ACCEPTED).toMatchObject({ done: false, detail: 'not yet accepted by their OPD: "Activity 2" (DISPAR)' });
    expect(missing.DRAFTING_MEETING_CLOSED.done).toBe(true);

    const ready = workflowChecklist(agreement(S.PLAN_DRAFTING), facts({ activities: [activity(1, BAPPEDA)], meetings: [closedMeeting] }), DAY);
    expect(ready.requirements.every((item) => item.done)).toBe(true);
    expect(ready.action?.key).toBe('SUBMIT_TO_DPRD');
  });

  it('counts only a drafting meeting closed since drafting (re)started, and none may still run', () => {
    const ready = { activities: [activity(1, BAPPEDA)] };
    const before = { id: 4, state: MeetingState.CLOSED, closedAt: new Date('2026-04-01T00:00:00Z') };
    const stale = byKey(workflowChecklist(agreement(S.PLAN_DRAFTING), facts({ ...ready, meetings: [before] }), DAY).requirements);
    expect(stale.DRAFTING_MEETING_CLOSED).toMatchObject({ done: false, detail: 'no drafting meeting was closed since the drafting (re)started' });
    const running = byKey(workflowChecklist(agreement(S.PLAN_DRAFTING), facts({ ...ready, meetings: [closedMeeting, { id: 6, state: MeetingState.IN_PROGRESS, closedAt: null }] }), DAY).requirements);
    expect(running.DRAFTING_MEETING_CLOSED.done).toBe(false);
    expect(running.DRAFTING_MEETING_CLOSED.detail).toMatch(/still in progress: close it first/);
  });

  it('in DPRD_REVIEW wants a presentation of every participating OPD and an action plan, of this review round', () => {
    const review = agreement(S.DPRD_REVIEW, { reviewRound: 2 });
    const activities = [activity(1, DISPAR), activity(2, BAPPEDA), activity(3, BAPPEDA)];
    const presentations = [
      { opdId: BAPPEDA, reviewRound: 2 },
      { opdId: DISPAR, reviewRound: 1 },
    ] as OpdPresentation[];
    const oldPlan = { reviewRound: 1 } as ActionPlan;
    const partial = workflowChecklist(review, facts({ activities, presentations, actionPlan: oldPlan }), DAY).requirements;
    expect(partial.map((item) => [item.key, item.done])).toEqual([
      ['PRESENTED:BAPPEDA', true],
      ['PRESENTED:DISPAR', false],
      ['ACTION_PLAN', false],
    ]);
    const done = workflowChecklist(review, facts({ activities, presentations: [...presentations, { opdId: DISPAR, reviewRound: 2 } as OpdPresentation], actionPlan: { reviewRound: 2 } as ActionPlan }), DAY);
    expect(done.requirements.every((item) => item.done)).toBe(true);
    expect(done.action?.key).toBe('DPRD_DECISION');
  });

  it(`suggests renewing an MoU in force only within ${DEFAULT_EXPIRY_WINDOW_DAYS} days of its expiry`, () => {
    const inside = agreement(S.MOU_IN_FORCE, { expiresOn: addDays(DAY, DEFAULT_EXPIRY_WINDOW_DAYS) });
    const outside = agreement(S.MOU_IN_FORCE, { expiresOn: addDays(DAY, DEFAULT_EXPIRY_WINDOW_DAYS + 1) });
    expect(workflowChecklist(inside, facts(), DAY).action?.key).toBe('RENEW');
    expect(workflowChecklist(outside, facts(), DAY).action).toBeNull();
  });

  it('gives nothing to do for the ends of the road', () => {
    for (const status of [S.TERMINATED, S.CANCELLED]) expect(nextStepsOf(agreement(status), facts())).toEqual([]);
  });

  it('lists the requirements first and the action last in nextSteps', () => {
    const steps = nextStepsOf(agreement(S.PLAN_DRAFTING), facts());
    expect(steps.map((step) => step.key)).toEqual(['HAS_ACTIVITIES', 'ACTIVITIES_COMPLETE', 'DRAFTING_MEETING_CLOSED', 'ACTIVITIES_ACCEPTED', 'SUBMIT_TO_DPRD']);
    expect(steps.at(-1)?.done).toBe(false);
  });

  describe('codes and arguments, for a client that words each step in its own language', () => {
    const argumentsOf = ({ code, documentKind, opdId, meetingId, date, reviewRound, activities }: ReturnType<typeof nextStepsOf>[number]) => ({
      code,
      ...(documentKind ? { documentKind } : {}),
      ...(opdId !== undefined ? { opdId } : {}),
      ...(meetingId !== undefined ? { meetingId } : {}),
      ...(date ? { date } : {}),
      ...(reviewRound !== undefined ? { reviewRound } : {}),
      ...(activities.length ? { activities: activities.map(({ activity, missingFields }) => [activity.id, missingFields]) } : {}),
    });

    it('names the document a step records, and the expiry day of a renewal', () => {
      const inside = addDays(DAY, 30);
      const steps = [agreement(S.EXPLORATION), agreement(S.CENTRAL_FACILITATION), agreement(S.MOU_IN_FORCE, { expiresOn: inside }), agreement(S.EXPIRED, { expiresOn: '2026-05-20' })].map(
        (a) => workflowChecklist(a, facts(), DAY).action!,
      );
      expect(steps.map(argumentsOf)).toEqual([
        { code: C.RECORD_LOI, documentKind: DocumentKind.LETTER_OF_INTENT },
        { code: C.SIGN_MOU, documentKind: DocumentKind.MOU },
        { code: C.RENEW_BEFORE_EXPIRY, date: inside },
        { code: C.RENEW_EXPIRED, date: '2026-05-20' },
      ]);
      // The English text is written from the same arguments, and keeps the old keys.
      expect(steps.map((step) => step.key)).toEqual(['RECORD_LOI', 'SIGN_MOU', 'RENEW', 'RENEW']);
      expect(steps[2].label).toBe(`Renew the MoU before it lapses after ${inside} (renewAgreement)`);
    });

    it('gives the activities that fall short, with the texts they lack, and the running meeting as an id of its own', () => {
      const draft = facts({
        activities: [activity(1, BAPPEDA, { benefit: ' ', output: '' }), activity(2, DISPAR, { decision: ActivityDecision.PROPOSED }), activity(3, DISPAR, { scope: '' })],
        meetings: [{ id: 9, state: MeetingState.IN_PROGRESS, closedAt: null }],
      });
      expect(nextStepsOf(agreement(S.PLAN_DRAFTING), draft).map(argumentsOf)).toEqual([
        { code: C.HAS_ACTIVITIES },
        { code: C.ACTIVITIES_COMPLETE, activities: [[1, [F.BENEFIT, F.OUTPUT]], [3, [F.SCOPE]]] },
        { code: C.DRAFTING_MEETING_CLOSED, meetingId: 9 },
        { code: C.ACTIVITIES_ACCEPTED, activities: [[2, []]] },
        { code: C.SUBMIT_TO_DPRD },
      ]);
      // Done, an item carries no activity and no meeting.
      const ready = nextStepsOf(agreement(S.PLAN_DRAFTING), facts({ activities: [activity(1, BAPPEDA)], meetings: [closedMeeting] }));
      expect(ready.map(argumentsOf)).toEqual([C.HAS_ACTIVITIES, C.ACTIVITIES_COMPLETE, C.DRAFTING_MEETING_CLOSED, C.ACTIVITIES_ACCEPTED, C.SUBMIT_TO_DPRD].map((code) => ({ code })));
    });

    it('in DPRD_REVIEW names each OPD by its id and the review round it must present in', () => {
      const review = agreement(S.DPRD_REVIEW, { reviewRound: 3 });
      const steps = nextStepsOf(review, facts({ activities: [activity(1, DISPAR), activity(2, BAPPEDA)] }));
      expect(steps.map(argumentsOf)).toEqual([
        { code: C.OPD_PRESENTED, opdId: BAPPEDA, reviewRound: 3 },
        { code: C.OPD_PRESENTED, opdId: DISPAR, reviewRound: 3 },
        { code: C.ACTION_PLAN, reviewRound: 3 },
        { code: C.DPRD_DECISION },
      ]);
    });
  });
});
