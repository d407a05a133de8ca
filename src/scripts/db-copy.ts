import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { CopyRefused, copyDatabase, type CopyProgress } from '../ops/db-copy';

const USAGE = `Usage: npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL> [--force] [--batch-size N]

Copies every table of a Jalin database into an empty one (migrations run on the target first),
keeping ids and auto-increment positions. Stop Jalin (or at least every writer) while it runs.

  --from        the database to copy, e.g. sqlite:./data/jalin.sqlite
  --to          an empty database, e.g. mysql://jalin:secret@db.internal:3306/jalin
  --force       delete what the target's Jalin tables hold first (otherwise a non-empty target is refused)
  --batch-size  rows per INSERT (default 500)`;

/** A bar that redraws one line on a terminal; plain lines (at most one per tenth of a table) elsewhere. */
function reporter(out: NodeJS.WriteStream): CopyProgress {
  const tty = Boolean(out.isTTY);
  const width = 30;
  const reported = new Map<string, number>();
  return {
    tableStarted(table, rows) {
      if (!tty) out.write(`${table}: ${rows} row(s)\n`);
      reported.set(table, 0);
    },
    rowsCopied(table, copied, rows) {
      if (tty) {
        const filled = rows ? Math.round((copied / rows) * width) : width;
        out.write(`\r${table.padEnd(24)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${copied}/${rows}`);
        return;
      }
      const tenth = rows ? Math.floor((copied / rows) * 10) : 10;
      if (tenth > (reported.get(table) ?? 0) && copied < rows) {
        reported.set(table, tenth);
        out.write(`${table}: ${copied}/${rows}\n`);
      }
    },
    tableDone(table, rows) {
      if (tty) out.write(`\r${table.padEnd(24)} [${'#'.repeat(width)}] ${rows}/${rows} done\n`);
      else out.write(`${table}: ${rows} copied\n`);
    },
    note(message) {
      out.write(`${message}\n`);
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean', default: false }, 'batch-size': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help || !values.from || !values.to) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 64);
  }
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) {
    console.error('--batch-size must be a whole number from 1 to 5000');
    process.exit(64);
  }
  const started = Date.now();
  const result = await copyDatabase({ from: values.from, to: values.to, force: values.force, batchSize, progress: reporter(process.stdout) });
  const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`Copied ${rows} row(s) in ${result.tables.length} table(s) in ${((Date.now() - started) / 1000).toFixed(1)} s. Point DATABASE_URL at the target and start Jalin.`);
}

main().catch((error) => {
  if (error instanceof CopyRefused || error instanceof ConfigError) {
    console.error(`db:copy refused: ${error.message}`);
    process.exit(2);
  }
  console.error('db:copy failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
