import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * The whole suite runs in verify mode (src/graphql-execution/verify.ts): every operation any test
 * sends, over HTTP or WebSocket, in process or in a server process, is executed compiled and on
 * graphql-js and compared. jest's globalSetup sets the environment, which the test workers and the
 * server processes they start inherit (test-server.ts and server-process.ts pass it on); the
 * globalTeardown fails the run if any mismatch was logged. GRAPHQL_EXECUTION set by hand (e.g. jit)
 * wins.
 */

/** The env variables that carry verify mode from jest to every server it starts. */
export const EXECUTION_ENV = ['GRAPHQL_EXECUTION', 'GRAPHQL_VERIFY_LOG'] as const;

export function executionEnv(): Record<string, string> {
  return Object.fromEntries(EXECUTION_ENV.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}

export function setUpVerifyMode(): void {
  process.env.GRAPHQL_EXECUTION ??= 'verify';
  process.env.GRAPHQL_VERIFY_LOG ??= path.join(os.tmpdir(), `jalin-execution-mismatches-${process.pid}.jsonl`);
  fs.rmSync(process.env.GRAPHQL_VERIFY_LOG, { force: true });
}

export function checkNoMismatch(): void {
  const log = process.env.GRAPHQL_VERIFY_LOG;
  if (!log || !fs.existsSync(log)) return;
  const lines = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  if (!lines.length) return;
  const shown = lines.slice(0, 5).map((line) => {
    const { operationName, problems } = JSON.parse(line) as { operationName: string | null; problems: string[] };
    return `  ${operationName ?? '(anonymous)'}: ${problems.slice(0, 3).join(' | ')}`;
  });
  throw new Error(`Compiled execution differed from graphql-js in ${lines.length} operation(s) (all in ${log}):\n${shown.join('\n')}`);
}
