import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Backups of the embedded database (`npm run db:backup` / `db:restore`). A backup is SQLite's
 * online backup (better-sqlite3's `backup()`): taken page by page while Jalin keeps running, it is
 * one consistent state of the database (the last commit when it finished), and a plain SQLite
 * file. Copying `jalin.sqlite` with cp is not a backup: the WAL file beside it holds the latest
 * commits, and a copy taken during a write can be torn.
 */

export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Migrations recorded in the backup: the schema version it restores to. */
  migrations: number;
}

/** Opens a file as a Jalin database to check it: SQLite's integrity check and a migrations table. */
function check(file: string): BackupSummary {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupRefused(`${file} is damaged (integrity check: ${String(integrity)})`);
    const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get();
    if (!table) throw new BackupRefused(`${file} is not a Jalin database (no migrations table)`);
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number };
    return { file, bytes: fs.statSync(file).size, migrations: n };
  } finally {
    db.close();
  }
}

/** Writes a consistent copy of the live database `from` to `to` (refused if `to` exists, unless `force`). */
export async function backupSqlite(from: string, to: string, force = false): Promise<BackupSummary> {
  if (!fs.existsSync(from)) throw new BackupRefused(`There is no database at ${from}`);
  if (fs.existsSync(to) && !force) throw new BackupRefused(`${to} exists already; name a new file, or pass --force to replace it`);
  fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
  // A writing connection is not needed; the backup reads under SQLite's own locks, so Jalin may keep writing.
  const db = new Database(from, { readonly: true, fileMustExist: true });
  const partial = `${to}.partial`;
  try {
    fs.rmSync(partial, { force: true });
    await db.backup(partial);
  } finally {
    db.close();
  }
  check(partial);
  fs.renameSync(partial, to);
  return check(to);
}

/**
 * Puts a backup in place of the database file `to`. Jalin must be stopped: the old file's WAL and
 * shared-memory files are removed with it, which would corrupt a running process's view.
 */
export async function restoreSqlite(backup: string, to: string, force = false): Promise<BackupSummary> {
  check(backup);
  if (fs.existsSync(to) && !force) {
    throw new BackupRefused(`${to} exists; stop Jalin and pass --force to replace it with the backup (or restore to a new file and point DATABASE_URL at it)`);
  }
  fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
  const partial = `${to}.restoring`;
  fs.rmSync(partial, { force: true });
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.renameSync(partial, to);
  return check(to);
}
