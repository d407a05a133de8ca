import type { DataSource } from 'typeorm';

/**
 * The few places where the report's SQL differs between SQLite and MySQL/MariaDB, in one spot.
 * Everything else in the report is written in the SQL both understand (CASE, COALESCE, DATE(),
 * COUNT(DISTINCT …), `?` placeholders, unquoted camelCase column names).
 */
export interface ReportSqlDialect {
  /** Whole calendar days from the UTC date of instant `from` to that of instant `to`. */
  daysBetween(fromExpr: string, toExpr: string): string;
  /** The distinct values of `expr` in a group joined by commas, in no particular order (for values without commas). */
  joinDistinct(expr: string): string;
  /** Whether the report should read in one transaction (a consistent snapshot across its statements). */
  snapshotReads: boolean;
}

const sqlite: ReportSqlDialect = {
  daysBetween: (from, to) => `CAST(julianday(DATE(${to})) - julianday(DATE(${from})) AS INTEGER)`,
  joinDistinct: (expr) => `group_concat(DISTINCT ${expr})`,
  // On the read-only connection (openReader) a transaction is one WAL snapshot; the DataSource queues
  // transactions, and other plain reads that land inside it only read the same snapshot.
  snapshotReads: true,
};

const mysql: ReportSqlDialect = {
  daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
  joinDistinct: (expr) => `GROUP_CONCAT(DISTINCT ${expr} SEPARATOR ',')`,
  // InnoDB's REPEATABLE READ gives every statement of one transaction the same snapshot.
  snapshotReads: true,
};

export function reportSqlDialect(dataSource: DataSource): ReportSqlDialect {
  const type = dataSource.options.type;
  if (type === 'better-sqlite3') return sqlite;
  if (type === 'mysql' || type === 'mariadb') return mysql;
  throw new Error(`The report has no SQL for database type ${type}`);
}

/** `?, ?, ?` for an IN list of `count` values. */
export const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
