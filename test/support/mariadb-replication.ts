import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort, spawnUntilReady } from '../../bench/lib/process';

const run = promisify(execFile);

/**
 * Two MariaDB servers of a test's own (never the shared one on 3306): a primary with a binary log and
 * a replica that replicates it, each on a free port and a data directory under the temp dir. The
 * primary's users (a TCP `jalin` user and the replication user) reach the replica by replication.
 */
export interface MariaDbPair {
  primary: MariaDbInstance;
  replica: MariaDbInstance;
  /** Waits until the replica has applied everything the primary has logged so far. */
  waitForReplica(timeoutSeconds?: number): Promise<void>;
  /** A mysql:// URL of `database` on the instance, as the application user. */
  url(instance: MariaDbInstance, database: string): string;
  close(): Promise<void>;
}

export interface MariaDbInstance {
  port: number;
  dataDir: string;
  /** A root connection over the instance's socket. */
  admin(): Promise<mysql.Connection>;
  /** Runs statements as root; returns the rows of the last. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops the server (as a crash would look to clients: the process ends). */
  stop(): Promise<void>;
  /** Starts it again on the same data directory and port (a replica resumes replicating by itself). */
  restart(): Promise<void>;
}

const MARIADBD = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd', '/usr/sbin/mysqld'].find((file) => fs.existsSync(file));
const INSTALL_DB = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db', '/usr/sbin/mariadb-install-db'].find((file) => fs.existsSync(file));

/** Why a replication test cannot run here, or null when it can. */
export function mariadbMissing(): string | null {
  if (!MARIADBD) return 'mariadbd is not installed (looked in /usr/sbin and /usr/bin)';
  if (!INSTALL_DB) return 'mariadb-install-db is not installed';
  return null;
}

/** Small (the default is 96 MB): the data directory is copied twice per run. The same at install and at start, or the server resizes it. */
const REDO_LOG_SIZE = '8M';

const APP_USER = 'jalin';
const APP_PASSWORD = 'jalin-replica-test';

/** The free port can be taken by someone else before mariadbd binds it: then it is tried on another. */
async function startInstance(dataDir: string, serverId: number, logs: string[]): Promise<MariaDbInstance & { process: ChildProcess }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startInstanceOnce(dataDir, serverId, logs, await freePort());
    } catch (error) {
      if (attempt >= 3 || !/Address already in use|Do you already have another/i.test((error as Error).message)) throw error;
    }
  }
}

async function startInstanceOnce(dataDir: string, serverId: number, logs: string[], port: number): Promise<MariaDbInstance & { process: ChildProcess }> {
  const socket = path.join(dataDir, 'mysqld.sock');
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${socket}`,
    `--pid-file=${path.join(dataDir, 'mysqld.pid')}`,
    `--server-id=${serverId}`,
    `--log-bin=${path.join(dataDir, 'binlog')}`,
    '--binlog-format=ROW',
    `--log-error=${path.join(dataDir, 'error.log')}`,
    // Small and fast: a test database, not a production one.
    '--innodb-buffer-pool-size=32M',
    `--innodb-log-file-size=${REDO_LOG_SIZE}`,
    '--innodb-doublewrite=0',
    '--skip-name-resolve',
    '--innodb-flush-log-at-trx-commit=2',
    '--sync-binlog=0',
    '--skip-log-slave-updates',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    ...(process.getuid?.() === 0 ? ['--user=root'] : []),
  ];
  const connect = () => mysql.createConnection({ socketPath: socket, user: 'root', multipleStatements: true });
  const server = await spawnUntilReady(MARIADBD!, args, {
    name: `mariadbd (${dataDir})`,
    timeoutMs: 30_000,
    // Ready once it takes a connection on its socket.
    ready: async () => {
      await (await connect()).end();
      return true;
    },
    onStderr: (text) => logs.push(text),
    diagnostics: () => readErrorLog(dataDir),
  });

  const instance: MariaDbInstance & { process: ChildProcess } = {
    process: server.child,
    port,
    dataDir,
    admin: connect,
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      const connection = await connect();
      try {
        const [rows] = await connection.query(sql, params);
        return rows as T[];
      } finally {
        await connection.end();
      }
    },
    stop: server.stop,
    async restart() {
      await instance.stop();
      const again = await startInstanceOnce(dataDir, serverId, logs, port);
      Object.assign(instance, { process: again.process, stop: again.stop, restart: again.restart });
    },
  };
  return instance;
}

function readErrorLog(dataDir: string): string {
  try {
    return fs.readFileSync(path.join(dataDir, 'error.log'), 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no error log)';
  }
}

/**
 * A freshly installed, never started data directory, made once per machine and server build (it
 * takes `mariadb-install-db` several seconds) and copied for each server. Made under a unique name
 * and renamed into place, so concurrent test runs never see half of one.
 */
async function installedTemplate(): Promise<string> {
  const build = fs.statSync(MARIADBD!);
  const template = path.join(os.tmpdir(), `jalin-mariadb-template-${build.size}-${Math.floor(build.mtimeMs)}-redo${REDO_LOG_SIZE}`);
  if (fs.existsSync(path.join(template, 'mysql'))) return template;
  const staging = fs.mkdtempSync(`${template}.staging-`);
  const dataDir = path.join(staging, 'data');
  await run(INSTALL_DB!, [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    `--innodb-log-file-size=${REDO_LOG_SIZE}`,
    ...(process.getuid?.() === 0 ? ['--user=root'] : []),
  ]);
  try {
    fs.renameSync(dataDir, template);
  } catch (error) {
    // Another run put one there first: use it.
    if (!fs.existsSync(path.join(template, 'mysql'))) throw error;
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return template;
}

/**
 * Copies an installed data directory for each server (see installedTemplate), starts both servers, and points the replica at the primary with GTIDs from the start.
 */
export async function startMariaDbPair(label: string): Promise<MariaDbPair> {
  const missing = mariadbMissing();
  if (missing) throw new Error(missing);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `jalin-${label}-`));
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const logs: string[] = [];
  const template = await installedTemplate();
  fs.cpSync(template, primaryDir, { recursive: true });
  fs.cpSync(template, replicaDir, { recursive: true });

  const started: (MariaDbInstance & { process: ChildProcess })[] = [];
  const close = async () => {
    await Promise.all(started.map((instance) => instance.stop().catch(() => undefined)));
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    const [primary, replica] = await Promise.all([startInstance(primaryDir, 1, logs), startInstance(replicaDir, 2, logs)]);
    started.push(primary, replica);
    await primary.query(
      `CREATE USER '${APP_USER}'@'127.0.0.1' IDENTIFIED BY '${APP_PASSWORD}';` +
        `GRANT ALL ON *.* TO '${APP_USER}'@'127.0.0.1';` +
        `CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl';` +
        `GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'`,
    );
    // The replica starts from the primary's first event: the users above reach it that way too.
    await replica.query(
      `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='repl', MASTER_PASSWORD='repl', ` +
        `MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE`,
    );
    const pair: MariaDbPair = {
      primary,
      replica,
      url: (instance, database) => `mysql://${APP_USER}:${APP_PASSWORD}@127.0.0.1:${instance.port}/${database}`,
      async waitForReplica(timeoutSeconds = 30) {
        const [{ pos }] = await primary.query<{ pos: string }>('SELECT @@GLOBAL.gtid_binlog_pos AS pos');
        const [{ result }] = await replica.query<{ result: number }>('SELECT MASTER_GTID_WAIT(?, ?) AS result', [pos, timeoutSeconds]);
        if (Number(result) !== 0) {
          const status = await replica.query('SHOW SLAVE STATUS');
          throw new Error(`the replica did not reach ${pos} within ${timeoutSeconds} s: ${JSON.stringify(status[0])}`);
        }
        // Caught up is not yet receiving: after a restart the SQL thread may have applied everything
        // while the IO thread is still connecting ("Preparing"), which the application's health
        // check rightly reports as not usable. Wait until both threads run.
        const deadline = Date.now() + timeoutSeconds * 1000;
        for (;;) {
          const [status] = await replica.query<{ Slave_IO_Running: string; Slave_SQL_Running: string }>('SHOW SLAVE STATUS');
          if (status?.Slave_IO_Running === 'Yes' && status.Slave_SQL_Running === 'Yes') return;
          if (Date.now() > deadline) throw new Error(`the replica's threads are not running after ${timeoutSeconds} s: ${JSON.stringify(status)}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      close,
    };
    await pair.waitForReplica();
    return pair;
  } catch (error) {
    await close();
    throw error;
  }
}
