import { Redis } from 'ioredis';
import { describeEachDatabase } from './support/each-database';
import type { Dialect, TestDatabase } from './support/databases';
import { createSeededTestDatabase } from './support/seeded-template';
import { assertBuilt, killProcess, startServerProcess, type RunningProcess } from './support/server-process';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './support/test-server';
import { describeEachDatabaseWithRedis, redisUrl } from './support/redis';

const LOGIN = 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

interface Attempt {
  status: number;
  retryAfter: string | null;
  code: string | null;
  message: string | null;
  retryAfterSeconds: unknown;
  token: string | null;
}

/** One sign-in over HTTP, optionally as if forwarded by a proxy for `address`. */
async function attempt(url: string, email: string, password: string, address?: string): Promise<Attempt> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  const body = (await response.json()) as { data?: { login?: { token: string } } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const error = body.errors?.[0];
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: (error?.extensions?.code as string) ?? null,
    message: error?.message ?? null,
    retryAfterSeconds: error?.extensions?.retryAfterSeconds,
    token: body.data?.login?.token ?? null,
  };
}

describeEachDatabase('sign-in throttling', (dialect) => {
  let t: TestServer;
  // The throttle's clock: tests move it instead of waiting for locks to end.
  let now = Date.parse('2026-03-01T00:00:00Z');
  const url = () => t.url;
  /** A day later: every earlier failure is forgotten (the window is 10 minutes). */
  const nextDay = () => (now += 86_400_000);

  beforeAll(async () => {
    t = await startTestServer(dialect, 'login-throttle', {
      config: {
        trustProxy: ['loopback'],
        loginThrottle: { accountFreeAttempts: 3, addressFreeAttempts: 10, firstDelayMs: 1_000, maxLockMs: 60_000, windowMs: 600_000 },
      },
      server: { loginThrottleClock: () => now },
    });
  });
  afterAll(() => t?.close());

  it('locks an account after repeated wrong passwords, refuses even the right one while locked, and lets it in when the lock ends', async () => {
    nextDay();
    const results: Attempt[] = [];
    for (let i = 0; i < 40; i++) results.push(await attempt(url(), 'admin@jalin.local', `wrong-${i}`, '192.0.2.1'));
    // Before the fix all 40 were UNAUTHENTICATED and the right password was accepted right after.
    expect(results.slice(0, 4).map((r) => r.code)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    expect(new Set(results.slice(4).map((r) => r.code))).toEqual(new Set(['TOO_MANY_ATTEMPTS']));

    const locked = await attempt(url(), 'admin@jalin.local', DEMO_PASSWORD, '192.0.2.1');
    expect(locked).toMatchObject({ status: 429, retryAfter: '1', code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 1, token: null });
    expect(locked.message).toBe('Too many failed sign-ins; try again in 1 second');

    // The refusals during the lock did not extend it.
    now += 1_000;
    const after = await attempt(url(), 'admin@jalin.local', DEMO_PASSWORD, '192.0.2.1');
    expect(after.code).toBeNull();
    expect(after.token).toEqual(expect.any(String));

    // A success clears the account's count: three more wrong ones are only wrong.
    for (let i = 0; i < 3; i++) expect((await attempt(url(), 'admin@jalin.local', 'wrong', '192.0.2.1')).code).toBe('UNAUTHENTICATED');
  });

  it('doubles the lock with each further failure, up to the maximum', async () => {
    nextDay();
    // From a new address each time, so that only the account's count grows.
    for (let i = 0; i < 4; i++) await attempt(url(), 'officer@jalin.local', 'wrong', `192.0.2.${10 + i}`);
    const waits: unknown[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = await attempt(url(), 'officer@jalin.local', DEMO_PASSWORD, `192.0.2.${20 + i}`);
      expect(refused.code).toBe('TOO_MANY_ATTEMPTS');
      waits.push(refused.retryAfterSeconds);
      now += Number(refused.retryAfterSeconds) * 1000;
      expect((await attempt(url(), 'officer@jalin.local', 'wrong', `192.0.2.${30 + i}`)).code).toBe('UNAUTHENTICATED');
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    const minutes = await attempt(url(), 'officer@jalin.local', DEMO_PASSWORD, '192.0.2.40');
    expect(minutes.message).toBe('Too many failed sign-ins; try again in 60 seconds');
  });

  it('locks a client address that guesses across many accounts, and only that address', async () => {
    nextDay();
    const emails = ['viewer@jalin.local', 'dispar@jalin.local', 'bappeda@jalin.local', ...Array.from({ length: 8 }, (_, i) => `nobody${i}@example.org`)];
    const codes = [];
    for (const email of emails) codes.push((await attempt(url(), email, 'wrong', '198.51.100.7')).code);
    expect(codes).toEqual(Array(11).fill('UNAUTHENTICATED'));
    // No single account is over its limit (one failure each); the address is.
    const refused = await attempt(url(), 'viewer@jalin.local', DEMO_PASSWORD, '198.51.100.7');
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 1 });
    // Another client (behind the same trusted proxy) is not affected.
    expect((await attempt(url(), 'viewer@jalin.local', DEMO_PASSWORD, '198.51.100.8')).token).toEqual(expect.any(String));
  });

  it('does not count successful sign-ins against an address (an office behind one address)', async () => {
    nextDay();
    for (let i = 0; i < 15; i++) expect((await attempt(url(), 'viewer@jalin.local', DEMO_PASSWORD, '203.0.113.5')).token).toEqual(expect.any(String));
    expect((await attempt(url(), 'viewer@jalin.local', 'wrong', '203.0.113.5')).code).toBe('UNAUTHENTICATED');
  });

  it('lets no more than the free attempts through when guesses arrive all at once', async () => {
    nextDay();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(url(), 'dispar@jalin.local', `burst-${i}`, `192.0.2.${100 + i}`)));
    const codes = results.map((r) => r.code);
    // Three free failures, and the fourth that sets the first lock: the count is charged before the password is checked.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(4);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(26);
  });

  it('throttles a sign-in over WebSocket by the same client address as over HTTP', async () => {
    nextDay();
    const token = (await attempt(url(), 'viewer@jalin.local', DEMO_PASSWORD, '203.0.113.77')).token!;
    // No X-Forwarded-For: the client is the TCP peer, over HTTP and over the WebSocket upgrade alike.
    for (let i = 0; i < 11; i++) expect((await attempt(url(), `nobody-ws${i}@example.org`, 'wrong')).code).toBe('UNAUTHENTICATED');
    const client = t.ws(token);
    const result = await new Promise<{ errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
      client.subscribe({ query: LOGIN, variables: { email: 'officer@jalin.local', password: DEMO_PASSWORD } }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result.errors?.[0]).toMatchObject({ message: 'Too many failed sign-ins; try again in 1 second', extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 1 } });
    expect(result.errors?.[0].extensions).not.toHaveProperty('http');
  });

  it('records each failed and refused sign-in in the audit trail, and reports each outcome to its listeners', async () => {
    nextDay();
    const admin = await t.login('admin@jalin.local');
    /** The audit entries of one sign-in operation for bappeda, as an admin reads them. */
    const entries = async (operation: string) => {
      const trail = await t.gql<{ auditTrail: { nodes: { actorId: string | null; actorEmail: string; recordType: string }[] } }>(
        'query($op: String!) { auditTrail(first: 100, filter: { operation: $op }) { nodes { actorId actorEmail recordType } } }',
        { op: operation },
        admin,
      );
      expect(trail.errors).toBeUndefined();
      return trail.data!.auditTrail.nodes.filter((entry) => entry.actorEmail === 'bappeda@jalin.local');
    };
    const before = { failed: (await entries('loginFailed')).length, throttled: (await entries('loginThrottled')).length };
    const seen: string[] = [];
    t.server.services.auth.throttle!.onAttempt((outcome) => seen.push(`${outcome.kind}:${outcome.email}:${outcome.clientAddress}`));
    await attempt(url(), 'bappeda@jalin.local', DEMO_PASSWORD, '192.0.2.50');
    for (let i = 0; i < 5; i++) await attempt(url(), 'bappeda@jalin.local', 'wrong', '192.0.2.50');
    expect(seen).toEqual([
      'succeeded:bappeda@jalin.local:192.0.2.50',
      ...Array(4).fill('failed:bappeda@jalin.local:192.0.2.50'),
      'throttled:bappeda@jalin.local:192.0.2.50',
    ]);
    // The refused attempt is in the audit trail too, under the email tried, with no actor.
    const throttled = await entries('loginThrottled');
    expect(throttled.length - before.throttled).toBe(1);
    expect(throttled[0]).toMatchObject({ actorId: null, actorEmail: 'bappeda@jalin.local', recordType: 'User' });
    expect((await entries('loginFailed')).length - before.failed).toBe(4);
  });
});

const THROTTLE_ENV = { LOGIN_ACCOUNT_FREE_ATTEMPTS: '2', LOGIN_FIRST_DELAY: '10m', LOGIN_MAX_LOCK: '10m', LOGIN_FAILURE_WINDOW: '10m', LOG_LEVEL: 'warn' };

/** Two real server processes on one database, sharing the throttle's store: a lock set through one holds in the other. */
async function sharesCountAndLock(dialect: Dialect, store: 'database' | 'redis') {
  assertBuilt();
  const database: TestDatabase = await createSeededTestDatabase(dialect, `login-throttle-${store}`);
  const extra: Record<string, string> = store === 'redis' ? { REDIS_URL: redisUrl() } : {};
  let a: RunningProcess | undefined;
  let b: RunningProcess | undefined;
  try {
    a = await startServerProcess(database.config, 0, { ...THROTTLE_ENV, ...extra });
    b = await startServerProcess(database.config, 0, { ...THROTTLE_ENV, ...extra, SEED_DEMO_DATA: 'false' });
    // One wrong on each process, then a third on A: the count is shared, so it locks.
    expect((await attempt(a.url, 'officer@jalin.local', 'wrong')).code).toBe('UNAUTHENTICATED');
    expect((await attempt(b.url, 'officer@jalin.local', 'wrong')).code).toBe('UNAUTHENTICATED');
    expect((await attempt(a.url, 'officer@jalin.local', 'wrong')).code).toBe('UNAUTHENTICATED');
    const refused = await attempt(b.url, 'officer@jalin.local', DEMO_PASSWORD);
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(refused.retryAfterSeconds)).toBeGreaterThan(500);
    expect(refused.message).toBe('Too many failed sign-ins; try again in 10 minutes');
    expect((await attempt(a.url, 'officer@jalin.local', DEMO_PASSWORD)).code).toBe('TOO_MANY_ATTEMPTS');
    // Other accounts sign in as usual on both.
    expect((await attempt(b.url, 'viewer@jalin.local', DEMO_PASSWORD)).token).toEqual(expect.any(String));
    if (store === 'redis') {
      const redis = new Redis(redisUrl());
      try {
        expect((await redis.keys('*:login-throttle:account:*')).length).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
    }
  } finally {
    await killProcess(a);
    await killProcess(b);
    await database.drop();
  }
}

// Two server processes start one after the other: slow on a busy machine.
describeEachDatabase('sign-in throttling across processes', (dialect) => {
  it('shares the count and the lock through the database', () => sharesCountAndLock(dialect, 'database'), 300_000);
});

// The Redis store runs where the tests have a Redis, gated (and skipped, saying why) as every Redis test is.
describeEachDatabaseWithRedis('sign-in throttling across processes through Redis', (dialect) => {
  it('shares the count and the lock through Redis', () => sharesCountAndLock(dialect, 'redis'), 300_000);
});
