import { createHash } from 'node:crypto';
import type { BoardEventKind } from '../entities/enums';
import type { ActivitySnapshot } from '../entities/activity-snapshot';

/**
 * One committed board change as it travels between processes and is replayed from the log. Plain
 * JSON (it crosses Redis): the instant is an ISO string.
 */
export interface BoardEventPayload {
  agreementId: number;
  seq: number;
  kind: BoardEventKind;
  activityId: number | null;
  changedFields: string[];
  snapshot: ActivitySnapshot | null;
  actorId: number | null;
  at: string;
}

/**
 * Every topic the API publishes, with the payload it carries. Payloads are plain JSON (they cross
 * Redis between processes), and are published only after the change committed. Board topics are
 * keyed by `<namespace>:<agreementId>`, the namespace naming the database, so that two deployments
 * (or two test databases) sharing one Redis never hear each other.
 */
export type Topics = {
  /** A committed status change of one agreement; the payload is its id. */
  AGREEMENT_UPDATED: [agreementId: string, payload: { agreementId: number }];
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
  /** A committed change of a drafting meeting's state or attendance; keyed by `meetingKey` (its agreement). */
  MEETING_UPDATED: [meetingKey: string, payload: { meetingId: number; agreementId: number }];
};

export const Topic = {
  AGREEMENT_UPDATED: 'AGREEMENT_UPDATED',
  BOARD_EVENT: 'BOARD_EVENT',
  BOARD_PRESENCE: 'BOARD_PRESENCE',
  USER_SESSIONS_REVOKED: 'USER_SESSIONS_REVOKED',
  MEETING_UPDATED: 'MEETING_UPDATED',
} as const;

/** The routing key of one agreement's meeting topic (subscribers of one meeting filter by its id). */
export const meetingKey = (namespace: string, agreementId: number) => `${namespace}:meetings:${agreementId}`;

/** The routing key of one agreement's board topics. */
export const boardKey = (namespace: string, agreementId: number) => `${namespace}:${agreementId}`;

/** A short name for the database a process serves, to keep its board topics apart from others'. */
export function databaseNamespace(options: { type: string; database?: unknown; host?: unknown; port?: unknown }): string {
  const identity = options.type === 'better-sqlite3' ? `sqlite:${String(options.database)}` : `mysql:${String(options.host)}:${String(options.port)}/${String(options.database)}`;
  return createHash('sha1').update(identity).digest('hex').slice(0, 12);
}
