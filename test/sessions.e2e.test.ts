import * as jose from 'jose';
import { DEFAULT_LIMITS } from '../src/config';
import { MAX_CONCURRENT_HASHES, peakConcurrentHashes } from '../src/services/password';
import { describeEachDatabase } from './support/each-database';
import { Fixtures, snapshot } from './support/fixtures';
import { bearer, rawSocket, type RawSocket } from './support/raw-socket';
import { gid } from './support/ids';
import { TEST_JWT_SECRET, startTestServer, type TestServer } from './support/test-server';

const ME = '{ me { id email role } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id email role active opd { code } } }';
const UPDATE_USER = 'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id role active opd { code } } }';
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { id active } }';
const SUBSCRIBE = (id: string, agreementId: string) => ({ id, type: 'subscribe', payload: { query: 'subscription($a: ID!) { agreementUpdated(id: $a) { id title } }', variables: { a: agreementId } } });

/**
 * graphql-ws does not acknowledge a subscription, so a change made right after subscribing may
 * come before the subscription listens: make changes until one arrives (bounded).
 */
async function firstEvent(socket: RawSocket, id: string, change: (attempt: number) => Promise<unknown>) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await change(attempt);
    const pause = new Promise<null>((resolve) => setTimeout(() => resolve(null), 100));
    const event = await Promise.race([socket.next((m) => m.id === id), pause]);
    if (event) return event;
  }
  throw new Error(`no event for subscription ${id}`);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `token`'s own claims (user, role, password stamp), signed again with the server's secret; without `exp` when `expires` is null. */
function resigned(token: string, expires: string | null): Promise<string> {
  const { exp: _exp, iat: _iat, ...claims } = jose.decodeJwt(token);
  const jwt = new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  return (expires === null ? jwt : jwt.setExpirationTime(expires)).sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

describeEachDatabase('users and sessions', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let admin: string;
  const sockets: RawSocket[] = [];
  const open = (params: Record<string, unknown> | null | string) => {
    const s = rawSocket(t.wsUrl, params);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestServer(dialect, 'sessions', { config: { limits: { ...DEFAULT_LIMITS, maxSocketsPerUser: 3, maxSubscriptionsPerSocket: 2 } } });
    f = new Fixtures(t);
    admin = await t.login('admin@jalin.local');
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.socket.terminate();
  });
  afterAll(() => t?.close());

  /** A fresh user of `role` with a token of their own. */
  async function signedIn(role = 'VIEWER', opdId: string | null = null) {
    const email = `${f.unique('person')}@jalin.test`;
    const created = await t.gql<{ createUser: { id: string } }>(CREATE_USER, { input: { email, name: 'Person', role, opdId, password: 'correct horse battery' } }, admin);
    expect(created.errors).toBeUndefined();
    return { id: created.data!.createUser.id, email, token: await t.login(email, 'correct horse battery') };
  }

  describe('user administration', () => {
    it('creates users who can sign in, and never shows a password or its hash', async () => {
      const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, admin);
      const dispar = opds.data!.opds.find((o) => o.code === 'DISPAR')!;
      const editor = await signedIn('OPD_EDITOR', dispar.id);
      const me = await t.gql<{ me: { opd: { code: string } } }>('{ me { opd { code } } }', {}, editor.token);
      expect(me.data?.me.opd.code).toBe('DISPAR');
      const users = await t.gql('{ users { nodes { id email role active } } }', {}, admin);
      expect(users.errors).toBeUndefined();
      expect(JSON.stringify(users)).not.toMatch(/scrypt|correct horse|passwordHash/);
      const hash = await t.gql('{ users { nodes { passwordHash } } }', {}, admin);
      expect(hash.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it.each([
      ['an OPD editor without an OPD', { role: 'OPD_EDITOR' }, 'BAD_USER_INPUT', /needs an OPD/],
      ['a viewer with an OPD', { role: 'VIEWER', opdId: gid('Opd', 1) }, 'BAD_USER_INPUT', /Only OPD editors/],
      ['an OPD that does not exist', { role: 'OPD_EDITOR', opdId: gid('Opd', 99999) }, 'NOT_FOUND', new RegExp(`Opd ${gid('Opd', 99999)} does not exist`)],
      ['a raw numeric OPD id', { role: 'OPD_EDITOR', opdId: '1' }, 'BAD_USER_INPUT', /opdId "1" is not a valid id/],
      ['a short password', { password: 'short' }, 'BAD_USER_INPUT', /at least 12 characters/],
      ['an email taken in another case', { email: 'Officer@Jalin.Local' }, 'BAD_USER_INPUT', /already exists/],
      ['something that is not an email', { email: 'not-an-email' }, 'BAD_USER_INPUT', /email/],
    ])('refuses %s and creates nobody', async (_label, change, code, message) => {
      const input = { email: `${f.unique('x')}@jalin.test`, name: 'Somebody', role: 'VIEWER', password: 'long-enough-password', ...change };
      const before = await snapshot(t.server.dataSource);
      const result = await t.gql(CREATE_USER, { input }, admin);
      expect(result.errors?.[0].extensions?.code).toBe(code);
      expect(result.errors?.[0].message).toMatch(message);
      expect(await snapshot(t.server.dataSource)).toEqual(before);
    });

    it('keeps at least one admin, and an admin cannot lock themselves out', async () => {
      const me = await t.gql<{ me: { id: string } }>(ME, {}, admin);
      const selfId = me.data!.me.id;
      for (const [query, variables] of [
        [DEACTIVATE, { id: selfId }],
        [UPDATE_USER, { id: selfId, input: { role: 'VIEWER' } }],
      ] as const) {
        const result = await t.gql(query, variables, admin);
        expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      // A second admin can be demoted while the demo admin remains.
      const second = await signedIn('ADMIN');
      const demoted = await t.gql(UPDATE_USER, { id: second.id, input: { role: 'VIEWER' } }, admin);
      expect(demoted.data?.updateUser).toMatchObject({ role: 'VIEWER' });
    });

    it('reactivates a deactivated user, who can then sign in again', async () => {
      const person = await signedIn();
      await t.gql(DEACTIVATE, { id: person.id }, admin);
      const refused = await t.gql('mutation($e: String!) { login(email: $e, password: "correct horse battery") { token } }', { e: person.email });
      expect(refused.errors?.[0].message).toBe('Wrong email or password');
      const back = await t.gql(UPDATE_USER, { id: person.id, input: { active: true } }, admin);
      expect(back.data?.updateUser).toMatchObject({ active: true });
      expect(await t.login(person.email, 'correct horse battery')).toEqual(expect.any(String));
    });
  });

  describe('tokens over HTTP and WebSocket', () => {
    it('stops a deactivated user at once: the next request and the open socket (4403)', async () => {
      const person = await signedIn();
      const agreement = await f.agreement();
      const socket = open(bearer(person.token));
      await socket.acknowledged;
      socket.send(SUBSCRIBE('s1', gid('Agreement', agreement.id)));
      // The subscription is live: a change to the agreement reaches it.
      const event = await firstEvent(socket, 's1', (n) =>
        t.gql('mutation($id: ID!, $title: String!) { updateAgreement(id: $id, input: { title: $title }) { id } }', { id: gid('Agreement', agreement.id), title: `Seen live ${n}` }, admin),
      );
      expect(event).toMatchObject({ type: 'next', payload: { data: { agreementUpdated: { id: gid('Agreement', agreement.id), title: expect.stringMatching(/^Seen live \d+$/) } } } });

      expect((await t.gql(DEACTIVATE, { id: person.id }, admin)).errors).toBeUndefined();
      expect(await socket.closed).toEqual({ code: 4403, reason: 'Account deactivated' });
      const after = await t.gql(ME, {}, person.token);
      expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(after.errors?.[0].message).toMatch(/not active/);
      // Reconnecting with the old token is refused too.
      const again = open(bearer(person.token));
      expect((await again.closed).code).toBe(4401);
    });

    it('closes the sockets of a user whose role changes (4403), and the new role holds over HTTP', async () => {
      const person = await signedIn('OFFICER');
      const socket = open(bearer(person.token));
      await socket.acknowledged;
      await t.gql(UPDATE_USER, { id: person.id, input: { role: 'VIEWER' } }, admin);
      expect((await socket.closed).code).toBe(4403);
      const city = await t.gql('mutation { createPartnerCity(input: { name: "Nope", region: "R", countryCode: "FR", level: CITY }) { id } }', {}, person.token);
      expect(city.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const reconnected = open(bearer(person.token));
      await expect(reconnected.acknowledged).resolves.toBeUndefined();
    });

    it('ends older tokens and open sockets when the password changes; a new sign-in works', async () => {
      const person = await signedIn();
      const socket = open(bearer(person.token));
      await socket.acknowledged;
      const changed = await t.gql(UPDATE_USER, { id: person.id, input: { password: 'a brand new passphrase' } }, admin);
      expect(changed.errors).toBeUndefined();
      expect((await socket.closed).code).toBe(4403);
      const old = await t.gql(ME, {}, person.token);
      expect(old.errors?.[0]).toMatchObject({ message: 'The password was changed; sign in again', extensions: { code: 'UNAUTHENTICATED' } });
      const fresh = await t.login(person.email, 'a brand new passphrase');
      expect((await t.gql(ME, {}, fresh)).data).toMatchObject({ me: { email: person.email } });
      // Renaming someone does not sign them out.
      await t.gql(UPDATE_USER, { id: person.id, input: { name: 'Renamed' } }, admin);
      expect((await t.gql(ME, {}, fresh)).errors).toBeUndefined();
    });

    it.each([
      ['no token at all', () => ({})],
      ['a tampered signature', (token: string) => bearer(token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA'))],
      ['a tampered payload (someone else’s id)', (token: string) => {
        const [header, , signature] = token.split('.');
        return bearer(`${header}.${b64({ sub: '1', iss: 'jalin', role: 'ADMIN', exp: Math.floor(Date.now() / 1000) + 3600 })}.${signature}`);
      }],
      ['alg: none', () => bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: '1', iss: 'jalin', role: 'ADMIN', exp: Math.floor(Date.now() / 1000) + 3600 })}.`)],
      ['a token signed with another secret', async () => {
        const { SignJWT } = jose;
        const forged = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('1').setIssuer('jalin').setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(64)));
        return bearer(forged);
      }],
      ['a header without Bearer', (token: string) => ({ authorization: token })],
      // Signed with the server's own secret and otherwise valid (see the next test), but it would never expire.
      ['a token without exp', async (token: string) => bearer(await resigned(token, null))],
    ])('refuses %s over HTTP (UNAUTHENTICATED) and WebSocket (4401)', async (_label, make) => {
      const viewer = await t.login('viewer@jalin.local');
      const params = (await make(viewer)) as { authorization?: string };
      const http = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(params.authorization ? { authorization: params.authorization } : {}) },
        body: JSON.stringify({ query: ME }),
      });
      const body = (await http.json()) as { errors?: { extensions?: { code?: string } }[]; data?: unknown };
      expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeNull();
      const socket = open(params);
      await expect(socket.acknowledged).rejects.toThrow(/closed 4401/);
    });
  });

  it('accepts its own token signed again with an expiry (so only the missing exp is refused above)', async () => {
    const token = await resigned(await t.login('viewer@jalin.local'), '10m');
    expect((await t.gql(ME, {}, token)).data).toMatchObject({ me: { email: 'viewer@jalin.local' } });
    const socket = open(bearer(token));
    await expect(socket.acknowledged).resolves.toBeUndefined();
  });

  describe('WebSocket caps', () => {
    it('allows a few sockets per user (4429 beyond), and frees a place when one closes', async () => {
      const person = await signedIn();
      const first = [open(bearer(person.token)), open(bearer(person.token)), open(bearer(person.token))];
      await Promise.all(first.map((s) => s.acknowledged));
      const fourth = open(bearer(person.token));
      expect((await fourth.closed).code).toBe(4429);
      // Another user is not affected.
      const other = open(bearer(await t.login('viewer@jalin.local')));
      await other.acknowledged;
      first[0].socket.close(1000);
      await first[0].closed;
      // The server learns of the close asynchronously; reconnect until it has a place (bounded).
      let acknowledged = false;
      for (let attempt = 0; attempt < 20 && !acknowledged; attempt++) {
        const retry = open(bearer(person.token));
        acknowledged = await retry.acknowledged.then(() => true, () => false);
      }
      expect(acknowledged).toBe(true);
    });

    it('caps the operations running on one socket', async () => {
      const person = await signedIn();
      const socket = open(bearer(person.token));
      await socket.acknowledged;
      socket.send(SUBSCRIBE('a', gid('Agreement', 1)));
      socket.send(SUBSCRIBE('b', gid('Agreement', 2)));
      socket.send(SUBSCRIBE('c', gid('Agreement', 3)));
      const refused = await socket.next((m) => m.id === 'c');
      expect(refused.type).toBe('error');
      expect((refused.payload as { extensions: { code: string } }[])[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      socket.send({ id: 'a', type: 'complete' });
      socket.send(SUBSCRIBE('d', gid('Agreement', 4)));
      const event = await firstEvent(socket, 'd', (n) => t.gql('mutation($id: ID!, $s: String!) { updateAgreement(id: $id, input: { scope: $s }) { id } }', { id: gid('Agreement', 4), s: `Changed while subscribed ${n}` }, admin));
      expect(event.type).toBe('next');
    });

    it('refuses an anonymous socket (4401) and one that subscribes before connection_init', async () => {
      expect((await open({}).closed).code).toBe(4401);
      const early = open(null);
      await new Promise((resolve) => early.socket.once('open', resolve));
      early.send(SUBSCRIBE('x', gid('Agreement', 1)));
      expect((await early.closed).code).toBe(4401);
    });
  });
});

describeEachDatabase('token expiry', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, 'token-expiry', { config: { jwtTtlSeconds: 1 } });
  });
  afterAll(() => t?.close());

  it('closes a socket when its token expires (4401), and HTTP refuses the token after', async () => {
    // A 1-second token may expire before the socket is up; sign in again until one connects first.
    let socket: RawSocket | undefined;
    let token = '';
    for (let attempt = 0; attempt < 10 && !socket; attempt++) {
      token = await t.login('viewer@jalin.local');
      const candidate = rawSocket(t.wsUrl, bearer(token));
      if (await candidate.acknowledged.then(() => true, () => false)) socket = candidate;
    }
    expect(socket).toBeDefined();
    expect(await socket!.closed).toEqual({ code: 4401, reason: 'Token expired: sign in again' });
    const result = await t.gql(ME, {}, token);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0].message).toBe('Your session has expired; sign in again');
  });
});

describeEachDatabase('a burst of sign-ins', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, 'login-burst');
  });
  afterAll(() => t?.close());

  it('answers 24 concurrent logins correctly while hashing at most 4 passwords at once', async () => {
    const query = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }';
    // The right passwords are spread over four accounts: sign-in throttling counts an account's
    // attempts while they run, and more than LOGIN_ACCOUNT_FREE_ATTEMPTS at once for one account is a burst it refuses.
    const users = ['viewer', 'officer', 'bappeda', 'dispar'];
    const attempts = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? { e: `${users[(i / 3) % 4]}@jalin.local`, p: 'jalin-demo' } : { e: `nobody${i}@jalin.local`, p: 'guess' }));
    const results = await Promise.all(attempts.map((variables) => t.gql<{ login: { user: { email: string } } }>(query, variables)));
    results.forEach((result, i) => {
      if (i % 3 === 0) expect(result.data?.login.user.email).toBe(attempts[i].e);
      else expect(result.errors?.[0].message).toBe('Wrong email or password');
    });
    expect(peakConcurrentHashes()).toBe(MAX_CONCURRENT_HASHES);
  });
});
