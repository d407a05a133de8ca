import type { Fixtures } from './fixtures';
import { gid } from './ids';
import { MeetingState } from '../../src/entities';

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
