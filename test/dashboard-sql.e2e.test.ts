import { Agreement, AgreementKind, AgreementStatus, DraftActivity, ActivityDecision, Opd, PartnerCity } from '../src/entities';
import { keysBetween } from '../src/services/order-keys';
import { describeEachDatabase } from './support/each-database';
import { gid } from './support/ids';
import { besidesUserLookup } from '../src/sql-counter';
import { startTestServer, type TestServer } from './support/test-server';

const DASHBOARD = /* GraphQL */ `
  query Dashboard {
    agreements(first: 50) {
      totalCount
      edges { node { id title fields partnerCity { name country { name } } activities { title opd { code } } documents { kind } history { toStatus actor { email } } } }
    }
  }
`;

/** Adds `agreements` agreements with `activitiesEach` activities each, straight into the database. */
async function grow(t: TestServer, agreements: number, activitiesEach: number) {
  const ds = t.server.dataSource;
  const cities = await ds.getRepository(PartnerCity).find();
  const opds = await ds.getRepository(Opd).find();
  for (let i = 0; i < agreements; i++) {
    const agreement = await ds.getRepository(Agreement).save(
      ds.getRepository(Agreement).create({
        title: `Generated agreement ${i}`,
        kind: AgreementKind.OTHER_COOPERATION,
        partnerCityId: cities[i % cities.length].id,
        scope: 'generated',
        status: AgreementStatus.PLAN_DRAFTING,
        statusChangedAt: new Date(),
        archivedAt: null,
      }),
    );
    const positions = keysBetween(null, null, activitiesEach);
    await ds.getRepository(DraftActivity).insert(
      positions.map((position, j) => ({
        agreementId: agreement.id,
        opdId: opds[j % opds.length].id,
        title: `Activity ${j}`,
        scope: 's',
        benefit: 'b',
        output: 'o',
        decision: ActivityDecision.PROPOSED,
        position,
        version: 1,
        fieldVersions: {},
        removedAt: null,
        updatedById: null,
      })),
    );
  }
}

describeEachDatabase('dashboard query SQL statements', (dialect) => {
  let t: TestServer;
  let token: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'dashboard-sql');
    token = await t.login('viewer@jalin.local');
  });
  afterAll(() => t?.close());

  it('does not grow with the number of agreements or activities', async () => {
    const measure = async () => {
      const { result, count, statements } = besidesUserLookup(await t.sql.count(() => t.gql<{ agreements: { edges: unknown[] } }>(DASHBOARD, {}, token)));
      expect(result.errors).toBeUndefined();
      return { count, statements, rows: result.data!.agreements.edges.length };
    };
    const small = await measure();
    expect(small.rows).toBe(6);

    await grow(t, 60, 12);
    const large = await measure();
    expect(large.rows).toBe(50);

    expect(large.count).toBe(small.count);
    // Besides the signed-in user's lookup (besidesUserLookup in src/sql-counter.ts): the response cache's data version (a miss:
    // the data changed), count, page, partner cities, countries, fields, activities, OPDs, documents,
    // history, actors
    expect(large.count).toBeLessThanOrEqual(11);
  });

  it("gives each activity its OPD however the query asks for it, with one OPD statement, and answers 'cache-control: no-store' without an ETag", async () => {
    const shapes = {
      direct: 'query { agreements(first: 50) { edges { node { id activities { id opdId: opd { id code } } } } } }',
      inline: 'query { agreements(first: 50) { edges { node { id activities { id ... on DraftActivity { opdId: opd { id code } } } } } } }',
      named: 'query { agreements(first: 50) { edges { node { id activities { id ...A } } } } } fragment A on DraftActivity { opdId: opd { id code } }',
    };
    type Page = { agreements: { edges: { node: { id: string; activities: { id: string; opdId: { id: string; code: string } }[] } }[] } };
    const expected = new Map(
      (await t.server.dataSource.getRepository(DraftActivity).find({ relations: { opd: true } })).map((a) => [gid('DraftActivity', a.id), { id: gid('Opd', a.opd!.id), code: a.opd!.code }]),
    );
    for (const [shape, query] of Object.entries(shapes)) {
      const { result, statements } = await t.sql.count(() => t.gql<Page>(query, {}, token));
      expect(result.errors).toBeUndefined();
      const activities = result.data!.agreements.edges.flatMap((e) => e.node.activities);
      expect(activities.length).toBeGreaterThan(50);
      for (const activity of activities) expect([shape, activity.opdId]).toEqual([shape, expected.get(activity.id)]);
      expect([shape, statements.filter((sql) => /FROM [`"]opd[`"]/.test(sql)).length]).toEqual([shape, 1]);
    }
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ opds { code } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });
});
