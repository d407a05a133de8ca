import { loadConfig } from '../src/config';
import { Role } from '../src/entities';
import { describeEachDatabase } from './support/each-database';
import { bearer, rawSocket } from './support/raw-socket';
import { TEST_JWT_SECRET, startTestServer, type TestServer } from './support/test-server';

/** Operations with a misspelt name that graphql-js would correct ("Did you mean …?"), and the part of the message that stays. */
const MISSPELT: { label: string; query: string; variables?: Record<string, unknown>; says: RegExp }[] = [
  { label: 'a field', query: '{ agreementz { id } }', says: /^Cannot query field "agreementz" on type "Query"\.$/ },
  { label: 'an argument', query: '{ agreements(frist: 5) { totalCount } }', says: /^Unknown argument "frist" on field "Query\.agreements"\.$/ },
  { label: 'an enum value', query: '{ agreements(filter: { statuses: [PLAN_DRAFTIN] }) { totalCount } }', says: /^Value "PLAN_DRAFTIN" does not exist in "AgreementStatus" enum\.$/ },
  { label: 'a type', query: 'query($f: AgreementFiltr) { agreements(filter: $f) { totalCount } }', says: /^Unknown type "AgreementFiltr"\.$/ },
  {
    label: 'an input field in the variables',
    query: 'query($f: AgreementFilter) { agreements(filter: $f) { totalCount } }',
    variables: { f: { statuse: ['PLAN_DRAFTING'] } },
    says: /Field "statuse" is not defined by type "AgreementFilter"\.$/,
  },
];

/** What a client is told about each misspelt operation, over HTTP (anonymous and signed in) and WebSocket. */
async function answersToMisspellings(t: TestServer, token: string): Promise<{ via: string; label: string; message: string; code: unknown }[]> {
  const answers: { via: string; label: string; message: string; code: unknown }[] = [];
  for (const { label, query, variables } of MISSPELT) {
    for (const [via, who] of [['HTTP, anonymous', null], ['HTTP, signed in', token]] as const) {
      const result = await t.gql(query, variables, who);
      expect(result.status).toBe(400);
      for (const error of result.errors ?? []) answers.push({ via, label, message: error.message, code: error.extensions?.code });
    }
  }
  const socket = rawSocket(t.wsUrl, bearer(token));
  await socket.acknowledged;
  for (const [index, { label, query, variables }] of MISSPELT.entries()) {
    socket.send({ id: String(index), type: 'subscribe', payload: { query, variables } });
    const message = await socket.next((m) => m.id === String(index) && (m.type === 'error' || m.type === 'next'));
    const errors = (message.type === 'error' ? message.payload : (message.payload as { errors: unknown[] }).errors) as { message: string; extensions?: { code?: unknown } }[];
    for (const error of errors) answers.push({ via: 'WebSocket', label, message: error.message, code: error.extensions?.code });
  }
  socket.socket.close();
  return answers;
}

async function signIn(t: TestServer): Promise<string> {
  // Production seeds no demo users: make one.
  const user = await t.server.services.users.create({ id: 0, role: Role.ADMIN, opdId: null }, { email: 'ops@jalin.test', name: 'Ops', role: Role.VIEWER, password: 'production-password' });
  return t.server.services.auth.issueToken(user);
}

describeEachDatabase('production hardening', (dialect) => {
  let production: TestServer;
  let development: TestServer;
  let productionToken: string;
  let developmentToken: string;

  beforeAll(async () => {
    // The production settings as NODE_ENV=production alone makes them (no INTROSPECTION set).
    const { env, introspection } = loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET });
    production = await startTestServer(dialect, 'hardening-prod', { config: { env, introspection } });
    development = await startTestServer(dialect, 'hardening-dev', { config: { env: 'development' } });
    productionToken = await signIn(production);
    developmentToken = await signIn(development);
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  it('outside production, graphql-js suggests the names it knows (what production must not do)', async () => {
    const answers = await answersToMisspellings(development, developmentToken);
    expect(answers).toHaveLength(MISSPELT.length * 3);
    for (const answer of answers) expect(answer.message).toMatch(/Did you mean .+\?$/);
  });

  it('in production, tells no one a name it was not given, over HTTP and WebSocket, and keeps the rest of the message and the code', async () => {
    const answers = await answersToMisspellings(production, productionToken);
    expect(answers).toHaveLength(MISSPELT.length * 3);
    for (const answer of answers) {
      const { says } = MISSPELT.find((m) => m.label === answer.label)!;
      expect(answer.message).toMatch(says);
      expect(answer.message).not.toMatch(/Did you mean/);
      expect(answer.code).toBe(answer.label.includes('variables') ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('turns introspection off in production when INTROSPECTION is not set', async () => {
    const result = await production.gql('{ __schema { types { name } } }', {}, productionToken);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data ?? null).toBeNull();
    expect((await development.gql<{ __schema: { types: unknown[] } }>('{ __schema { types { name } } }', {}, developmentToken)).data?.__schema.types.length).toBeGreaterThan(10);
  });
});
