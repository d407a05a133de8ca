import type { Fixtures } from './fixtures';
import { gid } from './ids';
import { AgreementStatus, MeetingState } from '../../src/entities';

/**
 * Who is calling: anonymous, or a demo user of each role (both OPD editors, for rules that depend
 * on which OPD owns the data).
 */
export const CALLERS = {
  anonymous: null,
  admin: 'admin@jalin.local',
  officer: 'officer@jalin.local',
  bappedaEditor: 'bappeda@jalin.local',
  disparEditor: 'dispar@jalin.local',
  viewer: 'viewer@jalin.local',
} as const;
export type Caller = keyof typeof CALLERS;
export const SIGNED_IN: Caller[] = ['admin', 'officer', 'bappedaEditor', 'disparEditor', 'viewer'];
export const REGISTRY_WRITERS: Caller[] = ['admin', 'officer'];

export interface MatrixRow {
  /** The operation under test (one root field). */
  name: string;
  document: string;
  /** Builds the variables, making fresh records where the call would change or consume them. */
  variables: (fixtures: Fixtures, caller: Caller) => Promise<Record<string, unknown>>;
  /** Callers that succeed; every other signed-in caller gets FORBIDDEN, anonymous UNAUTHENTICATED. */
  allowed: Caller[];
  /** Where a refusal carries another code (e.g. BOARD_LOCKED for a board that is not being drafted). */
  refusedWith?: Partial<Record<Caller, string>>;
}

/**
 * The authorization matrix: every query and mutation that needs a signed-in user, with who may call
 * it. Later features append their rows here (board, workflow); the test runs each row as every caller.
 */
export const MATRIX: MatrixRow[] = [
  // Queries: every signed-in role reads everything.
  { name: 'me', document: '{ me { id email role } }', variables: async () => ({}), allowed: SIGNED_IN },
  { name: 'countries', document: '{ countries { code } }', variables: async () => ({}), allowed: SIGNED_IN },
  { name: 'opds', document: '{ opds { code } }', variables: async () => ({}), allowed: SIGNED_IN },
  { name: 'partnerCities', document: '{ partnerCities { nodes { id name } } }', variables: async () => ({}), allowed: SIGNED_IN },
  { name: 'agreements', document: '{ agreements(first: 5) { totalCount edges { node { id documents { id } history { toStatus } } } } }', variables: async () => ({}), allowed: SIGNED_IN },
  { name: 'agreement', document: 'query($id: ID!) { agreement(id: $id) { id title } }', variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id) }), allowed: SIGNED_IN },
  { name: 'users', document: '{ users { nodes { id email role active } } }', variables: async () => ({}), allowed: ['admin'] },
  // Refetching by global id follows the rules of each type's own query.
  { name: 'node', document: 'query($id: ID!) { node(id: $id) { id } }', variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id) }), allowed: SIGNED_IN },
  { name: 'nodes', document: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: async (f) => ({ ids: [gid('PartnerCity', (await f.partnerCity()).id)] }), allowed: SIGNED_IN },
  {
    name: 'node',
    document: 'query($id: ID!) { node(id: $id) { id ... on User { email } } }',
    variables: async (f) => ({ id: gid('User', (await f.user()).id) }),
    allowed: ['admin'],
  },

  // The audit trail: officers and admins read it, admins verify its chain.
  { name: 'auditTrail', document: '{ auditTrail(first: 3) { totalCount nodes { seq operation } } }', variables: async () => ({}), allowed: ['admin', 'officer'] },
  { name: 'verifyAuditTrail', document: 'mutation { verifyAuditTrail { ok checked } }', variables: async () => ({}), allowed: ['admin'] },

  // Users: admins only.
  {
    name: 'createUser',
    document: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id email role } }',
    variables: async (f) => ({ input: { email: `${f.unique('new')}@jalin.test`, name: 'New person', role: 'VIEWER', password: 'long-enough-password' } }),
    allowed: ['admin'],
  },
  {
    name: 'updateUser',
    document: 'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id name } }',
    variables: async (f) => ({ id: gid('User', (await f.user()).id), input: { name: 'Renamed person' } }),
    allowed: ['admin'],
  },
  {
    name: 'deactivateUser',
    document: 'mutation($id: ID!) { deactivateUser(id: $id) { id active } }',
    variables: async (f) => ({ id: gid('User', (await f.user()).id) }),
    allowed: ['admin'],
  },

  // Registry: officers and admins.
  {
    name: 'createPartnerCity',
    document: 'mutation($input: PartnerCityInput!) { createPartnerCity(input: $input) { id name country { code } } }',
    variables: async (f) => ({ input: { name: f.unique('Kyoto'), region: 'Kyoto Prefecture', countryCode: 'JP', level: 'CITY' } }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'updatePartnerCity',
    document: 'mutation($id: ID!, $input: UpdatePartnerCityInput!) { updatePartnerCity(id: $id, input: $input) { id region } }',
    variables: async (f) => ({ id: gid('PartnerCity', (await f.partnerCity()).id), input: { region: 'Renamed region' } }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'archivePartnerCity',
    document: 'mutation($id: ID!) { archivePartnerCity(id: $id) { id archivedAt } }',
    variables: async (f) => ({ id: gid('PartnerCity', (await f.partnerCity()).id) }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'createAgreement',
    document: 'mutation($input: AgreementInput!) { createAgreement(input: $input) { id status history { fromStatus toStatus } } }',
    variables: async (f) => ({ input: { title: f.unique('Cultural exchange'), kind: 'SISTER_CITY', partnerCityId: gid('PartnerCity', (await f.partnerCity()).id), fields: ['CULTURE', 'TOURISM'], scope: 'Art festivals' } }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'updateAgreement',
    document: 'mutation($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { id title } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id), input: { title: f.unique('Renamed agreement') } }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'archiveAgreement',
    document: 'mutation($id: ID!) { archiveAgreement(id: $id) { id archivedAt } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id) }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'updateDocument',
    document: 'mutation($id: ID!, $input: UpdateDocumentInput!) { updateDocument(id: $id, input: $input) { id number } }',
    variables: async (f) => ({ id: gid('AgreementDocument', (await f.document()).id), input: { number: 'LoI/CORRECTED' } }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'archiveDocument',
    document: 'mutation($id: ID!) { archiveDocument(id: $id) { id archivedAt } }',
    variables: async (f) => ({ id: gid('AgreementDocument', (await f.document()).id) }),
    allowed: REGISTRY_WRITERS,
  },
  // Notifications: every signed-in user reads and marks their own (whose they are is tested in jobs.e2e.test.ts).
  { name: 'notifications', document: '{ notifications(first: 5) { totalCount nodes { id message } } }', variables: async () => ({}), allowed: SIGNED_IN },
  { name: 'markNotificationsRead', document: 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }', variables: async () => ({ ids: [] }), allowed: SIGNED_IN },

  // Drafting meetings: everyone signed in reads them; officers and admins run them; attendance also
  // by the OPD editor of the invited OPD (here BAPPEDA's line).
  {
    name: 'meeting',
    document: 'query($id: ID!) { meeting(id: $id) { id state attendance { status opd { code } } agenda { title } decisions { final byOpd { opd { code } } } documents { url } } }',
    variables: async (f) => ({ id: gid('Meeting', (await f.meeting(MeetingState.CLOSED)).meeting.id) }),
    allowed: SIGNED_IN,
  },
  {
    name: 'agreement',
    document: 'query($id: ID!) { agreement(id: $id) { id meetings { id state } generatedDocuments { kind url } } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.meeting(MeetingState.IN_PROGRESS)).agreementId) }),
    allowed: SIGNED_IN,
  },
  {
    name: 'scheduleMeeting',
    document: 'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id state } }',
    variables: async (f) => ({
      input: { agreementId: gid('Agreement', (await f.agreement()).id), title: 'Rapat pembahasan', heldOn: '2024-03-14', place: 'Ruang Praja Utama', chairOffice: 'Asisten III Sekda' },
    }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'openMeeting',
    document: 'mutation($id: ID!) { openMeeting(id: $id) { id state } }',
    variables: async (f) => ({ id: gid('Meeting', (await f.meeting()).meeting.id) }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'closeMeeting',
    document: 'mutation($id: ID!) { closeMeeting(id: $id) { id state } }',
    variables: async (f) => ({ id: gid('Meeting', (await f.meeting(MeetingState.IN_PROGRESS)).meeting.id) }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'cancelMeeting',
    document: 'mutation($id: ID!) { cancelMeeting(id: $id, reason: "Chair unavailable") { id state } }',
    variables: async (f) => ({ id: gid('Meeting', (await f.meeting()).meeting.id) }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'recordAttendance',
    document: 'mutation($id: ID!) { recordAttendance(attendanceId: $id, status: PRESENT) { id status } }',
    variables: async (f) => ({ id: gid('MeetingAttendance', (await f.meeting(MeetingState.IN_PROGRESS)).opdLine.id) }),
    allowed: ['admin', 'officer', 'bappedaEditor'],
  },
  {
    name: 'recordAgendaItemNote',
    document: 'mutation($id: ID!) { recordAgendaItemNote(agendaItemId: $id, note: "Agreed") { id note } }',
    variables: async (f) => ({ id: gid('MeetingAgendaItem', (await f.meeting(MeetingState.IN_PROGRESS)).agendaItem.id) }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'recordDecisionNote',
    document: 'mutation($m: ID!, $a: ID!) { recordDecisionNote(meetingId: $m, activityId: $a, note: "Agreed") { id } }',
    variables: async (f) => {
      const { meeting, agreementId, bappedaId } = await f.meeting(MeetingState.IN_PROGRESS);
      const activity = await f.activity(agreementId, bappedaId);
      return { m: gid('Meeting', meeting.id), a: gid('DraftActivity', activity.id) };
    },
    allowed: REGISTRY_WRITERS,
  },
];

// Rows for the board, the workflow, reports and subscriptions (added when the matrix became complete:
// test/authorization-coverage.test.ts fails for any root field of the schema without a row).
const OPD_ACTORS: Caller[] = ['admin', 'officer', 'bappedaEditor'];
const WF = AgreementStatus;
const PAST_DAY = '2024-03-14';

MATRIX.push(
  // Reads: every signed-in role.
  { name: 'board', document: 'query($id: ID!) { board(agreementId: $id) { seq activities { id } } }', variables: async (f) => ({ id: gid('Agreement', (await f.boardActivity()).agreementId) }), allowed: SIGNED_IN },
  { name: 'boardPresence', document: 'query($id: ID!) { boardPresence(agreementId: $id) { users { since } } }', variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id) }), allowed: SIGNED_IN },
  { name: 'cooperationReport', document: '{ cooperationReport { totals { agreements } } }', variables: async () => ({}), allowed: SIGNED_IN },
  { name: 'expiringAgreements', document: '{ expiringAgreements(first: 5) { totalCount } }', variables: async () => ({}), allowed: SIGNED_IN },

  // The board: officers and admins for any OPD, an OPD editor for its own (the activities here are BAPPEDA's).
  {
    name: 'addDraftActivity',
    document: 'mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { id } }',
    variables: async (f) => ({ input: { agreementId: gid('Agreement', (await f.agreementIn(WF.PLAN_DRAFTING)).id), opdId: gid('Opd', await f.opdId('BAPPEDA')), title: 'Joint festival' } }),
    allowed: OPD_ACTORS,
  },
  {
    name: 'updateDraftActivity',
    document: 'mutation($id: ID!) { updateDraftActivity(id: $id, baseVersion: 1, patch: { title: "Renamed activity" }) { id title } }',
    variables: async (f) => ({ id: gid('DraftActivity', (await f.boardActivity()).activity.id) }),
    allowed: OPD_ACTORS,
  },
  {
    name: 'moveDraftActivity',
    document: 'mutation($id: ID!) { moveDraftActivity(id: $id) { id position } }',
    variables: async (f) => ({ id: gid('DraftActivity', (await f.boardActivity()).activity.id) }),
    allowed: OPD_ACTORS,
  },
  {
    name: 'removeDraftActivity',
    document: 'mutation($id: ID!) { removeDraftActivity(id: $id) { id } }',
    variables: async (f) => ({ id: gid('DraftActivity', (await f.boardActivity()).activity.id) }),
    allowed: OPD_ACTORS,
  },
  {
    name: 'restoreDraftActivity',
    document: 'mutation($id: ID!) { restoreDraftActivity(id: $id) { id } }',
    variables: async (f) => ({ id: gid('DraftActivity', (await f.boardActivity({ removed: true })).activity.id) }),
    allowed: OPD_ACTORS,
  },
  {
    name: 'setEditing',
    document: 'mutation($a: ID!, $id: ID!) { setEditing(agreementId: $a, activityId: $id, field: "title") }',
    variables: async (f) => {
      const { agreementId, activity } = await f.boardActivity();
      return { a: gid('Agreement', agreementId), id: gid('DraftActivity', activity.id) };
    },
    allowed: OPD_ACTORS,
  },

  // The workflow: officers and admins, but an OPD's presentation also by that OPD's editor.
  {
    name: 'advanceAgreement',
    document: 'mutation($id: ID!) { advanceAgreement(id: $id, to: PLAN_DRAFTING) { id status } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreementIn(WF.LOI_SIGNED)).id) }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'recordDocument',
    document: 'mutation($id: ID!, $on: LocalDate!) { recordDocument(agreementId: $id, input: { kind: LETTER_OF_INTENT, signedOn: $on }) { id status } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id), on: PAST_DAY }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'recordOpdPresentation',
    document: 'mutation($id: ID!, $opd: ID!, $on: LocalDate!) { recordOpdPresentation(agreementId: $id, opdId: $opd, presentedOn: $on) { id } }',
    variables: async (f) => {
      // Only an OPD with an activity on the agreement presents.
      const agreement = await f.agreementIn(WF.DPRD_REVIEW);
      const bappeda = await f.opdId('BAPPEDA');
      await f.activity(agreement.id, bappeda);
      return { id: gid('Agreement', agreement.id), opd: gid('Opd', bappeda), on: PAST_DAY };
    },
    allowed: OPD_ACTORS,
  },
  {
    name: 'attachActionPlan',
    document: 'mutation($id: ID!, $input: ActionPlanInput!) { attachActionPlan(agreementId: $id, input: $input) { id } }',
    variables: async (f) => {
      const agreement = await f.agreementIn(WF.DPRD_REVIEW);
      const bappeda = await f.opdId('BAPPEDA');
      const activity = await f.activity(agreement.id, bappeda);
      return { id: gid('Agreement', agreement.id), input: { items: [{ activityId: gid('DraftActivity', activity.id), responsibleOpdId: gid('Opd', bappeda), quarter: '2027-Q1' }] } };
    },
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'recordDprdDecision',
    document: 'mutation($id: ID!, $on: LocalDate!) { recordDprdDecision(agreementId: $id, decision: RETURNED, decidedOn: $on, note: "Redraft the budget") { id status } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreementIn(WF.DPRD_REVIEW)).id), on: PAST_DAY }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'renewAgreement',
    document: 'mutation($id: ID!, $on: LocalDate!) { renewAgreement(agreementId: $id, input: { signedOn: $on, validityMonths: 120 }) { id status } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreementIn(WF.MOU_IN_FORCE)).id), on: PAST_DAY }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'terminateAgreement',
    document: 'mutation($id: ID!, $on: LocalDate!) { terminateAgreement(agreementId: $id, noticeOn: $on) { id status } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreementIn(WF.MOU_IN_FORCE)).id), on: PAST_DAY }),
    allowed: REGISTRY_WRITERS,
  },
  {
    name: 'cancelAgreement',
    document: 'mutation($id: ID!) { cancelAgreement(agreementId: $id, note: "Partner withdrew") { id status } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id) }),
    allowed: REGISTRY_WRITERS,
  },
);

/** Operations anyone may call without a token (the coverage test asks no row of them). */
export const PUBLIC_OPERATIONS = ['Mutation.login'];

export interface SubscriptionRow {
  name: string;
  document: string;
  variables: (fixtures: Fixtures) => Promise<Record<string, unknown>>;
  /** Callers whose subscription is accepted; anonymous sockets are refused at connection_init (4401). */
  allowed: Caller[];
  /**
   * Whether the subscription sends something at once (presence now, a replayed board event), so the
   * test can see an allowed caller's subscription accepted without making a change and waiting.
   */
  answersAtOnce: boolean;
}

/**
 * Subscriptions run over WebSocket, where a socket without a valid token is refused as a whole; every
 * signed-in role may subscribe to each of them. The rules inside (which agreement, whose
 * notifications) are each subscription's own tests (board, workflow, meetings, jobs). A new
 * subscription without a row here fails test/authorization-coverage.test.ts.
 */
export const SUBSCRIPTIONS: SubscriptionRow[] = [
  {
    name: 'boardPresence',
    document: 'subscription($id: ID!) { boardPresence(agreementId: $id) { users { since } } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id) }),
    allowed: SIGNED_IN,
    answersAtOnce: true,
  },
  {
    name: 'boardEvents',
    document: 'subscription($id: ID!) { boardEvents(agreementId: $id, afterSeq: 0) { seq kind } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.boardWithEvent()).id) }),
    allowed: SIGNED_IN,
    answersAtOnce: true,
  },
  {
    name: 'agreementUpdated',
    document: 'subscription($id: ID!) { agreementUpdated(id: $id) { id status } }',
    variables: async (f) => ({ id: gid('Agreement', (await f.agreement()).id) }),
    allowed: SIGNED_IN,
    answersAtOnce: false,
  },
  {
    name: 'meetingUpdated',
    document: 'subscription($id: ID!) { meetingUpdated(meetingId: $id) { id state } }',
    variables: async (f) => ({ id: gid('Meeting', (await f.meeting()).meeting.id) }),
    allowed: SIGNED_IN,
    answersAtOnce: false,
  },
  {
    name: 'notificationAdded',
    document: 'subscription { notificationAdded { id } }',
    variables: async () => ({}),
    allowed: SIGNED_IN,
    answersAtOnce: false,
  },
];
