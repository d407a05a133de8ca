import { createHash } from 'node:crypto';
import type { BoardEventPayload, DomainEvent } from './domain-events';

export type { BoardEventPayload };

/**
 * Every topic the API publishes, with the payload it carries. Payloads are plain JSON (they cross
 * Redis between processes), and are published only after the change committed (by the event bus
 * and its topic bridge). Every key starts with the namespace naming the database (agreement and
 * board topics: `<namespace>:<agreementId>`), so that two deployments (or two test databases)
 * sharing one Redis never hear each other.
 */
export type Topics = {
  /** Every committed domain event of one database, for listeners in any process. */
  DOMAIN_EVENT: [namespace: string, payload: DomainEvent];
  /** A committed change of one agreement (status step, document, presentation, action plan, registry edit); the payload is its id. */
  AGREEMENT_UPDATED: [agreementKey: string, payload: { agreementId: number }];
  /** A committed change of one agreement's draft board. */
  BOARD_EVENT: [boardKey: string, payload: BoardEventPayload];
  /** Someone joined, left or started editing something on one board; listeners re-read presence. */
  BOARD_PRESENCE: [boardKey: string, payload: { agreementId: number }];
  /**
   * A user was deactivated, or their role, OPD or password changed: every process serving that
   * database closes the user's sockets. Keyed by `databaseNamespace`, so deployments or test
   * databases that share a Redis never close each other's sockets.
   */
  USER_SESSIONS_REVOKED: [namespace: string, payload: { userId: number; reason: 'deactivated' | 'changed' }];
  /** A notification was made for one user; keyed by `<namespace>:<userId>` (notificationKey), so a user hears only their own. */
  NOTIFICATION_ADDED: [userKey: string, payload: { notificationId: number }];
  /** A committed change of a drafting meeting's state or attendance; keyed by `meetingKey` (its agreement). */
  MEETING_UPDATED: [meetingKey: string, payload: { meetingId: number; agreementId: number }];
};

export const Topic = {
  DOMAIN_EVENT: 'DOMAIN_EVENT',
  AGREEMENT_UPDATED: 'AGREEMENT_UPDATED',
  BOARD_EVENT: 'BOARD_EVENT',
  BOARD_PRESENCE: 'BOARD_PRESENCE',
  USER_SESSIONS_REVOKED: 'USER_SESSIONS_REVOKED',
  NOTIFICATION_ADDED: 'NOTIFICATION_ADDED',
  MEETING_UPDATED: 'MEETING_UPDATED',
} as const;

/** The routing key of one user's notifications. */
export const notificationKey = (namespace: string, userId: number) => `${namespace}:${userId}`;

/** The routing key of one agreement's meeting topic (subscribers of one meeting filter by its id). */
export const meetingKey = (namespace: string, agreementId: number) => `${namespace}:meetings:${agreementId}`;

/** The routing key of one agreement's topics (its board, its updates). */
export const boardKey = (namespace: string, agreementId: number) => `${namespace}:${agreementId}`;

/** A short name for the database a process serves, to keep its board topics apart from others'. */
export function databaseNamespace(options: { type: string; database?: unknown; host?: unknown; port?: unknown }): string {
  const identity = options.type === 'better-sqlite3' ? `sqlite:${String(options.database)}` : `mysql:${String(options.host)}:${String(options.port)}/${String(options.database)}`;
  return createHash('sha1').update(identity).digest('hex').slice(0, 12);
}
