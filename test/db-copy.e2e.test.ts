import { execFile } from 'node:child_process';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_LIMITS } from '../src/config';
import { AgreementStatus, PartnerCity, Role } from '../src/entities';
import { startServer, type RunningServer } from '../src/server';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { describeEachDatabase } from './support/each-database';
import { Fixtures } from './support/fixtures';
import { ACTIVITY_FIELDS, BOARD_QUERY } from './support/board-helpers';
import { gid } from './support/ids';
import { REPORT_QUERY } from './support/report-query';
import { assertBuilt, databaseUrl } from './support/server-process';
import { startTestServer, type TestServer } from './support/test-server';
import { WorkflowFixtures } from './support/workflow-fixtures';

const run = promisify(execFile);
const COPY = path.join(__dirname, '..', 'dist', 'src', 'scripts', 'db-copy.js');

const DASHBOARD = `query Dashboard($after: String) {
  agreements(first: 100, after: $after, filter: { statuses: [EXPLORATION, LOI_SIGNED, PLAN_DRAFTING, DPRD_REVIEW, DPRD_APPROVED, CENTRAL_FACILITATION, MOU_IN_FORCE] }) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id title status fields boardSeq createdAt updatedAt daysInStatus reviewRound
      partnerCity { id name region country { code name } }
      activities { ${ACTIVITY_FIELDS} }
      documents { kind number signedOn validUntil }
      history { id fromStatus toStatus at note actor { id name } }
      nextSteps { key label done detail }
    } }
  }
}`;
/** What the dashboard leaves out: the workflow's records (documents, meetings, action plans, presentations). */
const DETAILS = `query Details($after: String) {
  agreements(first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes {
      id kind scope status loiSignedOn mouSignedOn dprdApprovedOn expiresOn validityMonths terminationNoticeOn archivedAt statusChangedAt
      documents { id kind number signedOn validUntil }
      generatedDocuments { kind meetingId name title url }
      presentations(allRounds: true) { id presentedOn note reviewRound createdAt opd { code } recordedBy { id } }
      actionPlan { id note reviewRound createdAt supersededAt attachedBy { id } items { id position quarter description startOn endOn activity { id title } responsibleOpd { code } } }
      meetings {
        id title state heldOn startTime place chairName chairOffice note createdAt openedAt closedAt cancelledAt cancelReason
        agenda { id position title note }
        attendance { id status personName personOffice representedBy updatedAt opd { code } }
        decisions { final fromSeq toSeq eventSeqs byOpd { opd { code } added { __typename } approved { __typename } } }
      }
    }
  }
}`;
const AUDIT = `query Audit($after: String) {
  auditTrail(first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { seq at actorId actorEmail operation recordType recordId requestId diff hash prevHash }
  }
}`;
const EXPIRING = '{ expiringAgreements(withinDays: 3650, first: 100) { totalCount nodes { id title expiresOn } } }';
const NOTIFICATIONS = '{ notifications(first: 100) { totalCount nodes { id kind subject message createdAt readAt agreement { id } } } }';
const USERS = '{ users(first: 100) { totalCount nodes { id email name role active opd { code } } } }';
const CITIES = '{ partnerCities(first: 100) { totalCount nodes { id name region level country { code } } } }';
const ADD = `mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const NEW_CITY = 'mutation($input: PartnerCityInput!) { createPartnerCity(input: $input) { id name } }';

async function post(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** Every page of a connection (`root` is the query's field), as one list of answers. */
async function allPages(url: string, query: string, root: string, token: string) {
  const pages: unknown[] = [];
  let after: string | null = null;
  do {
    const page = await post(url, query, { after }, token);
    expect(page.errors).toBeUndefined();
    pages.push(page);
    const info = (page.data![root] as { pageInfo: { hasNextPage: boolean; endCursor: string | null } }).pageInfo;
    after = info.hasNextPage ? info.endCursor : null;
  } while (after);
  return pages;
}

/** The board's event log as a client resuming from the start replays it over WebSocket, up to `seq`. */
async function replay(wsUrl: string, token: string, agreementId: string, seq: number) {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
  const events: unknown[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const stop = client.subscribe<{ boardEvents: { seq: number } }>(
        { query: `subscription($id: ID!) { boardEvents(agreementId: $id, afterSeq: 0) { seq kind at activityId changedFields actor { id } activity { ${ACTIVITY_FIELDS} } } }`, variables: { id: agreementId } },
        {
          next: (result) => {
            if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
            events.push(result.data!.boardEvents);
            if (result.data!.boardEvents.seq >= seq) {
              stop();
              resolve();
            }
          },
          error: reject,
          complete: () => reject(new Error(`the replay ended at ${events.length} event(s), before seq ${seq}`)),
        },
      );
    });
  } finally {
    await client.dispose();
  }
  return events;
}

/**
 * `npm run db:copy` from the SQLite file to a fresh database of each dialect: a server started on
 * the copy answers exactly as the original did, and goes on from the same board seq and ids.
 */
describeEachDatabase('db:copy from SQLite', (dialect) => {
  let source: TestServer;
  let target: TestDatabase;
  let copy: RunningServer | undefined;
  let boardAgreement: number;
  // Signed in before the copy: a sign-in is audited, and the audit trails are compared.
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    assertBuilt();
    // The dashboard below asks for everything at once: more than the default cost limit allows.
    source = await startTestServer('sqlite', `db-copy-source-${dialect}`, { config: { limits: { ...DEFAULT_LIMITS, maxQueryCost: 500_000 } } });
    // Generated data on top of the demo data: users, agreements with history, and a busy board.
    const f = new Fixtures(source);
    const wf = new WorkflowFixtures(() => source.server.dataSource);
    for (let i = 0; i < 4; i++) await f.user(i % 2 ? Role.OFFICER : Role.VIEWER);
    for (let i = 0; i < 6; i++) await f.agreement();
    boardAgreement = await wf.scratchAgreement('Copied board', AgreementStatus.PLAN_DRAFTING, [{ opd: 'BAPPEDA', title: 'First' }]);
    [admin, officer] = [await source.login('admin@jalin.local'), await source.login('officer@jalin.local')];
    const opdId = gid('Opd', await wf.opdId('DISPAR'));
    for (let i = 0; i < 12; i++) {
      const added = await post(source.url, ADD, { input: { agreementId: gid('Agreement', boardAgreement), opdId, title: `Activity ${i}` } }, officer);
      expect(added.errors).toBeUndefined();
    }
    // A partner city made and deleted: the next id must not reuse its id on the copy either.
    const doomed = await f.partnerCity();
    await source.server.dataSource.getRepository(PartnerCity).delete({ id: doomed.id });
    await source.stop();
    target = await createTestDatabase(dialect, `db-copy-target`);
  });

  afterAll(async () => {
    await copy?.close();
    await source?.close();
    await target?.drop();
  });

  it('copies everything into the empty target, showing each table; refuses a second copy into it unless told (--force), a bar per table on a terminal', async () => {
    const from = databaseUrl(source.config.database);
    const to = databaseUrl(target.config);
    const first = await run(process.execPath, [COPY, '--from', from, '--to', to, '--batch-size', '7'], { env: { PATH: process.env.PATH ?? '' } });
    // Not a terminal: plain lines, one per table at least.
    expect(first.stdout).toMatch(/^target: \d+ migration\(s\) run$/m);
    expect(first.stdout).toMatch(/^change_event: \d+ row\(s\)$/m);
    expect(first.stdout).toMatch(/^change_event: \d+ copied$/m);
    expect(first.stdout).toMatch(/^user: \d+ copied$/m);
    expect(first.stdout).not.toMatch(/login_throttle|migrations:/);
    expect(first.stdout).toMatch(/^Copied \d+ row\(s\) in \d+ table\(s\)/m);

    const again = await run(process.execPath, [COPY, '--from', from, '--to', to], { env: { PATH: process.env.PATH ?? '' } }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(again?.code).toBe(2);
    expect(again?.stderr).toMatch(/db:copy refused: The target is not empty \(rows in .*\)\. Copy into a new, empty database .* or pass --force/);

    // Told to (--force), it copies over what the target holds; on a terminal (a pseudo-terminal of
    // script(1)) each table is a bar redrawn in place. The tests below run on this second copy.
    const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, COPY, '--from', from, '--to', to, '--force', '--batch-size', '7'].map(quote).join(' ');
    const forced = await run('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'dumb' } });
    expect(forced.stdout).toMatch(/\rchange_event +\[#*-+\] \d+\/\d+/);
    expect(forced.stdout).toMatch(/\rchange_event +\[#{30}\] (\d+)\/\1 done/);
    expect(forced.stdout).toMatch(/\ruser +\[#{30}\] (\d+)\/\1 done/);
    expect(forced.stdout).not.toMatch(/^change_event: \d+ row\(s\)/m);
    expect(forced.stdout).toMatch(/Copied \d+ row\(s\) in \d+ table\(s\)/);
  });

  it('serves the same answers from the copy as from the original', async () => {
    await source.restart();
    copy = await startServer({ ...source.config, port: 0, database: target.config, seedDemoData: false });
    const queries: [string, Record<string, unknown>][] = [
      [DASHBOARD, {}],
      [REPORT_QUERY, {}],
      [REPORT_QUERY, { filter: { countryCodes: ['AU', 'JP'], expiringWithinDays: 365 } }],
      [BOARD_QUERY, { id: gid('Agreement', boardAgreement) }],
      [USERS, {}],
      [CITIES, {}],
      ['{ opds { id code name } }', {}],
    ];
    for (const [query, variables] of queries) {
      const original = await post(source.url, query, variables, admin);
      expect(original.errors).toBeUndefined();
      expect(await post(copy.url, query, variables, admin)).toEqual(original);
    }
    // Lists that reach past one page, whole; each signed-in user's own view.
    for (const [query, root] of [[DETAILS, 'agreements'], [AUDIT, 'auditTrail']] as const) {
      const original = await allPages(source.url, query, root, admin);
      expect(await allPages(copy.url, query, root, admin)).toEqual(original);
    }
    // Those lists hold something to compare: meetings with their agenda, action plans, audit entries.
    const details = JSON.stringify(await allPages(source.url, DETAILS, 'agreements', admin));
    expect(details).toMatch(/"agenda":\[\{/);
    expect(details).toMatch(/"actionPlan":\{"id"/);
    expect((await post(source.url, AUDIT, {}, admin)).data!.auditTrail).toMatchObject({ totalCount: expect.any(Number), nodes: expect.arrayContaining([expect.objectContaining({ operation: 'login' })]) });
    for (const [query, token] of [[EXPIRING, officer], [NOTIFICATIONS, officer], ['{ me { id email name role active opd { code } } }', officer]] as const) {
      const original = await post(source.url, query, {}, token);
      expect(original.errors).toBeUndefined();
      expect(await post(copy.url, query, {}, token)).toEqual(original);
    }
    // The audit trail's hash chain holds on the copy: every entry and link came over as it was.
    const verify = 'mutation { verifyAuditTrail { ok checked brokenSeq problem message } }';
    const verified = await post(copy.url, verify, {}, admin);
    expect(verified).toEqual(await post(source.url, verify, {}, admin));
    expect(verified.data!.verifyAuditTrail).toMatchObject({ ok: true });
    // The board's event log, as a client resuming from the start receives it.
    const boardId = gid('Agreement', boardAgreement);
    const { seq } = (await post(source.url, BOARD_QUERY, { id: boardId }, admin)).data!.board as { seq: number };
    const originalLog = await replay(source.wsUrl, officer, boardId, seq);
    expect(originalLog).toHaveLength(seq);
    expect(await replay(copy.wsUrl, officer, boardId, seq)).toEqual(originalLog);
    // `countries` is sorted by the database's collation (Åland after Albania on SQLite, before it on
    // MariaDB): the same countries, compared in one order.
    const countries = async (url: string) => {
      const result = await post(url, '{ countries { id code name } }', {}, admin);
      return (result.data!.countries as { code: string }[]).sort((a, b) => a.code.localeCompare(b.code));
    };
    expect(await countries(copy.url)).toEqual(await countries(source.url));
  });

  it('goes on from the same board seq and the same next ids', async () => {
    const opdId = gid('Opd', await new WorkflowFixtures(() => source.server.dataSource).opdId('BAPPEDA'));
    const input = { agreementId: gid('Agreement', boardAgreement), opdId, title: 'After the move' };
    const onSource = await post(source.url, ADD, { input }, officer);
    const onCopy = await post(copy!.url, ADD, { input }, officer);
    expect(onCopy).toEqual(onSource);
    const seqs = await Promise.all([source.url, copy!.url].map((url) => post(url, BOARD_QUERY, { id: gid('Agreement', boardAgreement) }, officer)));
    expect((seqs[1].data!.board as { seq: number }).seq).toBe(13);
    expect(seqs[1]).toEqual(seqs[0]);
    const city = { name: 'Kyoto after the move', region: 'Kansai', countryCode: 'JP', level: 'CITY' };
    const [cityOnSource, cityOnCopy] = [await post(source.url, NEW_CITY, { input: city }, officer), await post(copy!.url, NEW_CITY, { input: city }, officer)];
    expect(cityOnSource.errors).toBeUndefined();
    expect(cityOnCopy).toEqual(cityOnSource);
  });
});
