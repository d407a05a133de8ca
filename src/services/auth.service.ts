import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import type { DataSource } from 'typeorm';
import { User } from '../entities';
import { DomainError, ErrorCode, unauthenticated } from '../errors';
import type { EventBus } from '../events/event-bus';
import { eventBase } from '../events/domain-events';
import type { LoginThrottle } from './login-throttle';
import { decoyPasswordHash, verifyPassword } from './password';
import { UserCache } from './user-cache';

export interface AuthSettings {
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  onEphemeralSecret?: () => void;
  /** Accept tokens of an external identity provider too (its JWKS, issuer and audience). */
  externalIdp?: { jwksUrl: string; issuer: string; audience: string } | null;
}

/** A verified session: the (active) user, and when the token stops being valid. */
export interface Session {
  user: User;
  /** Milliseconds since the epoch (every accepted token carries `exp`). */
  expiresAt: number;
}

const ALGORITHM = 'HS256';
/** A token without `exp` would be valid forever (a leaked one could never be ended but by a new password): refused, ours and the provider's alike. */
const REQUIRED_CLAIMS = ['exp'];
const ISSUER = 'jalin';
/** Verified tokens kept at most (see AuthService.verifiedTokens). */
const MAX_VERIFIED_TOKENS = 10_000;
/** Asymmetric algorithms an identity provider may sign with; never HS* (its key is public) and never `none`. */
const EXTERNAL_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export class AuthService {
  private readonly key: Uint8Array;
  private readonly externalKeys: ReturnType<typeof createRemoteJWKSet> | null;
  /** The users tokens name, kept until a change of theirs is heard (see UserCache). */
  private readonly users: UserCache;
  /**
   * Our own tokens already verified, by their text: a token never changes, so its signature and
   * claims need checking once (the check that follows, of the user it names, runs every time). A
   * token is used only until its `exp`; the map starts over beyond MAX_VERIFIED_TOKENS.
   */
  private readonly verifiedTokens = new Map<string, JWTPayload>();
  /** Stops following user changes (at shutdown). */
  readonly close: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AuthSettings,
    private readonly events: EventBus,
    /** Limits password guessing; null when LOGIN_THROTTLE=off. */
    readonly throttle: LoginThrottle | null = null,
  ) {
    if (settings.jwtSecret) {
      this.key = new TextEncoder().encode(settings.jwtSecret);
    } else {
      // Development only (config refuses this in production): tokens die with the process.
      this.key = randomBytes(32);
      settings.onEphemeralSecret?.();
    }
    // jose caches the key set and refetches it when a token names an unknown key id.
    this.externalKeys = settings.externalIdp ? createRemoteJWKSet(new URL(settings.externalIdp.jwksUrl), { timeoutDuration: 5000 }) : null;
    this.users = new UserCache((id) => this.dataSource.getRepository(User).findOneBy({ id }), events.deliveryEpoch);
    this.close = this.users.follow(events);
  }

  /**
   * The same answer for an unknown email and a wrong password, in the same time: no hint which was
   * wrong. Throttled per account and per client address (TOO_MANY_ATTEMPTS, see login-throttle.ts).
   * Every attempt leaves an audit entry: a success, a failure, or a refusal by the throttle.
   */
  async login(email: string, password: string, origin: { requestId?: string | null; clientAddress?: string | null } = {}): Promise<{ token: string; user: User }> {
    const tried = email.trim().toLowerCase();
    const requestId = origin.requestId ?? null;
    // The email tried is kept in the audit trail (at most the column's length), never the password.
    const failed = (operation: string, userId: number | null) => this.recordSignIn('SignInFailed', operation, { id: null, email: tried.slice(0, 254), requestId }, userId);
    let user = null as User | null;
    const check = async () => {
      user = await this.dataSource.getRepository(User).findOneBy({ email: tried });
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
      return Boolean(user && ok && user.active);
    };
    let ok: boolean;
    try {
      ok = this.throttle ? await this.throttle.attempt(tried, origin.clientAddress ?? null, check) : await check();
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.TOO_MANY_ATTEMPTS) await failed('loginThrottled', null);
      throw error;
    }
    const signedIn = user as User | null;
    if (!ok || !signedIn) {
      // A failed sign-in writes nothing else, so its audit entry gets a small transaction of its own.
      await failed('loginFailed', signedIn?.id ?? null);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Wrong email or password');
    }
    const token = await this.issueToken(signedIn);
    await this.recordSignIn('SignInSucceeded', 'login', { id: signedIn.id, email: signedIn.email, requestId }, signedIn.id);
    return { token, user: signedIn };
  }

  private recordSignIn(type: 'SignInSucceeded' | 'SignInFailed', operation: string, actor: { id: number | null; email: string; requestId: string | null }, userId: number | null) {
    const base = eventBase(null, operation, { type: 'User', id: userId }, {});
    return this.events.transaction(this.dataSource, async (_manager, unit) => {
      unit.record({ type, ...base, actorId: actor.id, actorEmail: actor.email, requestId: actor.requestId });
    });
  }

  /** `pwd` ties the token to the current password: changing the password ends every older token. */
  issueToken(user: Pick<User, 'id' | 'role' | 'passwordHash'>): Promise<string> {
    return new SignJWT({ role: user.role, pwd: passwordStamp(user.passwordHash) })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.jwtTtlSeconds}s`)
      .sign(this.key);
  }

  /**
   * Resolves a bearer token to an active user. The user comes from the UserCache, which forgets a
   * user as soon as a change of theirs is committed in any process, so that deactivating someone
   * (or changing their role or password) takes effect at their next operation, not when their token
   * expires.
   */
  async authenticate(authorization: string | undefined | null): Promise<User | null> {
    return (await this.verify(authorization))?.user ?? null;
  }

  /** Like `authenticate`, and also says when the token expires (WebSocket connections close then). */
  async verify(authorization: string | undefined | null): Promise<Session | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const token = match[1];
    const external = this.externalKeys !== null && isExternal(token);
    let payload: JWTPayload;
    try {
      payload = external ? await this.verifyExternal(token) : await this.verifyLocal(token);
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Your session has expired; sign in again');
      throw unauthenticated('The token is not valid; sign in again');
    }
    const user = external ? await this.externalUser(payload) : await this.localUser(payload);
    if (!user || !user.active) throw unauthenticated('This account is not active; sign in again');
    if (!external && payload.pwd !== passwordStamp(user.passwordHash)) throw unauthenticated('The password was changed; sign in again');
    return { user, expiresAt: payload.exp! * 1000 };
  }

  private async verifyLocal(token: string): Promise<JWTPayload> {
    const known = this.verifiedTokens.get(token);
    // `exp` is in seconds; past it, jose's own check says the session expired.
    if (known && known.exp! * 1000 > Date.now()) return known;
    this.verifiedTokens.delete(token);
    const { payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM], issuer: ISSUER, requiredClaims: REQUIRED_CLAIMS });
    if (this.verifiedTokens.size >= MAX_VERIFIED_TOKENS) this.verifiedTokens.clear();
    this.verifiedTokens.set(token, payload);
    return payload;
  }

  private async verifyExternal(token: string): Promise<JWTPayload> {
    const idp = this.settings.externalIdp!;
    const { payload } = await jwtVerify(token, this.externalKeys!, { algorithms: EXTERNAL_ALGORITHMS, issuer: idp.issuer, audience: idp.audience, requiredClaims: REQUIRED_CLAIMS });
    return payload;
  }

  private localUser(payload: JWTPayload) {
    const id = Number(payload.sub);
    return Number.isSafeInteger(id) && id > 0 ? this.users.get(id) : Promise.resolve(null);
  }

  /** An external token names a person by email; only an existing, active Jalin user gets in, with that user's role. */
  private externalUser(payload: JWTPayload) {
    const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : '';
    if (!email || email.length > 254 || payload.email_verified === false) return Promise.resolve(null);
    return this.dataSource.getRepository(User).findOneBy({ email });
  }
}

/** A short fingerprint of the (salted) password hash: reveals nothing, changes with every new password. */
function passwordStamp(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 12);
}

/** Our own tokens are HS256; anything signed otherwise can only be the identity provider's. */
function isExternal(token: string): boolean {
  try {
    return decodeProtectedHeader(token).alg !== ALGORITHM;
  } catch {
    return false;
  }
}
