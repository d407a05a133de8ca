import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dashboardScenario } from './scenarios/dashboard';
import { fanoutScenario } from './scenarios/fanout';
import { coeditingScenario } from './scenarios/coediting';
import { replayScenario } from './scenarios/replay';
import { markdownTable } from './lib/table';
import type { RunOptions, Scenario, ScenarioResult } from './lib/scenario';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../src/config';
import { benchMysqlUrl } from './lib/database';

/** The database server's version and the settings that bound commit rates, for the record. */
async function databaseServer(): Promise<Record<string, unknown>> {
  const config = parseDatabaseUrl(benchMysqlUrl());
  if (config.dialect !== 'mysql') return {};
  const connection = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version, @@innodb_flush_log_at_trx_commit AS flushLogAtTrxCommit, @@innodb_buffer_pool_size AS bufferPoolBytes');
    return { ...rows[0] };
  } finally {
    await connection.end();
  }
}

const scenarios: Scenario[] = [dashboardScenario, fanoutScenario, coeditingScenario, replayScenario];

const USAGE = `npm run bench -- [--quick] [--only=dashboard,fanout,coediting,replay] [--mysql-only]
  --quick       reduced variant (shorter runs, fewer connections/subscribers/editors)
  --only        run only the named scenarios
  --mysql-only  skip the SQLite runs (every scenario runs on MariaDB and on SQLite by default)
  BENCH_MYSQL_URL (or TEST_MYSQL_URL) names the MariaDB server; default mysql://root@127.0.0.1:3306/test`;

function parseArgs(argv: string[]) {
  const known = new Set(scenarios.map((s) => s.id));
  let quick = false;
  let sqlite = true;
  let only: string[] | null = null;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--mysql-only') sqlite = false;
    // Kept so that older command lines still work: SQLite runs by default now.
    else if (arg === '--sqlite') sqlite = true;
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length).split(',').filter(Boolean);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown argument "${arg}"\n${USAGE}`);
      process.exit(2);
    }
  }
  const unknown = (only ?? []).filter((id) => !known.has(id));
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
    process.exit(2);
  }
  return { quick, sqlite, only };
}

function report(result: ScenarioResult): string {
  const lines = [`## ${result.title}`, ''];
  if (result.status !== 'measured') {
    lines.push(`${result.status}: ${result.reason}`, '');
    return lines.join('\n');
  }
  for (const table of result.tables) lines.push(`### ${table.title}`, '', markdownTable(table.headers, table.rows), '');
  if (result.targets.length) {
    lines.push(markdownTable(['target', 'measured', 'met'], result.targets.map((t) => [t.target, t.value, t.met])), '');
  }
  return lines.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const options: RunOptions = {
    quick: args.quick,
    dialects: args.sqlite ? ['mysql', 'sqlite'] : ['mysql'],
    log: (message) => console.error(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${message}`),
  };
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
  const database = await databaseServer();
  console.log(
    `# Jalin benchmarks${args.quick ? ' (--quick)' : ''}\n\n${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, database ${String(database.version)} (innodb_flush_log_at_trx_commit=${String(database.flushLogAtTrxCommit)})\n`,
  );

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios.filter((s) => !args.only || args.only.includes(s.id))) {
    options.log(`${scenario.title}`);
    let result: ScenarioResult;
    try {
      result = await scenario.run(options);
    } catch (error) {
      console.error(error);
      result = { id: scenario.id, title: scenario.title, status: 'failed', reason: error instanceof Error ? error.message : String(error), tables: [], data: {}, targets: [] };
    }
    results.push(result);
    console.log(report(result));
  }

  // Every target of every scenario in one table, MariaDB's and SQLite's side by side by name.
  const targets = results.flatMap((r) => r.targets);
  if (targets.length) console.log(['## Summary: every target', '', markdownTable(['target', 'measured', 'met'], targets.map((t) => [t.target, t.value, t.met])), ''].join('\n'));

  const file = path.resolve(__dirname, '..', '..', 'bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${args.quick ? '-quick' : ''}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000, quick: args.quick, machine, database, results }, null, 2));
  console.log(`Results written to ${path.relative(process.cwd(), file)} (${((Date.now() - started) / 1000).toFixed(0)} s in all).`);
  process.exitCode = results.some((r) => r.status === 'failed') ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
