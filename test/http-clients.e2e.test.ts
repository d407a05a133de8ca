import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { cacheExchange, createClient as createUrqlClient, fetchExchange } from '@urql/core';
import { serverAudits } from 'graphql-http';
import { describeEachDatabase } from './support/each-database';
import { startTestServer, type TestServer } from './support/test-server';

const APP = 'https://kerjasama.denpasarkota.go.id';
const DEV_APP = 'http://localhost:5173';
/** Origins a browser could send that must not pass as APP: other scheme, port, sub- or look-alike domain. */
const STRANGERS = ['https://evil.example', 'http://kerjasama.denpasarkota.go.id', 'https://kerjasama.denpasarkota.go.id:8443', 'https://kerjasama.denpasarkota.go.id.evil.example', 'null'];
const CLIENT_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'];

function accessControlHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

function preflight(url: string, origin: string, method = 'POST', headers = 'content-type,authorization') {
  return fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });
}

/** A fetch that remembers the method of every request, to see what a client library really sent. */
function recordingFetch(methods: string[]): typeof fetch {
  return (input, init) => {
    methods.push(init?.method ?? (input instanceof Request ? input.method : 'GET'));
    return fetch(input, init);
  };
}

describeEachDatabase('browsers and GraphQL clients over HTTP', (dialect) => {
  let t: TestServer;
  let viewer: string;
  let officer: string;
  let csvUrl: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'http-clients', { config: { corsOrigins: [APP, DEV_APP] } });
    viewer = await t.login('viewer@jalin.local');
    officer = await t.login('officer@jalin.local');
    csvUrl = t.url.replace('/graphql', '/reports/cooperation.csv');
  });
  afterAll(() => t?.close());

  describe('CORS', () => {
    it('answers a preflight from a listed origin on /graphql and the reports, with what a GraphQL client sends', async () => {
      for (const [url, origin, method] of [[t.url, APP, 'POST'], [t.url, DEV_APP, 'GET'], [csvUrl, APP, 'GET']]) {
        const response = await preflight(url, origin, method, CLIENT_HEADERS.join(','));
        expect(response.status).toBe(204);
        const headers = accessControlHeaders(response);
        expect(headers['access-control-allow-origin']).toBe(origin);
        expect(headers['access-control-allow-methods'].split(',')).toEqual(expect.arrayContaining(['GET', 'POST']));
        expect(headers['access-control-allow-headers'].split(',')).toEqual(expect.arrayContaining(CLIENT_HEADERS));
        // Bearer tokens are set by the page, never sent by the browser on its own: no credentials mode.
        expect(headers['access-control-allow-credentials']).toBeUndefined();
        expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
      }
    });

    it('refuses a preflight from any other origin, and never names it in an Access-Control header', async () => {
      for (const origin of STRANGERS) {
        for (const url of [t.url, csvUrl]) {
          const response = await preflight(url, origin);
          expect(response.status).toBe(403);
          expect(accessControlHeaders(response)).toEqual({});
          expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
          expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');
        }
      }
    });

    it('lets a listed origin read the answers of its requests; another origin gets the answer without CORS headers', async () => {
      const body = JSON.stringify({ query: '{ me { email } }' });
      const allowed = await fetch(t.url, { method: 'POST', headers: { origin: APP, 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body });
      expect(allowed.status).toBe(200);
      expect(accessControlHeaders(allowed)).toMatchObject({ 'access-control-allow-origin': APP });
      expect(allowed.headers.get('vary')).toMatch(/\bOrigin\b/);
      expect(await allowed.json()).toEqual({ data: { me: { email: 'viewer@jalin.local' } } });

      // A browser would have stopped at the preflight; a non-browser client is answered, but no origin is echoed.
      const stranger = await fetch(t.url, { method: 'POST', headers: { origin: STRANGERS[0], 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body });
      expect(stranger.status).toBe(200);
      expect(accessControlHeaders(stranger)).toEqual({});

      const csv = await fetch(`${csvUrl}?countryCodes=AU`, { headers: { origin: DEV_APP, authorization: `Bearer ${viewer}` } });
      expect(csv.status).toBe(200);
      expect(accessControlHeaders(csv)).toMatchObject({ 'access-control-allow-origin': DEV_APP, 'access-control-expose-headers': 'Content-Disposition' });
      expect(csv.headers.get('content-disposition')).toMatch(/cooperation-report-/);
    });
  });

  describe('CSRF prevention', () => {
    it('still refuses a simple text/plain POST from a listed origin that carries no preflight-forcing header', async () => {
      const before = await t.gql<{ partnerCities: { totalCount: number } }>('{ partnerCities { totalCount } }', {}, officer);
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { origin: APP, 'content-type': 'text/plain' },
        body: JSON.stringify({ query: 'mutation { login(email: "viewer@jalin.local", password: "jalin-demo") { token } }' }),
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toMatch(/Cross-Site Request Forgery/);
      expect(text).not.toMatch(/"token"/);
      const after = await t.gql<{ partnerCities: { totalCount: number } }>('{ partnerCities { totalCount } }', {}, officer);
      expect(after.data?.partnerCities.totalCount).toBe(before.data!.partnerCities.totalCount);
    });

    it('runs a signed-in GET query with no other header, and still refuses an anonymous one', async () => {
      const query = encodeURIComponent('{ me { email } }');
      const signedIn = await fetch(`${t.url}?query=${query}`, { headers: { authorization: `Bearer ${viewer}` } });
      expect(signedIn.status).toBe(200);
      expect(await signedIn.json()).toEqual({ data: { me: { email: 'viewer@jalin.local' } } });

      const anonymous = await fetch(`${t.url}?query=${query}`);
      expect(anonymous.status).toBe(400);
      expect(await anonymous.text()).toMatch(/Cross-Site Request Forgery/);
    });

    it('never runs a mutation over GET, token or not', async () => {
      const before = await t.gql<{ partnerCities: { totalCount: number } }>('{ partnerCities { totalCount } }', {}, officer);
      const mutation = encodeURIComponent('mutation { createPartnerCity(input: { name: "Kyoto", region: "Kyoto", countryCode: "JP", level: CITY }) { id } }');
      const response = await fetch(`${t.url}?query=${mutation}`, { headers: { authorization: `Bearer ${officer}` } });
      expect(response.status).toBe(405);
      const after = await t.gql<{ partnerCities: { totalCount: number } }>('{ partnerCities { totalCount } }', {}, officer);
      expect(after.data?.partnerCities.totalCount).toBe(before.data!.partnerCities.totalCount);
    });

    it('treats an Authorization header a browser could add by itself (remembered Basic credentials) as no sign-in', async () => {
      const response = await fetch(`${t.url}?query=${encodeURIComponent('{ me { email } }')}`, { headers: { authorization: `Basic ${Buffer.from('viewer@jalin.local:jalin-demo').toString('base64')}` } });
      const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.data ?? null).toBeNull();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('real clients with their defaults', () => {
    const AGREEMENTS = 'query Agreements($countryCodes: [String!]) { agreements(first: 5, filter: { countryCodes: $countryCodes }) { totalCount edges { node { title partnerCity { country { code } } } } } }';
    type AgreementsData = { agreements: { totalCount: number; edges: { node: { title: string; partnerCity: { country: { code: string } } } }[] } };

    it('Apollo Client (queries over GET) runs a signed-in query and a mutation', async () => {
      const methods: string[] = [];
      const client = new ApolloClient({
        link: new HttpLink({ uri: t.url, useGETForQueries: true, headers: { authorization: `Bearer ${officer}` }, fetch: recordingFetch(methods) }),
        cache: new InMemoryCache(),
      });
      try {
        const { data } = await client.query<AgreementsData>({ query: gql(AGREEMENTS), variables: { countryCodes: ['AU'] } });
        expect(data!.agreements.totalCount).toBeGreaterThan(0);
        expect(data!.agreements.edges.every((edge) => edge.node.partnerCity.country.code === 'AU')).toBe(true);
        const created = await client.mutate<{ createPartnerCity: { id: string; name: string } }>({
          mutation: gql('mutation { createPartnerCity(input: { name: "Fukuoka", region: "Fukuoka Prefecture", countryCode: "JP", level: CITY }) { id name } }'),
        });
        expect(created.data?.createPartnerCity.name).toBe('Fukuoka');
        expect(methods).toEqual(['GET', 'POST']);
      } finally {
        client.stop();
      }
    });

    it('urql (its default fetch options: queries over GET) runs a signed-in query', async () => {
      const methods: string[] = [];
      const client = createUrqlClient({
        url: t.url,
        exchanges: [cacheExchange, fetchExchange],
        fetch: recordingFetch(methods),
        fetchOptions: () => ({ headers: { authorization: `Bearer ${viewer}` } }),
      });
      const result = await client.query<AgreementsData>(AGREEMENTS, { countryCodes: ['AU'] }).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data!.agreements.totalCount).toBeGreaterThan(0);
      expect(methods).toEqual(['GET']);
    });
  });

  it('passes the graphql-over-HTTP audits of graphql-http (no error; the warnings are the documented 400s)', async () => {
    // Everything but `login` needs a token, so every audit request carries one.
    const fetchFn: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${viewer}`);
      return fetch(input, { ...init, headers });
    };
    const results = await Promise.all(serverAudits({ url: t.url, fetchFn }).map((audit) => audit.fn()));
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((result) => result.status === 'error').map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
    // Jalin answers a query that does not parse or validate, or whose variables are wrong, with 400
    // (README, Errors), where the spec would rather see 200 for application/json. Nothing else.
    expect(results.filter((result) => result.status === 'warn').map((result) => result.name).sort()).toEqual([
      'SHOULD use 200 status code on document parsing failure when accepting application/json',
      'SHOULD use 200 status code on document validation failure when accepting application/json',
      'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
    ]);
  });
});
