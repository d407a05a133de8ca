import type { Logger, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts SQL statements: tests and benchmarks prove with it that a request's
 * count stays constant. It also counts round trips to the database: every statement that TypeORM or
 * the driver sends (sql-session.ts logs its prepared statements here too) is one, transaction control
 * included, except the statements that sql-session.ts sends together in one text (it says so with
`logBatch`).
 */
export class SqlCounter implements Logger {
  private statements: string[] = [];
  private roundTrips = 0;
  private recording = false;

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner) {
    if (!this.recording) return;
    const text = query.trim();
    if (/^SELECT 1$/i.test(text)) return;
    this.roundTrips += 1;
    if (!/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b/i.test(text)) this.statements.push(query);
  }
  /** `statements` of the ones logged went to the database in one round trip (sql-session.ts). */
  logBatch(statements: number) {
    if (this.recording) this.roundTrips -= statements - 1;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}

  /** Counts the statements and round trips that `action` causes. */
  async count<T>(action: () => Promise<T>): Promise<{ result: T; count: number; statements: string[]; roundTrips: number }> {
    this.statements = [];
    this.roundTrips = 0;
    this.recording = true;
    try {
      const result = await action();
      return { result, count: this.statements.length, statements: [...this.statements], roundTrips: this.roundTrips };
    } finally {
      this.recording = false;
    }
  }
}

/**
 * The read of a request's signed-in user. The auth service keeps users in a cache (user-cache.ts)
 * that a change of theirs empties and that serves an entry for at most 30 s, so whether a given
 * request reads its user depends on the clock. Counts of what a request itself costs (tests, the
 * bench) leave it out, so that they do not depend on how fast the run was.
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
