import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '../../src/config';
import { TEST_JWT_SECRET } from './test-server';
import { executionEnv } from './verify-execution';

/** The built server, as `npm start` runs it (`npm test` builds first). */
export const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export function assertBuilt() {
  if (!fs.existsSync(MAIN)) throw new Error('dist/ is missing: `npm test` builds first (npm run build)');
}

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs the server as its own process with only the given environment (plus PATH and a quiet log). */
export function runServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...executionEnv(), ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitForOutput(output: () => string, pattern: RegExp, exited: Promise<unknown>, timeoutMs = 60_000) {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (done) throw new Error(`server exited before printing ${pattern}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`server did not print ${pattern} within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** DATABASE_URL for a test database. */
export function databaseUrl(database: DatabaseConfig): string {
  return database.dialect === 'sqlite' ? `sqlite:${database.file}` : database.url;
}

export interface RunningProcess extends ServerProcess {
  url: string;
  wsUrl: string;
  port: number;
}

/**
 * Starts the server process on a database (port 0: any free port; or the port of a previous
 * process, to restart "the same server") and waits until it is ready.
 */
export async function startServerProcess(database: DatabaseConfig, port = 0, env: Record<string, string> = {}): Promise<RunningProcess> {
  const running = runServerProcess({ DATABASE_URL: databaseUrl(database), PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, ...env });
  try {
    await waitForOutput(running.output, /Jalin is ready at (http:\/\/\S+)/, running.exited);
  } catch (error) {
    running.child.kill('SIGKILL');
    throw error;
  }
  const url = /Jalin is ready at (http:\/\/\S+)/.exec(running.output())![1];
  return { ...running, url, wsUrl: url.replace(/^http/, 'ws'), port: Number(new URL(url).port) };
}

/** Ends a process for sure (the test's cleanup). */
export async function killProcess(running: ServerProcess | undefined) {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGKILL');
  await running.exited;
}
