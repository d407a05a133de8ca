import { AgreementStatus as S } from '../src/entities';
import { describeEachDatabase } from './support/each-database';
import { gid } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';
import { TODAY, WorkflowFixtures } from './support/workflow-fixtures';

/**
 * Notes and references of workflow steps are kept in columns of 1 000 (notes) and 100 (document
 * numbers) characters. SQLite would store a longer one whole and MariaDB refuse the row (an
 * unexpected error), so the service refuses it first, with a message that says how long it may be,
 * and nothing changes.
 */
describeEachDatabase('workflow notes', (dialect) => {
  let t: TestServer;
  let fx: WorkflowFixtures;
  let officer: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'workflow-notes');
    fx = new WorkflowFixtures(() => t.server.dataSource);
    officer = await t.login('officer@jalin.local');
  });
  afterAll(() => t?.close());

  const CANCEL = 'mutation($id: ID!, $note: String!) { cancelAgreement(agreementId: $id, note: $note) { status history { note } } }';
  const RETURN = 'mutation($id: ID!, $on: LocalDate!, $note: String, $ref: String) { recordDprdDecision(agreementId: $id, decision: RETURNED, decidedOn: $on, reference: $ref, note: $note) { status } }';
  const PRESENT = 'mutation($id: ID!, $opd: ID!, $on: LocalDate!, $note: String) { recordOpdPresentation(agreementId: $id, opdId: $opd, presentedOn: $on, note: $note) { id } }';

  it('keeps a note of exactly 1 000 characters and refuses one more, changing nothing', async () => {
    const id = await fx.scratchAgreement('Notes: cancel', S.EXPLORATION);
    const before = await fx.snapshot(id);
    const tooLong = await t.gql(CANCEL, { id: gid('Agreement', id), note: 'x'.repeat(1001) }, officer);
    expect(tooLong.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'note', reason: 'TOO_LONG', max: 1000 });
    expect(tooLong.errors?.[0].message).toMatch(/1001 characters.*at most 1000/);
    expect(await fx.snapshot(id)).toEqual(before);

    const fits = await t.gql<{ cancelAgreement: { status: string; history: { note: string | null }[] } }>(CANCEL, { id: gid('Agreement', id), note: 'y'.repeat(1000) }, officer);
    expect(fits.errors).toBeUndefined();
    expect(fits.data!.cancelAgreement.status).toBe('CANCELLED');
    expect(fits.data!.cancelAgreement.history.at(-1)!.note).toBe('y'.repeat(1000));
  });

  it('refuses a note that, joined to what the step records, outgrows the history line', async () => {
    const id = await fx.scratchAgreement('Notes: DPRD return', S.DPRD_REVIEW, [{ opd: 'DISPAR', title: 'Activity' }]);
    await fx.setState(id, S.DPRD_REVIEW, { reviewRound: 1, loiSignedOn: '2020-01-01' });
    const before = await fx.snapshot(id);
    const result = await t.gql(RETURN, { id: gid('Agreement', id), on: TODAY(), note: 'z'.repeat(1000) }, officer);
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'note', reason: 'TOO_LONG', max: 1000 });
    expect(result.errors?.[0].message).toMatch(/status history.*shorten the note/);
    expect(await fx.snapshot(id)).toEqual(before);

    const reference = await t.gql(RETURN, { id: gid('Agreement', id), on: TODAY(), note: 'Redraft', ref: 'r'.repeat(101) }, officer);
    expect(reference.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'reference', reason: 'TOO_LONG', max: 100 });
    expect(await fx.snapshot(id)).toEqual(before);

    const fits = await t.gql<{ recordDprdDecision: { status: string } }>(RETURN, { id: gid('Agreement', id), on: TODAY(), note: 'z'.repeat(900) }, officer);
    expect(fits.errors).toBeUndefined();
    expect(fits.data!.recordDprdDecision.status).toBe('PLAN_DRAFTING');
  });

  it("refuses a presentation's note over 1 000 characters", async () => {
    const id = await fx.scratchAgreement('Notes: presentation', S.DPRD_REVIEW, [{ opd: 'DISPAR', title: 'Activity' }]);
    await fx.setState(id, S.DPRD_REVIEW, { reviewRound: 1, loiSignedOn: '2020-01-01' });
    const opd = gid('Opd', await fx.opdId('DISPAR'));
    const before = await fx.snapshot(id);
    const result = await t.gql(PRESENT, { id: gid('Agreement', id), opd, on: TODAY(), note: 'p'.repeat(1001) }, officer);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'note' } });
    expect(await fx.snapshot(id)).toEqual(before);
    const fits = await t.gql(PRESENT, { id: gid('Agreement', id), opd, on: TODAY(), note: 'p'.repeat(1000) }, officer);
    expect(fits.errors).toBeUndefined();
  });
});
