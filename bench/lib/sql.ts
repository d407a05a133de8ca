import mysql from 'mysql2/promise';
import Sqlite from 'better-sqlite3';
import type { BenchDatabase } from './database';

export type Row = Record<string, unknown>;

/**
 * The same SQL text on both databases (backquoted names and `?` placeholders work in each), so the
 * data loader and the baselines are written once. The baselines talk to the driver directly: this
 * is a thin pass-through, not an ORM.
 */
export interface SqlRunner {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<{ insertId: number; affectedRows: number }>;
  /** Runs `work` in one transaction on one connection (BEGIN … COMMIT, ROLLBACK on error). */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function mysqlRunner(target: mysql.Pool | mysql.PoolConnection): Omit<SqlRunner, 'transaction' | 'close'> {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const [rows] = await target.query(sql, params);
      return rows as T[];
    },
    async execute(sql: string, params: unknown[] = []) {
      const [result] = await target.query<mysql.ResultSetHeader>(sql, params);
      return { insertId: result.insertId, affectedRows: result.affectedRows };
    },
  };
}

export function openMysql(options: mysql.ConnectionOptions, connectionLimit = 20): SqlRunner {
  const pool = mysql.createPool({ ...options, connectionLimit, multipleStatements: false });
  return {
    ...mysqlRunner(pool),
    async transaction(work) {
      const connection = await pool.getConnection();
      try {
        await connection.query('BEGIN');
        const tx: SqlRunner = { ...mysqlRunner(connection), transaction: () => Promise.reject(new Error('nested')), close: async () => {} };
        const result = await work(tx);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openSqlite(file: string): SqlRunner {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const runner: Omit<SqlRunner, 'transaction' | 'close'> = {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return db.prepare(sql).all(...params) as T[];
    },
    async execute(sql: string, params: unknown[] = []) {
      const result = db.prepare(sql).run(...params);
      return { insertId: Number(result.lastInsertRowid), affectedRows: result.changes };
    },
  };
  // One connection: transactions must not interleave on it, so they queue.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    ...runner,
    transaction(work) {
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work({ ...runner, transaction: () => Promise.reject(new Error('nested')), close: async () => {} });
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
      queue = run.catch(() => {});
      return run;
    },
    close: async () => {
      db.close();
    },
  };
}

export function openDatabase(database: Pick<BenchDatabase, 'dialect' | 'connection' | 'file'>, connectionLimit = 20): SqlRunner {
  return database.dialect === 'mysql' ? openMysql(database.connection, connectionLimit) : openSqlite(database.file);
}

/** Inserts rows in multi-row INSERT statements of `batch` rows each. */
export async function bulkInsert(db: SqlRunner, table: string, columns: string[], rows: unknown[][], batch = 500) {
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await db.execute(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${placeholders}`, chunk.flat());
  }
}
