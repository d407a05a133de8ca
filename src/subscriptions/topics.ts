/**
 * Every topic the API publishes, with the payload it carries. Payloads are plain JSON (they cross
 * Redis between processes), and are published only after the change committed.
 */
export type Topics = {
  /** A committed status change of one agreement; the payload is its id. */
  AGREEMENT_UPDATED: [agreementId: string, payload: { agreementId: number }];
  /** A user was deactivated or their role changed: every process closes that user's sockets. */
  USER_SESSIONS_REVOKED: [payload: { userId: number; reason: 'deactivated' | 'changed' }];
};

export const Topic = {
  AGREEMENT_UPDATED: 'AGREEMENT_UPDATED',
  USER_SESSIONS_REVOKED: 'USER_SESSIONS_REVOKED',
} as const;
