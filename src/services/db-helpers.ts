/** Recognises a unique-index violation on either database, so a race ends in a clear BAD_USER_INPUT. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } } | null;
  const codes = [e?.code, e?.driverError?.code];
  return codes.includes('ER_DUP_ENTRY') || codes.includes('SQLITE_CONSTRAINT_UNIQUE') || e?.driverError?.errno === 1062;
}
