import fc from 'fast-check';
import { describeEachDatabase } from './support/each-database';
import { Fixtures } from './support/fixtures';
import { bearer, rawSocket } from './support/raw-socket';
import { gid } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';

/** Codes a refused request may carry: each says what was wrong. Never INTERNAL_SERVER_ERROR. */
const CLEAR_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'QUERY_TOO_COMPLEX', 'FORBIDDEN', 'UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS']);
const INTERNALS = /stacktrace|\bat .+\.(ts|js):\d+|SELECT |INSERT |UPDATE `|QueryFailedError|SQLITE_|\bER_[A-Z]|node_modules|TypeError|RangeError/;

const FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE user; --",
  '" ; DELETE FROM agreement; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${process.exit(1)}',
  '../../etc/passwd',
  '\u0000',
  '\u202e\u202d',
  '\u200b\u0001',
  '🇮🇩🏝️👩🏽‍💻',
  'Ñoño ẞ ǅ İ',
  '%s%s%n',
  'NaN',
  '-1',
  '__proto__',
  'constructor',
];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...FRAGMENTS),
  fc.constantFrom(...FRAGMENTS).map((s) => s.repeat(50)),
  fc.integer({ min: 190, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 3_000 }).map((n) => '😀'.repeat(n)),
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 241, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, -1e308, 0.5),
  fc.double({ noNaN: true }),
);

/** Any JSON value, including the wrong type for the field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A value that is plausible for the field, or a hostile one: most runs get past type checks. */
const field = (plausible: fc.Arbitrary<unknown>) => fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: hostileValue });
const idLike = (valid: () => string) =>
  fc.oneof(
    fc.constant(null).map(() => valid()),
    fc.constantFrom('0', '1', '-1', '99999999', '1e3', ' 1', '1; DROP TABLE user', '0x10', '4294967296', gid('Agreement', 99999999), gid('User', 1), gid('Country', 'AU')),
    hostileString,
  );
const enumOf = (...values: string[]) => fc.oneof(fc.constantFrom(...values), hostileString);
const date = fc.oneof(fc.date({ min: new Date('1850-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('2024-02-30', '2024-13-01', '0000-00-00', '9999-12-31', '2024-1-1'));
const FIELDS = ['TOURISM', 'CULTURE', 'CREATIVE_ECONOMY', 'EDUCATION', 'HEALTH', 'OTHER'];

describeEachDatabase('hostile input', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let admin: string;
  let officer: string;
  const targets = { agreement: '1', city: '1', document: '1', user: '1' };

  beforeAll(async () => {
    t = await startTestServer(dialect, 'hostile');
    f = new Fixtures(t);
    admin = await t.login('admin@jalin.local');
    officer = await t.login('officer@jalin.local');
    const agreement = await f.agreement();
    targets.agreement = gid('Agreement', agreement.id);
    targets.city = gid('PartnerCity', (await f.partnerCity()).id);
    targets.document = gid('AgreementDocument', (await f.document(agreement.id)).id);
    targets.user = gid('User', (await f.user()).id);
  });
  afterAll(() => t?.close());

  async function expectClearAnswer(query: string, variables: Record<string, unknown>, token: string) {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    // 429: a flood of wrong sign-ins from one address is throttled (TOO_MANY_ATTEMPTS).
    expect([200, 400, 413, 429]).toContain(response.status);
    expect(text).not.toMatch(INTERNALS);
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
    for (const error of body.errors ?? []) {
      if (!CLEAR_CODES.has(error.extensions?.code ?? '')) throw new Error(`unclear error for ${JSON.stringify(variables).slice(0, 300)}: ${JSON.stringify(error)}`);
      expect(error.message.length).toBeGreaterThan(0);
    }
    if (!body.errors) expect(body.data).toBeTruthy();
    return body;
  }

  const MUTATIONS: { name: string; query: string; token: () => string; input: () => fc.Arbitrary<Record<string, unknown>>; check?: (variables: Record<string, unknown>, data: Record<string, unknown>) => void }[] = [
    {
      name: 'createPartnerCity',
      query: 'mutation($input: PartnerCityInput!) { createPartnerCity(input: $input) { id name region indonesianMission country { code } } }',
      token: () => officer,
      input: () =>
        fc.record({
          input: fc.record(
            { name: field(fc.string({ minLength: 1, maxLength: 50 })), region: field(fc.string({ minLength: 1, maxLength: 50 })), countryCode: field(fc.constantFrom('JP', 'nl', 'ZZ', 'XK', 'jp ', 'J')), level: enumOf('CITY', 'STATE', 'PREFECTURE'), indonesianMission: field(fc.string({ maxLength: 50 })) },
            { requiredKeys: ['name', 'region', 'countryCode', 'level'] },
          ),
        }),
      check: (variables, data) => {
        const input = variables.input as Record<string, string>;
        const city = data.createPartnerCity as { name: string; country: { code: string } };
        expect(city.name).toBe(input.name.trim());
        expect(city.country.code).toBe(input.countryCode.trim().toUpperCase());
      },
    },
    {
      name: 'updatePartnerCity',
      query: 'mutation($id: ID!, $input: UpdatePartnerCityInput!) { updatePartnerCity(id: $id, input: $input) { id name } }',
      token: () => officer,
      input: () => fc.record({ id: idLike(() => targets.city), input: fc.record({ name: field(fc.string({ minLength: 1, maxLength: 50 })), countryCode: field(fc.constantFrom('FR', 'xx')), indonesianMission: field(fc.constant(null)) }, { requiredKeys: [] }) }),
    },
    {
      name: 'createAgreement',
      query: 'mutation($input: AgreementInput!) { createAgreement(input: $input) { id status fields history { fromStatus toStatus } } }',
      token: () => officer,
      input: () =>
        fc.record({
          input: fc.record({
            title: field(fc.string({ minLength: 3, maxLength: 80 })),
            kind: enumOf('SISTER_CITY', 'OTHER_COOPERATION'),
            partnerCityId: idLike(() => targets.city),
            fields: field(fc.array(fc.constantFrom(...FIELDS), { maxLength: 14 })),
            scope: field(fc.string({ minLength: 1, maxLength: 200 })),
          }),
        }),
      check: (_variables, data) => {
        const agreement = data.createAgreement as { status: string; history: unknown[] };
        expect(agreement.status).toBe('EXPLORATION');
        expect(agreement.history).toEqual([{ fromStatus: null, toStatus: 'EXPLORATION' }]);
      },
    },
    {
      name: 'updateAgreement',
      query: 'mutation($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { id status fields } }',
      token: () => officer,
      input: () =>
        fc.record({
          id: idLike(() => targets.agreement),
          input: fc.record({ title: field(fc.string({ minLength: 3, maxLength: 80 })), fields: field(fc.array(fc.constantFrom(...FIELDS), { maxLength: 4 })), scope: field(fc.string({ maxLength: 100 })), status: fc.constantFrom('MOU_IN_FORCE') }, { requiredKeys: [] }),
        }),
      check: (_variables, data) => expect((data.updateAgreement as { status: string }).status).toBe('EXPLORATION'),
    },
    {
      name: 'updateDocument',
      query: 'mutation($id: ID!, $input: UpdateDocumentInput!) { updateDocument(id: $id, input: $input) { id signedOn validityMonths validUntil } }',
      token: () => officer,
      input: () =>
        fc.record({
          id: idLike(() => targets.document),
          input: fc.record({ number: field(fc.string({ maxLength: 40 })), signedOn: field(date), validityMonths: field(fc.integer({ min: -5, max: 300 })), validUntil: field(date), note: field(fc.string()) }, { requiredKeys: [] }),
        }),
      check: (_variables, data) => {
        const document = data.updateDocument as { signedOn: string | null; validityMonths: number | null; validUntil: string | null };
        if (document.signedOn && document.validUntil) expect(document.validUntil > document.signedOn).toBe(true);
        if (document.validityMonths !== null) expect(document.validityMonths).toBeGreaterThanOrEqual(1);
      },
    },
    {
      name: 'createUser',
      query: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id email role opd { id } } }',
      token: () => admin,
      input: () =>
        fc.record({
          input: fc.record({
            email: field(fc.emailAddress()),
            name: field(fc.string({ minLength: 1, maxLength: 40 })),
            role: enumOf('VIEWER', 'OPD_EDITOR', 'OFFICER', 'ROOT'),
            opdId: fc.oneof(fc.constant(undefined), fc.constantFrom(gid('Opd', 1), gid('Opd', 2), gid('Opd', 999), '1'), hostileValue),
            password: field(fc.string({ minLength: 12, maxLength: 64 })),
          }),
        }),
      check: (variables, data) => {
        const user = data.createUser as { role: string; opd: { id: string } | null };
        expect(user.role === 'OPD_EDITOR').toBe(user.opd !== null);
        expect(JSON.stringify(data)).not.toContain(String((variables.input as { password: unknown }).password));
      },
    },
    {
      name: 'updateUser',
      query: 'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id role active opd { id } } }',
      token: () => admin,
      input: () =>
        fc.record({
          id: idLike(() => targets.user),
          input: fc.record({ name: field(fc.string({ maxLength: 40 })), role: enumOf('VIEWER', 'OPD_EDITOR'), opdId: fc.oneof(fc.constantFrom(gid('Opd', 1), null, '1'), hostileValue), active: field(fc.boolean()) }, { requiredKeys: [] }),
        }),
    },
    { name: 'archiveAgreement', query: 'mutation($id: ID!) { archiveAgreement(id: $id) { id } }', token: () => officer, input: () => fc.record({ id: idLike(() => gid('Agreement', 999999)) }) },
    { name: 'archivePartnerCity', query: 'mutation($id: ID!) { archivePartnerCity(id: $id) { id } }', token: () => officer, input: () => fc.record({ id: idLike(() => gid('PartnerCity', 999999)) }) },
    { name: 'archiveDocument', query: 'mutation($id: ID!) { archiveDocument(id: $id) { id } }', token: () => officer, input: () => fc.record({ id: idLike(() => gid('AgreementDocument', 999999)) }) },
    { name: 'deactivateUser', query: 'mutation($id: ID!) { deactivateUser(id: $id) { id } }', token: () => admin, input: () => fc.record({ id: idLike(() => gid('User', 999999)) }) },
    {
      name: 'login',
      query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      token: () => officer,
      input: () => fc.record({ email: field(fc.emailAddress()), password: hostileValue }),
    },
  ];

  it.each(MUTATIONS.map((m) => [m.name, m] as const))('%s answers random and adversarial input clearly', async (_name, mutation) => {
    await fc.assert(
      fc.asyncProperty(mutation.input(), async (variables) => {
        const body = await expectClearAnswer(mutation.query, variables, mutation.token());
        if (!body.errors && mutation.check) mutation.check(variables, body.data!);
      }),
      { numRuns: 30 },
    );
  });

  it('answers random documents, deep nesting, alias bombs and batches without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.integer({ min: 1, max: 3000 }).map((n) => `{ ${`agreement(id: "${gid('Agreement', 1)}") { activities { agreement { `.repeat(n)} id ${'} } }'.repeat(n)} }`),
          fc.integer({ min: 1, max: 20_000 }).map((n) => `{ agreements(filter: { countryCodes: ${'['.repeat(n)}"AU"${']'.repeat(n)} }) { totalCount } }`),
          fc.integer({ min: 1, max: 2000 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: agreements(first: 100) { edges { node { id } } }`).join(' ')} }`),
          fc.integer({ min: 1, max: 500 }).map((n) => `query Q { me { id } } ${'fragment F on User { ...F } '.repeat(n)}`),
          fc.constantFrom('{ ...Missing }', 'query { me { ...on Agreement { id } } }', 'subscription { agreementUpdated(id: "x") { id } }', '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }'),
        ),
        async (query) => {
          const response = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` }, body: JSON.stringify({ query }) });
          const text = await response.text();
          expect([200, 400, 413]).toContain(response.status);
          expect(text).not.toMatch(INTERNALS);
          expect(text).not.toMatch(/INTERNAL_SERVER_ERROR/);
        },
      ),
      { numRuns: 40 },
    );
    const batch = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` }, body: JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' }))) });
    expect(batch.status).toBe(400);
  });

  it('survives malformed WebSocket messages: closes that socket (4400), serves everyone else', async () => {
    const message = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ type: fc.constantFrom('subscribe', 'complete', 'ping', 'pong', 'next', 'connection_init', 'bogus'), id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), payload: fc.jsonValue({ maxDepth: 3 }) }).map((v) => JSON.stringify(v)),
      fc.constantFrom('{"type":"next","id":"1","payload":{}}', '{"type":"connection_ack"}', '{"type":"subscribe","id":"1","payload":{"query":42}}', '{"type":"subscribe","id":"1","payload":{"query":"{ me { id } }","variables":"nope"}}', '\u0000\u0001', '[]', 'null'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 4 }), async (messages) => {
        const socket = rawSocket(t.wsUrl, bearer(officer));
        await socket.acknowledged;
        for (const m of messages) socket.send(m);
        // A ping answers only if the socket survived the garbage; either outcome is fine, a crash is not.
        socket.send({ type: 'ping' });
        const outcome = await Promise.race([socket.closed.then(({ code }) => code), socket.next((m) => m.type === 'pong').then(() => 'alive')]);
        // 4400 malformed, 4409 duplicate operation id, 4429 a second connection_init: the protocol's own answers.
        if (outcome !== 'alive') expect([4400, 4409, 4429]).toContain(outcome);
        for (const m of socket.messages) expect(JSON.stringify(m)).not.toMatch(INTERNALS);
        socket.socket.terminate();
      }),
      { numRuns: 30 },
    );
    // A socket that never says connection_init, and one that sends binary noise.
    const silent = rawSocket(t.wsUrl, '\u00ff\u00fe not json');
    expect((await silent.closed).code).toBe(4400);
  });

  it('answers random operations over WebSocket with a clear error or a result, never an internal one', async () => {
    const socket = rawSocket(t.wsUrl, bearer(officer));
    await socket.acknowledged;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.constantFrom(
            'subscription { agreementUpdated(id: "not-a-number") { id } }',
            `subscription { agreementUpdated(id: "${gid('Agreement', 1)}") { id } agreementUpdated(id: "${gid('Agreement', 2)}") { id } }`,
            `mutation { createAgreement(input: { title: "x", kind: SISTER_CITY, partnerCityId: "${gid('PartnerCity', 1)}", fields: [], scope: "" }) { id } }`,
            'mutation { createAgreement(input: { title: "x", kind: SISTER_CITY, partnerCityId: "1", fields: [], scope: "" }) { id } }',
            '{ agreements(first: -1) { totalCount } }',
            '{ partnerCities(countryCode: "' + 'Z'.repeat(5000) + '") { nodes { id } } }',
          ),
        ),
        fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ maxLength: 5 }), hostileValue, { maxKeys: 3 })),
        async (query, variables) => {
          const id = `op${++n}`;
          socket.send({ id, type: 'subscribe', payload: { query, variables } });
          const reply = await socket.next((m) => m.id === id && (m.type === 'error' || m.type === 'next'));
          const text = JSON.stringify(reply);
          expect(text).not.toMatch(INTERNALS);
          expect(text).not.toMatch(/INTERNAL_SERVER_ERROR/);
          if (reply.type === 'next' && (reply.payload as { errors?: unknown[] }).errors === undefined) return;
          socket.send({ id, type: 'complete' });
        },
      ),
      { numRuns: 40 },
    );
    socket.send({ type: 'ping' });
    await socket.next((m) => m.type === 'pong');
    socket.socket.close();
  });

  it('is still healthy and consistent afterwards', async () => {
    expect((await fetch(t.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const db = t.server.dataSource;
    const q = dialect === 'sqlite' ? (s: string) => s : (s: string) => s.replace(/"/g, '`');
    const orphans = await db.query(q('SELECT COUNT(*) AS n FROM "agreement" a WHERE NOT EXISTS (SELECT 1 FROM "status_change" s WHERE s.agreementId = a.id) OR NOT EXISTS (SELECT 1 FROM "agreement_field_entry" e WHERE e.agreementId = a.id)'));
    expect(Number(orphans[0].n)).toBe(0);
    const badCities = await db.query(q('SELECT COUNT(*) AS n FROM "partner_city" c WHERE NOT EXISTS (SELECT 1 FROM "country" k WHERE k.code = c.countryCode)'));
    expect(Number(badCities[0].n)).toBe(0);
    // Every stored name and title has something a person can read.
    const names = [
      ...(await db.query(q('SELECT name AS v FROM "partner_city"'))),
      ...(await db.query(q('SELECT region AS v FROM "partner_city"'))),
      ...(await db.query(q('SELECT title AS v FROM "agreement"'))),
      ...(await db.query(q('SELECT name AS v FROM "user"'))),
    ] as { v: string }[];
    expect(names.filter((row) => !/[\p{L}\p{N}]/u.test(row.v))).toEqual([]);
    const badEditors = await db.query(q('SELECT COUNT(*) AS n FROM "user" u WHERE (u.role = \'OPD_EDITOR\') <> (u.opdId IS NOT NULL)'));
    expect(Number(badEditors[0].n)).toBe(0);
    const statuses = await db.query(q('SELECT DISTINCT status FROM "agreement" WHERE id > 6'));
    expect(statuses.map((r: { status: string }) => r.status).filter((s: string) => s !== 'EXPLORATION')).toEqual([]);
    const admins = await db.query(q('SELECT COUNT(*) AS n FROM "user" WHERE role = \'ADMIN\' AND active = 1'));
    expect(Number(admins[0].n)).toBeGreaterThan(0);
    const me = await t.gql('{ me { email } }', {}, officer);
    expect(me.errors).toBeUndefined();
  });
});
