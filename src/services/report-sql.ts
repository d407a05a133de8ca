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
}

const sqlite: ReportSqlDialect = {
  daysBetween: (from, to) => `CAST(julianday(DATE(${to})) - julianday(DATE(${from})) AS INTEGER)`,
  joinDistinct: (expr) => `group_concat(DISTINCT ${expr})`,
};

const mysql: ReportSqlDialect = {
  daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
  joinDistinct: (expr) => `GROUP_CONCAT(DISTINCT ${expr} SEPARATOR ',')`,
};

export function reportSqlDialect(dataSource: DataSource): ReportSqlDialect {
  const type = dataSource.options.type;
  if (type === 'better-sqlite3') return sqlite;
  if (type === 'mysql' || type === 'mariadb') return mysql;
  throw new Error(`The report has no SQL for database type ${type}`);
}

/** `?, ?, ?` for an IN list of `count` values. */
export const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
