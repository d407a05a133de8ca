import type { ColumnOptions } from 'typeorm';

/**
 * Column shapes shared by every entity, chosen to mean the same on SQLite and MySQL/MariaDB.
 * Millisecond precision keeps the order of events that happen within one second.
 */
export const timestampColumn: ColumnOptions = { type: 'datetime', precision: 3 };

/** Calendar dates (signing dates, expiry) travel as `YYYY-MM-DD` strings, never as instants. */
export const dateColumn: ColumnOptions = { type: 'date' };

/** Enums are stored as short strings: portable, and readable in raw SQL reports. */
export function enumColumn(length = 32): ColumnOptions {
  return { type: 'varchar', length };
}
