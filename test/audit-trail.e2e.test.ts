import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describeEachDatabase } from './support/each-database';
import { Fixtures } from './support/fixtures';
import { gid } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';
import { PartnerCity } from '../src/entities';
import type { DomainEvent } from '../src/events/domain-events';
import { eventBase } from '../src/events/domain-events';

interface Entry {
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  operation: string;
  recordType: string;
  recordId: string | null;
  diff: string;
  requestId: string | null;
  prevHash: string;
  hash: string;
}
interface LogLine {
  msg: string;
  requestId?: string;
  operationName?: string;
}

const ENTRY_FIELDS = 'seq at actorId actorEmail operation recordType recordId diff requestId prevHash hash';
const TRAIL = `query($filter: AuditTrailFilter, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENTRY_FIELDS} } }
}`;
const VERIFY = 'mutation { verifyAuditTrail { ok checked brokenSeq problem message } }';

describeEachDatabase('audit trail', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let admin: string;
  let officer: string;
  const lines: LogLine[] = [];
  const quote = (name: string) => (dialect === 'sqlite' ? `"${name}"` : `\`${name}\``);

  beforeAll(async () => {
    t = await startTestServer(dialect, 'audit-trail', {
      config: { logLevel: 'info' },
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    });
    f = new Fixtures(t);
    admin = await t.login('admin@jalin.local');
    officer = await t.login('officer@jalin.local');
  });
  afterAll(() => t?.close());

  async function entries(): Promise<Entry[]> {
    const all: Entry[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { errors?: unknown; data?: null | { auditTrail: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Entry[] } } } = await t.gql<{ auditTrail: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Entry[] } }>(TRAIL, { first: 100, after }, admin);
      expect(page.errors).toBeUndefined();
      all.push(...page.data!.auditTrail.nodes);
      if (!page.data!.auditTrail.pageInfo.hasNextPage) return all.reverse();
      after = page.data!.auditTrail.pageInfo.endCursor;
    }
  }
  const count = async () => Number((await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM ${quote('audit_entry')}`))[0].n);

  /** Runs one write over HTTP and returns the one entry it appended, and the request id the server logged for it. */
  async function oneEntryOf(operationName: string, run: () => Promise<{ errors?: unknown }>): Promise<{ entry: Entry; requestId: string }> {
    const before = await count();
    const from = lines.length;
    const result = await run();
    expect(result.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
    const logged = lines.slice(from).find((line) => line.msg === 'graphql request' && line.operationName === operationName);
    expect(logged?.requestId).toBeDefined();
    const [entry] = (await entries()).slice(-1);
    return { entry, requestId: logged!.requestId! };
  }

  describe('each kind of write leaves exactly one entry with its actor, request id and diff', () => {
    it('registry: partner city created and updated', async () => {
      const created = await oneEntryOf('CreateCity', () =>
        t.gql('mutation CreateCity($input: PartnerCityInput!) { createPartnerCity(input: $input) { id } }', { input: { name: 'Audit City', region: 'R', countryCode: 'NL', level: 'CITY' } }, officer),
      );
      expect(created.entry).toMatchObject({ operation: 'createPartnerCity', actorEmail: 'officer@jalin.local', recordType: 'PartnerCity', requestId: created.requestId });
      expect(JSON.parse(created.entry.diff)).toMatchObject({ name: { after: 'Audit City' }, countryCode: { after: 'NL' } });
      const cityId = created.entry.recordId!;

      const updated = await oneEntryOf('UpdateCity', () =>
        t.gql('mutation UpdateCity($id: ID!, $input: UpdatePartnerCityInput!) { updatePartnerCity(id: $id, input: $input) { id } }', { id: cityId, input: { region: 'Zuid-Holland' } }, officer),
      );
      expect(updated.entry).toMatchObject({ operation: 'updatePartnerCity', recordId: cityId, requestId: updated.requestId });
      expect(JSON.parse(updated.entry.diff)).toEqual({ region: { before: 'R', after: 'Zuid-Holland' } });
      expect(updated.entry.actorId).toBe(created.entry.actorId);
    });

    it('workflow and board: a recorded LOI, a step, an added and an edited activity', async () => {
      const agreementId = gid('Agreement', (await f.agreement()).id);
      const loi = await oneEntryOf('Loi', () =>
        t.gql('mutation Loi($id: ID!, $input: DocumentInput!) { recordDocument(agreementId: $id, input: $input) { id } }', { id: agreementId, input: { kind: 'LETTER_OF_INTENT', signedOn: '2024-01-10' } }, officer),
      );
      expect(loi.entry).toMatchObject({ operation: 'recordDocument', recordType: 'Agreement', recordId: agreementId, requestId: loi.requestId });
      expect(JSON.parse(loi.entry.diff)).toMatchObject({ status: { before: 'EXPLORATION', after: 'LOI_SIGNED' }, document: { after: { kind: 'LETTER_OF_INTENT', signedOn: '2024-01-10' } } });

      const step = await oneEntryOf('Advance', () => t.gql('mutation Advance($id: ID!) { advanceAgreement(id: $id, to: PLAN_DRAFTING) { id } }', { id: agreementId }, officer));
      expect(JSON.parse(step.entry.diff)).toEqual({ status: { before: 'LOI_SIGNED', after: 'PLAN_DRAFTING' } });

      const opds = await t.gql<{ opds: { id: string }[] }>('{ opds { id } }', {}, officer);
      const added = await oneEntryOf('Add', () =>
        t.gql('mutation Add($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { id } }', { input: { agreementId, opdId: opds.data!.opds[0].id, title: 'Pertukaran pelajar' } }, officer),
      );
      expect(added.entry).toMatchObject({ operation: 'addDraftActivity', recordType: 'DraftActivity', requestId: added.requestId });
      expect(JSON.parse(added.entry.diff)).toMatchObject({ title: { after: 'Pertukaran pelajar' } });

      const edited = await oneEntryOf('Edit', () =>
        t.gql('mutation Edit($id: ID!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: 1, patch: $patch) { id } }', { id: added.entry.recordId, patch: { title: 'Pertukaran guru' } }, officer),
      );
      expect(edited.entry).toMatchObject({ operation: 'updateDraftActivity', recordId: added.entry.recordId, actorEmail: 'officer@jalin.local', requestId: edited.requestId });
      expect(JSON.parse(edited.entry.diff)).toEqual({ title: { before: 'Pertukaran pelajar', after: 'Pertukaran guru' } });
    });

    it('users: a password change shows as passwordChanged, never the password or its hash', async () => {
      const created = await oneEntryOf('NewUser', () =>
        t.gql('mutation NewUser($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { email: 'audited@jalin.test', name: 'Audited', role: 'VIEWER', password: 'first-secret-password' } }, admin),
      );
      expect(created.entry).toMatchObject({ operation: 'createUser', actorEmail: 'admin@jalin.local', recordType: 'User' });
      const changed = await oneEntryOf('ChangeUser', () =>
        t.gql('mutation ChangeUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }', { id: created.entry.recordId, input: { password: 'second-secret-password', name: 'Audited Person' } }, admin),
      );
      expect(JSON.parse(changed.entry.diff)).toEqual({ name: { before: 'Audited', after: 'Audited Person' }, passwordChanged: { after: true } });
      const everything = JSON.stringify(await entries());
      expect(everything).not.toMatch(/secret-password|passwordHash|\$argon|\$2[aby]\$|scrypt/);
      const off = await oneEntryOf('Off', () => t.gql('mutation Off($id: ID!) { deactivateUser(id: $id) { id } }', { id: created.entry.recordId }, admin));
      expect(off.entry).toMatchObject({ operation: 'deactivateUser' });
      expect(JSON.parse(off.entry.diff)).toEqual({ active: { before: true, after: false } });
    });

    it('sign-ins: a successful and a failed one, each in its own entry', async () => {
      const ok = await oneEntryOf('Login', () => t.gql('mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'viewer@jalin.local', p: 'jalin-demo' }));
      expect(ok.entry).toMatchObject({ operation: 'login', actorEmail: 'viewer@jalin.local', recordType: 'User', requestId: ok.requestId });
      expect(ok.entry.recordId).toBe(ok.entry.actorId);

      const before = await count();
      const from = lines.length;
      const failed = await t.gql('mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'viewer@jalin.local', p: 'wrong-password-123' });
      expect(failed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await count()).toBe(before + 1);
      const [entry] = (await entries()).slice(-1);
      expect(entry).toMatchObject({ operation: 'loginFailed', actorId: null, actorEmail: 'viewer@jalin.local', recordType: 'User', recordId: ok.entry.recordId });
      expect(entry.requestId).toBe(lines.slice(from).find((line) => line.msg === 'graphql request')?.requestId);
      expect(entry.diff).toBe('{}');
      expect(JSON.stringify(entry)).not.toContain('wrong-password');
    });
  });

  describe('failed and rolled-back writes', () => {
    it('a refused write leaves no entry and publishes no event', async () => {
      const city = gid('PartnerCity', (await f.partnerCity()).id);
      const heard: DomainEvent[] = [];
      const stop = t.server.events.onCommitted((event) => heard.push(event));
      try {
        const before = await count();
        const refused = await t.gql('mutation($id: ID!) { updatePartnerCity(id: $id, input: { countryCode: "XX" }) { id } }', { id: city }, officer);
        expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(await count()).toBe(before);
        expect(heard).toEqual([]);
      } finally {
        stop();
      }
    });

    it('a transaction that rolls back after recording an event publishes nothing and appends nothing', async () => {
      const heard: DomainEvent[] = [];
      const stop = t.server.events.onCommitted((event) => heard.push(event));
      const before = await count();
      const cities = await t.server.dataSource.getRepository(PartnerCity).count();
      try {
        await expect(
          t.server.events.transaction(t.server.dataSource, async (manager, unit) => {
            const city = await manager.save(PartnerCity, manager.create(PartnerCity, { name: 'Never', region: 'Never', countryCode: 'NL', level: 'CITY' as never, indonesianMission: null, archivedAt: null }));
            unit.record({ type: 'PartnerCityCreated', ...eventBase({ id: 1, role: 'ADMIN' as never, opdId: null }, 'createPartnerCity', { type: 'PartnerCity', id: city.id }, {}) });
            throw new Error('rolled back on purpose');
          }),
        ).rejects.toThrow('rolled back on purpose');
        expect(heard).toEqual([]);
        expect(await count()).toBe(before);
        expect(await t.server.dataSource.getRepository(PartnerCity).count()).toBe(cities);

        // The same unit of work that commits publishes its event once, after the commit.
        await t.server.events.transaction(t.server.dataSource, async (manager, unit) => {
          const city = await manager.save(PartnerCity, manager.create(PartnerCity, { name: 'Committed', region: 'R', countryCode: 'NL', level: 'CITY' as never, indonesianMission: null, archivedAt: null }));
          unit.record({ type: 'PartnerCityCreated', ...eventBase({ id: 1, role: 'ADMIN' as never, opdId: null }, 'createPartnerCity', { type: 'PartnerCity', id: city.id }, {}) });
          expect(heard).toEqual([]);
        });
        expect(heard.map((event) => event.type)).toEqual(['PartnerCityCreated']);
        expect(await count()).toBe(before + 1);
      } finally {
        stop();
      }
    });
  });

  it('keeps one valid chain under concurrent writers over HTTP', async () => {
    const cities = await Promise.all(Array.from({ length: 4 }, () => f.partnerCity()));
    const tokens = [officer, admin, await t.login('officer@jalin.local')];
    const before = await count();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.gql('mutation($id: ID!, $input: UpdatePartnerCityInput!) { updatePartnerCity(id: $id, input: $input) { id } }', { id: gid('PartnerCity', cities[i % 4].id), input: { region: `Region ${i}` } }, tokens[i % 3]).then((result) => {
          expect(result.errors).toBeUndefined();
        }),
      ),
    );
    expect(await count()).toBe(before + 24);
    const all = await entries();
    expect(all.map((entry) => entry.seq)).toEqual(all.map((_, i) => i + 1));
    for (let i = 1; i < all.length; i++) expect(all[i].prevHash).toBe(all[i - 1].hash);
    const verified = await t.gql<{ verifyAuditTrail: { ok: boolean; checked: number } }>(VERIFY, {}, admin);
    expect(verified.data?.verifyAuditTrail).toMatchObject({ ok: true, checked: all.length });
  });

  it('filters by record, actor, operation and day, and pages', async () => {
    const all = await entries();
    const byRecord = all.filter((entry) => entry.recordId === all[0].recordId);
    const result = await t.gql<{ auditTrail: { totalCount: number; nodes: Entry[] } }>(TRAIL, { filter: { recordId: all[0].recordId } }, officer);
    expect(result.data?.auditTrail.totalCount).toBe(byRecord.length);
    expect(result.data?.auditTrail.nodes.map((entry) => entry.seq)).toEqual(byRecord.map((entry) => entry.seq).reverse());

    const adminId = all.find((entry) => entry.actorEmail === 'admin@jalin.local')!.actorId;
    const byActor = await t.gql<{ auditTrail: { totalCount: number; nodes: Entry[] } }>(TRAIL, { filter: { actorId: adminId, operation: 'updatePartnerCity' }, first: 100 }, officer);
    expect(byActor.data?.auditTrail.totalCount).toBe(all.filter((entry) => entry.actorId === adminId && entry.operation === 'updatePartnerCity').length);
    expect(byActor.data?.auditTrail.totalCount).toBeGreaterThan(0);

    const today = all[all.length - 1].at.slice(0, 10);
    const sameDay = await t.gql<{ auditTrail: { totalCount: number } }>(TRAIL, { filter: { from: today, to: today } }, officer);
    expect(sameDay.data?.auditTrail.totalCount).toBe(all.filter((entry) => entry.at.startsWith(today)).length);
    const earlier = await t.gql<{ auditTrail: { totalCount: number } }>(TRAIL, { filter: { to: '2000-01-01' } }, officer);
    expect(earlier.data?.auditTrail.totalCount).toBe(0);

    const first = await t.gql<{ auditTrail: { pageInfo: { endCursor: string; hasNextPage: boolean }; nodes: Entry[] } }>(TRAIL, { first: 2 }, officer);
    const second = await t.gql<{ auditTrail: { nodes: Entry[] } }>(TRAIL, { first: 2, after: first.data!.auditTrail.pageInfo.endCursor }, officer);
    expect([...first.data!.auditTrail.nodes, ...second.data!.auditTrail.nodes].map((entry) => entry.seq)).toEqual(all.map((entry) => entry.seq).reverse().slice(0, 4));

    // A partner city's id where a user's belongs.
    const bad = await t.gql(TRAIL, { filter: { actorId: all.find((entry) => entry.recordType === 'PartnerCity')!.recordId } }, officer);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports the same entries as CSV and as a spreadsheet, for officers and admins only', async () => {
    const all = await entries();
    const operation = 'updatePartnerCity';
    const expected = all.filter((entry) => entry.operation === operation);
    const base = t.url.replace(/\/graphql$/, '');

    const csv = await fetch(`${base}/audit/trail.csv?operation=${operation}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((row) => Number(row.seq))).toEqual(expected.map((entry) => entry.seq));
    expect(rows.map((row) => row.hash)).toEqual(expected.map((entry) => entry.hash));
    expect(rows[0]).toMatchObject({ operation, record_id: expected[0].recordId, actor_email: expected[0].actorEmail, diff: expected[0].diff });

    const xlsx = await fetch(`${base}/audit/trail.xlsx?operation=${operation}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    const hashes: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) hashes.push(String(row.getCell(11).value));
    });
    expect(hashes).toEqual(expected.map((entry) => entry.hash));

    const viewer = await t.login('viewer@jalin.local');
    expect((await fetch(`${base}/audit/trail.csv`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
    expect((await fetch(`${base}/audit/trail.xlsx`)).status).toBe(401);
    expect((await fetch(`${base}/audit/trail.csv?recordId=garbage`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(400);
    expect((await fetch(`${base}/audit/trail.csv?color=red`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(400);
  });

  // Last: it breaks the chain on purpose (and mends it in between).
  it('catches an edited entry, a deleted one and deleted newest entries', async () => {
    const db = t.server.dataSource;
    const all = await entries();
    const target = all[Math.floor(all.length / 2)];
    const verify = async () => (await t.gql<{ verifyAuditTrail: { ok: boolean; brokenSeq: number | null; problem: string | null; message: string | null } }>(VERIFY, {}, admin)).data!.verifyAuditTrail;

    await db.query(`UPDATE ${quote('audit_entry')} SET ${quote('diff')} = ? WHERE ${quote('seq')} = ?`, ['{"region":{"after":"forged"}}', target.seq]);
    expect(await verify()).toMatchObject({ ok: false, brokenSeq: target.seq, problem: 'CONTENT_HASH_MISMATCH' });
    await db.query(`UPDATE ${quote('audit_entry')} SET ${quote('diff')} = ? WHERE ${quote('seq')} = ?`, [target.diff, target.seq]);
    expect(await verify()).toMatchObject({ ok: true });

    // Re-hashing an edited entry does not help: the next entry's link gives it away.
    const [row] = (await db.query(`SELECT * FROM ${quote('audit_entry')} WHERE ${quote('seq')} = ?`, [target.seq])) as Record<string, unknown>[];
    await db.query(`UPDATE ${quote('audit_entry')} SET ${quote('hash')} = ? WHERE ${quote('seq')} = ?`, ['f'.repeat(64), target.seq]);
    expect(await verify()).toMatchObject({ ok: false, brokenSeq: target.seq });
    await db.query(`UPDATE ${quote('audit_entry')} SET ${quote('hash')} = ? WHERE ${quote('seq')} = ?`, [row.hash, target.seq]);

    await db.query(`DELETE FROM ${quote('audit_entry')} WHERE ${quote('seq')} = ?`, [target.seq]);
    const gap = await verify();
    expect(gap).toMatchObject({ ok: false, brokenSeq: target.seq + 1, problem: 'GAP' });
    expect(gap.message).toContain(String(target.seq));

    const columns = Object.keys(row);
    await db.query(`INSERT INTO ${quote('audit_entry')} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, columns.map((column) => row[column]));
    expect(await verify()).toMatchObject({ ok: true });

    const last = all[all.length - 1];
    await db.query(`DELETE FROM ${quote('audit_entry')} WHERE ${quote('seq')} = ?`, [last.seq]);
    expect(await verify()).toMatchObject({ ok: false, brokenSeq: last.seq, problem: 'HEAD_MISMATCH' });
  });
});
