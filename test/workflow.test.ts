import { AgreementStatus as S } from '../src/entities';
import { BEFORE_MOU, TRANSITIONS, findTransition, isBoardEditable } from '../src/services/workflow/state-machine';
import { agreements as demoAgreements } from '../src/seed/demo-data';

/**
 * The workflow as designed (docs/ARCHITECTURE.md, "Agreement workflow"), written out by hand and independently of the service's table: the
 * table must hold exactly these edges, each made by the named mutation.
 */
const EXPECTED_EDGES = [
  'EXPLORATION -> LOI_SIGNED by recordLoi',
  'LOI_SIGNED -> PLAN_DRAFTING by advance',
  'PLAN_DRAFTING -> DPRD_REVIEW by advance',
  'DPRD_REVIEW -> DPRD_APPROVED by dprdDecision',
  'DPRD_REVIEW -> PLAN_DRAFTING by dprdDecision',
  'DPRD_APPROVED -> CENTRAL_FACILITATION by advance',
  'CENTRAL_FACILITATION -> MOU_IN_FORCE by signMou',
  'MOU_IN_FORCE -> MOU_IN_FORCE by renew',
  'EXPIRED -> MOU_IN_FORCE by renew',
  'MOU_IN_FORCE -> TERMINATED by terminate',
  'MOU_IN_FORCE -> EXPIRED by expire',
  'EXPLORATION -> CANCELLED by cancel',
  'LOI_SIGNED -> CANCELLED by cancel',
  'PLAN_DRAFTING -> CANCELLED by cancel',
  'DPRD_REVIEW -> CANCELLED by cancel',
  'DPRD_APPROVED -> CANCELLED by cancel',
  'CENTRAL_FACILITATION -> CANCELLED by cancel',
];

describe('the agreement workflow table', () => {
  it('holds exactly the steps of the design, no more and no fewer', () => {
    const actual = TRANSITIONS.map((t) => `${t.from} -> ${t.to} by ${t.action}`).sort();
    expect(actual).toEqual([...EXPECTED_EDGES].sort());
  });

  it('lets only the system expire an MoU, and officers and admins make every other step', () => {
    for (const transition of TRANSITIONS) {
      if (transition.action === 'expire') expect(transition.roles).toBe('system');
      else expect([...transition.roles].sort()).toEqual(['ADMIN', 'OFFICER']);
    }
  });

  it('closes TERMINATED and CANCELLED for good', () => {
    for (const to of Object.values(S)) {
      expect(findTransition(S.TERMINATED, to)).toBeUndefined();
      expect(findTransition(S.CANCELLED, to)).toBeUndefined();
    }
    expect(BEFORE_MOU).not.toContain(S.MOU_IN_FORCE);
  });

  it('makes the board editable in PLAN_DRAFTING only', () => {
    expect(Object.values(S).filter(isBoardEditable)).toEqual([S.PLAN_DRAFTING]);
  });

  it('gives every demo agreement a history that follows the table', () => {
    for (const agreement of demoAgreements) {
      const steps = agreement.history.map((step) => step.to);
      expect(steps[0]).toBe(S.EXPLORATION);
      for (let i = 1; i < steps.length; i++) {
        expect({ agreement: agreement.title, step: `${steps[i - 1]} -> ${steps[i]}`, legal: Boolean(findTransition(steps[i - 1], steps[i])) }).toMatchObject({ legal: true });
      }
      const dates = agreement.history.map((step) => step.on);
      expect([...dates].sort()).toEqual(dates);
    }
  });
});
