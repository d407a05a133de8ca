import { parseArgs } from 'node:util';
import { ConfigError, parseDatabaseUrl } from '../config';
import { BackupRefused, backupSqlite } from '../ops/sqlite-backup';

const USAGE = `Usage: npm run db:backup -- --to <file> [--from sqlite:<file>] [--force]

An online backup of the SQLite database (Jalin may keep running). --from defaults to DATABASE_URL
(or sqlite:./data/jalin.sqlite). For MariaDB use mariadb-dump (docs/OPERATIONS.md, "Backup and restore").`;

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help || !values.to) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 64);
  }
  const database = parseDatabaseUrl(values.from ?? process.env.DATABASE_URL ?? 'sqlite:./data/jalin.sqlite');
  if (database.dialect !== 'sqlite' || database.file === ':memory:') {
    throw new BackupRefused('db:backup backs up a SQLite file; for MariaDB use mariadb-dump --single-transaction (docs/OPERATIONS.md)');
  }
  const summary = await backupSqlite(database.file, values.to, values.force);
  console.log(`Backed up ${database.file} to ${summary.file} (${summary.bytes} bytes, ${summary.migrations} migrations, integrity ok)`);
}

main().catch((error) => {
  if (error instanceof BackupRefused || error instanceof ConfigError) {
    console.error(`db:backup refused: ${error.message}`);
    process.exit(2);
  }
  console.error('db:backup failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
