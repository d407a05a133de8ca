import fs from 'node:fs';
import { DataSource, type EntityMetadata, type QueryRunner } from 'typeorm';
import { parseDatabaseUrl, type DatabaseConfig } from '../config';
import { createDataSource, dataSourceOptions, detectDatabaseFlavor } from '../data-source';

/**
 * Copies a whole Jalin database into another, empty one (`npm run db:copy`): the usual move is from
 * the embedded SQLite file to MariaDB. Nothing here names a table: the list comes from the
 * databases themselves, ordered by the entities' foreign keys, so tables that later features add
 * are copied without edits. Ids are copied as they are, and each table's auto-increment position
 * is carried over (a row deleted at the end of a table does not get its id reused on the copy).
 *
 * Left behind on purpose: `migrations` (the target runs its own migrations first, and they must
 * agree with the source's) and `login_throttle` (failed sign-ins: transient).
 */

/** Tables that are not data: the migrations' own bookkeeping and transient state. */
export const NOT_COPIED = new Set(['migrations', 'typeorm_metadata', 'login_throttle']);

export interface CopyProgress {
  /** A table begins: its name and how many rows it has. */
  tableStarted(table: string, rows: number): void;
  /** `copied` of the table's rows are in the target. */
  rowsCopied(table: string, copied: number, rows: number): void;
  tableDone(table: string, rows: number): void;
  /** Anything else worth a line (migrations run, auto-increment positions, …). */
  note(message: string): void;
}

export interface CopyOptions {
  from: string;
  to: string;
  /** Empties the target's tables first when it holds data (otherwise such a target is refused). */
  force?: boolean;
  /** Rows per INSERT (default 500). */
  batchSize?: number;
  progress?: CopyProgress;
}

export interface CopyResult {
  /** Rows copied per table, in the order they were copied. */
  tables: { table: string; rows: number }[];
}

/** A refusal the person running the command can act on (the CLI prints it without a stack). */
export class CopyRefused extends Error {
  override name = 'CopyRefused';
}

const silent: CopyProgress = { tableStarted() {}, rowsCopied() {}, tableDone() {}, note() {} };

function isSqlite(ds: DataSource) {
  return ds.options.type === 'better-sqlite3';
}

function quote(ds: DataSource, name: string) {
  return isSqlite(ds) ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}

async function listTables(ds: DataSource, runner: QueryRunner): Promise<string[]> {
  const rows: { name: string }[] = isSqlite(ds)
    ? await runner.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    : await runner.query(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`);
  return rows.map((row) => row.name);
}

interface ColumnInfo {
  name: string;
  primary: boolean;
  /** A computed column: never written. */
  generated: boolean;
}

async function listColumns(ds: DataSource, runner: QueryRunner, table: string): Promise<ColumnInfo[]> {
  if (isSqlite(ds)) {
    // table_xinfo: hidden = 2 or 3 marks a generated column.
    const rows: { name: string; pk: number; hidden: number }[] = await runner.query(`PRAGMA table_xinfo(${quote(ds, table)})`);
    return rows.filter((row) => row.hidden !== 1).map((row) => ({ name: row.name, primary: row.pk > 0, generated: row.hidden === 2 || row.hidden === 3 }));
  }
  const rows: { name: string; columnKey: string; extra: string }[] = await runner.query(
    `SELECT COLUMN_NAME AS name, COLUMN_KEY AS columnKey, EXTRA AS extra FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
    [table],
  );
  return rows.map((row) => ({ name: row.name, primary: row.columnKey === 'PRI', generated: /GENERATED/i.test(row.extra ?? '') }));
}

async function countRows(ds: DataSource, runner: QueryRunner, table: string): Promise<number> {
  const rows: { n: number | string }[] = await runner.query(`SELECT COUNT(*) AS n FROM ${quote(ds, table)}`);
  return Number(rows[0].n);
}

/** The next id each table's auto-increment would hand out (only tables that have one). */
async function nextIds(ds: DataSource, runner: QueryRunner): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (isSqlite(ds)) {
    const hasSequence = (await runner.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`)).length > 0;
    if (!hasSequence) return result;
    for (const row of (await runner.query('SELECT name, seq FROM sqlite_sequence')) as { name: string; seq: number }[]) result.set(row.name, Number(row.seq) + 1);
    return result;
  }
  const rows: { name: string; next: number | string | null }[] = await runner.query(
    `SELECT TABLE_NAME AS name, AUTO_INCREMENT AS next FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND AUTO_INCREMENT IS NOT NULL`,
  );
  for (const row of rows) if (row.next !== null) result.set(row.name, Number(row.next));
  return result;
}

async function setNextId(ds: DataSource, runner: QueryRunner, table: string, next: number, autoColumn: string | null) {
  if (isSqlite(ds)) {
    // Only AUTOINCREMENT tables keep a position; SQLite adds their row to sqlite_sequence on insert.
    const updated = await runner.query('UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?', [next - 1, table, next - 1], true);
    if (!updated.affected && autoColumn) {
      const present = await runner.query('SELECT 1 FROM sqlite_sequence WHERE name = ?', [table]);
      if (!present.length) await runner.query('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', [table, next - 1]);
    }
    return;
  }
  // InnoDB moves the counter past the largest id by itself; this carries a higher position over.
  await runner.query(`ALTER TABLE ${quote(ds, table)} AUTO_INCREMENT = ${Math.trunc(next)}`);
}

/** Entity tables parents first (by foreign keys), then any other table by name. */
export function copyOrder(metadatas: EntityMetadata[], tables: string[]): string[] {
  const byTable = new Map(metadatas.map((m) => [m.tableName, m]));
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.get(table)) return; // done, or a cycle (foreign key checks are off while copying)
    state.set(table, 'visiting');
    for (const fk of byTable.get(table)?.foreignKeys ?? []) {
      const parent = fk.referencedEntityMetadata.tableName;
      if (parent !== table && tables.includes(parent)) visit(parent);
    }
    state.set(table, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort()) if (byTable.has(table)) visit(table);
  for (const table of [...tables].sort()) if (!byTable.has(table)) ordered.push(table);
  return ordered;
}

/** A value as the target stores it: datetimes as UTC text, JSON as text, everything else as it is. */
function portable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Opens a database for copying: the source read-only where the driver allows, with datetimes as text. */
async function open(url: string, role: 'source' | 'target'): Promise<{ ds: DataSource; config: DatabaseConfig }> {
  const config = await detectDatabaseFlavor(parseDatabaseUrl(url));
  if (config.dialect === 'sqlite' && role === 'source') {
    if (config.file === ':memory:' || !fs.existsSync(config.file)) throw new CopyRefused(`The source ${url} does not exist`);
  }
  let ds: DataSource;
  if (config.dialect === 'mysql') {
    // Datetimes as the server's text (microseconds kept), not as JavaScript dates (milliseconds).
    ds = new DataSource({ ...dataSourceOptions(config), dateStrings: true } as never);
  } else {
    ds = createDataSource(config, { readonly: role === 'source' });
  }
  await ds.initialize();
  return { ds, config };
}

export async function copyDatabase(options: CopyOptions): Promise<CopyResult> {
  const progress = options.progress ?? silent;
  const batchSize = options.batchSize ?? 500;
  if (options.from === options.to) throw new CopyRefused('--from and --to name the same database');
  const source = await open(options.from, 'source');
  let target: Awaited<ReturnType<typeof open>> | null = null;
  const sourceRunner = source.ds.createQueryRunner();
  try {
    target = await open(options.to, 'target');
    const { ds: targetDs } = target;

    // The source must be at exactly the schema this version of Jalin migrates the target to.
    // (Each dialect has its own migration files, with the same steps: the source's are the measure.)
    const known = source.ds.migrations.map((migration) => migration.name ?? migration.constructor.name);
    const sourceTables = await listTables(source.ds, sourceRunner);
    if (!sourceTables.includes('migrations')) throw new CopyRefused('The source has no migrations table: it is not a Jalin database');
    const applied = ((await sourceRunner.query(`SELECT name FROM ${quote(source.ds, 'migrations')}`)) as { name: string }[]).map((row) => row.name);
    const missing = known.filter((name) => !applied.includes(name));
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length) throw new CopyRefused(`The source has migrations this version of Jalin does not know (${unknown.join(', ')}): copy with the version that made them`);
    if (missing.length) {
      throw new CopyRefused(`The source lacks migrations (${missing.join(', ')}): start this version of Jalin on it once (it migrates at start-up), stop it, then copy`);
    }

    // Empty means: no table with a row. A target that Jalin has already started on is not empty.
    const targetRunner = targetDs.createQueryRunner();
    try {
      const filled: string[] = [];
      for (const table of await listTables(targetDs, targetRunner)) {
        if ((await countRows(targetDs, targetRunner, table)) > 0) filled.push(table);
      }
      if (filled.length && !options.force) {
        throw new CopyRefused(
          `The target is not empty (rows in ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}). ` +
            'Copy into a new, empty database (CREATE DATABASE jalin CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci), ' +
            'or pass --force to delete everything in the target\'s Jalin tables first',
        );
      }
      const ran = await targetDs.runMigrations({ transaction: 'each' });
      progress.note(`target: ${ran.length} migration(s) run`);

      const targetTables = new Set(await listTables(targetDs, targetRunner));
      const tables = copyOrder(
        targetDs.entityMetadatas,
        sourceTables.filter((table) => !NOT_COPIED.has(table)),
      );
      for (const table of tables) {
        if (!targetTables.has(table)) throw new CopyRefused(`The target has no table ${table}; its rows would be lost`);
      }

      // One snapshot of the source for the whole copy: rows written meanwhile are not half in it.
      await sourceRunner.startTransaction();
      if (isSqlite(targetDs)) await targetRunner.query('PRAGMA foreign_keys = OFF');
      else await targetRunner.query('SET FOREIGN_KEY_CHECKS = 0');
      try {
        // All rows in one transaction: a copy that fails half-way leaves the target as it was.
        await targetRunner.startTransaction();
        const result: CopyResult = { tables: [] };
        try {
          // Migrations may have filled tables (the country list); the source's rows replace them.
          for (const table of [...tables].reverse()) await targetRunner.query(`DELETE FROM ${quote(targetDs, table)}`);
          for (const table of tables) {
            const rows = await copyTable(source.ds, sourceRunner, targetDs, targetRunner, table, batchSize, progress);
            result.tables.push({ table, rows });
          }
          await targetRunner.commitTransaction();
        } catch (error) {
          await targetRunner.rollbackTransaction();
          throw error;
        }
        // After the commit: on MariaDB, ALTER TABLE would commit the transaction by itself.
        const sourceNext = await nextIds(source.ds, sourceRunner);
        for (const table of tables) {
          const next = sourceNext.get(table);
          if (next === undefined) continue;
          const auto = targetDs.entityMetadatas.find((m) => m.tableName === table)?.columns.find((c) => c.isGenerated && c.generationStrategy === 'increment');
          await setNextId(targetDs, targetRunner, table, next, auto?.databaseName ?? null);
        }
        progress.note(`auto-increment positions carried over for ${[...sourceNext.keys()].filter((t) => tables.includes(t)).length} table(s)`);
        // Every table must hold as many rows as the source's snapshot.
        for (const { table, rows } of result.tables) {
          const copied = await countRows(targetDs, targetRunner, table);
          if (copied !== rows) throw new Error(`${table}: ${copied} rows in the target, ${rows} in the source`);
        }
        return result;
      } finally {
        if (isSqlite(targetDs)) await targetRunner.query('PRAGMA foreign_keys = ON');
        else await targetRunner.query('SET FOREIGN_KEY_CHECKS = 1');
        if (sourceRunner.isTransactionActive) await sourceRunner.rollbackTransaction();
      }
    } finally {
      await targetRunner.release();
    }
  } finally {
    await sourceRunner.release();
    await source.ds.destroy();
    if (target?.ds.isInitialized) await target.ds.destroy();
  }
}

async function copyTable(
  sourceDs: DataSource,
  sourceRunner: QueryRunner,
  targetDs: DataSource,
  targetRunner: QueryRunner,
  table: string,
  batchSize: number,
  progress: CopyProgress,
): Promise<number> {
  const sourceColumns = await listColumns(sourceDs, sourceRunner, table);
  const targetColumns = await listColumns(targetDs, targetRunner, table);
  const writable = new Set(targetColumns.filter((c) => !c.generated).map((c) => c.name));
  const lost = sourceColumns.filter((c) => !c.generated && !writable.has(c.name)).map((c) => c.name);
  if (lost.length) throw new CopyRefused(`${table}: the target has no column ${lost.join(', ')}; its values would be lost`);
  const columns = sourceColumns.filter((c) => !c.generated).map((c) => c.name);
  const keys = sourceColumns.filter((c) => c.primary).map((c) => c.name);

  const total = await countRows(sourceDs, sourceRunner, table);
  progress.tableStarted(table, total);
  const select = `SELECT ${columns.map((c) => quote(sourceDs, c)).join(', ')} FROM ${quote(sourceDs, table)}`;
  const orderBy = keys.length ? ` ORDER BY ${keys.map((k) => quote(sourceDs, k)).join(', ')}` : '';
  const insertHead = `INSERT INTO ${quote(targetDs, table)} (${columns.map((c) => quote(targetDs, c)).join(', ')}) VALUES `;
  const rowPlaceholders = `(${columns.map(() => '?').join(', ')})`;
  let copied = 0;
  let last: unknown = undefined;
  for (;;) {
    // Keyset pages on a one-column key; offset pages otherwise.
    let rows: Record<string, unknown>[];
    if (keys.length === 1) {
      const key = quote(sourceDs, keys[0]);
      rows = last === undefined
        ? await sourceRunner.query(`${select} ORDER BY ${key} LIMIT ?`, [batchSize])
        : await sourceRunner.query(`${select} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`, [last, batchSize]);
    } else {
      rows = await sourceRunner.query(`${select}${orderBy} LIMIT ? OFFSET ?`, [batchSize, copied]);
    }
    if (!rows.length) break;
    const values = rows.flatMap((row) => columns.map((column) => portable(row[column])));
    await targetRunner.query(insertHead + rows.map(() => rowPlaceholders).join(', '), values);
    copied += rows.length;
    if (keys.length === 1) last = rows[rows.length - 1][keys[0]];
    progress.rowsCopied(table, copied, total);
    if (rows.length < batchSize) break;
  }
  progress.tableDone(table, copied);
  return copied;
}
