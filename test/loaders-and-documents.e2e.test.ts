import { buildSchema, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { IsNull, In } from 'typeorm';
import { ActivityDecision, DraftActivity, FundingSource } from '../src/entities';
import { clearLoaders, createLoaders, liveActivitiesOf } from '../src/loaders';
import { describeEachDatabase } from './support/each-database';
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

describeEachDatabase('live activities read without the query builder', (dialect) => {
  let t: TestServer;
  afterAll(() => t?.close());

  it("are the entities TypeORM's find gives, in the same order, every column converted the same", async () => {
    t = await startTestServer(dialect, 'raw-activities');
    const repository = t.server.dataSource.getRepository(DraftActivity);
    const [sample] = await repository.find({ take: 1 });
    // Every kind of value: nulls and set optional columns, a big budget, a removed one (left out).
    await repository.insert([
      { ...sample, id: undefined, title: 'Full', year: 2027, budgetEstimate: 9_007_199_254_740, fundingSource: FundingSource.APBD, decision: ActivityDecision.ACCEPTED, position: `${sample.position}5`, fieldVersions: { title: 3, scope: 2 } },
      { ...sample, id: undefined, title: 'Gone', position: `${sample.position}6`, removedAt: new Date('2026-01-02T03:04:05.678Z') },
    ]);
    const ids = [...new Set((await repository.find({ select: { agreementId: true } })).map((a) => a.agreementId))];
    const expected = await repository.find({ where: { agreementId: In(ids), removedAt: IsNull() }, order: { agreementId: 'ASC', position: 'ASC', id: 'ASC' } });
    const actual = await liveActivitiesOf(t.server.dataSource, ids);
    expect(actual.length).toBeGreaterThan(10);
    expect(actual).toEqual(expected);
    expect(actual.every((a) => a instanceof DraftActivity && a.createdAt instanceof Date)).toBe(true);
    expect(actual.find((a) => a.title === 'Full')).toMatchObject({ year: 2027, budgetEstimate: 9_007_199_254_740, fieldVersions: { title: 3, scope: 2 } });
    expect(actual.some((a) => a.title === 'Gone')).toBe(false);
    expect(await liveActivitiesOf(t.server.dataSource, [])).toEqual([]);
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
