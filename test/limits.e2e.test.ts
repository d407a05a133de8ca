import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse } from 'graphql';
import { DEFAULT_LIMITS } from '../src/config';
import { MAX_QUERY_NODES, ROOT_FIELD_COSTS, estimateCost } from '../src/limits';
import { SCHEMA_FILE } from '../src/scripts/print-schema';
import { Role } from '../src/entities';
import { describeEachDatabase } from './support/each-database';
import { bearer, rawSocket } from './support/raw-socket';
import { gid } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';
import { besidesUserLookup } from '../src/sql-counter';

const DASHBOARD = /* GraphQL */ `
  query Dashboard($after: String) {
    agreements(first: 50, after: $after, filter: { statuses: [PLAN_DRAFTING] }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id title status fields
          partnerCity { name region country { code name } }
          activities { title scope benefit output decision position version opd { code name } }
          documents { kind number signedOn validUntil }
          history { fromStatus toStatus at note actor { name } }
        }
      }
    }
  }
`;

/** The README's full report query, as a reader copies it. */
const README_REPORT = /```graphql\n(query Report[\s\S]*?)```/.exec(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8'))![1];
/** `n` aliases of one field, in one operation. */
const aliased = (n: number, field: string, header = '') => `query ${header} { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const SMALL_REPORT = 'cooperationReport { asOf totals { agreements } }';
const NODE = 'node(id: $id) { id }';
const HUNDRED_NODES = 'nodes(ids: $ids) { id }';
/**
 * `spreads` spreads of a fragment of `perFragment` aliases of `field`: each spread is priced again
 * (as the README says), so this prices like spreads × perFragment aliases in few tokens (the
 * WebSocket parser's token cap would refuse that many plain aliases before pricing).
 */
const spread = (spreads: number, perFragment: number, field: string, header = '') =>
  `query ${header} { ${'...F '.repeat(spreads)}} fragment F on Query { ${Array.from({ length: perFragment }, (_, i) => `f${i}: ${field}`).join(' ')} }`;
/** More than MAX_QUERY_NODES fields (each spread and its 50 fields), though each costs 1: far under the cost limit. */
const TOO_MANY_FIELDS = spread(Math.ceil(MAX_QUERY_NODES / 51) + 1, 50, '__typename');

/** `{ agreement(id: …) { activities { agreement { … } } } }` nested `depth` levels through activities → agreement. */
function deepQuery(depth: number): string {
  let selection = 'id';
  for (let i = 0; i < depth; i++) selection = `activities { agreement { ${selection} } }`;
  return `{ agreement(id: "${gid('Agreement', 1)}") { ${selection} } }`;
}

async function post(t: TestServer, body: string, headers: Record<string, string> = {}, method = 'POST') {
  const response = await fetch(method === 'GET' ? `${t.url}?${body}` : t.url, { method, headers, ...(method === 'GET' ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
}

describeEachDatabase('request limits', (dialect) => {
  let t: TestServer;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'limits');
    viewer = await t.login('viewer@jalin.local');
  });
  afterAll(() => t?.close());

  it('answers the full dashboard query within the cost and depth limits, even at the largest page', async () => {
    const result = await t.gql(DASHBOARD, {}, viewer);
    expect(result.errors).toBeUndefined();
    const largest = await t.gql(DASHBOARD.replace('first: 50', 'first: 100'), {}, viewer);
    expect(largest.errors).toBeUndefined();
  });

  it(`refuses a query deeper than ${DEFAULT_LIMITS.maxQueryDepth} levels before running it`, async () => {
    const ok = await t.gql(deepQuery(3), {}, viewer);
    expect(ok.errors).toBeUndefined();
    const sql = await t.sql.count(() => t.gql(deepQuery(6), {}, viewer));
    expect(sql.result.status).toBe(400);
    expect(sql.result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(sql.result.errors?.[0].message).toMatch(/exceeds maximum operation depth of 10/);
    // At most the lookup of the token's user: no resolver ran.
    expect(besidesUserLookup(sql).statements).toEqual([]);
  });

  it('refuses a costly query (an alias bomb, a huge page) with QUERY_TOO_COMPLEX and runs nothing', async () => {
    const bomb = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: agreements(first: 100) { edges { node { activities { opd { name } } } } }`).join(' ')} }`;
    const result = await t.gql(bomb, {}, viewer);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: DEFAULT_LIMITS.maxQueryCost });
    expect(result.data ?? null).toBeNull();
    // A page size in a variable counts too.
    const big = await t.gql('query($n: Int) { agreements(first: $n) { edges { node { activities { opd { name } } documents { kind } } } } }', { n: 1_000_000 }, viewer);
    expect(big.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const fine = await t.gql('query($n: Int) { agreements(first: $n) { edges { node { id } } } }', { n: 100 }, viewer);
    expect(fine.errors).toBeUndefined();
    // Paging backward prices the page the same way.
    const bigBackward = await t.gql('query($n: Int) { agreements(last: $n) { nodes { activities { opd { name } } documents { kind } } } }', { n: 1_000_000 }, viewer);
    expect(bigBackward.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const users = await t.gql('query($n: Int) { users(last: $n) { nodes { opd { name } } } }', { n: 1_000_000 }, viewer);
    expect(users.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  describe('fields priced by their work (cooperationReport, node, nodes)', () => {
    const ids = Array.from({ length: 100 }, (_, i) => gid('Agreement', (i % 5) + 1));
    const costly: [string, string, Record<string, unknown>][] = [
      ['30 aliases of the report', aliased(30, SMALL_REPORT), {}],
      ['1 500 aliases of node', aliased(1500, NODE, '($id: ID!)'), { id: gid('Agreement', 1) }],
      ['15 aliases of nodes with 100 ids', aliased(15, HUNDRED_NODES, '($ids: [ID!]!)'), { ids }],
    ];

    it.each(costly)('refuses %s over HTTP with QUERY_TOO_COMPLEX and its cost, running nothing', async (_label, query, variables) => {
      const sql = await t.sql.count(() => t.gql(query, variables, viewer));
      expect(sql.result.status).toBe(400);
      expect(sql.result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', reason: 'COST', maxCost: DEFAULT_LIMITS.maxQueryCost });
      expect(sql.result.errors?.[0].extensions?.cost).toBeGreaterThan(DEFAULT_LIMITS.maxQueryCost);
      // At most the lookup of the token's user: no report statement, no node read.
      expect(besidesUserLookup(sql).statements).toEqual([]);
    });

    it('refuses them over WebSocket too, and the socket goes on working', async () => {
      const socket = rawSocket(t.wsUrl, bearer(viewer));
      await socket.acknowledged;
      const overSocket: [string, Record<string, unknown>][] = [
        [costly[0][1], {}],
        [spread(15, 100, NODE, '($id: ID!)'), { id: gid('Agreement', 1) }],
        [costly[2][1], { ids }],
      ];
      for (const [i, [query, variables]] of overSocket.entries()) socket.send({ id: `costly-${i}`, type: 'subscribe', payload: { query, variables } });
      for (const i of overSocket.keys()) {
        const refused = await socket.next((m) => m.id === `costly-${i}`);
        expect(refused).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'COST' } }] });
      }
      socket.send({ id: 'report', type: 'subscribe', payload: { query: README_REPORT } });
      const report = await socket.next((m) => m.id === 'report' && m.type === 'next');
      expect(report.payload).toMatchObject({ data: { cooperationReport: { asOf: expect.any(String) } } });
      socket.socket.close();
    });

    it("answers the README's full report, a few aliases of it, and node and nodes in use, well within the limit", async () => {
      // Priced on the committed schema (test/schema.test.ts proves it is the one the server runs).
      const cost = estimateCost(buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8')), parse(README_REPORT));
      expect(cost).toBeGreaterThan(ROOT_FIELD_COSTS.cooperationReport.base);
      expect(cost).toBeLessThan(DEFAULT_LIMITS.maxQueryCost / 5);
      const report = await t.gql(README_REPORT, {}, viewer);
      expect(report.errors).toBeUndefined();
      const few = await t.gql(aliased(5, SMALL_REPORT), {}, viewer);
      expect(few.errors).toBeUndefined();
      const nodes = await t.gql(aliased(2, HUNDRED_NODES, '($ids: [ID!]!)'), { ids }, viewer);
      expect(nodes.errors).toBeUndefined();
      const node = await t.gql(aliased(100, NODE, '($id: ID!)'), { id: gid('Agreement', 1) }, viewer);
      expect(node.errors).toBeUndefined();
    });
  });

  it(`says why an operation of more than ${MAX_QUERY_NODES} fields is refused, with a number for its cost (HTTP and WebSocket)`, async () => {
    const expected = { code: 'QUERY_TOO_COMPLEX', reason: 'TOO_MANY_FIELDS', cost: MAX_QUERY_NODES, maxCost: DEFAULT_LIMITS.maxQueryCost, maxFields: MAX_QUERY_NODES };
    const http = await t.gql(TOO_MANY_FIELDS, {}, viewer);
    expect(http.status).toBe(400);
    expect(http.errors?.[0].extensions).toEqual(expected);
    const socket = rawSocket(t.wsUrl, bearer(viewer));
    await socket.acknowledged;
    socket.send({ id: 'wide', type: 'subscribe', payload: { query: TOO_MANY_FIELDS } });
    const refused = await socket.next((m) => m.id === 'wide');
    expect(refused).toMatchObject({ type: 'error', payload: [{ extensions: expected }] });
    socket.socket.close();
  });

  it('runs one operation per request: batches are refused', async () => {
    const batch = JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    const result = await post(t, batch, { 'content-type': 'application/json', authorization: `Bearer ${viewer}` });
    expect(result.status).toBe(400);
    expect(result.text).toMatch(/batch/i);
    expect(result.text).not.toMatch(/"me"/);
  });

  it('refuses a request body over 100 kB', async () => {
    const result = await post(t, JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(110_000)}` }), { 'content-type': 'application/json', authorization: `Bearer ${viewer}` });
    expect(result.status).toBe(413);
    expect(result.json.errors[0].message).toMatch(/larger than 100kb/);
  });

  describe('CSRF prevention', () => {
    it('refuses a simple GET (a link or an <img> could send one)', async () => {
      const result = await post(t, `query=${encodeURIComponent('{ countries { code } }')}`, {}, 'GET');
      expect(result.status).toBe(400);
      expect(result.text).toMatch(/CSRF/i);
    });

    it('refuses a form-style POST (text/plain, urlencoded)', async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const result = await post(t, JSON.stringify({ query: 'mutation { login(email: "viewer@jalin.local", password: "jalin-demo") { token } }' }), { 'content-type': contentType });
        expect(result.status).toBe(400);
        expect(result.text).not.toMatch(/"token"/);
      }
    });

    it('accepts a GET query that carries a preflight-forcing header', async () => {
      const result = await post(t, `query=${encodeURIComponent('{ opds { code } }')}`, { 'apollo-require-preflight': 'true', authorization: `Bearer ${viewer}` }, 'GET');
      expect(result.status).toBe(200);
      expect(result.json.data.opds.length).toBeGreaterThan(0);
    });
  });

  it('allows introspection in development and test mode', async () => {
    const result = await t.gql('{ __schema { queryType { name } } }', {}, viewer);
    expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('applies the same limits to operations over WebSocket', async () => {
    const socket = rawSocket(t.wsUrl, bearer(viewer));
    await socket.acknowledged;
    socket.send({ id: 'deep', type: 'subscribe', payload: { query: deepQuery(6) } });
    socket.send({ id: 'costly', type: 'subscribe', payload: { query: 'query($n: Int) { agreements(first: $n) { edges { node { activities { opd { name } } } } } }', variables: { n: 1_000_000 } } });
    socket.send({ id: 'fine', type: 'subscribe', payload: { query: '{ me { email } }' } });
    const deep = await socket.next((m) => m.id === 'deep');
    expect(deep).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    const costly = await socket.next((m) => m.id === 'costly');
    expect(costly).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
    const fine = await socket.next((m) => m.id === 'fine' && m.type === 'next');
    expect(fine.payload).toEqual({ data: { me: { email: 'viewer@jalin.local' } } });
    socket.socket.close();
  });
});

describeEachDatabase('introspection in production', (dialect) => {
  it('is off by default and on with INTROSPECTION=true, over HTTP and WebSocket', async () => {
    for (const introspection of [false, true]) {
      const t = await startTestServer(dialect, `introspection-${introspection}`, { config: { env: 'production', introspection } });
      try {
        // Production seeds no demo users: make one.
        const user = await t.server.services.users.create({ id: 0, role: Role.ADMIN, opdId: null }, { email: 'ops@jalin.test', name: 'Ops', role: Role.VIEWER, password: 'production-password' });
        const token = await t.server.services.auth.issueToken(user);
        const http = await t.gql('{ __schema { queryType { name } } }', {}, token);
        const socket = rawSocket(t.wsUrl, bearer(token));
        await socket.acknowledged;
        socket.send({ id: 'i', type: 'subscribe', payload: { query: '{ __type(name: "Query") { name } }' } });
        const ws = await socket.next((m) => m.id === 'i');
        socket.socket.close();
        if (introspection) {
          expect(http.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
          expect(ws).toMatchObject({ type: 'next', payload: { data: { __type: { name: 'Query' } } } });
        } else {
          expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
          expect(http.errors?.[0].message).toMatch(/introspection/i);
          expect(ws).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
        }
      } finally {
        await t.close();
      }
    }
  });
});
