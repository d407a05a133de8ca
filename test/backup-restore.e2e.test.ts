import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AgreementStatus } from '../src/entities';
import { startServer, type RunningServer } from '../src/server';
import { ACTIVITY_FIELDS, BOARD_QUERY } from './support/board-helpers';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { describeEachDatabase } from './support/each-database';
import { gid } from './support/ids';
import { assertBuilt } from './support/server-process';
import { startTestServer, type TestServer } from './support/test-server';
import { WorkflowFixtures } from './support/workflow-fixtures';

const run = promisify(execFile);
const SCRIPTS = path.join(__dirname, '..', 'dist', 'src', 'scripts');
const ADD = `mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;

async function post(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, { seq: number; title: string }>; errors?: unknown[] };
}

function hasMariadbDump(): boolean {
  return ['/usr/bin/mariadb-dump', '/usr/local/bin/mariadb-dump'].some((file) => fs.existsSync(file));
}

/** Runs a command with a file as its stdin or stdout (the mariadb client tools). */
function pipe(command: string, args: string[], io: { stdin?: string; stdout?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = io.stdin ? fs.openSync(io.stdin, 'r') : null;
    const output = io.stdout ? fs.openSync(io.stdout, 'w') : null;
    const child = spawn(command, args, { stdio: [input ?? 'ignore', output ?? 'ignore', 'pipe'] });
    const closeFiles = () => [input, output].forEach((fd) => fd !== null && fs.closeSync(fd));
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => (closeFiles(), reject(error)));
    child.on('close', (code) => (closeFiles(), code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`))));
  });
}

/**
 * A backup taken while Jalin runs, restored, started: the board is as it was at the backup and
 * goes on from its last seq (SQLite: db:backup / db:restore; MariaDB: mariadb-dump and the client).
 */
describeEachDatabase('backup and restore', (dialect) => {
  let t: TestServer;
  let restoredServer: RunningServer | undefined;
  let restoredDatabase: TestDatabase | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-backup-'));

  beforeAll(async () => {
    assertBuilt();
    t = await startTestServer(dialect, 'backup-restore');
  });
  afterAll(async () => {
    await restoredServer?.close();
    await restoredDatabase?.drop();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const skip = dialect === 'mysql' && !hasMariadbDump();
  (skip ? it.skip : it)('restores the board as it was at the backup, and it goes on from that seq', async () => {
    const wf = new WorkflowFixtures(() => t.server.dataSource);
    const agreementId = gid('Agreement', await wf.scratchAgreement('Backed-up board', AgreementStatus.PLAN_DRAFTING));
    const opdId = gid('Opd', await wf.opdId('DISPAR'));
    const officer = await t.login('officer@jalin.local');
    for (let i = 0; i < 5; i++) expect((await post(t.url, ADD, { input: { agreementId, opdId, title: `Before ${i}` } }, officer)).errors).toBeUndefined();
    const atBackup = await post(t.url, BOARD_QUERY, { id: agreementId }, officer);
    expect(atBackup.data!.board.seq).toBe(5);

    // The backup runs while the server is up (online); changes after it are not in it.
    if (dialect === 'sqlite') {
      const file = (t.config.database as { file: string }).file;
      const backup = path.join(dir, 'jalin-backup.sqlite');
      const made = await run(process.execPath, [path.join(SCRIPTS, 'db-backup.js'), '--from', `sqlite:${file}`, '--to', backup]);
      expect(made.stdout).toMatch(/^Backed up .* \(\d+ bytes, \d+ migrations, integrity ok\)$/m);
      const refused = await run(process.execPath, [path.join(SCRIPTS, 'db-backup.js'), '--from', `sqlite:${file}`, '--to', backup]).catch((error) => error);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/exists already; name a new file, or pass --force/);
      expect((await post(t.url, ADD, { input: { agreementId, opdId, title: 'After the backup' } }, officer)).data!.addDraftActivity.title).toBe('After the backup');

      restoredDatabase = await createTestDatabase('sqlite', 'backup-restored');
      const restoredFile = (restoredDatabase.config as { file: string }).file;
      fs.writeFileSync(restoredFile, 'not a database');
      const over = await run(process.execPath, [path.join(SCRIPTS, 'db-restore.js'), '--from', backup, '--to', `sqlite:${restoredFile}`]).catch((error) => error);
      expect(over.code).toBe(2);
      expect(over.stderr).toMatch(/exists; stop Jalin and pass --force/);
      const restored = await run(process.execPath, [path.join(SCRIPTS, 'db-restore.js'), '--from', backup, '--to', `sqlite:${restoredFile}`, '--force']);
      expect(restored.stdout).toMatch(/^Restored .* integrity ok\)\. Start Jalin\.$/m);
    } else {
      const db = t.config.database as { host: string; port: number; user: string; password: string; database: string };
      const credentials = [`--host=${db.host}`, `--port=${db.port}`, `--user=${db.user}`, ...(db.password ? [`--password=${db.password}`] : [])];
      const dump = path.join(dir, 'jalin.sql');
      await pipe('mariadb-dump', [...credentials, '--single-transaction', '--routines', '--triggers', '--hex-blob', db.database], { stdout: dump });
      expect((await post(t.url, ADD, { input: { agreementId, opdId, title: 'After the backup' } }, officer)).data!.addDraftActivity.title).toBe('After the backup');
      restoredDatabase = await createTestDatabase('mysql', 'backup-restored');
      await pipe('mariadb', [...credentials, (restoredDatabase.config as { database: string }).database], { stdin: dump });
    }

    await t.stop();
    restoredServer = await startServer({ ...t.config, port: 0, database: restoredDatabase.config, seedDemoData: false });
    const board = await post(restoredServer.url, BOARD_QUERY, { id: agreementId }, officer);
    expect(board).toEqual(atBackup);
    const next = await post(restoredServer.url, ADD, { input: { agreementId, opdId, title: 'After the restore' } }, officer);
    expect(next.errors).toBeUndefined();
    expect((await post(restoredServer.url, BOARD_QUERY, { id: agreementId }, officer)).data!.board.seq).toBe(6);
    // A client that had the board at the backup's seq resumes from it: the log replays the change made after the restore.
    const client = createClient({ url: restoredServer.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${officer}` } });
    try {
      const events = client.iterate<{ boardEvents: { seq: number; kind: string; activity: { title: string } } }>({
        query: 'subscription($id: ID!) { boardEvents(agreementId: $id, afterSeq: 5) { seq kind activity { title } } }',
        variables: { id: agreementId },
      });
      const first = await events.next();
      expect(first.value.data.boardEvents).toEqual({ seq: 6, kind: 'ADDED', activity: { title: 'After the restore' } });
      await events.return?.();
    } finally {
      await client.dispose();
    }
  });
});
