import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { compiledExecute, subscribeWith, type Execute } from '../src/graphql-execution/compiled-executor';
import { compareResults, recordResolvers, verifyingExecute, type Mismatch } from '../src/graphql-execution/verify';
import { DomainError, ErrorCode, clientErrorFormatter } from '../src/errors';
import { LocalDate } from '../src/scalars/local-date';

/*
 * The compiled executor against graphql-js on the places where graphql-jit is known to differ
 * (non-null violations, scalar serialization, abstract types, coercion errors, masked errors and
 * their extensions), and the verifier itself: that it lets equal answers through, runs a
 * mutation's side effects once, and catches a deliberately different executor (so the suite's
 * verify mode cannot pass by comparing nothing). The whole suite runs in verify mode as well.
 */

const formatError = clientErrorFormatter({ env: 'production' });

function buildSchema() {
  const state = { bumps: 0 };
  const Node = new GraphQLInterfaceType({
    name: 'Node',
    fields: { id: { type: new GraphQLNonNull(GraphQLID) } },
    resolveType: (value: { kind: string }) => value.kind,
  });
  type CityRow = { name: string | null; twin?: CityRow };
  const City: GraphQLObjectType = new GraphQLObjectType<CityRow>({
    name: 'City',
    interfaces: [Node],
    fields: () => ({
      id: { type: new GraphQLNonNull(GraphQLID) },
      name: { type: new GraphQLNonNull(GraphQLString), resolve: (city) => city.name },
      founded: { type: LocalDate },
      updatedAt: { type: GraphQLISODateTime },
      twin: { type: City, resolve: async (city) => city.twin ?? null },
    }),
  });
  const Country = new GraphQLObjectType({ name: 'Country', interfaces: [Node], fields: { id: { type: new GraphQLNonNull(GraphQLID) }, code: { type: GraphQLString } } });
  const Sort = new GraphQLEnumType({ name: 'Sort', values: { NAME: { value: 'name' }, FOUNDED: { value: 'founded' } } });
  const Filter = new GraphQLInputObjectType({
    name: 'Filter',
    fields: { text: { type: GraphQLString }, sort: { type: Sort, defaultValue: 'name' }, since: { type: LocalDate }, limit: { type: GraphQLInt, defaultValue: 10 } },
  });
  // A scalar whose serialize gives nothing back: graphql-js's message, not graphql-jit's.
  const Ghost = new GraphQLScalarType({ name: 'Ghost', serialize: () => undefined });
  const Lookup = new GraphQLInputObjectType({ name: 'Lookup', isOneOf: true, fields: { id: { type: GraphQLID }, name: { type: GraphQLString } } });
  const denpasar = { kind: 'City', id: '1', name: 'Denpasar', founded: '1788-02-27', updatedAt: new Date('2026-03-31T10:00:00Z') };
  const cities = [denpasar, { kind: 'City', id: '2', name: 'Mossel Bay', founded: null, updatedAt: null, twin: denpasar }];
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      cities: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(City))), resolve: async () => cities },
      node: { type: Node, args: { id: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_root, { id }: { id: string }) => (id === 'c' ? { kind: 'Country', id: 'c', code: 'ID' } : cities.find((c) => c.id === id)) },
      search: {
        type: new GraphQLNonNull(new GraphQLList(GraphQLString)),
        args: { filter: { type: new GraphQLNonNull(Filter) }, lookup: { type: Lookup } },
        resolve: (_root, args: Record<string, unknown>) => [JSON.stringify(args)],
      },
      nameless: { type: new GraphQLList(new GraphQLNonNull(City)), resolve: async () => [denpasar, { ...denpasar, id: '3', name: null }] },
      brokenCity: { type: new GraphQLNonNull(City), resolve: () => null },
      denied: { type: GraphQLString, resolve: () => Promise.reject(new DomainError(ErrorCode.FORBIDDEN, 'Not yours', { agreementId: '7' })) },
      crash: { type: GraphQLString, resolve: () => { throw new Error('ER_PARSE_ERROR near SELECT secret'); } },
      badInstant: { type: GraphQLISODateTime, resolve: () => new Date('not a date') },
      ghost: { type: Ghost, resolve: () => 1 },
    },
  });
  const mutation = new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      bump: { type: new GraphQLNonNull(GraphQLInt), args: { by: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: async (_root, { by }: { by: number }) => (state.bumps += by) },
      refuse: { type: GraphQLInt, resolve: () => { throw new DomainError(ErrorCode.BAD_USER_INPUT, 'No', { argument: 'by' }); } },
    },
  });
  const Subscription = new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      ticks: {
        type: new GraphQLNonNull(City),
        subscribe: async function* () {
          yield { city: denpasar };
          yield { city: { ...denpasar, name: null } };
        },
        resolve: (event: { city: object }) => event.city,
      },
    },
  });
  return { schema: new GraphQLSchema({ query, mutation, subscription: Subscription, types: [Country] }), state };
}

const OPERATIONS: { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ cities { id name founded updatedAt twin { name } __typename } }' },
  { query: 'query ($id: ID!) { node(id: $id) { __typename id ... on City { name } ... on Country { code } } }', variables: { id: '2' } },
  { query: 'query ($id: ID!) { node(id: $id) { __typename id ... on Country { code } } }', variables: { id: 'c' } },
  { query: 'query ($f: Filter!) { search(filter: $f) }', variables: { f: { text: 'x', since: '2026-01-31' } } },
  { query: '{ search(filter: { sort: FOUNDED }, lookup: { name: "Denpasar" }) }' },
  { query: '{ nameless { id name } cities { id } }' },
  { query: '{ brokenCity { id } }' },
  { query: '{ denied crash cities { name } }' },
  { query: '{ badInstant ghost }' },
  // Variables that do not fit: graphql-js's refusals, word for word.
  { query: 'query ($f: Filter!) { search(filter: $f) }', variables: { f: { since: '2026-02-30', limit: 'ten' } } },
  { query: 'query ($l: Lookup) { search(filter: {}, lookup: $l) }', variables: { l: { id: '1', name: 'x' } } },
  { query: 'query ($id: ID!) { node(id: $id) { id } }', variables: {} },
  // No operation to run, or an ambiguous one: graphql-js's own error.
  { query: 'query A { cities { id } } query B { cities { name } }' },
];

function args(schema: GraphQLSchema, query: string, variables?: Record<string, unknown>): ExecutionArgs {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return { schema, document, variableValues: variables, contextValue: {} };
}

describe('compiled execution (graphql-jit) answers as graphql-js does', () => {
  it.each(OPERATIONS.map((operation) => [operation.query, operation] as const))('%s', async (_name, { query, variables }) => {
    const { schema } = buildSchema();
    const compiled = await compiledExecute(schema)(args(schema, query, variables));
    const reference = await execute(args(schema, query, variables));
    expect(compareResults(compiled, reference, formatError)).toEqual([]);
    // Errors are graphql-js's own class, located at their field nodes as Apollo expects.
    for (const error of compiled.errors ?? []) expect(error.constructor.name).toBe('GraphQLError');
  });

  it('compiles each operation once and keeps it by its text', async () => {
    const { schema } = buildSchema();
    const refused = jest.fn();
    const run = compiledExecute(schema, { onRefused: refused });
    const first = await run(args(schema, '{ cities { name } }'));
    const again = await run(args(schema, '{ cities { name } }'));
    expect(again).toEqual(first);
    expect(refused).not.toHaveBeenCalled();
  });

  it('runs subscription events compiled, and their errors as graphql-js does', async () => {
    const results: ExecutionResult[][] = [];
    for (const run of [(schema: GraphQLSchema) => compiledExecute(schema), () => execute as Execute]) {
      const { schema } = buildSchema();
      const stream = await subscribeWith(run(schema))(args(schema, 'subscription { ticks { id name } }'));
      const events: ExecutionResult[] = [];
      for await (const event of stream as AsyncIterable<ExecutionResult>) events.push(event);
      results.push(events);
    }
    expect(results[0]).toHaveLength(2);
    results[0].forEach((event, i) => expect(compareResults(event, results[1][i], formatError)).toEqual([]));
  });
});

describe('verify mode', () => {
  let logFile: string;
  beforeEach(() => {
    logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-verify-')), 'mismatches.jsonl');
  });

  function verifier(schema: GraphQLSchema, compiled: (real: Execute) => Execute) {
    recordResolvers(schema);
    const mismatches: Mismatch[] = [];
    const execute = verifyingExecute({ compiled: compiled(compiledExecute(schema)), formatError, logFile, onMismatch: (m) => mismatches.push(m) });
    return { execute, mismatches };
  }
  const loggedLines = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []);

  it.each(OPERATIONS.map((operation) => [operation.query, operation] as const))('lets the compiled answer through: %s', async (_name, { query, variables }) => {
    const { schema } = buildSchema();
    const { execute: verified, mismatches } = verifier(schema, (real) => real);
    const result = await verified(args(schema, query, variables));
    expect(mismatches).toEqual([]);
    expect(compareResults(result, await execute(args(schema, query, variables)), formatError)).toEqual([]);
  });

  it("runs a mutation's resolvers once, compares the completion over their recorded results", async () => {
    const { schema, state } = buildSchema();
    const { execute: verified, mismatches } = verifier(schema, (real) => real);
    const result = await verified(args(schema, 'mutation { a: bump(by: 2) b: bump(by: 3) refuse }'));
    expect(mismatches).toEqual([]);
    expect(state.bumps).toBe(5);
    expect(result.data).toEqual({ a: 2, b: 5, refuse: null });
    expect(result.errors?.map((e) => formatError(e.toJSON(), e).extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'by' }]);
  });

  it('catches an executor whose data differs', async () => {
    const { schema } = buildSchema();
    const { execute: verified, mismatches } = verifier(schema, (real) => async (a) => {
      const result = await real(a);
      return { ...result, data: { ...result.data, cities: [] } };
    });
    const result = await verified(args(schema, '{ cities { name } }'));
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => formatError(e.toJSON(), e))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Compiled execution differs from graphql-js: data differs/), extensions: { code: 'EXECUTION_MISMATCH' } }),
    ]);
    expect(mismatches).toHaveLength(1);
    expect(loggedLines()).toHaveLength(1);
    expect(JSON.parse(loggedLines()[0])).toMatchObject({ query: '{ cities { name } }', problems: [expect.stringContaining('data differs')] });
  });

  it("catches an executor whose error is masked differently or has other extensions", async () => {
    const { schema } = buildSchema();
    const { execute: verified, mismatches } = verifier(schema, (real) => async (a) => {
      const result = await real(a);
      // As graphql-jit's own error class would: the DomainError behind the error is lost.
      return { ...result, errors: result.errors?.map((e) => Object.assign(Object.create(Object.getPrototypeOf(e)), e, { originalError: undefined, extensions: {} })) };
    });
    await verified(args(schema, '{ denied }'));
    expect(mismatches.map((m) => m.problems)).toEqual([[expect.stringMatching(/^error 0 differs: .*Not yours.*Internal server error|^error 0 differs: .*Internal server error.*Not yours/)]]);
    expect(loggedLines()).toHaveLength(1);
  });

  it('catches an executor that calls a resolver with other arguments, though the answers agree', async () => {
    const { schema, state } = buildSchema();
    const { execute: verified, mismatches } = verifier(schema, (real) => (a) => real({ ...a, variableValues: { by: 0 } }));
    const result = await verified(args(schema, 'mutation ($by: Int!) { bump(by: $by) }', { by: 4 }));
    expect(result.errors?.[0].extensions.code).toBe('EXECUTION_MISMATCH');
    expect(mismatches[0].problems).toEqual(expect.arrayContaining([expect.stringMatching(/^bump: arguments differ/)]));
    expect(state.bumps).toBe(0);
  });

  it('catches a subscription event that differs', async () => {
    const { schema } = buildSchema();
    const { execute: verified, mismatches } = verifier(schema, (real) => async (a) => {
      const result = await real(a);
      return { ...result, errors: undefined };
    });
    const stream = await subscribeWith(verified)(args(schema, 'subscription { ticks { id name } }'));
    const events: ExecutionResult[] = [];
    for await (const event of stream as AsyncIterable<ExecutionResult>) events.push(event);
    expect(events[0].errors).toBeUndefined();
    expect(events[1].errors?.[0].extensions.code).toBe('EXECUTION_MISMATCH');
    expect(mismatches).toHaveLength(1);
  });
});
