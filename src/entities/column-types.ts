import type { ColumnOptions } from 'typeorm';

/**
 * Column shapes shared by every entity, chosen to mean the same on SQLite and MySQL/MariaDB.
 * Sub-second precision keeps the order of events within one second (6 digits: TypeORM's own
 * CURRENT_TIMESTAMP(6) defaults for created/updated columns must match the column).
 */
export const timestampColumn: ColumnOptions = { type: 'datetime', precision: 6 };

/** Calendar dates (signing dates, expiry) travel as `YYYY-MM-DD` strings, never as instants. */
export const dateColumn: ColumnOptions = { type: 'date' };

/** Enums are stored as short strings: portable, and readable in raw SQL reports. */
export function enumColumn(length = 32): ColumnOptions {
  return { type: 'varchar', length };
}
