import type { Logger, QueryRunner } from 'typeorm';

/** A TypeORM logger that records the SQL statements an action causes (transaction control aside). */
export class SqlCounter implements Logger {
  private statements: string[] = [];
  private recording = false;

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner) {
    if (this.recording && !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b|^SELECT 1$/i.test(query.trim())) this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}

  async count<T>(action: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    this.statements = [];
    this.recording = true;
    try {
      const result = await action();
      return { result, statements: [...this.statements] };
    } finally {
      this.recording = false;
    }
  }
}
