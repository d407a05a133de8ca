import { createPubSub } from '@graphql-yoga/subscription';
import { buildClientSchema, getIntrospectionQuery, graphql, parse, type IntrospectionOptions, type IntrospectionQuery } from 'graphql';
import { DEFAULT_LIMITS } from '../src/config';
import { Role } from '../src/entities';
import { MAX_INTROSPECTION_DEPTH, MAX_QUERY_NODES, estimateCost } from '../src/limits';
import { createSchema } from '../src/schema';
import { describeEachDatabase } from './support/each-database';
import { bearer, rawSocket, type RawSocket } from './support/raw-socket';
import { startTestServer, type TestServer } from './support/test-server';

/** Every boolean option of graphql 16's getIntrospectionQuery. */
const OPTION_NAMES = ['descriptions', 'specifiedByUrl', 'directiveIsRepeatable', 'schemaDescription', 'inputValueDeprecation', 'experimentalDirectiveDeprecation', 'oneOf'] as const;

/**
 * getIntrospectionQuery with each of the 128 combinations of its options, once per distinct text
 * (schemaDescription adds nothing without descriptions).
 */
const STANDARD_VARIANTS: { options: IntrospectionOptions; query: string }[] = [
  ...new Map(
    Array.from({ length: 2 ** OPTION_NAMES.length }, (_, mask) => {
      const options = Object.fromEntries(OPTION_NAMES.map((name, bit) => [name, Boolean(mask & (1 << bit))])) as IntrospectionOptions;
      const query = getIntrospectionQuery(options);
      return [query, { options, query }] as const;
    }),
  ).values(),
];

const aliases = (count: number, selection: (i: number) => string) => Array.from({ length: count }, (_, i) => selection(i)).join('\n');

const TOO_DEEP = new RegExp(`deeper than the ${MAX_INTROSPECTION_DEPTH} of the standard introspection query`);

/** Introspection built to make work, each with the code (and message) it must be refused with. */
const ABUSIVE: { name: string; query: string; code: string; message?: RegExp }[] = [
  // graphql's own query, with its ofType chains deeper than any schema wraps a type.
  { name: 'ofType chains 30 deep', query: getIntrospectionQuery({ typeDepth: 30 }), code: 'GRAPHQL_VALIDATION_FAILED', message: TOO_DEEP },
  {
    name: 'an ofType chain 300 deep under __type',
    query: `{ __type(name: "Agreement") { fields { type { ${'ofType { name '.repeat(300)}${'}'.repeat(300)} } } } }`,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: TOO_DEEP,
  },
  {
    // graphql's own MaxIntrospectionDepthRule: lists of fields nested more than three times.
    name: 'fields of the types of fields of the types of fields …',
    query: `{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } }`,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /Maximum introspection depth exceeded/,
  },
  { name: '300 aliases of __schema', query: `{ ${aliases(300, (i) => `s${i}: __schema { types { name fields { name } } }`)} }`, code: 'QUERY_TOO_COMPLEX' },
  { name: '2,000 aliases of __type', query: `{ ${aliases(2000, (i) => `t${i}: __type(name: "Query") { name kind }`)} }`, code: 'QUERY_TOO_COMPLEX' },
  {
    name: 'a fragment of 2,000 fields spread on every type',
    query: `{ __schema { types { ...Huge } } } fragment Huge on __Type { ${aliases(2000, (i) => `n${i}: name`)} }`,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'fragments that multiply one another',
    query: `{ __schema { types { ...A } } }
      fragment A on __Type { fields { type { ...B } } inputFields { type { ...B } } }
      fragment B on __Type { fields { type { ...C } } inputFields { type { ...C } } }
      fragment C on __Type { ${aliases(200, (i) => `c${i}: name`)} }`,
    code: 'QUERY_TOO_COMPLEX',
  },
];

async function viaSocket(socket: RawSocket, id: string, query: string) {
  socket.send({ id, type: 'subscribe', payload: { query } });
  return socket.next((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
}

// Introspection reads no database, and the sweep below sends ~200 large operations: it runs on
// SQLite only; the refusals and production run on every database.
describe('the standard introspection query, with every combination of its options', () => {
  let t: TestServer;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestServer('sqlite', 'introspection-variants');
    viewer = await t.login('viewer@jalin.local');
  });
  afterAll(() => t?.close());

  it('the standard query is the deepest introspection allowed, deeper than the limit on data', () => {
    expect(MAX_INTROSPECTION_DEPTH).toBeGreaterThan(DEFAULT_LIMITS.maxQueryDepth);
  });

  it('estimates introspection at about the number of values in its answer', async () => {
    const schema = await createSchema(createPubSub() as never);
    const values = (v: unknown): number =>
      Array.isArray(v) ? v.reduce((sum: number, item) => sum + values(item), 0) : v && typeof v === 'object' ? Object.values(v).reduce((sum: number, item) => sum + 1 + values(item), 0) : 0;
    for (const { options, query } of STANDARD_VARIANTS) {
      const answer = await graphql({ schema, source: query });
      const estimate = estimateCost(schema, parse(query));
      const actual = values(answer.data);
      expect({ options, withinAFifth: estimate > actual * 0.8 && estimate < actual * 1.25 }).toEqual({ options, withinAFifth: true });
      // Room for the schema to grow (it doubled once already) before the standard query meets the limit.
      expect(estimate).toBeLessThan(DEFAULT_LIMITS.maxQueryCost / 2);
    }
  });

  it('answers the standard introspection query with every combination of its options over HTTP, signed in or not', async () => {
    for (const [i, { options, query }] of STANDARD_VARIANTS.entries()) {
      const result = await t.gql<IntrospectionQuery>(query, {}, i % 2 ? viewer : null);
      if (result.errors) throw new Error(`${JSON.stringify(options)}: ${JSON.stringify(result.errors)}`);
      expect(result.status).toBe(200);
      expect(result.data?.__schema.types.map((type) => type.name)).toContain('Agreement');
    }
    // What a client does with the answer: build the schema from it.
    for (const options of [{}, Object.fromEntries(OPTION_NAMES.map((name) => [name, true]))]) {
      const result = await t.gql<IntrospectionQuery>(getIntrospectionQuery(options), {}, viewer);
      const schema = buildClientSchema(result.data!);
      expect(schema.getType('Agreement')).toBeDefined();
      expect(schema.getMutationType()?.getFields().login).toBeDefined();
      expect(schema.getSubscriptionType()?.getFields().agreementUpdated).toBeDefined();
    }
  });

  it('answers every combination over WebSocket', async () => {
    const socket = rawSocket(t.wsUrl, bearer(viewer));
    await socket.acknowledged;
    for (const [i, { options, query }] of STANDARD_VARIANTS.entries()) {
      const message = await viaSocket(socket, `standard-${i}`, query);
      if (message.type !== 'next') throw new Error(`${JSON.stringify(options)}: ${JSON.stringify(message.payload)}`);
      const payload = message.payload as { data: IntrospectionQuery; errors?: unknown };
      expect(payload.errors).toBeUndefined();
      expect(payload.data.__schema.types.map((type) => type.name)).toContain('Agreement');
    }
    socket.socket.close();
  });

});

describeEachDatabase('introspection under the limits', (dialect) => {
  let t: TestServer;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'introspection');
    viewer = await t.login('viewer@jalin.local');
  });
  afterAll(() => t?.close());

  it.each(ABUSIVE)('refuses $name over HTTP before running it', async ({ query, code, message }) => {
    const result = await t.gql(query, {}, viewer);
    if (result.errors?.[0].extensions?.code !== code) throw new Error(JSON.stringify(result.errors?.[0]));
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe(code);
    if (message) expect(result.errors?.[0].message).toMatch(message);
  });

  it('refuses the same queries over WebSocket, and the socket goes on working', async () => {
    const socket = rawSocket(t.wsUrl, bearer(viewer));
    await socket.acknowledged;
    for (const [i, { name, query, code }] of ABUSIVE.entries()) {
      const message = await viaSocket(socket, `abusive-${i}`, query);
      expect({ name, type: message.type }).toEqual({ name, type: 'error' });
      // The WebSocket parser's token cap may refuse the largest ones even before validation.
      expect([code, 'GRAPHQL_PARSE_FAILED']).toContain((message.payload as { extensions: { code: string } }[])[0].extensions.code);
    }
    const after = await viaSocket(socket, 'after', '{ __type(name: "Agreement") { name } }');
    expect(after.payload).toEqual({ data: { __type: { name: 'Agreement' } } });
    socket.socket.close();
  });

  it(`counts the fields of a fragment again at each spread, at most ${MAX_QUERY_NODES} in all`, async () => {
    // Cheap fields: many of them pass, more than the node cap are refused.
    const spreads = (n: number) => `{ ${aliases(n, (i) => `t${i}: __type(name: "Agreement") { ...Names }`)} } fragment Names on __Type { name kind }`;
    const within = await t.gql(spreads(Math.floor(MAX_QUERY_NODES / 5)), {}, viewer);
    expect(within.errors).toBeUndefined();
    // Each spread is at least three fields: over the cap, though its cost is far under the limit.
    const beyond = await t.gql(spreads(Math.ceil(MAX_QUERY_NODES / 3) + 1), {}, viewer);
    expect(beyond.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describeEachDatabase('introspection in production', (dialect) => {
  it('refuses the standard introspection query unless INTROSPECTION is on, over HTTP and WebSocket', async () => {
    const query = getIntrospectionQuery();
    for (const introspection of [false, true]) {
      const t = await startTestServer(dialect, `introspection-production-${introspection}`, { config: { env: 'production', introspection } });
      try {
        // Production seeds no demo users: make one.
        const user = await t.server.services.users.create({ id: 0, role: Role.ADMIN, opdId: null }, { email: 'ops@jalin.test', name: 'Ops', role: Role.VIEWER, password: 'production-password' });
        const token = await t.server.services.auth.issueToken(user);
        const http = await t.gql<IntrospectionQuery>(query, {}, token);
        const socket = rawSocket(t.wsUrl, bearer(token));
        await socket.acknowledged;
        const ws = await viaSocket(socket, 'standard', query);
        socket.socket.close();
        if (introspection) {
          expect(http.errors).toBeUndefined();
          expect(buildClientSchema(http.data!).getType('Agreement')).toBeDefined();
          expect(ws.type).toBe('next');
        } else {
          expect(http.status).toBe(400);
          expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
          expect(http.errors?.[0].message).toMatch(/introspection/i);
          expect(ws.type).toBe('error');
          expect((ws.payload as { extensions: { code: string } }[])[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        }
      } finally {
        await t.close();
      }
    }
  });
});
