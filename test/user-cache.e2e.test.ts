import { startServer, type RunningServer } from '../src/server';
import { Role } from '../src/entities';
import { Fixtures } from './support/fixtures';
import { demoBoards } from './support/board-helpers';
import { gid } from './support/ids';
import { describeEachDatabase } from './support/each-database';
import { describeEachDatabaseWithRedis, redisUrl } from './support/redis';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';

/**
 * Requests no longer read their user from the database each time (the user cache): a deactivation,
 * a role change or a new password must still stop or change the very next operation of that user,
 * in the process that made the change and in any other (through Redis). The next operation is sent
 * right after the change is acknowledged: no waiting.
 */
const ADD = 'mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { id } }';
const UPDATE_USER = 'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { role active } }';
const PASSWORD = 'fixture-password-1';

type Send = (query: string, variables: Record<string, unknown>, token: string) => Promise<GraphQLResponse>;

/** What every case needs: a signed-in admin, a board that takes changes, an OPD to add for. */
async function boardTarget(t: TestServer) {
  const admin = await t.login('admin@jalin.local');
  const agreementId = (await demoBoards(t, admin)).drafting[0];
  const opdId = (await t.gql<{ opds: { id: string }[] }>('{ opds { id } }', {}, admin)).data!.opds[0].id;
  return { admin, add: (send: Send, token: string) => send(ADD, { input: { agreementId, opdId, title: 'Cached user edit' } }, token) };
}

/** The cases, with the user's operations sent to `userSide` and the admin's changes to `adminSide`. */
function revocationCases(context: () => { t: TestServer; f: Fixtures; userSide: Send; adminSide: Send }) {
  const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
  /** A fresh officer signed in (their token), an edit of theirs to send, and an admin to change them. */
  const signedInEditor = async () => {
    const { t, f, userSide, adminSide } = context();
    const { admin, add } = await boardTarget(t);
    const user = await f.user(Role.OFFICER);
    const token = await t.login(user.email, PASSWORD);
    return { admin, user, adminSide, edit: () => add(userSide, token) };
  };

  it('a role taken away refuses the very next change; a role given lets it through at once', async () => {
    const { admin, user, edit, adminSide } = await signedInEditor();
    // Twice: the second is served from the cache.
    expect((await edit()).errors).toBeUndefined();
    expect((await edit()).errors).toBeUndefined();

    expect((await adminSide(UPDATE_USER, { id: gid('User', user.id), input: { role: 'VIEWER' } }, admin)).data).toEqual({ updateUser: { role: 'VIEWER', active: true } });
    // The token still names the old role; the user record is what counts.
    expect(codeOf(await edit())).toBe('FORBIDDEN');
    expect(codeOf(await edit())).toBe('FORBIDDEN');

    expect((await adminSide(UPDATE_USER, { id: gid('User', user.id), input: { role: 'OFFICER' } }, admin)).errors).toBeUndefined();
    expect((await edit()).errors).toBeUndefined();
  });

  it('a deactivation refuses the very next operation', async () => {
    const { admin, user, edit, adminSide } = await signedInEditor();
    expect((await edit()).errors).toBeUndefined();
    expect((await adminSide('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: gid('User', user.id) }, admin)).data).toEqual({ deactivateUser: { active: false } });
    const refused = await edit();
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/not active/);
  });

  it('a new password ends the old token at the very next operation', async () => {
    const { admin, user, edit, adminSide } = await signedInEditor();
    expect((await edit()).errors).toBeUndefined();
    expect((await adminSide(UPDATE_USER, { id: gid('User', user.id), input: { password: 'another-password-2' } }, admin)).errors).toBeUndefined();
    const refused = await edit();
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/password was changed/);
  });
}

describeEachDatabase('the cached user of a request, one process', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  beforeAll(async () => {
    t = await startTestServer(dialect, 'user-cache');
    f = new Fixtures(t);
  });
  afterAll(() => t?.close());

  revocationCases(() => ({ t, f, userSide: (q, v, token) => t.gql(q, v, token), adminSide: (q, v, token) => t.gql(q, v, token) }));
});

describeEachDatabaseWithRedis('the cached user of a request, two processes (Redis)', (dialect) => {
  let a: TestServer;
  let b: RunningServer;
  let f: Fixtures;
  beforeAll(async () => {
    a = await startTestServer(dialect, 'user-cache-redis', { config: { redisUrl: redisUrl() } });
    // A second API process on the same database and Redis: the user works there, the admin on A.
    b = await startServer({ ...a.config, port: 0, seedDemoData: false });
    f = new Fixtures(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const onB: Send = async (query, variables, token) => {
    const response = await fetch(b.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResponse;
  };
  revocationCases(() => ({ t: a, f, userSide: onB, adminSide: (q, v, token) => a.gql(q, v, token) }));
});
