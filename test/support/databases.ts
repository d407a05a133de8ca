import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl, type DatabaseConfig } from '../../src/config';

export type Dialect = 'sqlite' | 'mysql';

/** SQLite always; MariaDB/MySQL too when TEST_MYSQL_URL is set (CI sets it). */
export function testDialects(): Dialect[] {
  return process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];
}

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file (and one jest worker): a fresh SQLite file, or a fresh
 * MariaDB database named after the file and the process, dropped afterwards.
 */
export async function createTestDatabase(dialect: Dialect, label: string): Promise<TestDatabase> {
  const tag = `${createHash('sha1').update(label).digest('hex').slice(0, 8)}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-test-'));
    const file = path.join(dir, 'jalin.sqlite');
    return { config: { dialect: 'sqlite', file }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const base = parseDatabaseUrl(process.env.TEST_MYSQL_URL!);
  if (base.dialect !== 'mysql') throw new Error('TEST_MYSQL_URL must be a mysql:// URL');
  const name = `jalin_test_${tag}`;
  const admin = await mysql.createConnection({ host: base.host, port: base.port, user: base.user, password: base.password });
  const [versions] = await admin.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
  const flavor = String(versions[0].version).includes('MariaDB') ? 'mariadb' : 'mysql';
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = `${flavor}://${encodeURIComponent(base.user)}:${encodeURIComponent(base.password)}@${base.host}:${base.port}/${name}`;
  return {
    config: parseDatabaseUrl(url),
    drop: async () => {
      const connection = await mysql.createConnection({ host: base.host, port: base.port, user: base.user, password: base.password });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
