/**
 * The open WebSockets of each user, so that a user's sockets can be closed when the account is
 * deactivated or changed, and each socket when its token expires. Per process: a deactivation in
 * another process reaches this one through the USER_SESSIONS_REVOKED topic.
 */

/** Close codes (graphql-ws uses 4400–4499 for its own; these match their meaning). */
export const CloseCodes = {
  /** Going away: the server is shutting down (or restarting); reconnect and resume. */
  GOING_AWAY: 1001,
  /** The database or Redis does not answer for now: reconnect in a few seconds. */
  TRY_AGAIN_LATER: 1013,
  /** The connection's params are malformed (graphql-ws's Bad Request); fix them, do not retry as is. */
  BAD_REQUEST: 4400,
  /** The token is missing, invalid or expired: sign in again and reconnect. */
  UNAUTHENTICATED: 4401,
  /** The account was deactivated or its role changed: reconnect (and be checked again). */
  FORBIDDEN: 4403,
  /** Too many sockets for one user. */
  TOO_MANY_CONNECTIONS: 4429,
} as const;

export interface ClosableSocket {
  close(code: number, reason: string): void;
}

interface Entry {
  userId: number;
  socket: ClosableSocket;
  timer: NodeJS.Timeout | null;
}

// setTimeout holds at most ~24.8 days; longer expiries re-arm.
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SocketRegistry {
  private readonly byUser = new Map<number, Set<Entry>>();
  private readonly bySocket = new Map<ClosableSocket, Entry>();

  constructor(private readonly maxSocketsPerUser: number) {}

  /**
   * Registers a socket of `userId` that must close when its token expires (`expiresAt`, ms since
   * epoch). Refuses (false) when the user already has the maximum number of sockets open.
   */
  add(userId: number, socket: ClosableSocket, expiresAt: number | null): boolean {
    const sockets = this.byUser.get(userId) ?? new Set<Entry>();
    if (sockets.size >= this.maxSocketsPerUser) return false;
    const entry: Entry = { userId, socket, timer: null };
    sockets.add(entry);
    this.byUser.set(userId, sockets);
    this.bySocket.set(socket, entry);
    if (expiresAt !== null) this.armExpiry(entry, expiresAt);
    return true;
  }

  remove(socket: ClosableSocket): void {
    const entry = this.bySocket.get(socket);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.bySocket.delete(socket);
    const sockets = this.byUser.get(entry.userId);
    sockets?.delete(entry);
    if (sockets?.size === 0) this.byUser.delete(entry.userId);
  }

  /** The users with at least one open socket here. */
  userIds(): number[] {
    return [...this.byUser.keys()];
  }

  countOf(userId: number): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  closeUser(userId: number, code: number, reason: string): number {
    const entries = [...(this.byUser.get(userId) ?? [])];
    for (const entry of entries) this.closeEntry(entry, code, reason);
    return entries.length;
  }

  clear(): void {
    for (const entry of [...this.bySocket.values()]) if (entry.timer) clearTimeout(entry.timer);
    this.bySocket.clear();
    this.byUser.clear();
  }

  private armExpiry(entry: Entry, expiresAt: number) {
    const delay = expiresAt - Date.now();
    if (delay <= 0) {
      this.closeEntry(entry, CloseCodes.UNAUTHENTICATED, 'Token expired: sign in again');
      return;
    }
    entry.timer = setTimeout(() => this.armExpiry(entry, expiresAt), Math.min(delay, MAX_TIMER_MS));
    entry.timer.unref();
  }

  private closeEntry(entry: Entry, code: number, reason: string) {
    this.remove(entry.socket);
    entry.socket.close(code, reason);
  }
}
