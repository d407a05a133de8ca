import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../../src/config';
import { createDataSource, detectDatabaseFlavor } from '../../src/data-source';
import { seedDemoData } from '../../src/seed/seed';
import { createTestDatabase, testDialects, type Dialect, type TestDatabase } from './databases';

/*
 * Most test servers start on the demo data. Migrating and seeding a fresh database each time cost
 * ~1.5 s on SQLite and 4-7 s on MariaDB (its DDL is slow), for every server of the suite. So jest's
 * globalSetup migrates and seeds one template per database of the run, and each test server's
 * database starts as a copy of it: the SQLite file copied, or on MariaDB each table created as the
 * template's SHOW CREATE TABLE says (keys, foreign keys, collations, AUTO_INCREMENT) and filled from it.
 * The server still runs its migrations and seed on start; they find nothing to do, as on any
 * restart. Migrating and seeding an empty database stays tested: the templates, migrations.test.ts,
 * and every test that makes its own database (createTestDatabase).
 */

/** How globalSetup hands the templates to the workers (environment variables they inherit). */
const TEMPLATE_ENV: Record<Dialect, string> = { sqlite: 'JALIN_TEST_SQLITE_TEMPLATE', mysql: 'JALIN_TEST_MYSQL_TEMPLATE' };

/** globalSetup: migrates and seeds (with the demo users) one template per database of the run. */
export async function createSeededTemplates(): Promise<void> {
  await Promise.all(
    testDialects().map(async (dialect) => {
      const database = await createTestDatabase(dialect, 'seeded-template');
      const dataSource = createDataSource(await detectDatabaseFlavor(database.config));
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
        await seedDemoData(dataSource, { demoUsers: true });
      } finally {
        // On SQLite closing checkpoints the WAL into the file, so the file alone is the database.
        await dataSource.destroy();
      }
      process.env[TEMPLATE_ENV[dialect]] = JSON.stringify(database.config);
    }),
  );
}

/** globalTeardown: drops the templates. */
export async function dropSeededTemplates(): Promise<void> {
  for (const dialect of testDialects()) {
    const template = templateOf(dialect);
    if (!template) continue;
    if (template.dialect === 'sqlite') fs.rmSync(path.dirname(template.file), { recursive: true, force: true });
    else {
      const connection = await mysql.createConnection({ host: template.host, port: template.port, user: template.user, password: template.password });
      await connection.query(`DROP DATABASE IF EXISTS \`${template.database}\``);
      await connection.end();
    }
  }
}

function templateOf(dialect: Dialect): DatabaseConfig | null {
  const json = process.env[TEMPLATE_ENV[dialect]];
  return json ? (JSON.parse(json) as DatabaseConfig) : null;
}

/**
 * A database of its own for one test (createTestDatabase) that already holds what a server (in
 * process or not) seeds on its first start outside production: the demo data and the demo users.
 */
export async function createSeededTestDatabase(dialect: Dialect, label: string): Promise<TestDatabase> {
  const database = await createTestDatabase(dialect, label);
  try {
    await copySeededTemplate(database.config);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

/**
 * Fills the fresh, empty database `target` with the template's migrated and seeded state; false
 * when there is no template (jest without its globalSetup), and the server migrates and seeds itself.
 */
export async function copySeededTemplate(target: DatabaseConfig): Promise<boolean> {
  const template = templateOf(target.dialect === 'sqlite' ? 'sqlite' : 'mysql');
  if (!template) return false;
  if (template.dialect === 'sqlite' && target.dialect === 'sqlite') {
    fs.copyFileSync(template.file, target.file);
    return true;
  }
  if (template.dialect !== 'mysql' || target.dialect !== 'mysql') return false;
  const tables = await (templateTablesOnce ??= templateTables(template));
  // The tables are independent with foreign key checks off, so each goes on its own connection: DDL
  // waits on disk, and in parallel the waits overlap (~3x faster than one after another).
  const pool = mysql.createPool({ host: target.host, port: target.port, user: target.user, password: target.password, database: target.database, connectionLimit: 8 });
  try {
    await Promise.all(
      tables.map(async ({ name, createTable }) => {
        const connection = await pool.getConnection();
        try {
          await connection.query('SET FOREIGN_KEY_CHECKS = 0');
          await connection.query(createTable);
          await connection.query(`INSERT INTO \`${name}\` SELECT * FROM \`${template.database}\`.\`${name}\``);
          await connection.query('SET FOREIGN_KEY_CHECKS = 1');
        } finally {
          connection.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  return true;
}

/** The template does not change during a run: its tables are read once per worker. */
let templateTablesOnce: ReturnType<typeof templateTables> | undefined;

/** The template's tables and their CREATE TABLE statements (unqualified: they run in the target database). */
async function templateTables(template: Extract<DatabaseConfig, { dialect: 'mysql' }>): Promise<{ name: string; createTable: string }[]> {
  const connection = await mysql.createConnection({ host: template.host, port: template.port, user: template.user, password: template.password, database: template.database });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`,
      [template.database],
    );
    return await Promise.all(
      rows.map(async ({ name }) => {
        const [[created]] = await connection.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE \`${name}\``);
        return { name: String(name), createTable: String(created['Create Table']) };
      }),
    );
  } finally {
    await connection.end();
  }
}
