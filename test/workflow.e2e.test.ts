import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ActivityDecision, Agreement, AgreementStatus as S, DraftActivity, StatusChange } from '../src/entities';
import { addDays, addMonths, daysBetween } from '../src/services/dates';
import { DEFAULT_JOBS } from '../src/config';
import { describeEachDatabase } from './support/each-database';
import { gid, localId } from './support/ids';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';
import { TODAY, WorkflowFixtures } from './support/workflow-fixtures';

const ADVANCE = `mutation($id: ID!, $to: AgreementStatus!, $note: String) { advanceAgreement(id: $id, to: $to, note: $note) { id status reviewRound } }`;
const CANCEL = `mutation($id: ID!, $note: String!) { cancelAgreement(agreementId: $id, note: $note) { id status } }`;
const TERMINATE = `mutation($id: ID!, $on: LocalDate!, $note: String) { terminateAgreement(agreementId: $id, noticeOn: $on, note: $note) { id status terminationNoticeOn } }`;
const RENEW = `mutation($id: ID!, $input: RenewalInput!) { renewAgreement(agreementId: $id, input: $input) { id status mouSignedOn validityMonths expiresOn } }`;
const DOCUMENT = `mutation($id: ID!, $input: DocumentInput!) { recordDocument(agreementId: $id, input: $input) { id status loiSignedOn mouSignedOn validityMonths expiresOn documents { kind number signedOn validUntil } } }`;
const PRESENT = `mutation($id: ID!, $opd: ID!, $on: LocalDate!, $note: String) { recordOpdPresentation(agreementId: $id, opdId: $opd, presentedOn: $on, note: $note) { id presentations { opd { code } presentedOn note reviewRound } } }`;
const PLAN = `mutation($id: ID!, $input: ActionPlanInput!) { attachActionPlan(agreementId: $id, input: $input) { id actionPlan { reviewRound items { activity { id } responsibleOpd { code } startOn endOn quarter } } } }`;
const DECIDE = `mutation($id: ID!, $decision: DprdDecision!, $on: LocalDate!, $ref: String, $note: String) {
  recordDprdDecision(agreementId: $id, decision: $decision, decidedOn: $on, reference: $ref, note: $note) { id status dprdApprovedOn reviewRound }
}`;
const AGREEMENT = `query($id: ID!) { agreement(id: $id) {
  id status reviewRound daysInStatus loiSignedOn dprdApprovedOn mouSignedOn validityMonths expiresOn
  nextSteps { key code label done detail documentKind opd { code } reviewRound date activities { activity { title } missingFields } }
  history { fromStatus toStatus note actor { email } }
  documents { kind number signedOn validUntil }
  presentations { opd { code } presentedOn reviewRound recordedBy { email } }
  actionPlan { reviewRound note items { activity { title } responsibleOpd { code } startOn endOn quarter } }
} }`;

type Page = { agreements: { edges: { node: { presentations: unknown[]; actionPlan: unknown } }[] } };
type Step = {
  key: string;
  code: string;
  label: string;
  done: boolean;
  detail: string | null;
  documentKind: string | null;
  opd: { code: string } | null;
  reviewRound: number | null;
  date: string | null;
  activities: { activity: { title: string }; missingFields: string[] }[];
};
type AgreementView = {
  id: string;
  status: string;
  reviewRound: number;
  daysInStatus: number;
  loiSignedOn: string | null;
  dprdApprovedOn: string | null;
  mouSignedOn: string | null;
  validityMonths: number | null;
  expiresOn: string | null;
  nextSteps: Step[];
  history: { fromStatus: string | null; toStatus: string; note: string | null; actor: { email: string } | null }[];
  documents: { kind: string; number: string | null; signedOn: string | null; validUntil: string | null }[];
  presentations: { opd: { code: string }; presentedOn: string; reviewRound: number; recordedBy: { email: string } | null }[];
  actionPlan: { reviewRound: number; note: string | null; items: { activity: { title: string }; responsibleOpd: { code: string }; startOn: string | null; endOn: string | null; quarter: string | null }[] } | null;
};

const ALL = Object.values(S);

/** The test server's database as a DATABASE_URL, for another process. */
function databaseUrl(t: TestServer): string {
  const options = t.server.dataSource.options as { type: string; database: string; host?: string; port?: number; username?: string; password?: string };
  if (options.type === 'better-sqlite3') return `sqlite:${options.database}`;
  return `mysql://${encodeURIComponent(options.username ?? '')}:${encodeURIComponent(options.password ?? '')}@${options.host}:${options.port}/${options.database}`;
}

/** Another process with its own connection and workflow service; `sweep()` makes it sweep now. */
async function startSweeperProcess(url: string): Promise<{ sweep(): Promise<number> }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'support', 'expiry-sweeper.process.ts')], {
    env: { ...process.env, DATABASE_URL: url, TS_NODE_TRANSPILE_ONLY: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`sweeper process exited with ${code}`)));
    });
  expect(await next()).toBe('ready');
  return {
    async sweep() {
      const answer = next();
      child.stdin!.write('go\n');
      return (JSON.parse(await answer) as { expired: number }).expired;
    },
  };
}
const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;

describeEachDatabase('agreement workflow over HTTP and WebSocket', (dialect) => {
  let t: TestServer;
  let fx: WorkflowFixtures;
  let officer: string;
  let admin: string;
  let viewer: string;
  let bappeda: string;
  let dispar: string;

  beforeAll(async () => {
    // The start-up run of the jobs expires MoUs that lapsed while the server was down (see the expiry tests).
    t = await startTestServer(dialect, 'workflow', { config: { jobs: { ...DEFAULT_JOBS, mode: 'once' } } });
    fx = new WorkflowFixtures(() => t.server.dataSource);
    [officer, admin, viewer, bappeda, dispar] = await Promise.all(
      ['officer@jalin.local', 'admin@jalin.local', 'viewer@jalin.local', 'bappeda@jalin.local', 'dispar@jalin.local'].map((email) => t.login(email)),
    );
  });
  afterAll(() => t?.close());

  const view = async (id: number | string, token = viewer) => {
    const result = await t.gql<{ agreement: AgreementView }>(AGREEMENT, { id: gid('Agreement', id) }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.agreement;
  };

  /** Runs a mutation that must be refused with `code`, and proves it changed nothing. */
  const refused = async (agreementId: number, code: string, query: string, variables: Record<string, unknown>, token = officer) => {
    const before = await fx.snapshot(agreementId);
    const result = await t.gql(query, variables, token);
    expect({ code: codeOf(result), message: result.errors?.[0]?.message }).toMatchObject({ code });
    expect(result.data ?? null).toBeNull();
    expect(await fx.snapshot(agreementId)).toEqual(before);
    return result.errors![0];
  };

  /** A drafting meeting through the API: scheduled, opened and closed by the officer. */
  const holdMeeting = async (agreementId: string) => {
    const scheduled = await t.gql<{ scheduleMeeting: { id: string } }>(
      'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
      { input: { agreementId, title: 'Rapat pembahasan rencana kerja sama', heldOn: TODAY(), place: 'Ruang Praja Utama', chairOffice: 'Asisten III Sekda Kota Denpasar' } },
      officer,
    );
    const meetingId = scheduled.data!.scheduleMeeting.id;
    for (const step of ['openMeeting', 'closeMeeting']) {
      expect((await t.gql(`mutation($id: ID!) { ${step}(id: $id) { id } }`, { id: meetingId }, officer)).errors).toBeUndefined();
    }
  };

  describe('advanceAgreement over every pair of states', () => {
    // Written independently of the service's table: the only steps advanceAgreement makes.
    const LEGAL_ADVANCES = new Set(['LOI_SIGNED->PLAN_DRAFTING', 'PLAN_DRAFTING->DPRD_REVIEW', 'DPRD_APPROVED->CENTRAL_FACILITATION']);

    it('makes exactly the plain steps and refuses every other pair with INVALID_TRANSITION, changing nothing', async () => {
      const id = await fx.scratchAgreement('Matrix: advance', S.EXPLORATION, [{ opd: 'DISPAR', title: 'Ready activity' }]);
      const officerId = (await t.gql<{ me: { id: string } }>('{ me { id } }', {}, officer)).data!.me.id;
      let legal = 0;
      for (const from of ALL) {
        for (const to of ALL) {
          await fx.setState(id, from);
          // The drafting meeting that submitting to the DPRD needs (after the last status change).
          if (from === S.PLAN_DRAFTING && to === S.DPRD_REVIEW) await fx.closedMeeting(id);
          const before = await fx.snapshot(id);
          const result = await t.gql<{ advanceAgreement: { status: string } }>(ADVANCE, { id: gid('Agreement', id), to, note: `matrix ${from} to ${to}` }, officer);
          if (LEGAL_ADVANCES.has(`${from}->${to}`)) {
            legal++;
            expect({ from, to, errors: result.errors }).toEqual({ from, to, errors: undefined });
            expect(result.data!.advanceAgreement.status).toBe(to);
            const last = (await fx.history(id)).at(-1)!;
            expect({ fromStatus: last.fromStatus, toStatus: last.toStatus, actorId: gid('User', last.actorId!), note: last.note }).toEqual({
              fromStatus: from,
              toStatus: to,
              actorId: officerId,
              note: `matrix ${from} to ${to}`,
            });
            expect((await fx.snapshot(id)).history).toBe(before.history + 1);
          } else {
            expect({ from, to, code: codeOf(result) }).toEqual({ from, to, code: 'INVALID_TRANSITION' });
            expect(result.errors![0].message).toContain(from);
            expect(await fx.snapshot(id)).toEqual(before);
          }
        }
      }
      expect(legal).toBe(3);
    });

    it('says which mutation makes a step that advanceAgreement does not', async () => {
      const id = await fx.scratchAgreement('Matrix: wrong mutation', S.EXPLORATION);
      const error = await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: gid('Agreement', id), to: 'LOI_SIGNED' });
      expect(error.message).toMatch(/recordDocument with kind LETTER_OF_INTENT/);
      expect(error.extensions?.use).toBe('recordDocument with kind LETTER_OF_INTENT');
      const cancel = await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: gid('Agreement', id), to: 'CANCELLED' });
      expect(cancel.message).toMatch(/cancelAgreement/);
    });
  });

  describe('the other steps from every state', () => {
    // Each expectation written out here, not read from the service.
    const cases: { name: string; legalFrom: S[]; to: S | null; run: (id: number) => Promise<GraphQLResponse> }[] = [
      { name: 'cancelAgreement', legalFrom: [S.EXPLORATION, S.LOI_SIGNED, S.PLAN_DRAFTING, S.DPRD_REVIEW, S.DPRD_APPROVED, S.CENTRAL_FACILITATION], to: S.CANCELLED, run: (id) => t.gql(CANCEL, { id: gid('Agreement', id), note: 'Partner withdrew' }, officer) },
      { name: 'terminateAgreement', legalFrom: [S.MOU_IN_FORCE], to: S.TERMINATED, run: (id) => t.gql(TERMINATE, { id: gid('Agreement', id), on: TODAY() }, officer) },
      { name: 'renewAgreement', legalFrom: [S.MOU_IN_FORCE, S.EXPIRED], to: S.MOU_IN_FORCE, run: (id) => t.gql(RENEW, { id: gid('Agreement', id), input: { signedOn: TODAY(), validityMonths: 36 } }, officer) },
      { name: 'recordDocument(LETTER_OF_INTENT)', legalFrom: [S.EXPLORATION], to: S.LOI_SIGNED, run: (id) => t.gql(DOCUMENT, { id: gid('Agreement', id), input: { kind: 'LETTER_OF_INTENT', signedOn: TODAY() } }, officer) },
      { name: 'recordDocument(MOU)', legalFrom: [S.CENTRAL_FACILITATION], to: S.MOU_IN_FORCE, run: (id) => t.gql(DOCUMENT, { id: gid('Agreement', id), input: { kind: 'MOU', signedOn: TODAY(), validityMonths: 60 } }, officer) },
      { name: 'recordDprdDecision(RETURNED)', legalFrom: [S.DPRD_REVIEW], to: S.PLAN_DRAFTING, run: (id) => t.gql(DECIDE, { id: gid('Agreement', id), decision: 'RETURNED', on: TODAY(), note: 'Add budget estimates' }, officer) },
      { name: 'recordDocument(ADDENDUM)', legalFrom: [S.MOU_IN_FORCE], to: null, run: (id) => t.gql(DOCUMENT, { id: gid('Agreement', id), input: { kind: 'ADDENDUM', signedOn: TODAY() } }, officer) },
    ];

    it.each(cases.map((c) => [c.name, c]))('%s is legal exactly where the workflow says', async (_name, c) => {
      const id = await fx.scratchAgreement(`Matrix: ${c.name}`, S.EXPLORATION, [{ opd: 'DISPAR', title: 'Ready activity' }]);
      for (const from of ALL) {
        await fx.setState(id, from);
        const before = await fx.snapshot(id);
        const result = await c.run(id);
        if (c.legalFrom.includes(from)) {
          expect({ from, errors: result.errors }).toEqual({ from, errors: undefined });
          const after = await fx.snapshot(id);
          expect(after.status).toBe(c.to ?? from);
          expect(after.history).toBe(before.history + (c.to ? 1 : 0));
        } else {
          expect({ from, code: codeOf(result) }).toEqual({ from, code: 'INVALID_TRANSITION' });
          expect(await fx.snapshot(id)).toEqual(before);
        }
      }
    });
  });

  describe('roles', () => {
    it('refuses every workflow mutation to a VIEWER and an OPD_EDITOR with FORBIDDEN, changing nothing', async () => {
      const id = await fx.scratchAgreement('Roles', S.PLAN_DRAFTING, [{ opd: 'DISPAR', title: 'Ready activity' }]);
      const [activityId] = await fx.addActivities(id, [{ opd: 'BAPPEDA', title: 'Second activity' }]);
      const opd = gid('Opd', await fx.opdId('DISPAR'));
      const calls: [string, Record<string, unknown>][] = [
        [ADVANCE, { id: gid('Agreement', id), to: 'DPRD_REVIEW' }],
        [CANCEL, { id: gid('Agreement', id), note: 'no' }],
        [TERMINATE, { id: gid('Agreement', id), on: TODAY() }],
        [RENEW, { id: gid('Agreement', id), input: { signedOn: TODAY(), validityMonths: 12 } }],
        [DOCUMENT, { id: gid('Agreement', id), input: { kind: 'COOPERATION_PLAN', signedOn: TODAY() } }],
        [DECIDE, { id: gid('Agreement', id), decision: 'APPROVED', on: TODAY() }],
        [PLAN, { id: gid('Agreement', id), input: { items: [{ activityId: gid('DraftActivity', activityId), responsibleOpdId: opd, quarter: '2027-Q1' }] } }],
      ];
      for (const token of [viewer, bappeda, dispar]) {
        for (const [query, variables] of calls) await refused(id, 'FORBIDDEN', query, variables, token);
      }
      await refused(id, 'FORBIDDEN', PRESENT, { id: gid('Agreement', id), opd, on: TODAY() }, viewer);
      // The right role makes the step.
      await fx.closedMeeting(id);
      const ok = await t.gql<{ advanceAgreement: { status: string } }>(ADVANCE, { id: gid('Agreement', id), to: 'DPRD_REVIEW' }, admin);
      expect(ok.data?.advanceAgreement.status).toBe('DPRD_REVIEW');
    });

    it("lets an OPD editor record its own OPD's presentation and no other", async () => {
      const id = await fx.scratchAgreement('Roles: presentations', S.DPRD_REVIEW, [
        { opd: 'DISPAR', title: 'Tourism' },
        { opd: 'BAPPEDA', title: 'Planning' },
      ]);
      await fx.setState(id, S.DPRD_REVIEW, { reviewRound: 1 });
      const [disparId, bappedaId] = [gid('Opd', await fx.opdId('DISPAR')), gid('Opd', await fx.opdId('BAPPEDA'))];
      const forbidden = await refused(id, 'FORBIDDEN', PRESENT, { id: gid('Agreement', id), opd: bappedaId, on: TODAY() }, dispar);
      expect(forbidden.message).toMatch(/own OPD/);
      const own = await t.gql<{ recordOpdPresentation: { presentations: { opd: { code: string } }[] } }>(PRESENT, { id: gid('Agreement', id), opd: disparId, on: TODAY() }, dispar);
      expect(own.errors).toBeUndefined();
      expect(own.data!.recordOpdPresentation.presentations.map((p) => p.opd.code)).toEqual(['DISPAR']);
      const byOfficer = await t.gql(PRESENT, { id: gid('Agreement', id), opd: bappedaId, on: TODAY() }, officer);
      expect(byOfficer.errors).toBeUndefined();
      const presentations = (await view(id)).presentations;
      expect(presentations.map((p) => [p.opd.code, p.recordedBy?.email]).sort()).toEqual([
        ['BAPPEDA', 'officer@jalin.local'],
        ['DISPAR', 'dispar@jalin.local'],
      ]);
    });
  });

  describe('guards', () => {
    it('refuses PLAN_DRAFTING → DPRD_REVIEW with no activity, and says so', async () => {
      const id = await fx.scratchAgreement('Guard: empty board', S.PLAN_DRAFTING);
      await fx.closedMeeting(id);
      const error = await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: gid('Agreement', id), to: 'DPRD_REVIEW' });
      expect(error.message).toMatch(/no activity/);
      expect((error.extensions?.missing as { key: string }[]).map((m) => m.key)).toEqual(['HAS_ACTIVITIES']);
      expect((await view(id)).nextSteps.find((s) => s.key === 'HAS_ACTIVITIES')).toMatchObject({ done: false });
    });

    it('names each incomplete activity and the fields it lacks', async () => {
      const id = await fx.scratchAgreement('Guard: incomplete', S.PLAN_DRAFTING, [
        { opd: 'BAPPEDA', title: 'Startup exchange', benefit: '', output: '  ' },
        { opd: 'DISPAR', title: 'Promotion' },
      ]);
      await fx.closedMeeting(id);
      const error = await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: gid('Agreement', id), to: 'DPRD_REVIEW' });
      expect(error.message).toContain('"Startup exchange" (BAPPEDA) lacks benefit, output');
      expect(error.message).not.toContain('Promotion');
      const steps = (await view(id)).nextSteps;
      expect(steps.map((s) => [s.key, s.done])).toEqual([
        ['HAS_ACTIVITIES', true],
        ['ACTIVITIES_COMPLETE', false],
        ['DRAFTING_MEETING_CLOSED', true],
        ['ACTIVITIES_ACCEPTED', true],
        ['SUBMIT_TO_DPRD', false],
      ]);
      // The same shortfall as arguments a client words in its own language: the activity and the texts it lacks.
      expect(steps.find((s) => s.code === 'ACTIVITIES_COMPLETE')!.activities).toEqual([{ activity: { title: 'Startup exchange' }, missingFields: ['BENEFIT', 'OUTPUT'] }]);
    });

    it('refuses Perth until its PROPOSED activity is accepted by its OPD, then submits it', async () => {
      const perth = await fx.agreementIdByCity('Perth');
      const error = await refused(perth, 'INVALID_TRANSITION', ADVANCE, { id: gid('Agreement', perth), to: 'DPRD_REVIEW' });
      expect(error.message).toContain('not yet accepted by their OPD: "Joint tourism promotion Denpasar – Perth" (DISPAR)');
      // The seeded drafting meeting is still in progress on Perth's board: it must close first.
      expect(error.message).toMatch(/drafting meeting \(\S+\) is still in progress: close it first/);
      await t.server.dataSource.getRepository(DraftActivity).update({ agreementId: perth, decision: ActivityDecision.PROPOSED }, { decision: ActivityDecision.ACCEPTED });
      const meetings = await t.gql<{ agreement: { meetings: { id: string; state: string }[] } }>('query($id: ID!) { agreement(id: $id) { meetings { id state } } }', { id: gid('Agreement', perth) }, officer);
      const running = meetings.data!.agreement.meetings.find((m) => m.state === 'IN_PROGRESS')!;
      expect((await t.gql('mutation($id: ID!) { closeMeeting(id: $id) { id } }', { id: running.id }, officer)).errors).toBeUndefined();
      const ok = await t.gql<{ advanceAgreement: { status: string; reviewRound: number } }>(ADVANCE, { id: gid('Agreement', perth), to: 'DPRD_REVIEW' }, officer);
      expect(ok.data?.advanceAgreement).toEqual({ id: gid('Agreement', perth), status: 'DPRD_REVIEW', reviewRound: 1 });
      const steps = (await view(perth)).nextSteps;
      expect(steps.map((s) => s.key)).toEqual(['PRESENTED:BAPPEDA', 'PRESENTED:DISKOP-UMKM', 'PRESENTED:DISPAR', 'ACTION_PLAN', 'DPRD_DECISION']);
      expect(steps.map((s) => [s.code, s.opd?.code ?? null, s.reviewRound])).toEqual([
        ['OPD_PRESENTED', 'BAPPEDA', 1],
        ['OPD_PRESENTED', 'DISKOP-UMKM', 1],
        ['OPD_PRESENTED', 'DISPAR', 1],
        ['ACTION_PLAN', null, 1],
        ['DPRD_DECISION', null, null],
      ]);
    });

    it('refuses DPRD approval until every participating OPD presented and an action plan is attached', async () => {
      const id = await fx.scratchAgreement('Guard: DPRD', S.DPRD_REVIEW, [
        { opd: 'DISPAR', title: 'Tourism' },
        { opd: 'DISBUD', title: 'Culture' },
      ]);
      await fx.setState(id, S.DPRD_REVIEW, { reviewRound: 1, loiSignedOn: '2020-01-01' });
      const approve = { id: gid('Agreement', id), decision: 'APPROVED', on: TODAY(), ref: 'DPRD/1' };
      let error = await refused(id, 'INVALID_TRANSITION', DECIDE, approve);
      expect(error.message).toMatch(/DISBUD has not presented yet; DISPAR has not presented yet; no action plan/);

      await refused(id, 'BAD_USER_INPUT', PRESENT, { id: gid('Agreement', id), opd: gid('Opd', await fx.opdId('BAPPEDA')), on: TODAY() });
      await refused(id, 'BAD_USER_INPUT', PRESENT, { id: gid('Agreement', id), opd: gid('Opd', await fx.opdId('DISPAR')), on: '2024-02-30' });
      await refused(id, 'BAD_USER_INPUT', PRESENT, { id: gid('Agreement', id), opd: gid('Opd', await fx.opdId('DISPAR')), on: addDays(TODAY(), 1) });
      await refused(id, 'NOT_FOUND', PRESENT, { id: gid('Agreement', id), opd: gid('Opd', 9999), on: TODAY() });
      expect((await t.gql(PRESENT, { id: gid('Agreement', id), opd: gid('Opd', await fx.opdId('DISPAR')), on: TODAY() }, officer)).errors).toBeUndefined();
      error = await refused(id, 'INVALID_TRANSITION', DECIDE, approve);
      expect(error.message).toMatch(/DISBUD has not presented yet; no action plan/);
      expect((await t.gql(PRESENT, { id: gid('Agreement', id), opd: gid('Opd', await fx.opdId('DISBUD')), on: TODAY() }, officer)).errors).toBeUndefined();

      const activities = await t.server.dataSource.getRepository(DraftActivity).find({ where: { agreementId: id }, order: { position: 'ASC' } });
      const dispar = gid('Opd', await fx.opdId('DISPAR'));
      const line = (activityId: number, extra: Record<string, unknown> = { quarter: '2027-Q2' }) => ({ activityId: gid('DraftActivity', activityId), responsibleOpdId: dispar, ...extra });
      const missingLine = await refused(id, 'BAD_USER_INPUT', PLAN, { id: gid('Agreement', id), input: { items: [line(activities[0].id)] } });
      expect(missingLine.message).toContain('no line for "Culture" (DISBUD)');
      await refused(id, 'BAD_USER_INPUT', PLAN, { id: gid('Agreement', id), input: { items: [] } });
      await refused(id, 'BAD_USER_INPUT', PLAN, { id: gid('Agreement', id), input: { items: [line(activities[0].id, {}), line(activities[1].id)] } });
      await refused(id, 'BAD_USER_INPUT', PLAN, { id: gid('Agreement', id), input: { items: [line(activities[0].id, { startOn: '2027-05-01', endOn: '2027-04-01' }), line(activities[1].id)] } });
      await refused(id, 'BAD_USER_INPUT', PLAN, { id: gid('Agreement', id), input: { items: [line(activities[0].id, { quarter: '2027-Q5' }), line(activities[1].id)] } });
      await refused(id, 'BAD_USER_INPUT', PLAN, { id: gid('Agreement', id), input: { items: [line(activities[0].id), line(activities[1].id), line(999999)] } });
      const plan = await t.gql(PLAN, { id: gid('Agreement', id), input: { items: [line(activities[0].id, { startOn: '2027-04-01', endOn: '2027-05-01' }), line(activities[1].id)] } }, officer);
      expect(plan.errors).toBeUndefined();

      expect((await view(id)).nextSteps.filter((s) => !s.done).map((s) => s.key)).toEqual(['DPRD_DECISION']);
      const ok = await t.gql<{ recordDprdDecision: { status: string; dprdApprovedOn: string } }>(DECIDE, approve, officer);
      expect(ok.data?.recordDprdDecision).toMatchObject({ status: 'DPRD_APPROVED', dprdApprovedOn: TODAY() });
      expect((await view(id)).documents).toEqual([{ kind: 'DPRD_DECISION', number: 'DPRD/1', signedOn: TODAY(), validUntil: null }]);
    });

    it('refuses presentations and action plans outside DPRD_REVIEW', async () => {
      const id = await fx.scratchAgreement('Guard: outside review', S.PLAN_DRAFTING, [{ opd: 'DISPAR', title: 'Tourism' }]);
      const [activity] = await t.server.dataSource.getRepository(DraftActivity).findBy({ agreementId: id });
      const opd = gid('Opd', await fx.opdId('DISPAR'));
      const error = await refused(id, 'INVALID_TRANSITION', PRESENT, { id: gid('Agreement', id), opd, on: TODAY() });
      expect(error.message).toMatch(/only during DPRD_REVIEW; the agreement is in PLAN_DRAFTING/);
      await refused(id, 'INVALID_TRANSITION', PLAN, { id: gid('Agreement', id), input: { items: [{ activityId: gid('DraftActivity', activity.id), responsibleOpdId: opd, quarter: '2027-Q1' }] } });
    });

    it('refuses bad input for documents, renewals, terminations and cancellations, changing nothing', async () => {
      const id = await fx.scratchAgreement('Guard: input', S.CENTRAL_FACILITATION);
      await fx.setState(id, S.CENTRAL_FACILITATION, { dprdApprovedOn: '2024-03-01' });
      await refused(id, 'BAD_USER_INPUT', DOCUMENT, { id: gid('Agreement', id), input: { kind: 'MOU', signedOn: TODAY() } });
      await refused(id, 'BAD_USER_INPUT', DOCUMENT, { id: gid('Agreement', id), input: { kind: 'MOU', signedOn: '2024-02-01', validityMonths: 60 } });
      await refused(id, 'BAD_USER_INPUT', DOCUMENT, { id: gid('Agreement', id), input: { kind: 'MOU', signedOn: 'yesterday', validityMonths: 60 } });
      await refused(id, 'BAD_USER_INPUT', DOCUMENT, { id: gid('Agreement', id), input: { kind: 'MOU', signedOn: TODAY(), validityMonths: 0 } });
      await refused(id, 'BAD_USER_INPUT', DOCUMENT, { id: gid('Agreement', id), input: { kind: 'MOU', signedOn: addDays(TODAY(), 3), validityMonths: 60 } });
      await refused(id, 'BAD_USER_INPUT', CANCEL, { id: gid('Agreement', id), note: '   ' });
      await refused(id, 'BAD_USER_INPUT', ADVANCE, { id: 'abc', to: 'CANCELLED' });
      await refused(id, 'NOT_FOUND', ADVANCE, { id: gid('Agreement', 999999), to: 'CANCELLED' });

      await fx.setState(id, S.MOU_IN_FORCE, { mouSignedOn: '2024-06-01', expiresOn: '2029-06-01' });
      await refused(id, 'BAD_USER_INPUT', RENEW, { id: gid('Agreement', id), input: { signedOn: '2024-05-01', validityMonths: 60 } });
      await refused(id, 'BAD_USER_INPUT', RENEW, { id: gid('Agreement', id), input: { signedOn: '2024-06-01', validityMonths: 1 } });
      await refused(id, 'BAD_USER_INPUT', TERMINATE, { id: gid('Agreement', id), on: '2024-13-01' });
      await refused(id, 'BAD_USER_INPUT', TERMINATE, { id: gid('Agreement', id), on: '2024-05-01' });
      const missingNotice = await t.gql(`mutation($id: ID!) { terminateAgreement(agreementId: $id) { id } }`, { id: gid('Agreement', id) }, officer);
      expect(codeOf(missingNotice)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('wants a reason when the DPRD returns the plan', async () => {
      const id = await fx.scratchAgreement('Guard: return reason', S.DPRD_REVIEW, [{ opd: 'DISPAR', title: 'Tourism' }]);
      await fx.setState(id, S.DPRD_REVIEW, { reviewRound: 1 });
      const error = await refused(id, 'BAD_USER_INPUT', DECIDE, { id: gid('Agreement', id), decision: 'RETURNED', on: TODAY() });
      expect(error.message).toMatch(/why the DPRD returned/);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of two officers advancing the same agreement at the same moment win', async () => {
      const id = await fx.scratchAgreement('Race', S.PLAN_DRAFTING, [{ opd: 'DISPAR', title: 'Tourism' }]);
      for (let round = 0; round < 5; round++) {
        await fx.setState(id, S.PLAN_DRAFTING);
        await fx.closedMeeting(id);
        const before = await fx.snapshot(id);
        const results = await Promise.all([officer, admin].map((token) => t.gql<{ advanceAgreement: { status: string } }>(ADVANCE, { id: gid('Agreement', id), to: 'DPRD_REVIEW' }, token)));
        const winners = results.filter((r) => !r.errors);
        const losers = results.filter((r) => r.errors);
        expect(winners).toHaveLength(1);
        expect(losers.map(codeOf)).toEqual(['INVALID_TRANSITION']);
        expect(losers[0].errors![0].message).toMatch(/DPRD_REVIEW/);
        const after = await fx.snapshot(id);
        expect(after).toMatchObject({ status: 'DPRD_REVIEW', reviewRound: 1, history: before.history + 1 });
        const steps = (await fx.history(id)).filter((c) => c.fromStatus === S.PLAN_DRAFTING && c.toStatus === S.DPRD_REVIEW);
        expect(steps).toHaveLength(round + 1);
      }
    });
  });

  describe('agreementUpdated subscription', () => {
    it('delivers every committed step and nothing for a refused one', async () => {
      const id = await fx.scratchAgreement('Subscription', S.DPRD_REVIEW, [{ opd: 'DISPAR', title: 'Tourism' }]);
      await fx.setState(id, S.DPRD_REVIEW, { reviewRound: 1 });
      const [activity] = await t.server.dataSource.getRepository(DraftActivity).findBy({ agreementId: id });
      const disparOpd = gid('Opd', await fx.opdId('DISPAR'));
      const events: { status: string; history: { toStatus: string }[]; presentations: { note: string | null }[] }[] = [];
      const client = t.ws(viewer);
      const errors: unknown[] = [];
      const unsubscribe = client.subscribe<{ agreementUpdated: (typeof events)[number] }>(
        { query: `subscription($id: ID!) { agreementUpdated(id: $id) { status history { toStatus } presentations { note } } }`, variables: { id: gid('Agreement', id) } },
        { next: (message) => (message.data ? events.push(message.data.agreementUpdated) : errors.push(message.errors)), error: (e) => errors.push(e), complete: () => undefined },
      );
      // The subscription is live once a probe (a state-preserving re-recording) comes through.
      let probe = 0;
      while (events.length === 0 && probe < 50) {
        probe++;
        expect((await t.gql(PRESENT, { id: gid('Agreement', id), opd: disparOpd, on: TODAY(), note: `probe-${probe}` }, officer)).errors).toBeUndefined();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const lastProbe = `probe-${probe}`;
      const isLastProbe = (e: (typeof events)[number]) => e.presentations.some((p) => p.note === lastProbe);
      for (let i = 0; i < 100 && !events.some(isLastProbe); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const start = events.findIndex(isLastProbe) + 1;
      expect(start).toBeGreaterThan(0);
      const waitFor = async (count: number) => {
        for (let i = 0; i < 100 && events.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      };

      await refused(id, 'INVALID_TRANSITION', DECIDE, { id: gid('Agreement', id), decision: 'APPROVED', on: TODAY() }); // no action plan yet
      expect((await t.gql(PLAN, { id: gid('Agreement', id), input: { items: [{ activityId: gid('DraftActivity', activity.id), responsibleOpdId: disparOpd, quarter: '2027-Q1' }] } }, officer)).errors).toBeUndefined();
      expect((await t.gql(DECIDE, { id: gid('Agreement', id), decision: 'APPROVED', on: TODAY() }, officer)).errors).toBeUndefined();
      await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: gid('Agreement', id), to: 'MOU_IN_FORCE' });
      await refused(id, 'FORBIDDEN', ADVANCE, { id: gid('Agreement', id), to: 'CENTRAL_FACILITATION' }, viewer);
      expect((await t.gql(ADVANCE, { id: gid('Agreement', id), to: 'CENTRAL_FACILITATION' }, officer)).errors).toBeUndefined();
      await refused(id, 'BAD_USER_INPUT', CANCEL, { id: gid('Agreement', id), note: '' });
      expect((await t.gql(CANCEL, { id: gid('Agreement', id), note: 'Called off' }, officer)).errors).toBeUndefined();
      await waitFor(start + 4);
      unsubscribe();

      expect(errors).toEqual([]);
      const delivered = events.slice(start);
      expect(delivered.map((e) => e.status)).toEqual(['DPRD_REVIEW', 'DPRD_APPROVED', 'CENTRAL_FACILITATION', 'CANCELLED']);
      // Each event shows the state as committed, with the history up to that step.
      expect(delivered.map((e) => e.history.at(-1)?.toStatus ?? null)).toEqual([null, 'DPRD_APPROVED', 'CENTRAL_FACILITATION', 'CANCELLED']);
    });
  });

  describe('agreementUpdated subscription input', () => {
    it('answers a malformed id with BAD_USER_INPUT', async () => {
      const client = t.ws(viewer);
      const first = await new Promise<{ errors?: { extensions?: { code?: string } }[] } | unknown>((resolve) => {
        client.subscribe({ query: 'subscription { agreementUpdated(id: "abc") { id } }' }, { next: resolve, error: resolve, complete: () => resolve('complete') });
      });
      expect((first as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('answers an agreement that does not exist with NOT_FOUND instead of silence', async () => {
      const client = t.ws(viewer);
      const first = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: `subscription { agreementUpdated(id: "${gid('Agreement', 999999)}") { id } }` }, { next: resolve, error: resolve, complete: () => resolve('complete') });
      });
      expect((first as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('expiry', () => {
    it('expires a lapsed MoU exactly once, whatever the number of concurrent sweepers in other processes', async () => {
      const darwin = await fx.agreementIdByCity('Darwin');
      const yesterday = addDays(TODAY(), -1);
      await t.server.dataSource.getRepository(Agreement).update({ id: darwin }, { expiresOn: yesterday });
      // Two other API processes sweep at the same moment as this one.
      const sweepers = await Promise.all([startSweeperProcess(databaseUrl(t)), startSweeperProcess(databaseUrl(t))]);
      const counts = await Promise.all([...sweepers.map((sweeper) => sweeper.sweep()), t.server.services.workflow.expireLapsed()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
      const expired = (await t.server.dataSource.getRepository(StatusChange).findBy({ agreementId: darwin, toStatus: S.EXPIRED }));
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({ fromStatus: S.MOU_IN_FORCE, actorId: null });
      const seen = await view(darwin);
      expect(seen.status).toBe('EXPIRED');
      expect(seen.history.at(-1)).toEqual({ fromStatus: 'MOU_IN_FORCE', toStatus: 'EXPIRED', note: `The MoU lapsed after ${yesterday}`, actor: null });
      expect(seen.nextSteps.map((s) => [s.key, s.code, s.date])).toEqual([['RENEW', 'RENEW_EXPIRED', yesterday]]);

      // Renewing an expired agreement puts it back in force with a new MoU.
      const renewed = await t.gql<{ renewAgreement: { status: string; expiresOn: string } }>(RENEW, { id: gid('Agreement', darwin), input: { number: 'MoU/DPS-DRW/R1', signedOn: TODAY(), validityMonths: 60 } }, officer);
      expect(renewed.data?.renewAgreement).toMatchObject({ status: 'MOU_IN_FORCE', expiresOn: addMonths(TODAY(), 60) });
    });

    it('expires an MoU that lapsed while the server was down, at start-up, with nobody acting', async () => {
      const id = await fx.scratchAgreement('Expiry at start-up', S.MOU_IN_FORCE);
      await fx.setState(id, S.MOU_IN_FORCE, { mouSignedOn: '2020-01-01', validityMonths: 12, expiresOn: '2021-01-01' });
      await t.restart();
      const history = await fx.history(id);
      expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorId])).toEqual([[S.MOU_IN_FORCE, S.EXPIRED, null]]);
      // Sessions survive the restart (same JWT secret); the read shows it expired.
      expect((await view(id)).status).toBe('EXPIRED');
    });

    it('lists MoUs that lapse within the window, soonest first', async () => {
      const soon = await fx.scratchAgreement('Expiring soon', S.MOU_IN_FORCE);
      await fx.setState(soon, S.MOU_IN_FORCE, { mouSignedOn: '2022-01-01', expiresOn: addDays(TODAY(), 30) });
      const later = await fx.scratchAgreement('Expiring later', S.MOU_IN_FORCE);
      await fx.setState(later, S.MOU_IN_FORCE, { mouSignedOn: '2022-01-01', expiresOn: addDays(TODAY(), 170) });
      const query = `query($d: Int) { expiringAgreements(withinDays: $d) { nodes { id expiresOn nextSteps { key } } } }`;
      const ids = async (d?: number) => {
        const result = await t.gql<{ expiringAgreements: { nodes: { id: string; nextSteps: { key: string }[] }[] } }>(query, d === undefined ? {} : { d }, viewer);
        expect(result.errors).toBeUndefined();
        return result.data!.expiringAgreements.nodes.map((a) => localId(a.id));
      };
      expect(await ids()).toEqual([soon, later]);
      expect(await ids(30)).toEqual([soon]);
      expect(await ids(29)).toEqual([]);
      const bad = await t.gql(query, { d: -1 }, viewer);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    });
  });

  describe('the Denpasar story, end to end', () => {
    it('takes an exploration from the Letter of Intent through the DPRD (returned, then approved) to an MoU in force, and renews it', async () => {
      const id = await fx.agreementIdByCity('Huế');
      const sid = gid('Agreement', id);
      const day = TODAY();
      expect((await view(id)).nextSteps.map((s) => s.key)).toEqual(['RECORD_LOI']);

      let r = await t.gql(DOCUMENT, { id: sid, input: { kind: 'LETTER_OF_INTENT', number: 'LoI/DPS-HUE/1', signedOn: day } }, officer);
      expect(r.errors).toBeUndefined();
      expect((await view(id)).loiSignedOn).toBe(day);
      r = await t.gql(ADVANCE, { id: sid, to: 'PLAN_DRAFTING', note: 'Drafting meeting in the Ruang Praja Utama' }, officer);
      expect(r.errors).toBeUndefined();

      // The OPDs draft their activities on the board (the board's mutations live on another branch).
      const [heritage, promotion] = await fx.addActivities(id, [
        { opd: 'DISBUD', title: 'Heritage conservation exchange', decision: ActivityDecision.ACCEPTED },
        { opd: 'DISPAR', title: 'Heritage tourism promotion', decision: ActivityDecision.PROPOSED },
      ]);
      await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: sid, to: 'DPRD_REVIEW' });
      await t.server.dataSource.getRepository(DraftActivity).update({ id: promotion }, { decision: ActivityDecision.ACCEPTED });
      // Accepted, but not yet discussed in a drafting meeting: that comes first.
      const missing = await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: sid, to: 'DPRD_REVIEW' });
      expect((missing.extensions?.missing as { key: string }[]).map((m) => m.key)).toEqual(['DRAFTING_MEETING_CLOSED']);
      await holdMeeting(sid);
      r = await t.gql(ADVANCE, { id: sid, to: 'DPRD_REVIEW' }, officer);
      expect(r.errors).toBeUndefined();

      const [disbud, disparOpd] = [gid('Opd', await fx.opdId('DISBUD')), gid('Opd', await fx.opdId('DISPAR'))];
      const review = async () => {
        expect((await t.gql(PRESENT, { id: sid, opd: disparOpd, on: day, note: 'Presented by Dinas Pariwisata' }, dispar)).errors).toBeUndefined();
        expect((await t.gql(PRESENT, { id: sid, opd: disbud, on: day }, officer)).errors).toBeUndefined();
        const plan = await t.gql(
          PLAN,
          {
            id: sid,
            input: {
              note: 'Rencana aksi',
              items: [
                { activityId: gid('DraftActivity', heritage), responsibleOpdId: disbud, startOn: '2027-03-01', endOn: '2027-06-30' },
                { activityId: gid('DraftActivity', promotion), responsibleOpdId: disparOpd, quarter: '2027-Q3' },
              ],
            },
          },
          officer,
        );
        expect(plan.errors).toBeUndefined();
      };
      await review();
      r = await t.gql(DECIDE, { id: sid, decision: 'RETURNED', on: day, ref: 'Raker DPRD 1', note: 'Add a budget estimate to each activity' }, officer);
      expect(r.data).toEqual({ recordDprdDecision: { id: sid, status: 'PLAN_DRAFTING', dprdApprovedOn: null, reviewRound: 1 } });

      // Back in drafting; the next submission is a new review round whose presentations start afresh,
      // after a new drafting meeting (the earlier one was of the first round).
      await refused(id, 'INVALID_TRANSITION', ADVANCE, { id: sid, to: 'DPRD_REVIEW' });
      await holdMeeting(sid);
      r = await t.gql(ADVANCE, { id: sid, to: 'DPRD_REVIEW', note: 'Budget estimates added' }, officer);
      expect(r.errors).toBeUndefined();
      let seen = await view(id);
      expect(seen.reviewRound).toBe(2);
      expect(seen.presentations).toEqual([]);
      expect(seen.nextSteps.filter((s) => !s.done).map((s) => s.key)).toEqual(['PRESENTED:DISBUD', 'PRESENTED:DISPAR', 'ACTION_PLAN', 'DPRD_DECISION']);
      await review();
      r = await t.gql(DECIDE, { id: sid, decision: 'APPROVED', on: day, ref: 'Keputusan DPRD Kota Denpasar 2/2026' }, officer);
      expect(r.data).toEqual({ recordDprdDecision: { id: sid, status: 'DPRD_APPROVED', dprdApprovedOn: day, reviewRound: 2 } });

      r = await t.gql(ADVANCE, { id: sid, to: 'CENTRAL_FACILITATION', note: 'Sent to Kemendagri and Kemenlu' }, admin);
      expect(r.errors).toBeUndefined();
      r = await t.gql(DOCUMENT, { id: sid, input: { kind: 'MOU', number: 'MoU/DPS-HUE/1', signedOn: day, validityMonths: 36 } }, officer);
      expect(r.data).toMatchObject({ recordDocument: { status: 'MOU_IN_FORCE', mouSignedOn: day, validityMonths: 36, expiresOn: addMonths(day, 36) } });
      r = await t.gql(RENEW, { id: sid, input: { number: 'MoU/DPS-HUE/2', signedOn: day, validityMonths: 60 } }, officer);
      expect(r.data).toEqual({ renewAgreement: { id: sid, status: 'MOU_IN_FORCE', mouSignedOn: day, validityMonths: 60, expiresOn: addMonths(day, 60) } });

      seen = await view(id);
      expect(seen.history.map((h) => `${h.fromStatus} -> ${h.toStatus} by ${h.actor?.email ?? 'seed'}`)).toEqual([
        'null -> EXPLORATION by officer@jalin.local',
        'EXPLORATION -> LOI_SIGNED by officer@jalin.local',
        'LOI_SIGNED -> PLAN_DRAFTING by officer@jalin.local',
        'PLAN_DRAFTING -> DPRD_REVIEW by officer@jalin.local',
        'DPRD_REVIEW -> PLAN_DRAFTING by officer@jalin.local',
        'PLAN_DRAFTING -> DPRD_REVIEW by officer@jalin.local',
        'DPRD_REVIEW -> DPRD_APPROVED by officer@jalin.local',
        'DPRD_APPROVED -> CENTRAL_FACILITATION by admin@jalin.local',
        'CENTRAL_FACILITATION -> MOU_IN_FORCE by officer@jalin.local',
        'MOU_IN_FORCE -> MOU_IN_FORCE by officer@jalin.local',
      ]);
      expect(seen.history[4].note).toBe(`Returned by the DPRD working meeting (rapat kerja) on ${day}, Raker DPRD 1: Add a budget estimate to each activity`);
      expect(seen.history[9].note).toMatch(/^Renewed: MoU MoU\/DPS-HUE\/2 signed on/);
      expect(seen.documents.map((d) => [d.kind, d.number])).toEqual([
        ['LETTER_OF_INTENT', 'LoI/DPS-HUE/1'],
        ['DPRD_DECISION', 'Keputusan DPRD Kota Denpasar 2/2026'],
        ['MOU', 'MoU/DPS-HUE/1'],
        ['MOU', 'MoU/DPS-HUE/2'],
      ]);
      expect(seen.presentations.map((p) => [p.opd.code, p.reviewRound])).toEqual([
        ['DISPAR', 2],
        ['DISBUD', 2],
      ]);
      expect(seen.actionPlan).toMatchObject({ reviewRound: 2, items: [{ activity: { title: 'Heritage conservation exchange' }, startOn: '2027-03-01', endOn: '2027-06-30' }, { quarter: '2027-Q3', responsibleOpd: { code: 'DISPAR' } }] });
      expect(seen.daysInStatus).toBe(0);
      expect(seen.nextSteps).toEqual([]);
    });
  });

  describe('demo data', () => {
    it('gives Darwin its presentations and action plan, and keeps the LoIs in drafting', async () => {
      const darwin = await view(await fx.agreementIdByCity('Darwin'));
      expect(darwin.presentations.map((p) => p.opd.code).sort()).toEqual(['DISDIK', 'DISPAR']);
      expect(darwin.actionPlan?.items.map((i) => i.responsibleOpd.code)).toEqual(['DISDIK', 'DISPAR']);
      // (The expiry tests above expire and renew Darwin; its first seven steps are the seeded story.)
      expect(darwin.history.slice(0, 7).map((h) => h.toStatus)).toEqual(['EXPLORATION', 'LOI_SIGNED', 'PLAN_DRAFTING', 'DPRD_REVIEW', 'DPRD_APPROVED', 'CENTRAL_FACILITATION', 'MOU_IN_FORCE']);
      for (const city of ['Gyeongju', 'Mossel Bay']) {
        const agreement = await view(await fx.agreementIdByCity(city));
        expect(agreement.status).toBe('PLAN_DRAFTING');
        expect(agreement.history.at(-1)?.toStatus).toBe('PLAN_DRAFTING');
      }
      const gyeongju = await view(await fx.agreementIdByCity('Gyeongju'));
      expect(gyeongju.reviewRound).toBe(1);
      expect(gyeongju.daysInStatus).toBe(daysBetween('2019-04-01', TODAY()));
      // Its latest review round (before the return) had DISBUD present, with the heritage-tourism focus.
      expect(gyeongju.presentations.map((p) => [p.opd.code, p.reviewRound, p.presentedOn])).toEqual([['DISBUD', 1, '2019-03-15']]);
      expect(gyeongju.nextSteps.find((s) => s.key === 'ACTIVITIES_ACCEPTED')).toMatchObject({ done: false });
      expect(gyeongju.history.map((h) => h.toStatus)).toEqual(['EXPLORATION', 'LOI_SIGNED', 'PLAN_DRAFTING', 'DPRD_REVIEW', 'PLAN_DRAFTING']);
    });

    it('reads the workflow fields of a whole page in a fixed number of statements (no N+1)', async () => {
      const query = `query($first: Int) { agreements(first: $first) { edges { node { id daysInStatus nextSteps { key done opd { code } activities { activity { title } } } presentations(allRounds: true) { opd { code } recordedBy { email } } actionPlan { items { activity { title } responsibleOpd { code } } attachedBy { email } } } } } }`;
      // More agreements with presentations and action plans than the demo page holds.
      for (let i = 0; i < 4; i++) {
        const id = await fx.scratchAgreement(`Page ${i}`, S.DPRD_REVIEW, [{ opd: 'DISPAR', title: 'Tourism' }]);
        await fx.setState(id, S.DPRD_REVIEW, { reviewRound: 1 });
        await fx.addPresentationAndPlan(id, 'DISPAR');
      }
      const demo = await t.sql.count(() => t.gql<Page>(query, { first: 6 }, viewer));
      const all = await t.sql.count(() => t.gql<Page>(query, { first: 50 }, viewer));
      expect(all.result.errors).toBeUndefined();
      const withRecords = (page: GraphQLResponse<Page>) => page.data!.agreements.edges.filter((e) => e.node.presentations.length && e.node.actionPlan).length;
      expect(withRecords(all.result) - withRecords(demo.result)).toBeGreaterThanOrEqual(4);
      // DataLoader batches per tick, so two loads of one kind may land in one batch or two; N+1 would add one per row.
      expect(all.count).toBeLessThanOrEqual(demo.count + 2);
    });
  });
});
