import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { In } from 'typeorm';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Agreement, AgreementStatus as S, EmailStatus, JobLease, JobRun, Notification, NotificationKind, Role, StatusChange, User } from '../src/entities';
import { JobScheduler, REMINDERS_JOB, RemindersJob, type Job, type JobRunResult } from '../src/jobs';
import { createLogger } from '../src/logger';
import { createMailer, type Mailer } from '../src/notifications/mailer';
import { addDays } from '../src/services/dates';
import { describeEachDatabase } from './support/each-database';
import { gid, localId } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';
import { assertBuilt, killProcess, startServerProcess, type RunningProcess } from './support/server-process';
import { WorkflowFixtures } from './support/workflow-fixtures';

const logger = createLogger('silent');
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

/** The test server's database as a DATABASE_URL, for another process. */
function databaseUrl(t: TestServer): string {
  const options = t.server.dataSource.options as { type: string; database: string; host?: string; port?: number; username?: string; password?: string };
  if (options.type === 'better-sqlite3') return `sqlite:${options.database}`;
  return `mysql://${encodeURIComponent(options.username ?? '')}:${encodeURIComponent(options.password ?? '')}@${options.host}:${options.port}/${options.database}`;
}

interface JobsProcess {
  run(now: string): Promise<{ holder: string; results: JobRunResult[] }>;
  stop(): Promise<void>;
}

/** Another process running the jobs on the same database (test/support/jobs.process.ts). */
async function startJobsProcess(url: string): Promise<JobsProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'support', 'jobs.process.ts')], {
    env: { ...process.env, DATABASE_URL: url, TS_NODE_TRANSPILE_ONLY: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout! });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`jobs process exited with ${code}`)));
    });
  expect(await next()).toBe('ready');
  return {
    async run(now) {
      const answer = next();
      child.stdin!.write(`${now}\n`);
      return JSON.parse(await answer);
    },
    async stop() {
      child.stdin!.end();
      await exited;
    },
  };
}

describeEachDatabase('scheduled jobs, reminders and notifications', (dialect) => {
  let t: TestServer;
  let fx: WorkflowFixtures;
  let officerId: number;
  let disparId: number;
  let bappedaId: number;
  const ds = () => t.server.dataSource;

  /** The reminders job alone, on its own scheduler (a process of its own in all but name) with a fixed clock. */
  const remindersScheduler = (mailer: Mailer | null = null, settings: Partial<{ reminderDays: number[]; stuckAfterDays: number }> = {}) =>
    new JobScheduler(ds(), [new RemindersJob(ds(), t.server.services.notifications, { intervalMs: HOUR, reminderDays: [180, 90, 30], stuckAfterDays: 60, ...settings }, mailer)], { logger });
  const notificationsOf = (agreementId: number) => ds().getRepository(Notification).find({ where: { agreementId }, order: { userId: 'ASC', id: 'ASC' } });
  const userIdOf = async (email: string) => (await ds().getRepository(User).findOneByOrFail({ email })).id;

  /** An MoU in force with Huế (a CITY) that expires on `expiresOn`, with activities of the given OPDs. */
  const mou = async (title: string, expiresOn: string, opds: string[] = ['DISPAR']) => {
    const id = await fx.scratchAgreement(title, S.MOU_IN_FORCE, opds.map((opd) => ({ opd, title: `${title} activity of ${opd}` })));
    await fx.setState(id, S.MOU_IN_FORCE, { mouSignedOn: '2022-01-01', validityMonths: 60, expiresOn });
    return id;
  };

  beforeAll(async () => {
    t = await startTestServer(dialect, 'jobs');
    fx = new WorkflowFixtures(() => t.server.dataSource);
    // The demo story's agreements would be reminded too (stuck for years): out of the way, each test makes its own.
    await ds().createQueryBuilder().update(Agreement).set({ archivedAt: new Date() }).execute();
    [officerId, disparId, bappedaId] = await Promise.all(['officer@jalin.local', 'dispar@jalin.local', 'bappeda@jalin.local'].map(userIdOf));
    // An officer who left: never reminded.
    const admin = await ds().getRepository(User).findOneByOrFail({ email: 'admin@jalin.local' });
    const gone = await t.server.services.users.create(admin, { email: 'gone-officer@jalin.test', name: 'Former officer', role: Role.OFFICER, opdId: null, password: 'former-officer-pw-1' });
    await t.server.services.users.deactivate(admin, gone.id);
  });
  afterAll(() => t?.close());

  describe('reminders', () => {
    it('reminds officers and the OPDs involved once per threshold, in Indonesian with an English line', async () => {
      // 2027-01-01 + 90 days = Thursday 1 April 2027.
      const id = await mou('Reminder thresholds', '2027-04-01', ['DISPAR']);
      const far = await mou('Expires in 181 days', addDays('2027-01-01', 181));

      const first = await remindersScheduler().runDue(at('2027-01-01T08:00:00Z'));
      expect(first).toEqual([expect.objectContaining({ job: REMINDERS_JOB, slot: '2027-01-01T08:00:00.000Z', result: 'ran', outcome: 'SUCCEEDED' })]);
      const made = await notificationsOf(id);
      // The active officer and DISPAR's editor; not BAPPEDA (no activity here), not the deactivated officer.
      expect(made.map((n) => n.userId)).toEqual([officerId, disparId]);
      for (const notification of made) {
        expect(notification).toMatchObject({
          kind: NotificationKind.MOU_EXPIRING,
          reminderKey: 'MOU_EXPIRING:2027-04-01:90',
          subject: 'Pengingat: MoU dengan Kota Huế berakhir dalam 90 hari',
          message: 'MoU dengan Kota Huế berakhir dalam 90 hari (Kamis, 1 April 2027). / The MoU with Huế expires in 90 days (Thursday, 1 April 2027).',
          readAt: null,
          emailStatus: EmailStatus.NONE,
        });
      }
      expect(await notificationsOf(far)).toEqual([]);

      // The same slot in another scheduler (another process): already done. A later slot or day: nothing new.
      expect(await remindersScheduler().runDue(at('2027-01-01T08:59:59Z'))).toEqual([expect.objectContaining({ result: 'skipped' })]);
      await remindersScheduler().runDue(at('2027-01-01T09:00:00Z'));
      await remindersScheduler().runDue(at('2027-01-20T09:00:00Z'));
      expect(await notificationsOf(id)).toHaveLength(2);

      // 29 days before: the 30-day reminder, once.
      await remindersScheduler().runDue(at('2027-03-03T00:00:00Z'));
      await remindersScheduler().runDue(at('2027-03-04T00:00:00Z'));
      const all = await notificationsOf(id);
      expect(all.map((n) => [n.userId, n.reminderKey])).toEqual([
        [officerId, 'MOU_EXPIRING:2027-04-01:90'],
        [officerId, 'MOU_EXPIRING:2027-04-01:30'],
        [disparId, 'MOU_EXPIRING:2027-04-01:90'],
        [disparId, 'MOU_EXPIRING:2027-04-01:30'],
      ]);
      expect(all.find((n) => n.reminderKey.endsWith(':30'))!.message).toBe(
        'MoU dengan Kota Huế berakhir dalam 29 hari (Kamis, 1 April 2027). / The MoU with Huế expires in 29 days (Thursday, 1 April 2027).',
      );
      expect(await ds().getRepository(Notification).countBy({ userId: bappedaId, agreementId: id })).toBe(0);
    });

    it('reminds of an agreement stuck at one step from STUCK_AFTER_DAYS on, once per stay', async () => {
      const stuck = await fx.scratchAgreement('Stuck in DPRD review', S.DPRD_REVIEW, [{ opd: 'BAPPEDA', title: 'Planning study' }]);
      const recent = await fx.scratchAgreement('Recently advanced', S.DPRD_REVIEW, [{ opd: 'BAPPEDA', title: 'Planning study' }]);
      // Stuck since 2027-01-05: 60 days on 2027-03-06; the other one day less. (Later than the runs above: a job's clock only moves on.)
      await ds().getRepository(Agreement).update({ id: stuck }, { statusChangedAt: at('2027-01-05T03:00:00Z') });
      await ds().getRepository(Agreement).update({ id: recent }, { statusChangedAt: at('2027-01-06T03:00:00Z') });

      await remindersScheduler().runDue(at('2027-03-06T10:00:00Z'));
      const made = await notificationsOf(stuck);
      expect(made.map((n) => n.userId)).toEqual([officerId, bappedaId]);
      expect(made[0]).toMatchObject({
        kind: NotificationKind.AGREEMENT_STUCK,
        reminderKey: 'AGREEMENT_STUCK:DPRD_REVIEW:2027-01-05:60',
        message:
          'Kerja sama dengan Kota Huế tertahan pada tahap pembahasan DPRD selama 60 hari (sejak Selasa, 5 Januari 2027). / The agreement with Huế has been at DPRD_REVIEW for 60 days (since Tuesday, 5 January 2027).',
      });
      expect(await notificationsOf(recent)).toEqual([]);
      await remindersScheduler().runDue(at('2027-03-20T10:00:00Z'));
      expect(await notificationsOf(stuck)).toHaveLength(2);
      expect(await notificationsOf(recent)).toHaveLength(2);
    });
  });

  describe('the lease', () => {
    it('runs each slot once across two real processes on the same database', async () => {
      const id = await mou('Two processes', '2027-05-01', ['DISPAR', 'BAPPEDA']);
      const lapsed = await mou('Lapsed before the run', '2027-04-30', []);
      const processes = await Promise.all([startJobsProcess(databaseUrl(t)), startJobsProcess(databaseUrl(t))]);
      try {
        // The same instant in both, at once: 2027-05-01 is the expiry day (0 days left), 2027-04-30 lapsed.
        const now = '2027-05-01T00:00:05.000Z';
        for (let round = 0; round < 2; round++) {
          const answers = await Promise.all(processes.map((p) => p.run(now)));
          const ran = answers.flatMap((a) => a.results.filter((r) => r.result === 'ran').map((r) => `${r.job}@${a.holder}`));
          // Each job ran in exactly one process the first time, in none the second.
          expect(ran.map((r) => r.split('@')[0]).sort()).toEqual(round === 0 ? ['expiry-sweep', 'reminders'] : []);
        }
        const runs = await ds().getRepository(JobRun).find({ where: { slot: In(['2027-05-01T00:00:00.000Z']) } });
        expect(runs.map((r) => [r.name, r.outcome]).sort()).toEqual([
          ['expiry-sweep', 'SUCCEEDED'],
          ['reminders', 'SUCCEEDED'],
        ]);
        expect(await ds().getRepository(StatusChange).countBy({ agreementId: lapsed, toStatus: S.EXPIRED })).toBe(1);
        expect((await notificationsOf(id)).map((n) => [n.userId, n.reminderKey])).toEqual(
          [officerId, disparId, bappedaId].sort((a, b) => a - b).map((userId) => [userId, 'MOU_EXPIRING:2027-05-01:30']),
        );
        const lease = await ds().getRepository(JobLease).findOneByOrFail({ name: REMINDERS_JOB });
        expect(lease).toMatchObject({ slot: '2027-05-01T00:00:00.000Z', outcome: 'SUCCEEDED', leaseUntil: null });
        expect(lease.finishedAt).not.toBeNull();
      } finally {
        await Promise.all(processes.map((p) => p.stop()));
      }
    });

    it('runs each slot once when two server processes (npm start) start together on one database, and stops with them', async () => {
      assertBuilt();
      let servers: RunningProcess[] = [];
      try {
        // The tests above moved the leases to 2027 (their clocks); these servers run on the real one.
        await ds().getRepository(JobLease).delete({ name: In(['expiry-sweep', 'reminders']) });
        servers = await Promise.all([0, 1].map(() => startServerProcess(t.config.database, 0, { JOBS: 'on', SEED_DEMO_DATA: 'false' })));
        const ours = (holder: string) => servers.some((p) => holder.includes(`:${p.child.pid}:`));
        const runs = (await ds().getRepository(JobRun).find({ where: { name: In(['expiry-sweep', 'reminders']) } })).filter((r) => ours(r.holder));
        const scheduled = runs.filter((r) => !r.slot.startsWith('startup@'));
        // Both started (each swept at start-up), and each slot of each job ran in one of them only.
        expect(runs.filter((r) => r.slot.startsWith('startup@'))).toHaveLength(2);
        const perSlot = new Map<string, number>();
        for (const run of scheduled) perSlot.set(`${run.name}@${run.slot}`, (perSlot.get(`${run.name}@${run.slot}`) ?? 0) + 1);
        expect([...new Set(scheduled.map((r) => r.name))].sort()).toEqual(['expiry-sweep', 'reminders']);
        expect([...perSlot.values()].every((count) => count === 1)).toBe(true);
        for (const server of servers) server.child.kill('SIGTERM');
        expect(await Promise.all(servers.map((server) => server.exited))).toEqual([0, 0]);
      } finally {
        await Promise.all(servers.map(killProcess));
      }
    });

    it("waits for a live holder, and takes the slot over once a crashed holder's lease ran out", async () => {
      let runs = 0;
      const job: Job = { name: 'lease-probe', intervalMs: HOUR, leaseMs: 5 * 60_000, run: async () => `run ${++runs}` };
      const scheduler = () => new JobScheduler(ds(), [job], { logger });
      // A holder claimed 10:00 at 10:00:00 and died without finishing.
      await ds().getRepository(JobLease).insert({ name: 'lease-probe', slot: '2027-06-01T10:00:00.000Z', holder: 'crashed', leaseUntil: '2027-06-01T10:05:00.000Z', startedAt: at('2027-06-01T10:00:00Z'), finishedAt: null });
      expect(await scheduler().runDue(at('2027-06-01T10:04:59Z'))).toEqual([expect.objectContaining({ result: 'skipped' })]);
      expect(runs).toBe(0);
      // Once the lease ran out, the slot is run again (jobs are safe to repeat); then it is done.
      expect(await scheduler().runDue(at('2027-06-01T10:05:01Z'))).toEqual([expect.objectContaining({ result: 'ran', outcome: 'SUCCEEDED', detail: 'run 1' })]);
      expect(await scheduler().runDue(at('2027-06-01T10:30:00Z'))).toEqual([expect.objectContaining({ result: 'skipped' })]);
      expect(await scheduler().runDue(at('2027-06-01T11:00:00Z'))).toEqual([expect.objectContaining({ result: 'ran', detail: 'run 2' })]);
      expect(runs).toBe(2);
    });

    it('records a failed run and runs the job again in the next slot', async () => {
      let fail = true;
      const job: Job = { name: 'failing-probe', intervalMs: HOUR, run: async () => { if (fail) throw new Error('the partner registry did not answer'); return 'fine'; } };
      const scheduler = new JobScheduler(ds(), [job], { logger });
      expect(await scheduler.runDue(at('2027-06-01T10:00:00Z'))).toEqual([expect.objectContaining({ result: 'ran', outcome: 'FAILED', detail: 'the partner registry did not answer' })]);
      expect(await scheduler.runDue(at('2027-06-01T10:10:00Z'))).toEqual([]);
      fail = false;
      expect(await scheduler.runDue(at('2027-06-01T11:00:00Z'))).toEqual([expect.objectContaining({ outcome: 'SUCCEEDED' })]);
      const runs = await ds().getRepository(JobRun).find({ where: { name: 'failing-probe' }, order: { id: 'ASC' } });
      expect(runs.map((r) => [r.slot, r.outcome])).toEqual([
        ['2027-06-01T10:00:00.000Z', 'FAILED'],
        ['2027-06-01T11:00:00.000Z', 'SUCCEEDED'],
      ]);
    });
  });
  describe('notifications in the app', () => {
    const LIST = `query($first: Int, $after: String, $unread: Boolean) { notifications(first: $first, after: $after, unreadOnly: $unread) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id kind subject message readAt createdAt agreement { id title } } } }`;
    const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }`;
    type Page = { notifications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; kind: string; message: string; readAt: string | null; agreement: { id: string } }[] } };
    let officer: string;
    let dispar: string;
    let viewer: string;

    beforeAll(async () => {
      [officer, dispar, viewer] = await Promise.all(['officer@jalin.local', 'dispar@jalin.local', 'viewer@jalin.local'].map((email) => t.login(email)));
      for (const n of [1, 2, 3]) await mou(`In the app ${n}`, `2027-08-0${n}`, ['DISPAR']);
      await remindersScheduler().runDue(at('2027-07-01T00:00:00Z'));
    });

    const all = async (token: string, unread = false) => {
      const ids: string[] = [];
      let after: string | null = null as string | null;
      let total = -1;
      for (let page = 0; page < 50; page++) {
        const result: Awaited<ReturnType<typeof t.gql<Page>>> = await t.gql<Page>(LIST, { first: 2, after, unread }, token);
        expect(result.errors).toBeUndefined();
        total = result.data!.notifications.totalCount;
        ids.push(...result.data!.notifications.nodes.map((n) => n.id));
        if (!result.data!.notifications.pageInfo.hasNextPage) break;
        after = result.data!.notifications.pageInfo.endCursor;
      }
      return { ids, total };
    };

    it("lists only the signed-in user's own, newest first, page by page", async () => {
      for (const [token, userId] of [[officer, officerId], [dispar, disparId]] as const) {
        const own = await ds().getRepository(Notification).find({ where: { userId }, order: { id: 'DESC' } });
        expect(own.length).toBeGreaterThanOrEqual(3);
        expect(await all(token)).toEqual({ ids: own.map((n) => gid('Notification', n.id)), total: own.length });
      }
      const first = await t.gql<Page>(LIST, { first: 1 }, officer);
      expect(first.data!.notifications.nodes[0]).toMatchObject({ kind: 'MOU_EXPIRING', readAt: null, message: expect.stringContaining('MoU dengan Kota Huế berakhir dalam') });
      expect(await all(viewer)).toEqual({ ids: [], total: 0 });
      // Refetching by id follows the same rule: another user's notification is not there.
      const disparsOwn = await ds().getRepository(Notification).findOneByOrFail({ userId: disparId });
      const node = `query($id: ID!) { node(id: $id) { id ... on Notification { message } } }`;
      expect((await t.gql<{ node: unknown }>(node, { id: gid('Notification', disparsOwn.id) }, officer)).data).toEqual({ node: null });
      expect((await t.gql<{ node: { id: string } }>(node, { id: gid('Notification', disparsOwn.id) }, dispar)).data?.node?.id).toBe(gid('Notification', disparsOwn.id));
    });

    it("marks the user's own read, and refuses anyone else's with NOT_FOUND, changing nothing", async () => {
      const before = await all(officer, true);
      expect(before.total).toBeGreaterThanOrEqual(3);
      const [a, b, c] = before.ids;
      const marked = await t.gql<{ markNotificationsRead: { id: string; readAt: string | null }[] }>(MARK, { ids: [b, a] }, officer);
      expect(marked.errors).toBeUndefined();
      expect(marked.data!.markNotificationsRead.map((n) => n.id)).toEqual([b, a]);
      expect(marked.data!.markNotificationsRead.every((n) => n.readAt !== null)).toBe(true);
      expect((await all(officer, true)).total).toBe(before.total - 2);
      // Marking again keeps the first time.
      const again = await t.gql<{ markNotificationsRead: { id: string; readAt: string }[] }>(MARK, { ids: [a] }, officer);
      expect(again.data!.markNotificationsRead[0].readAt).toBe(marked.data!.markNotificationsRead[1].readAt);

      const disparsOwn = await ds().getRepository(Notification).findOneByOrFail({ userId: disparId });
      const snapshot = async () => JSON.stringify(await ds().getRepository(Notification).find({ order: { id: 'ASC' } }));
      const unchanged = await snapshot();
      const foreign = await t.gql(MARK, { ids: [c, gid('Notification', disparsOwn.id)] }, officer);
      expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', id: gid('Notification', disparsOwn.id) } });
      const missing = await t.gql(MARK, { ids: [gid('Notification', 99999999)] }, officer);
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      for (const ids of [['abc'], [gid('Agreement', 1)]]) {
        const bad = await t.gql(MARK, { ids }, officer);
        expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
      }
      expect(await snapshot()).toBe(unchanged);
      expect((await t.gql(MARK, { ids: [c] }, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('delivers notificationAdded to its own user only', async () => {
      type Added = { notificationAdded: { id: string; message: string } };
      const received = new Map<string, string[]>([['officer', []], ['dispar', []]]);
      const errors: unknown[] = [];
      for (const [who, token] of [['officer', officer], ['dispar', dispar]] as const) {
        t.ws(token).subscribe<Added>(
          { query: 'subscription { notificationAdded { id message } }' },
          { next: (m) => (m.data ? received.get(who)!.push(m.data.notificationAdded.id) : errors.push(m.errors)), error: (e) => errors.push(e), complete: () => undefined },
        );
      }
      // Live once a probe notification of one's own comes through.
      const probeAgreement = await mou('Probe target', '2030-01-01', []);
      let probe = 0;
      const probeFor = (userId: number) =>
        t.server.services.notifications.create({ userId, agreementId: probeAgreement, kind: NotificationKind.MOU_EXPIRING, reminderKey: `PROBE:${++probe}`, subject: 'Probe', message: 'Probe / Probe', emailStatus: EmailStatus.NONE });
      for (const [who, userId] of [['officer', officerId], ['dispar', disparId]] as const) {
        for (let i = 0; i < 50 && received.get(who)!.length === 0; i++) {
          await probeFor(userId);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(received.get(who)!.length).toBeGreaterThan(0);
      }
      // An MoU without OPD activities: officers only.
      const officersOnly = await mou('Officers only', '2027-09-01', []);
      await remindersScheduler().runDue(at('2027-07-02T00:00:00Z'));
      const made = await notificationsOf(officersOnly);
      expect(made.map((n) => n.userId)).toEqual([officerId]);
      const last = await probeFor(disparId);
      for (let i = 0; i < 100 && !(received.get('officer')!.includes(gid('Notification', made[0].id)) && received.get('dispar')!.includes(gid('Notification', last!.id))); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(received.get('officer')).toContain(gid('Notification', made[0].id));
      expect(received.get('dispar')).toContain(gid('Notification', last!.id));
      // Everything each one heard is theirs.
      for (const [who, userId] of [['officer', officerId], ['dispar', disparId]] as const) {
        const owners = await ds().getRepository(Notification).findBy({ id: In(received.get(who)!.map((id) => localId(id))) });
        expect(owners.length).toBe(received.get(who)!.length);
        expect(owners.every((n) => n.userId === userId)).toBe(true);
      }
      expect(errors).toEqual([]);
    });
  });

  describe('e-mail', () => {
    let smtp: SMTPServer;
    let port: number;
    let refuse = false;
    const inbox: ParsedMail[] = [];

    beforeAll(async () => {
      // A real SMTP server on a free port: what nodemailer sends is what arrives here.
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(_address, _session, callback) {
          if (refuse) return callback(Object.assign(new Error('Mailbox unavailable, try again later'), { responseCode: 451 }));
          callback();
        },
        onData(stream, _session, callback) {
          simpleParser(stream)
            .then((mail) => {
              inbox.push(mail);
              callback();
            })
            .catch(callback);
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
      port = (smtp.server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

    it('e-mails each new notification in Indonesian with an English line; a refusing server loses nothing and is tried again next run', async () => {
      const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Jalin <kerjasama@jalin.test>' });
      try {
        const id = await mou('By e-mail', '2027-10-07', ['DISPAR']);
        refuse = true;
        const first = await remindersScheduler(mailer).runDue(at('2027-07-10T00:00:00Z'));
        // The run itself succeeds: the notifications are in the app, the e-mail waits.
        expect(first[0]).toMatchObject({ outcome: 'SUCCEEDED', detail: expect.stringMatching(/e-mail: 0 sent, [1-9]\d* failed/) });
        let made = await notificationsOf(id);
        expect(made.map((n) => [n.userId, n.emailStatus, n.emailAttempts])).toEqual([
          [officerId, EmailStatus.PENDING, 1],
          [disparId, EmailStatus.PENDING, 1],
        ]);
        expect(inbox).toHaveLength(0);

        refuse = false;
        await remindersScheduler(mailer).runDue(at('2027-07-10T01:00:00Z'));
        made = await notificationsOf(id);
        expect(made.map((n) => [n.emailStatus, n.emailAttempts])).toEqual([
          [EmailStatus.SENT, 2],
          [EmailStatus.SENT, 2],
        ]);
        const mails = inbox.filter((mail) => mail.subject === 'Pengingat: MoU dengan Kota Huế berakhir dalam 89 hari');
        expect(mails.map((mail) => (mail.to as { text: string }).text).sort()).toEqual(['dispar@jalin.local', 'officer@jalin.local']);
        for (const mail of mails) {
          expect(mail.from?.value).toEqual([{ name: 'Jalin', address: 'kerjasama@jalin.test' }]);
          expect(mail.text).toContain('MoU dengan Kota Huế berakhir dalam 89 hari (Kamis, 7 Oktober 2027).');
          expect(mail.text).toContain('The MoU with Huế expires in 89 days (Thursday, 7 October 2027).');
        }
        // Sent once: a later run sends nothing again.
        const count = inbox.length;
        await remindersScheduler(mailer).runDue(at('2027-07-10T02:00:00Z'));
        expect(inbox).toHaveLength(count);
      } finally {
        mailer.close();
      }
    });
  });
});
