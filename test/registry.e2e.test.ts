import { describeEachDatabase } from './support/each-database';
import { gid } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';
import { expectNoInternals } from './support/no-internals';

const AGREEMENTS = /* GraphQL */ `
  query Agreements($filter: AgreementFilter, $first: Int, $after: String) {
    agreements(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id title status fields partnerCity { name country { code } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

type AgreementsData = {
  agreements: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; title: string; status: string; fields: string[]; partnerCity: { name: string; country: { code: string } } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};


describeEachDatabase('cooperation registry over HTTP', (dialect) => {
  let t: TestServer;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'registry');
    viewer = await t.login('viewer@jalin.local');
  });
  afterAll(() => t?.close());

  describe('authentication gate', () => {
    it('signs in each demo user and returns who they are', async () => {
      for (const [email, role] of [
        ['admin@jalin.local', 'ADMIN'],
        ['officer@jalin.local', 'OFFICER'],
        ['bappeda@jalin.local', 'OPD_EDITOR'],
        ['dispar@jalin.local', 'OPD_EDITOR'],
        ['viewer@jalin.local', 'VIEWER'],
      ]) {
        const token = await t.login(email);
        const me = await t.gql<{ me: { email: string; role: string; opd: { code: string } | null } }>('{ me { email role opd { code } } }', {}, token);
        expect(me.data?.me).toMatchObject({ email, role });
      }
      const bappeda = await t.gql<{ me: { opd: { code: string } } }>('{ me { opd { code } } }', {}, await t.login('bappeda@jalin.local'));
      expect(bappeda.data?.me.opd.code).toBe('BAPPEDA');
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const query = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
      const wrongPassword = await t.gql(query, { e: 'admin@jalin.local', p: 'not-the-password' });
      const unknownEmail = await t.gql(query, { e: 'nobody@jalin.local', p: 'jalin-demo' });
      for (const result of [wrongPassword, unknownEmail]) {
        expect(result.data).toBeNull();
        expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(result.errors?.[0].message).toBe('Wrong email or password');
      }
      const notAnEmail = await t.gql(query, { e: 'admin', p: 'x' });
      expect(notAnEmail.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it.each([
      ['no token', null],
      ['a forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaXNzIjoiamFsaW4ifQ.c2lnbmF0dXJlLWZvcmdlZA'],
      ['garbage', 'not-a-jwt'],
    ])('refuses every query with %s as UNAUTHENTICATED', async (_label, token) => {
      for (const query of ['{ countries { code } }', '{ opds { code } }', '{ agreements { totalCount } }', `{ agreement(id: "${gid('Agreement', 1)}") { id } }`, '{ me { id } }']) {
        const result = await t.gql(query, {}, token);
        expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        // A nullable root field comes back as null; a non-null one nulls the whole data.
        expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
        expectNoInternals(result);
      }
    });

    it('still lets someone with a stale token sign in again', async () => {
      const result = await t.gql<{ login: { token: string } }>(
        'mutation { login(email: "viewer@jalin.local", password: "jalin-demo") { token } }',
        {},
        'stale.token.value',
      );
      expect(result.data?.login.token).toEqual(expect.any(String));
    });
  });

  describe('reference lists', () => {
    it('lists countries, OPDs and partner cities, by country', async () => {
      const result = await t.gql<{ countries: { code: string }[]; opds: { code: string }[]; partnerCities: { nodes: { name: string; country: { name: string } }[] } }>(
        '{ countries { code name } opds { code name } partnerCities { nodes { name region level indonesianMission country { name } } } }',
        {},
        viewer,
      );
      // Every ISO 3166-1 alpha-2 country is loaded (a data migration), so partner cities can be anywhere.
      expect(result.data?.countries).toHaveLength(249);
      expect(result.data?.countries.map((c) => c.code)).toEqual(expect.arrayContaining(['AU', 'CN', 'ZA', 'KR', 'VN', 'JP', 'NL']));
      expect(result.data?.opds.map((o) => o.code)).toEqual(expect.arrayContaining(['BAPPEDA', 'DISPAR', 'DISBUD', 'DISDIK', 'DISKOP-UMKM', 'BAG-KS']));
      expect(result.data?.partnerCities.nodes).toHaveLength(6);
      const australian = await t.gql<{ partnerCities: { nodes: { name: string }[] } }>('{ partnerCities(countryCode: "au") { nodes { name } } }', {}, viewer);
      expect(australian.data?.partnerCities.nodes.map((c) => c.name)).toEqual(['Darwin', 'Perth']);
    });

    it('refuses an unknown country code', async () => {
      const result = await t.gql('{ partnerCities(countryCode: "XX") { totalCount } }', {}, viewer);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/Unknown country code: XX/);
    });
  });

  describe('agreements', () => {
    it("tells Denpasar's story: three being drafted, Darwin in force, two in exploration", async () => {
      const result = await t.gql<AgreementsData>(AGREEMENTS, { first: 100 }, viewer);
      const byCity = Object.fromEntries(result.data!.agreements.edges.map((e) => [e.node.partnerCity.name, e.node.status]));
      expect(byCity).toEqual({
        Perth: 'PLAN_DRAFTING',
        'Mossel Bay': 'PLAN_DRAFTING',
        Gyeongju: 'PLAN_DRAFTING',
        Darwin: 'MOU_IN_FORCE',
        'Huế': 'EXPLORATION',
        'Nansha (Guangzhou)': 'EXPLORATION',
      });
      expect(result.data!.agreements.totalCount).toBe(6);
    });

    it("includes Bappeda's entrepreneur exchange with Perth, complete and in board order", async () => {
      const list = await t.gql<AgreementsData>(AGREEMENTS, { filter: { search: 'perth' } }, viewer);
      const perthId = list.data!.agreements.edges[0].node.id;
      const result = await t.gql<{ agreement: { activities: { title: string; scope: string; benefit: string; output: string; position: string; version: number; decision: string; updatedAt: string; opd: { code: string }; agreement: { id: string } }[]; documents: { kind: string }[]; history: { toStatus: string; actor: { email: string } | null }[] } }>(
        `query($id: ID!) { agreement(id: $id) {
            activities { title scope benefit output position version decision updatedAt opd { code } agreement { id } }
            documents { kind number signedOn }
            history { fromStatus toStatus at note actor { email } } } }`,
        { id: perthId },
        viewer,
      );
      const agreement = result.data!.agreement;
      const exchange = agreement.activities.find((a) => a.opd.code === 'BAPPEDA');
      expect(exchange).toMatchObject({
        title: 'Exchange programme for entrepreneurs and start-up owners',
        scope: 'Creative economy ecosystem',
        decision: 'ACCEPTED',
        version: 1,
        agreement: { id: perthId },
      });
      expect(exchange!.output).toMatch(/focus industry/);
      const positions = agreement.activities.map((a) => a.position);
      expect([...positions].sort()).toEqual(positions);
      for (const activity of agreement.activities) {
        expect(activity.scope && activity.benefit && activity.output).toBeTruthy();
      }
      expect(agreement.documents.map((d) => d.kind)).toEqual(['LETTER_OF_INTENT']);
      expect(agreement.history.map((h) => h.toStatus)).toEqual(['EXPLORATION', 'LOI_SIGNED', 'PLAN_DRAFTING']);
    });

    it('pages through with cursors without gaps or repeats', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const result: { data?: AgreementsData | null } = await t.gql<AgreementsData>(AGREEMENTS, { first: 4, after }, viewer);
        const connection: AgreementsData['agreements'] = result.data!.agreements;
        expect(connection.totalCount).toBe(6);
        seen.push(...connection.edges.map((e) => e.node.id));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
        pages++;
      } while (after);
      expect(pages).toBe(2);
      expect(new Set(seen).size).toBe(6);
    });

    it('filters by status, country, partner city, field and text', async () => {
      const count = async (filter: Record<string, unknown>) => (await t.gql<AgreementsData>(AGREEMENTS, { filter }, viewer)).data!.agreements;
      expect((await count({ statuses: ['PLAN_DRAFTING'] })).totalCount).toBe(3);
      expect((await count({ countryCodes: ['AU'] })).edges.map((e) => e.node.partnerCity.name).sort()).toEqual(['Darwin', 'Perth']);
      expect((await count({ countryCodes: ['AU'], statuses: ['MOU_IN_FORCE'] })).totalCount).toBe(1);
      expect((await count({ fields: ['TRADE_INVESTMENT'] })).edges.map((e) => e.node.partnerCity.name)).toEqual(['Nansha (Guangzhou)']);
      expect((await count({ search: 'HERITAGE' })).totalCount).toBe(2);
      expect((await count({ search: '100%_' })).totalCount).toBe(0);
      const cities = await t.gql<{ partnerCities: { nodes: { id: string; name: string }[] } }>('{ partnerCities { nodes { id name } } }', {}, viewer);
      const darwin = cities.data!.partnerCities.nodes.find((c) => c.name === 'Darwin')!;
      expect((await count({ partnerCityId: darwin.id })).edges.map((e) => e.node.partnerCity.name)).toEqual(['Darwin']);
    });

    it('returns null for an agreement that does not exist', async () => {
      const result = await t.gql(`{ agreement(id: "${gid('Agreement', 999999)}") { id } }`, {}, viewer);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ agreement: null });
    });
  });

  describe('bad input', () => {
    it.each([
      ['first above the cap', { first: 101 }, /"first" must be between 1 and 100/],
      ['first of zero', { first: 0 }, /"first" must be between 1 and 100/],
      ['a malformed cursor', { after: 'bm90LWEtY3Vyc29y' }, /not a cursor/],
      ['an unknown country', { filter: { countryCodes: ['AU', 'QQ'] } }, /Unknown country code\(s\): QQ/],
      ['a country code of three letters', { filter: { countryCodes: ['AUS'] } }, /two letters/],
      ['an over-long search', { filter: { search: 'x'.repeat(201) } }, /search/],
      ['a malformed partner city id', { filter: { partnerCityId: 'abc' } }, /partnerCityId/],
    ])('refuses %s with BAD_USER_INPUT', async (_label, variables, message) => {
      const result = await t.gql(AGREEMENTS, variables, viewer);
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(message);
      expectNoInternals(result);
    });

    it('refuses a malformed agreement id', async () => {
      const result = await t.gql('{ agreement(id: "1 OR 1=1") { id } }', {}, viewer);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('answers malformed requests with HTTP 400 and a GraphQL error body', async () => {
      const post = (body: string) =>
        fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body });
      const badJson = await post('{"query": "{ countries { code }');
      expect(badJson.status).toBe(400);
      const badJsonBody = (await badJson.json()) as { errors: { message: string }[] };
      expect(badJsonBody.errors[0].message).toMatch(/not valid JSON/);
      expectNoInternals(badJsonBody);

      const syntax = await post(JSON.stringify({ query: '{ countries { code ' }));
      expect(syntax.status).toBe(400);
      expect(((await syntax.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');

      const unknownField = await post(JSON.stringify({ query: '{ countries { secret } }' }));
      expect(unknownField.status).toBe(400);
      expect(((await unknownField.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

      const huge = await post(JSON.stringify({ query: '{ countries { code } }', padding: 'x'.repeat(200_000) }));
      expect(huge.status).toBe(413);
      expectNoInternals(await huge.json());
    });
  });

  describe('over WebSocket', () => {
    it('answers the same queries through graphql-ws with a token in connectionParams', async () => {
      const client = t.ws(viewer);
      const results = [];
      for await (const result of client.iterate<{ countries: { code: string }[] }>({ query: '{ countries { code } }' })) results.push(result);
      expect(results).toHaveLength(1);
      expect(results[0].data?.countries).toHaveLength(249);
      await client.dispose();
    });

    it('refuses a socket without a valid token at connection_init', async () => {
      for (const token of [null, 'forged.token.value']) {
        const closed = new Promise<number>((resolve) => {
          const client = t.ws(token, { on: { closed: (event) => resolve((event as { code: number }).code) } });
          client.subscribe({ query: '{ countries { code } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
        });
        expect(await closed).toBe(4401);
      }
    });
  });

  describe('health', () => {
    it('answers 200 while the database answers', async () => {
      const response = await fetch(t.url.replace('/graphql', '/healthz'));
      expect(response.status).toBe(200);
    });
  });
});
