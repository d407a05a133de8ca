import { createHash } from 'node:crypto';

/**
 * Every topic the API publishes, with the payload it carries. Payloads are plain JSON (they cross
 * Redis between processes), and are published only after the change committed.
 */
export type Topics = {
  /** A committed status change of one agreement; the payload is its id. */
  AGREEMENT_UPDATED: [agreementId: string, payload: { agreementId: number }];
  /**
   * A user was deactivated, or their role, OPD or password changed: every process serving that
   * database closes the user's sockets. Keyed by `databaseNamespace`, so deployments or test
   * databases that share a Redis never close each other's sockets.
   */
  USER_SESSIONS_REVOKED: [namespace: string, payload: { userId: number; reason: 'deactivated' | 'changed' }];
};

export const Topic = {
  AGREEMENT_UPDATED: 'AGREEMENT_UPDATED',
  USER_SESSIONS_REVOKED: 'USER_SESSIONS_REVOKED',
} as const;

/**
 * A short name for the database a process serves (identical to the helper on main that keys the
 * board topics; keep one copy when merging).
 */
export function databaseNamespace(options: { type: string; database?: unknown; host?: unknown; port?: unknown }): string {
  const identity = options.type === 'better-sqlite3' ? `sqlite:${String(options.database)}` : `mysql:${String(options.host)}:${String(options.port)}/${String(options.database)}`;
  return createHash('sha1').update(identity).digest('hex').slice(0, 12);
}
