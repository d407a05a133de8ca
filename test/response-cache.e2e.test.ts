import { loadConfig } from '../src/config';
import { DraftActivity, EmailStatus, NotificationKind, User } from '../src/entities';
import { readDataVersion } from '../src/data-version';
import { Fixtures } from './support/fixtures';
import { describeEachDatabase } from './support/each-database';
import { gid } from './support/ids';
import { CALLERS, MATRIX, type Caller } from './support/authorization-matrix';
import { parsePrometheus, valueOf } from './support/prometheus';
import { assertBuilt, killProcess, startServerProcess, type RunningProcess } from './support/server-process';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './support/test-server';
import { besidesUserLookup } from '../src/sql-counter';

/*
 * The exact response cache (src/http/response-cache.ts) and the data version it is keyed by
 * (src/data-version.ts): a read that starts after a write was acknowledged, on any process, never
 * gets the answer from before it.
 */

const AGREEMENT = 'query($id: ID!) { agreement(id: $id) { id title } }';

async function cacheCounts(t: TestServer) {
  const samples = parsePrometheus(await t.server.metrics.registry.metrics());
  const of = (outcome: string) => valueOf(samples, 'jalin_response_cache_requests_total', { outcome });
  return { hit: of('hit'), miss: of('miss'), skip: of('skip') };
}

/** POSTs a query and returns the status, the headers (without the date) and the body's bytes. */
async function rawPost(url: string, query: string, variables: Record<string, unknown>, token: string | null) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return { status: response.status, headers, body: await response.text() };
}

const title = (result: { data?: unknown }) => (result.data as { agreement: { title: string } }).agreement.title;

describeEachDatabase('response cache', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let officer: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'response-cache');
    f = new Fixtures(t);
    officer = await t.login(CALLERS.officer);
  });
  afterAll(async () => t?.close());

  it('answers a repeated query from the cache with the same bytes and headers, and runs no SQL but the version', async () => {
    const id = gid('Agreement', (await f.agreement()).id);
    const before = await cacheCounts(t);
    const miss = await rawPost(t.url, AGREEMENT, { id }, officer);
    const { result: hit, statements } = besidesUserLookup(await t.sql.count(() => rawPost(t.url, AGREEMENT, { id }, officer)));
    expect(hit).toEqual(miss);
    expect(miss.status).toBe(200);
    expect(JSON.parse(miss.body).data.agreement.id).toBe(id);
    expect(await cacheCounts(t)).toEqual({ ...before, miss: before.miss + 1, hit: before.hit + 1 });
    // The data version only (besides the signed-in user's lookup, which the user cache mostly saves):
    // nothing of the agreement is read again.
    expect(statements).toEqual([expect.stringMatching(/data_version/)]);
  });

  it('refuses on a hit what it refuses on a miss: a bad token, a GET without a preflighted header', async () => {
    const id = gid('Agreement', (await f.agreement()).id);
    const get = (token: string | null) =>
      fetch(`${t.url}?${new URLSearchParams({ query: AGREEMENT, variables: JSON.stringify({ id }) })}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(title(await t.gql(AGREEMENT, { id }, officer))).toBeDefined();
    const before = await cacheCounts(t);
    // The same read over GET, signed in: a hit.
    const hit = await get(officer);
    expect(hit.status).toBe(200);
    expect(((await hit.json()) as { data: { agreement: { id: string } } }).data.agreement.id).toBe(id);
    expect((await cacheCounts(t)).hit).toBe(before.hit + 1);
    // Without the header a browser sends only after a preflight: CSRF prevention, before any lookup.
    const forged = await get(null);
    expect(forged.status).toBe(400);
    // A token that is not (or no longer) valid: UNAUTHENTICATED, never the stored answer.
    const refused = await t.gql(AGREEMENT, { id }, `${officer}x`);
    expect((refused.data as { agreement: unknown } | null)?.agreement ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await cacheCounts(t)).hit).toBe(before.hit + 1);
  });

  it('shows a write to the next read after it is acknowledged', async () => {
    const agreement = await f.agreement();
    const id = gid('Agreement', agreement.id);
    expect(title(await t.gql(AGREEMENT, { id }, officer))).toBe(agreement.title);
    expect(title(await t.gql(AGREEMENT, { id }, officer))).toBe(agreement.title);
    const renamed = f.unique('Renamed');
    const write = await t.gql('mutation($id: ID!, $title: String!) { updateAgreement(id: $id, input: { title: $title }) { id } }', { id, title: renamed }, officer);
    expect(write.errors).toBeUndefined();
    expect(title(await t.gql(AGREEMENT, { id }, officer))).toBe(renamed);
  });

  it('moves the data version with every mutation that writes (each mutation of the schema, as a caller allowed to run it)', async () => {
    // setEditing writes presence (memory or Redis, never cached); verifyAuditTrail only reads.
    const writesNothing = new Set(['setEditing', 'verifyAuditTrail']);
    const mutations = MATRIX.filter((row) => row.document.trimStart().startsWith('mutation'));
    const names = new Set(mutations.map((row) => row.name));
    expect(names.size).toBeGreaterThan(25);
    const tokens = new Map<string, string>();
    // Where the matrix's call changes nothing (which is acknowledged without a write), one that does.
    const variablesThatWrite = async (row: (typeof MATRIX)[number], caller: Caller) => {
      // An empty list marks nothing: mark one of the caller's own.
      if (row.name === 'markNotificationsRead') return { ids: [await ownNotification(CALLERS[caller]!)] };
      // The only activity of a board is already at its end: move it behind a second one.
      if (row.name === 'moveDraftActivity') {
        const { agreementId, activity } = await f.boardActivity();
        const second = await f.activity(agreementId, activity.opdId);
        await t.server.dataSource.getRepository(DraftActivity).update({ id: second.id }, { position: 'a1' });
        return { id: gid('DraftActivity', activity.id), afterId: gid('DraftActivity', second.id) };
      }
      return row.variables(f, caller);
    };
    const ownNotification = async (email: string) => {
      const { id: userId } = await t.server.dataSource.getRepository(User).findOneByOrFail({ email });
      const notification = await t.server.services.notifications.create({
        userId,
        agreementId: (await f.agreement()).id,
        kind: NotificationKind.MOU_EXPIRING,
        reminderKey: f.unique('PROBE'),
        subject: 'Probe',
        message: 'Probe / Probe',
        emailStatus: EmailStatus.NONE,
      });
      return gid('Notification', notification!.id);
    };
    for (const row of mutations) {
      const caller = row.allowed[0];
      const email = CALLERS[caller];
      if (!email) continue;
      if (!tokens.has(caller)) tokens.set(caller, await t.login(email));
      const variables = await variablesThatWrite(row, caller);
      const before = BigInt(await readDataVersion(t.server.dataSource));
      const document = row.name === 'moveDraftActivity' ? 'mutation($id: ID!, $afterId: ID) { moveDraftActivity(id: $id, afterId: $afterId) { id position } }' : row.document;
      const result = await t.gql(document, variables, tokens.get(caller));
      expect({ name: row.name, errors: result.errors }).toEqual({ name: row.name, errors: undefined });
      const after = BigInt(await readDataVersion(t.server.dataSource));
      if (writesNothing.has(row.name)) expect({ name: row.name, moved: after > before }).toEqual({ name: row.name, moved: false });
      else expect({ name: row.name, moved: after > before }).toEqual({ name: row.name, moved: true });
    }
    // login: a success and a failure (the failure's audit entry) both write.
    for (const password of [DEMO_PASSWORD, 'not-the-password']) {
      const before = BigInt(await readDataVersion(t.server.dataSource));
      await t.gql('mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', { email: CALLERS.viewer, password }, null);
      expect(BigInt(await readDataVersion(t.server.dataSource))).toBeGreaterThan(before);
    }
  });

  it('does not move the version for a write that rolls back', async () => {
    const admin = await t.login(CALLERS.admin);
    const taken = (await f.user()).email;
    const before = await readDataVersion(t.server.dataSource);
    // The INSERT runs and fails on the unique email: the transaction rolls back.
    const result = await t.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email: taken, name: 'Twice', role: 'VIEWER', password: 'a-long-enough-password-1' } },
      admin,
    );
    expect(result.errors?.[0]?.extensions?.code).toBeDefined();
    expect(await readDataVersion(t.server.dataSource)).toBe(before);
  });

  it('keys answers by what the caller may see: roles, OPDs and users get their own answers', async () => {
    const admin = await t.login(CALLERS.admin);
    const users = '{ users(first: 1) { nodes { id } } }';
    expect((await t.gql(users, {}, admin)).errors).toBeUndefined();
    // The same document as an officer: refused, not the admin's stored answer.
    expect((await t.gql(users, {}, officer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(users, {}, admin)).errors).toBeUndefined();
    // `me` is each user's own, also between users of one role and OPD.
    const me = '{ me { email } }';
    const bappeda = await t.login(CALLERS.bappedaEditor);
    const viewerA = await t.server.services.auth.issueToken(await f.user());
    const viewerB = await t.server.services.auth.issueToken(await f.user());
    const emails = [];
    for (const token of [viewerA, viewerB, viewerA, viewerB, bappeda, officer]) emails.push(((await t.gql(me, {}, token)).data as { me: { email: string } }).me.email);
    expect(new Set(emails).size).toBe(4);
    expect(emails[0]).toBe(emails[2]);
    expect(emails[1]).toBe(emails[3]);
  });

  it('does not store answers with errors, nor queries that read presence', async () => {
    // A partner city's id where an agreement's is expected: refused.
    const wrongKind = gid('PartnerCity', (await f.partnerCity()).id);
    const before = await cacheCounts(t);
    const first = await t.gql(AGREEMENT, { id: wrongKind }, officer);
    const second = await t.gql(AGREEMENT, { id: wrongKind }, officer);
    expect(first.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(second).toEqual(first);
    const agreement = gid('Agreement', (await f.agreement()).id);
    const presence = 'query($id: ID!) { boardPresence(agreementId: $id) { users { user { id } } } }';
    await t.gql(presence, { id: agreement }, officer);
    await t.gql(presence, { id: agreement }, officer);
    expect(await cacheCounts(t)).toEqual({ hit: before.hit, miss: before.miss + 2, skip: before.skip + 2 });
  });

  it('is off with RESPONSE_CACHE=off, and bounded by RESPONSE_CACHE_MAX_BYTES', async () => {
    expect(loadConfig({ RESPONSE_CACHE: 'off' }).responseCache).toBeNull();
    expect(loadConfig({ RESPONSE_CACHE_MAX_BYTES: '2097152' }).responseCache).toEqual({ maxBytes: 2097152 });
    expect(() => loadConfig({ RESPONSE_CACHE_MAX_BYTES: '100' })).toThrow(/RESPONSE_CACHE_MAX_BYTES/);

    const off = await startTestServer(dialect, 'response-cache-off', { config: { responseCache: null } });
    try {
      const token = await off.login(CALLERS.officer);
      const query = '{ agreements(first: 5) { nodes { id title } } }';
      await off.gql(query, {}, token);
      const { statements } = await off.sql.count(() => off.gql(query, {}, token));
      // Executed again (the agreements read), and no version read.
      expect(statements.some((sql) => /FROM [`"]agreement[`"]/.test(sql))).toBe(true);
      expect(statements.some((sql) => /data_version/.test(sql))).toBe(false);
      expect(await cacheCounts(off)).toEqual({ hit: 0, miss: 0, skip: 0 });
    } finally {
      await off.close();
    }

    // Room for one list of countries and a half: storing a second evicts the least recently used.
    const small = await startTestServer(dialect, 'response-cache-small', { config: { responseCache: { maxBytes: 15_000 } } });
    try {
      const token = await small.login(CALLERS.officer);
      const list = (alias: string) => `{ ${alias}: countries { code name } }`;
      const bytes = (await rawPost(small.url, list('a'), {}, token)).body.length;
      expect(bytes).toBeGreaterThan(7_500);
      expect(bytes).toBeLessThan(15_000 - 100);
      await small.gql(list('b'), {}, token);
      await small.gql(list('a'), {}, token);
      expect(await cacheCounts(small)).toEqual({ hit: 0, miss: 3, skip: 0 });
      await small.gql(list('a'), {}, token);
      expect((await cacheCounts(small)).hit).toBe(1);
      const held = valueOf(parsePrometheus(await small.server.metrics.registry.metrics()), 'jalin_response_cache_bytes');
      expect(held).toBeGreaterThan(7_500);
      expect(held).toBeLessThanOrEqual(15_000);
    } finally {
      await small.close();
    }
  });
});

/*
 * Exactness with more than one process (MariaDB: this test's server and a second server process on
 * the same database; SQLite: one process) and with concurrent writers: every read that starts after
 * a write was acknowledged shows that write, whichever process wrote, read or had the old answer.
 */
describeEachDatabase('response cache: exact across processes and concurrent writers', (dialect) => {
  let a: TestServer;
  let b: RunningProcess | null = null;
  let f: Fixtures;
  let officer: string;
  /** Where reads and writes go: both processes on MariaDB, the one on SQLite. */
  let urls: string[];

  beforeAll(async () => {
    a = await startTestServer(dialect, 'response-cache-processes');
    f = new Fixtures(a);
    officer = await a.login(CALLERS.officer);
    if (dialect === 'mysql') {
      assertBuilt();
      b = await startServerProcess(a.config.database, 0, { NODE_ENV: 'test', SEED_DEMO_DATA: 'false', JOBS: 'off' });
    }
    urls = b ? [a.url, b.url] : [a.url];
  }, 120_000);
  afterAll(async () => {
    await killProcess(b ?? undefined);
    await a?.close();
  });

  const post = async (url: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: Record<string, { title: string } | { id: string }>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const rename = (url: string, id: string, title: string) => post(url, 'mutation($id: ID!, $title: String!) { updateAgreement(id: $id, input: { title: $title }) { id } }', { id, title });

  it('a write acknowledged by one process is seen by the next read on the other, which had the old answer cached', async () => {
    const id = gid('Agreement', (await f.agreement()).id);
    const reader = urls[urls.length - 1];
    const writer = urls[0];
    for (let round = 1; round <= 5; round++) {
      const before = title({ data: await post(reader, AGREEMENT, { id }) });
      // Twice: the second answer comes from the reader's cache.
      expect(title({ data: await post(reader, AGREEMENT, { id }) })).toBe(before);
      await rename(writer, id, `Round ${round}`);
      expect(title({ data: await post(reader, AGREEMENT, { id }) })).toBe(`Round ${round}`);
      // And the other way round.
      await rename(reader, id, `Round ${round} back`);
      expect(title({ data: await post(writer, AGREEMENT, { id }) })).toBe(`Round ${round} back`);
    }
  });

  it('with several writers and readers at once, no read that starts after an acknowledgement misses it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(gid('Agreement', (await f.agreement()).id));
    const document = `query(${ids.map((_, i) => `$a${i}: ID!`).join(', ')}) { ${ids.map((_, i) => `a${i}: agreement(id: $a${i}) { title }`).join(' ')} }`;
    const variables = Object.fromEntries(ids.map((id, i) => [`a${i}`, id]));
    // One writer per agreement, so each agreement's acknowledged number only grows.
    const acknowledged = ids.map(() => 0);
    const hitsBefore = (await cacheCounts(a)).hit;
    let writing = true;
    let reads = 0;
    const stale: string[] = [];
    const writers = ids.map(async (id, i) => {
      for (let n = 1; n <= 25; n++) {
        await rename(urls[(i + n) % urls.length], id, `w${i}-${n}`);
        acknowledged[i] = n;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      }
    });
    const readers = [0, 1, 2, 3].map(async (r) => {
      while (writing) {
        const url = urls[(r + reads) % urls.length];
        const seen = [...acknowledged];
        const data = await post(url, document, variables);
        reads++;
        ids.forEach((_, i) => {
          const got = Number(/^w\d+-(\d+)$/.exec((data[`a${i}`] as { title: string }).title)?.[1] ?? 0);
          if (got < seen[i]) stale.push(`read on ${url} started after w${i}-${seen[i]} was acknowledged, got w${i}-${got}`);
        });
      }
    });
    await Promise.all(writers);
    writing = false;
    await Promise.all(readers);
    expect(stale).toEqual([]);
    expect(reads).toBeGreaterThan(20);
    // The cache was in play (the test would prove nothing otherwise).
    expect((await cacheCounts(a)).hit).toBeGreaterThan(hitsBefore);
  }, 120_000);
});
