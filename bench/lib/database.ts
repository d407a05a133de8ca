import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/config';

/** The MariaDB/MySQL server the bench may create databases on. */
export function benchMysqlUrl(): string {
  return process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
}

export interface BenchDatabase {
  dialect: 'mysql' | 'sqlite';
  /** For the server's DATABASE_URL. */
  url: string;
  /** mysql2 connection options for the baselines and the data loaders (MySQL only). */
  connection: mysql.ConnectionOptions;
  /** SQLite file (SQLite only). */
  file: string;
  drop(): Promise<void>;
}

/** A fresh MariaDB database `jalin_bench_<pid>` (plus a suffix per scenario), dropped afterwards. */
export async function createMysqlDatabase(suffix: string): Promise<BenchDatabase> {
  const base = parseDatabaseUrl(benchMysqlUrl());
  if (base.dialect !== 'mysql') throw new Error('BENCH_MYSQL_URL must be a mysql:// URL');
  const name = `jalin_bench_${process.pid}_${suffix}`;
  const server = { host: base.host, port: base.port, user: base.user, password: base.password };
  const admin = await mysql.createConnection(server);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const credentials = base.password ? `${encodeURIComponent(base.user)}:${encodeURIComponent(base.password)}` : encodeURIComponent(base.user);
  return {
    dialect: 'mysql',
    url: `mysql://${credentials}@${base.host}:${base.port}/${name}`,
    connection: { ...server, database: name, timezone: 'Z', dateStrings: ['DATE'], supportBigNumbers: true },
    file: '',
    drop: async () => {
      const connection = await mysql.createConnection(server);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

export function createSqliteDatabase(): BenchDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-bench-'));
  const file = path.join(dir, 'jalin.sqlite');
  return { dialect: 'sqlite', url: `sqlite:${file}`, connection: {}, file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
