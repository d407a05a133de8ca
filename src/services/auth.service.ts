import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { DataSource } from 'typeorm';
import { User } from '../entities';
import { DomainError, ErrorCode, unauthenticated } from '../errors';
import { decoyPasswordHash, verifyPassword } from './password';

export interface AuthSettings {
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  onEphemeralSecret?: () => void;
}

const ALGORITHM = 'HS256';
const ISSUER = 'jalin';

export class AuthService {
  private readonly key: Uint8Array;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AuthSettings,
  ) {
    if (settings.jwtSecret) {
      this.key = new TextEncoder().encode(settings.jwtSecret);
    } else {
      // Development only (config refuses this in production): tokens die with the process.
      this.key = randomBytes(32);
      settings.onEphemeralSecret?.();
    }
  }

  /** The same answer for an unknown email and a wrong password, in the same time: no hint which was wrong. */
  async login(email: string, password: string): Promise<{ token: string; user: User }> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !ok || !user.active) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Wrong email or password');
    }
    return { token: await this.issueToken(user), user };
  }

  issueToken(user: Pick<User, 'id' | 'role'>): Promise<string> {
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.jwtTtlSeconds}s`)
      .sign(this.key);
  }

  /**
   * Resolves a bearer token to an active user. The user is read on every request so that
   * deactivating someone takes effect at once, not when their token expires.
   */
  async authenticate(authorization: string | undefined | null): Promise<User | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    let subject: string | undefined;
    try {
      const { payload } = await jwtVerify(match[1], this.key, { algorithms: [ALGORITHM], issuer: ISSUER });
      subject = payload.sub;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Your session has expired; sign in again');
      throw unauthenticated('The token is not valid; sign in again');
    }
    const id = Number(subject);
    const user = Number.isInteger(id) ? await this.dataSource.getRepository(User).findOneBy({ id }) : null;
    if (!user || !user.active) throw unauthenticated('This account is not active; sign in again');
    return user;
  }
}
