/**
 * The read of a request's signed-in user. The auth service keeps users in a cache that a change of
 * theirs empties and that serves an entry for at most 30 s (user-cache.e2e.test.ts tests exactly
 * that), so whether a given request reads its user depends on the clock. Statement counts of what a
 * request itself does leave it out, so that they do not depend on how fast the test ran.
 */
const USER_LOOKUP = /FROM [`"]user[`"] [`"]User[`"] WHERE .*LIMIT 1$/s;

export function isUserLookup(statement: string): boolean {
  return USER_LOOKUP.test(statement.trim());
}

/** A counted request (SqlCounter.count) without the read of its user: one statement and one round trip less if it read it. */
export function besidesUserLookup<T extends { statements: string[]; count: number; roundTrips: number }>(counted: T): T {
  const statements = counted.statements.filter((statement) => !isUserLookup(statement));
  const skipped = counted.statements.length - statements.length;
  return { ...counted, statements, count: statements.length, roundTrips: counted.roundTrips - skipped };
}
