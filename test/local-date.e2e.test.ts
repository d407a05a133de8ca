import type { Client } from 'graphql-ws';
import { describeEachDatabase } from './support/each-database';
import { Fixtures, snapshot } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { gid } from './support/ids';

/** Every calendar day the API hands out or takes, by schema coordinate: all of them are LocalDate. */
const DATE_OUTPUTS = [
  'Agreement.loiSignedOn',
  'Agreement.dprdApprovedOn',
  'Agreement.mouSignedOn',
  'Agreement.expiresOn',
  'Agreement.terminationNoticeOn',
  'AgreementDocument.signedOn',
  'AgreementDocument.validUntil',
  'OpdPresentation.presentedOn',
  'ActionPlanItem.startOn',
  'ActionPlanItem.endOn',
  'CooperationReport.asOf',
  'CooperationReport.expiringUntil',
  'ExpiringMou.expiresOn',
];
const DATE_INPUTS = [
  'DocumentInput.signedOn',
  'RenewalInput.signedOn',
  'ActionPlanItemInput.startOn',
  'ActionPlanItemInput.endOn',
  'UpdateDocumentInput.signedOn',
  'UpdateDocumentInput.validUntil',
  'ReportFilter.from',
  'ReportFilter.to',
  'Mutation.recordOpdPresentation(presentedOn:)',
  'Mutation.recordDprdDecision(decidedOn:)',
  'Mutation.terminateAgreement(noticeOn:)',
];

const INTROSPECT = `{ __schema { types { name kind description
  fields { name type { ...T } args { name type { ...T } } }
  inputFields { name type { ...T } } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name } } }`;

type TypeRef = { kind: string; name: string | null; ofType?: TypeRef | null };
type Introspected = {
  name: string;
  kind: string;
  description: string | null;
  fields: { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] }[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
};
const named = (type: TypeRef): string => (type.ofType ? named(type.ofType) : type.name!);

const UPDATE_DOCUMENT = 'mutation($id: ID!, $input: UpdateDocumentInput!) { updateDocument(id: $id, input: $input) { signedOn validUntil } }';

describeEachDatabase('LocalDate scalar', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let officer: string;
  let documentId: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'localdate');
    f = new Fixtures(t);
    officer = await t.login('officer@jalin.local');
    documentId = gid('AgreementDocument', (await f.document()).id);
  });
  afterAll(() => t?.close());

  it('is the type of every calendar day, in answers and in inputs, and says its form', async () => {
    const result = await t.gql<{ __schema: { types: Introspected[] } }>(INTROSPECT, {}, officer);
    expect(result.errors).toBeUndefined();
    const types = new Map(result.data!.__schema.types.map((type) => [type.name, type]));
    const typeAt = (coordinate: string): string => {
      const [, typeName, member, arg] = /^(\w+)\.(\w+)(?:\((\w+):\))?$/.exec(coordinate)!;
      const type = types.get(typeName)!;
      if (arg) return named(type.fields!.find((field) => field.name === member)!.args.find((a) => a.name === arg)!.type);
      const field = [...(type.fields ?? []), ...(type.inputFields ?? [])].find((candidate) => candidate.name === member)!;
      return named(field.type);
    };
    expect(Object.fromEntries([...DATE_OUTPUTS, ...DATE_INPUTS].map((c) => [c, typeAt(c)]))).toEqual(Object.fromEntries([...DATE_OUTPUTS, ...DATE_INPUTS].map((c) => [c, 'LocalDate'])));
    expect(types.get('LocalDate')).toMatchObject({ kind: 'SCALAR', description: expect.stringMatching(/YYYY-MM-DD/) });
  });

  it('takes a calendar day and gives it back as written', async () => {
    const result = await t.gql(UPDATE_DOCUMENT, { id: documentId, input: { signedOn: '2024-02-29', validUntil: '2029-02-28' } }, officer);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ updateDocument: { signedOn: '2024-02-29', validUntil: '2029-02-28' } });
    const inline = await t.gql(`mutation { updateDocument(id: "${documentId}", input: { signedOn: "2024-03-01", validUntil: null }) { signedOn validUntil } }`, {}, officer);
    expect(inline.data).toEqual({ updateDocument: { signedOn: '2024-03-01', validUntil: null } });
  });

  const BAD = [
    ['a month 13', '2020-13-01', /"2020-13-01" is not a day of the calendar \(YYYY-MM-DD/],
    ['a 30 February', '2023-02-30', /"2023-02-30" is not a day of the calendar/],
    ['a word', 'yesterday', /"yesterday" is not a date written YYYY-MM-DD, e\.g\. "2026-03-31"/],
    ['another form', '31/03/2026', /"31\/03\/2026" is not a date written YYYY-MM-DD/],
    ['a date and time', '2026-03-31T10:00:00Z', /is not a date written YYYY-MM-DD/],
    ['an empty string', '', /"" is not a date written YYYY-MM-DD/],
    ['a number', 20260331, /A date is a string written YYYY-MM-DD, e\.g\. "2026-03-31"; got 20260331/],
  ] as const;

  it.each(BAD)('refuses %s in a variable as BAD_USER_INPUT that names the place, and changes nothing', async (_label, value, message) => {
    const before = await snapshot(t.server.dataSource);
    const result = await t.gql(UPDATE_DOCUMENT, { id: documentId, input: { signedOn: value } }, officer);
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/^Variable "\$input" got invalid value .* at "input\.signedOn"; /);
    expect(result.errors![0].message).toMatch(message);
    expect(await snapshot(t.server.dataSource)).toEqual(before);
  });

  it.each(BAD)('refuses %s written in the query as BAD_USER_INPUT too, pointing at it, and changes nothing', async (_label, value, message) => {
    const before = await snapshot(t.server.dataSource);
    const query = `mutation {\n  updateDocument(id: "${documentId}", input: { signedOn: ${JSON.stringify(value)} }) { signedOn }\n}`;
    const result = await t.gql(query, {}, officer);
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors as { message: string; locations?: { line: number; column: number }[]; extensions?: { code?: string } }[];
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
    expect(error.locations).toEqual([{ line: 2, column: query.split('\n')[1].indexOf('signedOn: ') + 'signedOn: '.length + 1 }]);
    expect(await snapshot(t.server.dataSource)).toEqual(before);
  });

  it('refuses a bad date in an argument and in the report filter the same way', async () => {
    const agreement = await f.agreement();
    const terminate = await t.gql('mutation($id: ID!, $on: LocalDate!) { terminateAgreement(agreementId: $id, noticeOn: $on) { id } }', { id: gid('Agreement', agreement.id), on: '2024-13-01' }, officer);
    expect(terminate.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Variable "\$on" got invalid value "2024-13-01"; "2024-13-01" is not a day of the calendar/), extensions: { code: 'BAD_USER_INPUT' } });
    const report = await t.gql('{ cooperationReport(filter: { to: "30/04/2024" }) { asOf } }', {}, officer);
    expect(report.errors?.[0]).toMatchObject({ message: expect.stringMatching(/"30\/04\/2024" is not a date written YYYY-MM-DD/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers the same over WebSocket', async () => {
    const client: Client = t.ws(officer);
    const errors = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: `mutation { updateDocument(id: "${documentId}", input: { signedOn: "yesterday" }) { signedOn } }` }, {
        next: (value) => reject(new Error(`expected a refusal, got ${JSON.stringify(value)}`)),
        error: resolve,
        complete: () => reject(new Error('completed without a refusal')),
      });
    });
    expect(errors).toEqual([expect.objectContaining({ message: '"yesterday" is not a date written YYYY-MM-DD, e.g. "2026-03-31"', extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_A_DATE' } })]);
  });
});
