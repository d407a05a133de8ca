import { buildSchema, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { clearLoaders, createLoaders } from '../src/loaders';
import { createDocumentCache } from '../src/subscriptions/document-cache';
import { startTestServer, type TestServer } from './support/test-server';

describe('request loaders', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', 'loaders');
  });
  afterAll(() => t?.close());

  it('are made on first use, one per kind and request, and clearLoaders forgets what the used ones cached', async () => {
    const loaders = createLoaders(t.server.dataSource);
    const other = createLoaders(t.server.dataSource);
    expect(Object.keys(loaders)).toEqual([]);
    const opd = loaders.opd;
    expect(loaders.opd).toBe(opd);
    expect(other.opd).not.toBe(opd);
    expect(Object.keys(loaders)).toEqual(['opd']);

    const first = await t.sql.count(() => loaders.opd.load(1));
    expect(first.count).toBe(1);
    expect(first.result).toMatchObject({ id: 1 });
    expect((await t.sql.count(() => loaders.opd.load(1))).count).toBe(0);
    clearLoaders(loaders);
    expect((await t.sql.count(() => loaders.opd.load(1))).count).toBe(1);
    // Clearing touched no other loader into existence.
    expect(Object.keys(loaders)).toEqual(['opd']);
  });
});

describe('the WebSocket document cache', () => {
  const schema: GraphQLSchema = buildSchema('type Query { a: Int b: Int }');
  const counting = () => {
    const seen: DocumentNode[] = [];
    return { seen, validate: (s: GraphQLSchema, d: DocumentNode) => (seen.push(d), validate(s, d)) };
  };

  it('shares one document per operation text and validates it once, errors included', () => {
    const check = counting();
    const cache = createDocumentCache({ validate: check.validate });
    const one = cache.parse('{ a }');
    expect(cache.parse('{ a }')).toBe(one);
    expect(cache.parse('{ b }')).not.toBe(one);
    expect(cache.validate(schema, one)).toEqual([]);
    expect(cache.validate(schema, cache.parse('{ a }'))).toEqual([]);
    const bad = cache.parse('{ c }');
    const errors = cache.validate(schema, bad);
    expect(errors.map((e) => e.message)).toEqual(['Cannot query field "c" on type "Query". Did you mean "a" or "b"?']);
    expect(cache.validate(schema, cache.parse('{ c }'))).toBe(errors);
    expect(check.seen).toEqual([one, bad]);
    // Another schema is validated on its own.
    const other = buildSchema('type Query { c: Int }');
    expect(cache.validate(other, bad)).toEqual([]);
    expect(() => cache.parse('{ a')).toThrow(/Syntax Error/);
  });

  it('keeps a bounded number of short operations', () => {
    const cache = createDocumentCache({ maxEntries: 2, maxQueryLength: 20 });
    const long = `{ a ${' '.repeat(30)}}`;
    expect(cache.parse(long)).not.toBe(cache.parse(long));
    cache.parse('{ a }');
    cache.parse('{ b }');
    expect(cache.size).toBe(2);
    cache.parse('{ a b }');
    expect(cache.size).toBe(1);
  });
});
