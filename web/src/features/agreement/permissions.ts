import type { AgreementStatus, DocumentKind } from '../../gql/graphql';
import type { SessionUser } from '../../auth/session';

/**
 * Which workflow actions the page offers, from the signed-in role and the agreement's status. The
 * server decides anyway (it refuses with FORBIDDEN / INVALID_TRANSITION); this only keeps a person
 * from being offered a button that cannot work. The rules mirror the mutations' descriptions:
 * workflow steps are for officers and admins; an OPD editor records its own OPD's presentation.
 */
export type ActionKey = 'advance' | 'document' | 'presentation' | 'actionPlan' | 'dprdDecision' | 'renew' | 'terminate' | 'cancel';

export const NEXT_STEP: Partial<Record<AgreementStatus, AgreementStatus>> = {
  LOI_SIGNED: 'PLAN_DRAFTING',
  PLAN_DRAFTING: 'DPRD_REVIEW',
  DPRD_APPROVED: 'CENTRAL_FACILITATION',
};

/** The statuses each document kind may be recorded in (the server's DOCUMENT_RULES). */
export const DOCUMENT_KINDS_BY_STATUS: Record<DocumentKind, AgreementStatus[]> = {
  LETTER_OF_INTENT: ['EXPLORATION'],
  COOPERATION_PLAN: ['PLAN_DRAFTING', 'DPRD_REVIEW', 'DPRD_APPROVED', 'CENTRAL_FACILITATION'],
  DPRD_DECISION: ['DPRD_APPROVED', 'CENTRAL_FACILITATION', 'MOU_IN_FORCE'],
  MOU: ['CENTRAL_FACILITATION'],
  IMPLEMENTING_AGREEMENT: ['MOU_IN_FORCE'],
  ADDENDUM: ['MOU_IN_FORCE'],
};

export const BEFORE_MOU: AgreementStatus[] = ['EXPLORATION', 'LOI_SIGNED', 'PLAN_DRAFTING', 'DPRD_REVIEW', 'DPRD_APPROVED', 'CENTRAL_FACILITATION'];

export function documentKindsFor(status: AgreementStatus): DocumentKind[] {
  return (Object.keys(DOCUMENT_KINDS_BY_STATUS) as DocumentKind[]).filter((kind) => DOCUMENT_KINDS_BY_STATUS[kind].includes(status));
}

export function allowedActions(user: Pick<SessionUser, 'role'>, status: AgreementStatus): ActionKey[] {
  if (user.role === 'VIEWER') return [];
  if (user.role === 'OPD_EDITOR') return status === 'DPRD_REVIEW' ? ['presentation'] : [];
  const actions: ActionKey[] = [];
  if (NEXT_STEP[status]) actions.push('advance');
  if (documentKindsFor(status).length) actions.push('document');
  if (status === 'DPRD_REVIEW') actions.push('presentation', 'actionPlan', 'dprdDecision');
  if (status === 'MOU_IN_FORCE' || status === 'EXPIRED') actions.push('renew');
  if (status === 'MOU_IN_FORCE') actions.push('terminate');
  if (BEFORE_MOU.includes(status)) actions.push('cancel');
  return actions;
}
