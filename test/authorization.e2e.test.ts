import { Role, type User } from '../src/entities';
import { DomainError } from '../src/errors';
import { assertCanActForOpd, canActForOpd, canManageRegistry, canManageUsers } from '../src/services/access-policy';
import { CALLERS, MATRIX, SIGNED_IN, SUBSCRIPTIONS, type Caller } from './support/authorization-matrix';
import { describeEachDatabase } from './support/each-database';
import { Fixtures, snapshot } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

describeEachDatabase('authorization matrix', (dialect) => {
  let t: TestServer;
  let fixtures: Fixtures;
  const tokens = new Map<Caller, string | null>();

  beforeAll(async () => {
    t = await startTestServer(dialect, 'authorization');
    fixtures = new Fixtures(t);
    for (const [caller, email] of Object.entries(CALLERS) as [Caller, string | null][]) tokens.set(caller, email ? await t.login(email) : null);
  });
  afterAll(() => t?.close());

  // One test per operation and caller, so a failure names both.
  const cases = MATRIX.flatMap((row) => (Object.keys(CALLERS) as Caller[]).map((caller) => [row.name, caller, row] as const));

  it.each(cases)('%s as %s', async (_name, caller, row) => {
    const variables = await row.variables(fixtures, caller);
    const before = await snapshot(t.server.dataSource);
    const result = await t.gql(row.document, variables, tokens.get(caller));
    if (row.allowed.includes(caller)) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.[row.name]).toBeTruthy();
      return;
    }
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0].extensions?.code).toBe(row.refusedWith?.[caller] ?? (caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'));
    expect(result.data?.[row.name] ?? null).toBeNull();
    expect(await snapshot(t.server.dataSource)).toEqual(before);
  });

  // Subscriptions: a socket without a token is refused at connection_init, whatever it subscribes to;
  // the rows that answer at once also show every allowed caller's subscription accepted.
  const subscriptionCases = SUBSCRIPTIONS.flatMap((row) => (['anonymous', ...(row.answersAtOnce ? SIGNED_IN : [])] as Caller[]).map((caller) => [row.name, caller, row] as const));

  it.each(subscriptionCases)('subscription %s as %s', async (_name, caller, row) => {
    const variables = await row.variables(fixtures);
    let closeCode: number | undefined;
    const client = t.ws(tokens.get(caller), { on: { closed: (event) => (closeCode = (event as { code: number }).code) } });
    const outcome = await new Promise<{ data?: unknown; error?: unknown }>((resolve) => {
      const stop = client.subscribe({ query: row.document, variables }, {
        next: (result) => {
          stop();
          resolve(result.errors ? { error: result.errors } : { data: result.data });
        },
        error: (error) => resolve({ error }),
        complete: () => resolve({}),
      });
    });
    await client.dispose();
    if (row.allowed.includes(caller)) {
      expect(outcome.error).toBeUndefined();
      expect((outcome.data as Record<string, unknown> | undefined)?.[row.name]).toBeTruthy();
    } else {
      // Only anonymous sockets are refused here: no subscription is limited to some roles today.
      expect(caller).toBe('anonymous');
      expect(outcome.data).toBeUndefined();
      expect(closeCode).toBe(4401);
    }
  });

  it('lets anyone (even with a stale token) sign in, and only with the right password', async () => {
    const query = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email } } }';
    for (const caller of Object.keys(CALLERS) as Caller[]) {
      const ok = await t.gql(query, { e: 'viewer@jalin.local', p: 'jalin-demo' }, tokens.get(caller));
      expect(ok.errors).toBeUndefined();
    }
    const before = await snapshot(t.server.dataSource);
    const wrong = await t.gql(query, { e: 'admin@jalin.local', p: 'guess' });
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // A failed sign-in changes no data; it is only recorded in the audit trail (the throttle counts it).
    const after = await snapshot(t.server.dataSource);
    const { audit_entry: entriesBefore, audit_chain_head: _headBefore, ...dataBefore } = before;
    const { audit_entry: entriesAfter, audit_chain_head: _headAfter, ...dataAfter } = after;
    expect(dataAfter).toEqual(dataBefore);
    const added = entriesAfter.filter((entry) => !entriesBefore.includes(entry)).map((entry) => JSON.parse(entry as string).operation);
    expect(added).toEqual(['loginFailed']);
  });
});

describe('access policy (the helper the board and workflow services call)', () => {
  const user = (role: Role, opdId: number | null = null) => ({ id: 1, role, opdId }) as Pick<User, 'id' | 'role' | 'opdId'>;
  const BAPPEDA = 1;
  const DISPAR = 2;

  it('lets an OPD editor edit only its own OPD’s activities, officers and admins every OPD’s, viewers none', () => {
    expect(canActForOpd(user(Role.OPD_EDITOR, BAPPEDA), BAPPEDA)).toBe(true);
    expect(canActForOpd(user(Role.OPD_EDITOR, BAPPEDA), DISPAR)).toBe(false);
    expect(canActForOpd(user(Role.OPD_EDITOR, null), BAPPEDA)).toBe(false);
    expect(canActForOpd(user(Role.OFFICER), DISPAR)).toBe(true);
    expect(canActForOpd(user(Role.ADMIN), DISPAR)).toBe(true);
    expect(canActForOpd(user(Role.VIEWER), BAPPEDA)).toBe(false);
  });

  it('refuses with FORBIDDEN anyone who may not act for the OPD (whether the board is open is the workflow\'s rule)', () => {
    const codeOf = (action: () => void) => {
      try {
        action();
        return 'ALLOWED';
      } catch (error) {
        return (error as DomainError).code;
      }
    };
    expect(codeOf(() => assertCanActForOpd(user(Role.OPD_EDITOR, BAPPEDA), BAPPEDA))).toBe('ALLOWED');
    expect(codeOf(() => assertCanActForOpd(user(Role.OPD_EDITOR, BAPPEDA), null))).toBe('ALLOWED');
    expect(codeOf(() => assertCanActForOpd(user(Role.OPD_EDITOR, BAPPEDA), DISPAR))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanActForOpd(user(Role.OPD_EDITOR, null), null))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanActForOpd(user(Role.VIEWER), DISPAR))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCanActForOpd(user(Role.OFFICER), DISPAR))).toBe('ALLOWED');
  });

  it('gives the registry to officers and admins, and users to admins only', () => {
    expect([Role.ADMIN, Role.OFFICER, Role.OPD_EDITOR, Role.VIEWER].map((role) => canManageRegistry(user(role)))).toEqual([true, true, false, false]);
    expect([Role.ADMIN, Role.OFFICER, Role.OPD_EDITOR, Role.VIEWER].map((role) => canManageUsers(user(role)))).toEqual([true, false, false, false]);
  });
});
