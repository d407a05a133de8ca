/**
 * Every topic the API publishes, with the payload it carries. Payloads are plain JSON (they cross
 * Redis between processes), and are published only after the change committed.
 */
export type Topics = {
  /** A committed status change of one agreement; the payload is its id. */
  AGREEMENT_UPDATED: [agreementId: string, payload: { agreementId: number }];
};

export const Topic = {
  AGREEMENT_UPDATED: 'AGREEMENT_UPDATED',
} as const;
