import { parseArgs } from 'node:util';
import { ConfigError, parseDatabaseUrl } from '../config';
import { BackupRefused, restoreSqlite } from '../ops/sqlite-backup';

const USAGE = `Usage: npm run db:restore -- --from <backup file> [--to sqlite:<file>] [--force]

Stop Jalin first. Puts a backup made by db:backup in place of the SQLite database (--to defaults to
DATABASE_URL, or sqlite:./data/jalin.sqlite); an existing file is replaced only with --force.
Start Jalin afterwards: it runs any newer migrations on the restored data.`;

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help || !values.from) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 64);
  }
  const database = parseDatabaseUrl(values.to ?? process.env.DATABASE_URL ?? 'sqlite:./data/jalin.sqlite');
  if (database.dialect !== 'sqlite' || database.file === ':memory:') {
    throw new BackupRefused('db:restore restores a SQLite file; for MariaDB load the dump with the mariadb client (docs/OPERATIONS.md)');
  }
  const summary = await restoreSqlite(values.from, database.file, values.force);
  console.log(`Restored ${values.from} to ${summary.file} (${summary.migrations} migrations, integrity ok). Start Jalin.`);
}

main().catch((error) => {
  if (error instanceof BackupRefused || error instanceof ConfigError) {
    console.error(`db:restore refused: ${error.message}`);
    process.exit(2);
  }
  console.error('db:restore failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
