import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { LoginThrottleConfig } from '../config';
import { tooManyAttempts } from '../errors';

/**
 * Limits password guessing (issue 14, defect 7). Failed sign-ins are counted per account (the
 * email) and per client address, in a store every process shares (Redis with REDIS_URL, else the
 * database's `login_throttle` table). The first few failures cost nothing; each further one locks
 * the key for a delay that doubles (LOGIN_FIRST_DELAY, 2×, 4×, … up to LOGIN_MAX_LOCK). While a key
 * is locked every attempt is refused before the password is even looked at, the right one too.
 *
 * The account key is charged BEFORE the password is checked, atomically with the lock check, so
 * that a burst of parallel guesses cannot all slip in under the limit; a success then clears it.
 * The address key counts failures only (checked before, charged after): an office behind one
 * address signs in all day, and its successes must not add up to a lock.
 */

/** What happened to one sign-in attempt: the hook for the audit trail and the metrics. */
export type LoginAttemptOutcome =
  | { kind: 'succeeded'; email: string; clientAddress: string | null; at: number }
  | { kind: 'failed'; email: string; clientAddress: string | null; at: number; lockedUntil: number | null }
  | { kind: 'throttled'; email: string; clientAddress: string | null; at: number; scope: 'account' | 'address'; retryAfterSeconds: number };

export type LoginAttemptListener = (outcome: LoginAttemptOutcome) => void;

/** The state of one key after a change. */
export interface ThrottleState {
  failures: number;
  /** Epoch ms until which the key is locked; 0 when it is not. */
  lockedUntil: number;
}

export interface Policy {
  freeAttempts: number;
  firstDelayMs: number;
  maxLockMs: number;
  windowMs: number;
}

export interface ThrottleStore {
  /** Epoch ms until which the key is locked (0: not locked). */
  lockedUntil(key: string, now: number): Promise<number>;
  /**
   * Counts one failure (a new window when the last was more than `windowMs` ago) and locks the key
   * when the count is over the free attempts. With `refuseIfLocked`, a locked key is left as it is
   * and `refused` is true: the check and the charge are one atomic step.
   */
  hit(key: string, now: number, policy: Policy, refuseIfLocked: boolean): Promise<ThrottleState & { refused: boolean }>;
  /** Forgets a key (a successful sign-in). */
  reset(key: string): Promise<void>;
  /** Releases what the store holds of its own (a connection); the process is shutting down. */
  close?(): Promise<void>;
}

/** The lock after the n-th failure: none within the free attempts, then doubling up to the maximum. */
export function lockDelayMs(failures: number, policy: Policy): number {
  const over = failures - policy.freeAttempts;
  if (over <= 0) return 0;
  return Math.min(policy.maxLockMs, policy.firstDelayMs * 2 ** Math.min(over - 1, 40));
}

export function nextState(previous: { failures: number; lastAt: number; lockedUntil: number } | null, now: number, policy: Policy): ThrottleState {
  const fresh = !previous || previous.lastAt + policy.windowMs <= now;
  const failures = fresh ? 1 : previous.failures + 1;
  const delay = lockDelayMs(failures, policy);
  return { failures, lockedUntil: delay ? now + delay : fresh ? 0 : previous.lockedUntil };
}

/** Keys are hashed: the store holds no email addresses or IP addresses. */
function keyOf(scope: 'account' | 'address', value: string): string {
  return `${scope}:${createHash('sha256').update(value).digest('base64url').slice(0, 32)}`;
}

export class LoginThrottle {
  private readonly listeners: LoginAttemptListener[] = [];

  constructor(
    private readonly store: ThrottleStore,
    private readonly config: LoginThrottleConfig,
    private readonly now: () => number = Date.now,
  ) {}

  close(): Promise<void> {
    return this.store.close?.() ?? Promise.resolve();
  }

  /** Called with each attempt's outcome (the audit trail subscribes here). Listeners must not throw. */
  onAttempt(listener: LoginAttemptListener) {
    this.listeners.push(listener);
  }

  private policy(scope: 'account' | 'address'): Policy {
    const { firstDelayMs, maxLockMs, windowMs } = this.config;
    return { freeAttempts: scope === 'account' ? this.config.accountFreeAttempts : this.config.addressFreeAttempts, firstDelayMs, maxLockMs, windowMs };
  }

  /**
   * Runs `verify` (which says whether the email and password are right) unless the account or the
   * address is locked; throws TOO_MANY_ATTEMPTS then. Returns verify's answer.
   */
  async attempt(email: string, clientAddress: string | null, verify: () => Promise<boolean>): Promise<boolean> {
    const account = keyOf('account', email);
    const address = clientAddress ? keyOf('address', clientAddress) : null;
    const at = this.now();
    if (address) {
      const lockedUntil = await this.store.lockedUntil(address, at);
      if (lockedUntil > at) throw this.refuse({ email, clientAddress, at, scope: 'address', lockedUntil });
    }
    const charged = await this.store.hit(account, at, this.policy('account'), true);
    if (charged.refused) throw this.refuse({ email, clientAddress, at, scope: 'account', lockedUntil: charged.lockedUntil });
    const ok = await verify();
    if (ok) {
      await this.store.reset(account);
      this.emit({ kind: 'succeeded', email, clientAddress, at });
      return true;
    }
    const byAddress = address ? await this.store.hit(address, at, this.policy('address'), false) : null;
    const lockedUntil = Math.max(charged.lockedUntil, byAddress?.lockedUntil ?? 0);
    this.emit({ kind: 'failed', email, clientAddress, at, lockedUntil: lockedUntil > at ? lockedUntil : null });
    return false;
  }

  private refuse(what: { email: string; clientAddress: string | null; at: number; scope: 'account' | 'address'; lockedUntil: number }) {
    const retryAfterSeconds = Math.max(1, Math.ceil((what.lockedUntil - what.at) / 1000));
    this.emit({ kind: 'throttled', email: what.email, clientAddress: what.clientAddress, at: what.at, scope: what.scope, retryAfterSeconds });
    return tooManyAttempts(retryAfterSeconds);
  }

  private emit(outcome: LoginAttemptOutcome) {
    for (const listener of this.listeners) {
      try {
        listener(outcome);
      } catch {
        // A listener's failure must not change the answer to a sign-in.
      }
    }
  }
}

/**
 * The `login_throttle` table (both dialects; created by the LoginThrottle migrations). Each change
 * is a compare-and-set on `version`, retried on a lost race: portable, atomic across processes,
 * and never a read-then-write transaction (which SQLite would refuse as busy under contention).
 */
export class DatabaseThrottleStore implements ThrottleStore {
  private hits = 0;

  constructor(private readonly dataSource: DataSource) {}

  private get insertIgnore() {
    return this.dataSource.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  }

  private async run(sql: string, parameters: unknown[]): Promise<{ rows: Record<string, unknown>[]; affected: number }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, parameters, true);
      return { rows: Array.isArray(result.records) ? result.records : [], affected: result.affected ?? 0 };
    } finally {
      await runner.release();
    }
  }

  private async read(key: string) {
    const { rows } = await this.run('SELECT failures, last_at, locked_until, version FROM login_throttle WHERE throttle_key = ?', [key]);
    if (!rows.length) return null;
    const row = rows[0];
    return { failures: Number(row.failures), lastAt: Number(row.last_at), lockedUntil: Number(row.locked_until), version: Number(row.version) };
  }

  async lockedUntil(key: string): Promise<number> {
    return (await this.read(key))?.lockedUntil ?? 0;
  }

  async hit(key: string, now: number, policy: Policy, refuseIfLocked: boolean) {
    if (++this.hits % 200 === 0) await this.sweep(now, policy);
    for (let tries = 0; tries < 50; tries++) {
      const row = await this.read(key);
      if (!row) {
        // A first failure (or a row swept meanwhile): create it empty, then update it like any other.
        await this.run(`${this.insertIgnore} INTO login_throttle (throttle_key, failures, last_at, locked_until, version) VALUES (?, 0, 0, 0, 0)`, [key]);
        continue;
      }
      if (refuseIfLocked && row.lockedUntil > now) return { failures: row.failures, lockedUntil: row.lockedUntil, refused: true };
      const next = nextState(row.failures === 0 && row.lastAt === 0 ? null : row, now, policy);
      const { affected } = await this.run(
        'UPDATE login_throttle SET failures = ?, last_at = ?, locked_until = ?, version = version + 1 WHERE throttle_key = ? AND version = ?',
        [next.failures, now, next.lockedUntil, key, row.version],
      );
      if (affected === 1) return { ...next, refused: false };
    }
    throw new Error('login_throttle: too much contention on one key');
  }

  async reset(key: string) {
    await this.run('DELETE FROM login_throttle WHERE throttle_key = ?', [key]);
  }

  /** Rows whose failures are forgotten and whose lock is over: the table stays small. */
  private async sweep(now: number, policy: Policy) {
    await this.run('DELETE FROM login_throttle WHERE last_at < ? AND locked_until < ?', [now - policy.windowMs, now]);
  }
}

/** One Lua script per change: Redis runs it atomically, so every process sees one count per key. */
const HIT_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[2])
local first = tonumber(ARGV[3])
local max = tonumber(ARGV[4])
local window = tonumber(ARGV[5])
local refuse = ARGV[6] == '1'
local failures = tonumber(redis.call('HGET', key, 'f') or '0')
local lastAt = tonumber(redis.call('HGET', key, 'a') or '0')
local lockedUntil = tonumber(redis.call('HGET', key, 'l') or '0')
if refuse and lockedUntil > now then
  return {failures, lockedUntil, 1}
end
if failures == 0 or lastAt + window <= now then
  failures = 1
  lockedUntil = 0
else
  failures = failures + 1
end
local over = failures - free
if over > 0 then
  lockedUntil = now + math.min(max, first * 2 ^ math.min(over - 1, 40))
end
redis.call('HSET', key, 'f', failures, 'a', now, 'l', lockedUntil)
redis.call('PEXPIRE', key, math.max(window, lockedUntil - now) + 1000)
return {failures, lockedUntil, 0}
`;

/** How long a sign-in waits for one Redis command of the throttle before it is an outage (503). */
export const THROTTLE_REDIS_TIMEOUT_MS = 2_000;

/**
 * Counts in Redis, over a connection of the store's own, whose commands fail instead of waiting:
 * the process's shared connection queues commands while Redis is away and sends them again once
 * it is back (right for events, which must arrive late rather than never). For a sign-in that would
 * mean hanging for the whole outage, and then counting attempts nobody waited for. Here a command
 * is sent only on a connected connection (waiting for it at most THROTTLE_REDIS_TIMEOUT_MS: the
 * process's first moments, a reconnection), times out after as long when Redis does not answer (a
 * silent cut), and is never sent again; the sign-in is then answered SERVICE_UNAVAILABLE (see
 * outage.ts). Guesses are never let through uncounted.
 */
export class RedisThrottleStore implements ThrottleStore {
  private readonly redis: Redis;

  constructor(
    shared: Redis,
    private readonly prefix: string,
    onConnectionError: (error: Error) => void,
  ) {
    this.redis = shared.duplicate({
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      commandTimeout: THROTTLE_REDIS_TIMEOUT_MS,
    });
    this.redis.on('error', onConnectionError);
  }

  async close() {
    this.redis.disconnect();
  }

  /** Resolves once the connection is ready; an outage (ETIMEDOUT) if it is not within the bound. */
  private whenReady(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(Object.assign(new Error(`Redis is not connected (sign-in throttle) after ${THROTTLE_REDIS_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' }));
      }, THROTTLE_REDIS_TIMEOUT_MS);
      this.redis.once('ready', onReady);
    });
  }

  async lockedUntil(key: string): Promise<number> {
    await this.whenReady();
    return Number((await this.redis.hget(this.prefix + key, 'l')) ?? 0);
  }

  async hit(key: string, now: number, policy: Policy, refuseIfLocked: boolean) {
    await this.whenReady();
    const [failures, lockedUntil, refused] = (await this.redis.eval(
      HIT_SCRIPT,
      1,
      this.prefix + key,
      now,
      policy.freeAttempts,
      policy.firstDelayMs,
      policy.maxLockMs,
      policy.windowMs,
      refuseIfLocked ? '1' : '0',
    )) as [number, number, number];
    return { failures: Number(failures), lockedUntil: Number(lockedUntil), refused: Number(refused) === 1 };
  }

  async reset(key: string) {
    await this.whenReady();
    await this.redis.del(this.prefix + key);
  }
}
