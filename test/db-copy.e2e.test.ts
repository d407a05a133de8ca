import { execFile } from 'node:child_process';
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
const USERS = '{ users(first: 100) { totalCount nodes { id email name role active opd { code } } } }';
const CITIES = '{ partnerCities(first: 100) { totalCount nodes { id name region level country { code } } } }';
const ADD = `mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const NEW_CITY = 'mutation($input: PartnerCityInput!) { createPartnerCity(input: $input) { id name } }';

async function post(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
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
    const officer = await source.login('officer@jalin.local');
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

  it('copies everything into the empty target, showing each table, and refuses a second copy into it', async () => {
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
  });

  it('serves the same answers from the copy as from the original', async () => {
    await source.restart();
    copy = await startServer({ ...source.config, port: 0, database: target.config, seedDemoData: false });
    const admin = await source.login('admin@jalin.local');
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
    // `countries` is sorted by the database's collation (Åland after Albania on SQLite, before it on
    // MariaDB): the same countries, compared in one order.
    const countries = async (url: string) => {
      const result = await post(url, '{ countries { id code name } }', {}, admin);
      return (result.data!.countries as { code: string }[]).sort((a, b) => a.code.localeCompare(b.code));
    };
    expect(await countries(copy.url)).toEqual(await countries(source.url));
  });

  it('goes on from the same board seq and the same next ids', async () => {
    const officer = await source.login('officer@jalin.local');
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
