import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

/** dist/bench/lib → dist; the compiled server and workers live beside it. */
const distRoot = path.resolve(__dirname, '..', '..');
export const workerPath = (name: string) => path.join(distRoot, 'bench', 'workers', `${name}.js`);
export const baselinePath = (name: string) => path.join(distRoot, 'bench', 'baselines', `${name}.js`);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM, and SIGKILL should the process still run after `graceMs`; resolves once it has exited. */
export async function terminate(child: ChildProcess, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitForExit(child, graceMs))) {
    child.kill('SIGKILL');
    await waitForExit(child, 5_000);
  }
}

export interface SpawnedProcess {
  child: ChildProcess;
  /** The last 8,000 characters it printed (stdout and stderr). */
  output(): string;
  /** Whether it has exited. */
  exited(): boolean;
  /** Ends it (see `terminate`). */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Names the process in errors. */
  name: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Whether it is ready, asked on every line it prints and every 100 ms: e.g. a line in its output, or
   * a probe of its port. A rejection counts as "not yet" (the last one is in the timeout's error).
   */
  ready(output: string): boolean | Promise<boolean>;
  timeoutMs?: number;
  /** Sees what it writes to stderr (e.g. to echo it or keep it). */
  onStderr?(text: string): void;
  /** What the errors show of a process that did not become ready: by default the output's tail. */
  diagnostics?(output: string): string;
}

/**
 * Spawns `command` and resolves once `ready` says so; rejects, with its diagnostics, should it exit
 * first or not be ready within `timeoutMs` (then it is killed). The one way the bench starts a
 * server and the tests start their own MariaDB servers.
 */
export async function spawnUntilReady(command: string, args: readonly string[], options: SpawnOptions): Promise<SpawnedProcess> {
  const { name, ready, timeoutMs = 60_000, onStderr, diagnostics = (output: string) => output } = options;
  const child = spawn(command, [...args], { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit: string | null = null;
  let wake = () => {};
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
    wake();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    onStderr?.(chunk.toString('utf8'));
  });
  child.once('exit', (code, signal) => {
    exit = `code ${code}, signal ${signal}`;
    wake();
  });
  const spawned: SpawnedProcess = { child, output: () => output, exited: () => exit !== null, stop: () => terminate(child) };
  const deadline = Date.now() + timeoutMs;
  let lastRefusal = '';
  for (;;) {
    if (exit) throw new Error(`${name} exited (${exit}) before it was ready:\n${diagnostics(output)}`);
    try {
      if (await ready(output)) return spawned;
    } catch (error) {
      lastRefusal = ` (last: ${(error as Error).message})`;
    }
    if (Date.now() > deadline) {
      await terminate(child, 1_000);
      throw new Error(`${name} was not ready within ${timeoutMs / 1000} s${lastRefusal}:\n${diagnostics(output)}`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 100);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export interface JalinProcess {
  pid: number;
  url: string;
  wsUrl: string;
  rss(): number;
  stop(): Promise<void>;
}

/**
 * Starts the real, built server (`node dist/src/main.js`) as a child process, so that nothing the
 * harness does shares its event loop, and resolves once it says it is ready.
 */
export async function startJalin(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<JalinProcess> {
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the server spends its time.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const jalin = await spawnUntilReady(process.execPath, [...nodeArgs, path.join(distRoot, 'src', 'main.js')], {
    name: 'Jalin',
    env: {
      PATH: process.env.PATH ?? '',
      // As deployed: graphql-js and express skip their development-only checks in production.
      NODE_ENV: 'production',
      SEED_DEMO_DATA: 'true', // OPDs, countries and the demo agreements (never demo users in production)
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: BENCH_JWT_SECRET,
      LOG_LEVEL: 'warn',
      // The load comes from a handful of bench users holding thousands of sockets and a full dashboard page.
      WS_MAX_SOCKETS_PER_USER: '20000',
      MAX_QUERY_COST: '1000000',
      // GRAPHQL_EXECUTION=graphql-js npm run bench: the same build without compiled execution, to compare.
      ...(process.env.GRAPHQL_EXECUTION ? { GRAPHQL_EXECUTION: process.env.GRAPHQL_EXECUTION } : {}),
      ...extraEnv,
    },
    ready: (output) => output.includes('Jalin is ready at'),
    onStderr: (text) => process.stderr.write(`[jalin] ${text}`),
  });
  const pid = jalin.child.pid!;
  return {
    pid,
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    rss: () => rssOf(pid),
    stop: jalin.stop,
  };
}

type Message = { type: string; [key: string]: unknown };

export interface Worker {
  pid: number;
  send(message: Message): void;
  /** The next message of `type` from the worker (an `error` message rejects instead). */
  next<T extends { type: string } = Message>(type: string, timeoutMs?: number): Promise<T>;
  /** Sends `message` and waits for the reply of `replyType`. */
  request<T extends { type: string } = Message>(message: Message, replyType: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Forks a compiled bench worker (load generator, client swarm or baseline server) and speaks to it
 * over IPC with `{ type, ... }` messages.
 */
export function forkWorker(file: string, env: Record<string, string> = {}, execArgv: string[] = []): Worker {
  const child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env }, execArgv, serialization: 'advanced' });
  const inbox: Message[] = [];
  const waiters: { type: string; resolve: (m: Message) => void; reject: (e: Error) => void }[] = [];
  let exited: Error | null = null;
  const deliver = () => {
    for (let i = 0; i < inbox.length; i++) {
      const message = inbox[i];
      const waiter = message.type === 'error' ? waiters[0] : waiters.find((w) => w.type === message.type);
      if (!waiter) continue;
      inbox.splice(i--, 1);
      waiters.splice(waiters.indexOf(waiter), 1);
      if (message.type === 'error') waiter.reject(new Error(`${path.basename(file)}: ${String(message.message)}`));
      else waiter.resolve(message);
    }
  };
  child.on('message', (message: Message) => {
    inbox.push(message);
    deliver();
  });
  child.once('exit', (code, signal) => {
    exited = new Error(`${path.basename(file)} exited (code ${code}, signal ${signal})`);
    for (const waiter of waiters.splice(0)) waiter.reject(exited);
  });
  const worker: Worker = {
    pid: child.pid!,
    send: (message) => child.send(message),
    next: <T extends { type: string }>(type: string, timeoutMs = 120_000) =>
      new Promise<T>((resolve, reject) => {
        if (exited) return reject(exited);
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`${path.basename(file)}: no "${type}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          type,
          resolve: (m: Message) => {
            clearTimeout(timer);
            resolve(m as T);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.push(waiter);
        deliver();
      }),
    request: <T extends { type: string }>(message: Message, replyType: string, timeoutMs?: number) => {
      const reply = worker.next<T>(replyType, timeoutMs);
      child.send(message);
      return reply;
    },
    stop: () => terminate(child),
  };
  return worker;
}

/** In a worker: the reply channel, and a handler that turns a thrown error into an `error` message. */
export function workerMain(handle: (message: Message, reply: (m: Message) => void) => Promise<void> | void) {
  const reply = (m: Message) => process.send!(m);
  process.on('message', (message: Message) => {
    Promise.resolve()
      .then(() => handle(message, reply))
      .catch((error: unknown) => reply({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  });
  process.on('disconnect', () => process.exit(0));
}
