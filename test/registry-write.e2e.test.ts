import { describeEachDatabase } from './support/each-database';
import { Fixtures, snapshot } from './support/fixtures';
import { gid } from './support/ids';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';

const CREATE_CITY = 'mutation($input: PartnerCityInput!) { createPartnerCity(input: $input) { id name region level indonesianMission country { code name } } }';
const UPDATE_CITY = 'mutation($id: ID!, $input: UpdatePartnerCityInput!) { updatePartnerCity(id: $id, input: $input) { id name region indonesianMission country { code } } }';
const ARCHIVE_CITY = 'mutation($id: ID!) { archivePartnerCity(id: $id) { id archivedAt } }';
const CREATE_AGREEMENT = 'mutation($input: AgreementInput!) { createAgreement(input: $input) { id title kind status fields scope partnerCity { id } history { fromStatus toStatus actor { email } } } }';
const UPDATE_AGREEMENT = 'mutation($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { id title kind status fields scope partnerCity { id } } }';
const ARCHIVE_AGREEMENT = 'mutation($id: ID!) { archiveAgreement(id: $id) { id archivedAt status } }';
const UPDATE_DOCUMENT = 'mutation($id: ID!, $input: UpdateDocumentInput!) { updateDocument(id: $id, input: $input) { id number signedOn validityMonths validUntil note } }';
const ARCHIVE_DOCUMENT = 'mutation($id: ID!) { archiveDocument(id: $id) { id archivedAt } }';

describeEachDatabase('registry writes', (dialect) => {
  let t: TestServer;
  let f: Fixtures;
  let officer: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'registry-write');
    f = new Fixtures(t);
    officer = await t.login('officer@jalin.local');
  });
  afterAll(() => t?.close());

  /** Runs a call that must be refused with `code`, and proves it changed nothing. */
  async function expectRefused(query: string, variables: Record<string, unknown>, code: string, message?: RegExp): Promise<GraphQLResponse> {
    const before = await snapshot(t.server.dataSource);
    const result = await t.gql(query, variables, officer);
    expect(result.errors?.[0].extensions?.code).toBe(code);
    if (message) expect(result.errors?.[0].message).toMatch(message);
    expect(await snapshot(t.server.dataSource)).toEqual(before);
    return result;
  }

  describe('partner cities', () => {
    it('adds a city in any ISO country, lists it, and corrects it', async () => {
      const created = await t.gql<{ createPartnerCity: { id: string; country: { code: string; name: string }; indonesianMission: string | null } }>(
        CREATE_CITY,
        { input: { name: '  Rotterdam ', region: 'South Holland', countryCode: 'nl', level: 'CITY', indonesianMission: 'KBRI Den Haag' } },
        officer,
      );
      expect(created.errors).toBeUndefined();
      expect(created.data?.createPartnerCity).toMatchObject({ name: 'Rotterdam', country: { code: 'NL', name: 'Netherlands' } });
      const id = created.data!.createPartnerCity.id;
      const listed = await t.gql<{ partnerCities: { nodes: { id: string }[] } }>('{ partnerCities(countryCode: "NL") { nodes { id } } }', {}, officer);
      expect(listed.data?.partnerCities.nodes.map((c) => c.id)).toEqual([id]);

      const updated = await t.gql(UPDATE_CITY, { id, input: { region: 'Zuid-Holland', indonesianMission: null } }, officer);
      expect(updated.data?.updatePartnerCity).toEqual({ id, name: 'Rotterdam', region: 'Zuid-Holland', indonesianMission: null, country: { code: 'NL' } });
    });

    it.each([
      ['an unknown country', { countryCode: 'XX' }, 'BAD_USER_INPUT', /ISO 3166-1 alpha-2/],
      ['a three-letter code', { countryCode: 'NLD' }, 'BAD_USER_INPUT', /countryCode/],
      ['an empty name', { name: '' }, 'BAD_USER_INPUT', /name/],
      ['a name of blanks', { name: '   ' }, 'BAD_USER_INPUT', /name must not be empty/],
      ['a name of invisible characters', { name: '\u200b\u0001' }, 'BAD_USER_INPUT', /name must contain a letter or a digit/],
      ['a 201-character region', { region: 'r'.repeat(201) }, 'BAD_USER_INPUT', /region/],
      ['an unknown level', { level: 'VILLAGE' }, 'BAD_USER_INPUT', /level|VILLAGE/],
    ])('refuses %s and records nothing', async (_label, change, code, message) => {
      const input = { name: 'Utrecht', region: 'Utrecht', countryCode: 'NL', level: 'CITY', ...change };
      await expectRefused(CREATE_CITY, { input }, code, message);
    });

    it('refuses null for a required field on update, and changes to an unknown city', async () => {
      const city = await f.partnerCity();
      await expectRefused(UPDATE_CITY, { id: gid('PartnerCity', city.id), input: { name: null } }, 'BAD_USER_INPUT', /name cannot be null/);
      await expectRefused(UPDATE_CITY, { id: gid('PartnerCity', 999999), input: { name: 'X' } }, 'NOT_FOUND');
      await expectRefused(UPDATE_CITY, { id: 'abc', input: { name: 'X' } }, 'BAD_USER_INPUT', /not a valid id/);
    });

    it('archives a city only after its agreements, then hides it but keeps its history', async () => {
      const agreement = await f.agreement();
      const cityId = gid('PartnerCity', agreement.partnerCityId);
      await expectRefused(ARCHIVE_CITY, { id: cityId }, 'BAD_USER_INPUT', /archive them first/);
      expect((await t.gql(ARCHIVE_AGREEMENT, { id: gid('Agreement', agreement.id) }, officer)).errors).toBeUndefined();
      const archived = await t.gql<{ archivePartnerCity: { archivedAt: string | null } }>(ARCHIVE_CITY, { id: cityId }, officer);
      expect(archived.data?.archivePartnerCity.archivedAt).toEqual(expect.any(String));

      const listed = await t.gql<{ partnerCities: { nodes: { id: string }[] } }>('{ partnerCities(first: 100) { nodes { id } } }', {}, officer);
      expect(listed.data?.partnerCities.nodes.map((c) => c.id)).not.toContain(cityId);
      const still = await t.gql<{ agreement: { partnerCity: { id: string; archivedAt: string }; history: { toStatus: string }[] } }>(
        'query($id: ID!) { agreement(id: $id) { partnerCity { id archivedAt } history { toStatus } } }',
        { id: gid('Agreement', agreement.id) },
        officer,
      );
      expect(still.data?.agreement.partnerCity).toMatchObject({ id: cityId, archivedAt: expect.any(String) });
      expect(still.data?.agreement.history).toEqual([{ toStatus: 'EXPLORATION' }]);

      await expectRefused(ARCHIVE_CITY, { id: cityId }, 'BAD_USER_INPUT', /archived/);
      await expectRefused(UPDATE_CITY, { id: cityId, input: { name: 'Again' } }, 'BAD_USER_INPUT', /archived/);
    });
  });

  describe('agreements', () => {
    it('records a new agreement in EXPLORATION with its first status change from nothing', async () => {
      const city = await f.partnerCity();
      const result = await t.gql<{ createAgreement: { id: string; status: string; fields: string[]; history: unknown[] } }>(
        CREATE_AGREEMENT,
        { input: { title: 'Creative economy exchange', kind: 'OTHER_COOPERATION', partnerCityId: gid('PartnerCity', city.id), fields: ['TOURISM', 'CREATIVE_ECONOMY'], scope: 'Design weeks' } },
        officer,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.createAgreement).toMatchObject({
        status: 'EXPLORATION',
        fields: ['CREATIVE_ECONOMY', 'TOURISM'],
        history: [{ fromStatus: null, toStatus: 'EXPLORATION', actor: { email: 'officer@jalin.local' } }],
      });
      const listed = await t.gql<{ agreements: { edges: { node: { id: string } }[] } }>(
        'query($f: AgreementFilter) { agreements(filter: $f, first: 100) { edges { node { id } } } }',
        { f: { statuses: ['EXPLORATION'] } },
        officer,
      );
      expect(listed.data?.agreements.edges.map((e) => e.node.id)).toContain(result.data!.createAgreement.id);
    });

    it('records agreements that several officers create at the same moment, every one (a deadlock victim runs again)', async () => {
      // On MariaDB, concurrent inserts into agreement_field_entry after a delete take gap locks that
      // can deadlock; the losing transaction committed nothing and is run again, so no caller sees it.
      const city = await f.partnerCity();
      const titles = Array.from({ length: 12 }, (_, i) => `Concurrent cooperation ${i + 1}`);
      const results = await Promise.all(
        titles.map((title, i) =>
          t.gql<{ createAgreement: { id: string; title: string; fields: string[] } }>(
            CREATE_AGREEMENT,
            { input: { title, kind: 'OTHER_COOPERATION', partnerCityId: gid('PartnerCity', city.id), fields: i % 2 ? ['TOURISM', 'CULTURE'] : ['EDUCATION'], scope: 'Made at the same moment' } },
            officer,
          ),
        ),
      );
      expect(results.map((r) => r.errors)).toEqual(titles.map(() => undefined));
      const ids = results.map((r) => r.data!.createAgreement.id);
      expect(new Set(ids).size).toBe(titles.length);
      const listed = await t.gql<{ agreements: { nodes: { id: string; title: string; fields: string[] }[] } }>(
        'query($f: AgreementFilter) { agreements(filter: $f, first: 100) { nodes { id title fields } } }',
        { f: { search: 'Concurrent cooperation' } },
        officer,
      );
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.agreements.nodes.map((n) => n.title).sort()).toEqual([...titles].sort());
      for (const node of listed.data!.agreements.nodes) expect(node.fields).toEqual(Number(node.title.split(' ').pop()) % 2 ? ['EDUCATION'] : ['CULTURE', 'TOURISM']);
    });

    it.each([
      ['no fields of cooperation', { fields: [] }, /at least one field/],
      ['a repeated field', { fields: ['CULTURE', 'CULTURE'] }, /must not repeat/],
      ['a two-letter title', { title: 'ab' }, /title/],
      ['a 301-character title', { title: 't'.repeat(301) }, /title/],
      ['a scope over 10 000 characters', { scope: 's'.repeat(10_001) }, /scope/],
      ['a malformed partner city id', { partnerCityId: '1 OR 1=1' }, /partnerCityId "1 OR 1=1" is not a valid id/],
      ['a raw numeric partner city id', { partnerCityId: '1' }, /partnerCityId "1" is not a valid id/],
      ['an agreement id for the partner city', { partnerCityId: gid('Agreement', 1) }, /partnerCityId ".*" is not a PartnerCity id \(it names an Agreement\)/],
    ])('refuses %s and records nothing', async (_label, change, message) => {
      const city = await f.partnerCity();
      const input = { title: 'Valid title', kind: 'SISTER_CITY', partnerCityId: gid('PartnerCity', city.id), fields: ['CULTURE'], scope: 'Scope', ...change };
      await expectRefused(CREATE_AGREEMENT, { input }, 'BAD_USER_INPUT', message);
    });

    it('says why in extensions.reason, with the rule\'s parameters, whichever layer refused (class-validator, a service rule, an id, GraphQL)', async () => {
      const city = await f.partnerCity();
      const input = { title: 'Valid title', kind: 'SISTER_CITY', partnerCityId: gid('PartnerCity', city.id), fields: ['CULTURE'], scope: 'Scope' };
      const extensionsOf = async (query: string, variables: Record<string, unknown>) => (await expectRefused(query, variables, 'BAD_USER_INPUT')).errors![0].extensions;
      expect(await extensionsOf(CREATE_AGREEMENT, { input: { ...input, title: 't'.repeat(301) } })).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_FIELDS',
        fields: [{ field: 'title', problems: ['title must be shorter than or equal to 300 characters'], reasons: [{ reason: 'TOO_LONG', max: 300 }] }],
      });
      expect(await extensionsOf(CREATE_AGREEMENT, { input: { ...input, partnerCityId: gid('Agreement', 1) } })).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'WRONG_ID_TYPE',
        argument: 'partnerCityId',
        expectedType: 'PartnerCity',
        actualType: 'Agreement',
      });
      const cityInput = { name: 'Utrecht', region: 'Utrecht', countryCode: 'NL', level: 'CITY' };
      expect(await extensionsOf(CREATE_CITY, { input: { ...cityInput, name: '   ' } })).toEqual({ code: 'BAD_USER_INPUT', reason: 'REQUIRED', argument: 'name' });
      expect(await extensionsOf(CREATE_CITY, { input: { ...cityInput, countryCode: 'XX' } })).toMatchObject({ reason: 'INVALID_FIELDS', fields: [{ field: 'countryCode', reasons: [{ reason: 'UNKNOWN_COUNTRY' }] }] });
      expect(await extensionsOf(CREATE_CITY, { input: { ...cityInput, level: 'VILLAGE' } })).toEqual({ code: 'BAD_USER_INPUT', reason: 'WRONG_TYPE' });
      // A rule of a service names its own reason; one that names none is INVALID, never missing.
      await t.server.services.registry.archivePartnerCity(await f.admin(), city.id);
      expect(await extensionsOf(CREATE_AGREEMENT, { input })).toEqual({ code: 'BAD_USER_INPUT', reason: 'ARCHIVED', argument: 'partnerCityId' });
    });

    it('refuses an unknown or archived partner city, and a status in the input', async () => {
      const input = { title: 'Valid title', kind: 'SISTER_CITY', fields: ['CULTURE'], scope: 'Scope' };
      await expectRefused(CREATE_AGREEMENT, { input: { ...input, partnerCityId: gid('PartnerCity', 999999) } }, 'NOT_FOUND');
      const city = await f.partnerCity();
      await t.server.services.registry.archivePartnerCity(await f.admin(), city.id);
      await expectRefused(CREATE_AGREEMENT, { input: { ...input, partnerCityId: gid('PartnerCity', city.id) } }, 'BAD_USER_INPUT', /archived/);
      const other = await f.partnerCity();
      await expectRefused(CREATE_AGREEMENT, { input: { ...input, partnerCityId: gid('PartnerCity', other.id), status: 'MOU_IN_FORCE' } }, 'BAD_USER_INPUT', /status/);
    });

    it('updates the title, kind, fields, scope and partner city but never the status', async () => {
      const agreement = await f.agreement();
      const city = await f.partnerCity();
      const result = await t.gql<{ updateAgreement: Record<string, unknown> }>(
        UPDATE_AGREEMENT,
        { id: gid('Agreement', agreement.id), input: { title: 'Renamed', kind: 'SISTER_CITY', fields: ['HEALTH'], scope: 'New scope', partnerCityId: gid('PartnerCity', city.id) } },
        officer,
      );
      expect(result.data?.updateAgreement).toEqual({ id: gid('Agreement', agreement.id), title: 'Renamed', kind: 'SISTER_CITY', status: 'EXPLORATION', fields: ['HEALTH'], scope: 'New scope', partnerCity: { id: gid('PartnerCity', city.id) } });
      await expectRefused(UPDATE_AGREEMENT, { id: gid('Agreement', agreement.id), input: { status: 'MOU_IN_FORCE' } }, 'BAD_USER_INPUT');
      await expectRefused(UPDATE_AGREEMENT, { id: gid('Agreement', agreement.id), input: { fields: null } }, 'BAD_USER_INPUT', /fields cannot be null/);
    });

    it('archives an agreement: gone from the default list, still there with includeArchived, frozen', async () => {
      const agreement = await f.agreement();
      const id = gid('Agreement', agreement.id);
      const archived = await t.gql<{ archiveAgreement: { status: string; archivedAt: string } }>(ARCHIVE_AGREEMENT, { id }, officer);
      expect(archived.data?.archiveAgreement).toMatchObject({ status: 'EXPLORATION', archivedAt: expect.any(String) });
      const list = (includeArchived: boolean) =>
        t.gql<{ agreements: { edges: { node: { id: string } }[] } }>(
          'query($f: AgreementFilter) { agreements(filter: $f, first: 100) { edges { node { id } } } }',
          { f: { includeArchived } },
          officer,
        );
      expect((await list(false)).data?.agreements.edges.map((e) => e.node.id)).not.toContain(id);
      expect((await list(true)).data?.agreements.edges.map((e) => e.node.id)).toContain(id);
      await expectRefused(UPDATE_AGREEMENT, { id, input: { title: 'Too late' } }, 'BAD_USER_INPUT', /archived/);
      await expectRefused(ARCHIVE_AGREEMENT, { id }, 'BAD_USER_INPUT', /archived/);
    });
  });

  describe('documents', () => {
    it('corrects a document; a signing date and months give the end date', async () => {
      const document = await f.document();
      const id = gid('AgreementDocument', document.id);
      const result = await t.gql(UPDATE_DOCUMENT, { id, input: { number: '075/12/KS/2024', signedOn: '2024-01-31', validityMonths: 13, note: 'Scanned copy on file' } }, officer);
      expect(result.data?.updateDocument).toEqual({ id, number: '075/12/KS/2024', signedOn: '2024-01-31', validityMonths: 13, validUntil: '2025-02-28', note: 'Scanned copy on file' });
      const cleared = await t.gql(UPDATE_DOCUMENT, { id, input: { note: null } }, officer);
      expect(cleared.data?.updateDocument).toMatchObject({ note: null, number: '075/12/KS/2024' });
    });

    it.each([
      ['zero months', { validityMonths: 0 }, /validityMonths/],
      ['241 months', { validityMonths: 241 }, /validityMonths/],
      ['an impossible date', { signedOn: '2024-02-30' }, /at "input\.signedOn"; "2024-02-30" is not a day of the calendar/],
      ['a date in another format', { signedOn: '30/01/2024' }, /at "input\.signedOn"; "30\/01\/2024" is not a date written YYYY-MM-DD/],
      ['a year outside 1900–2200', { signedOn: '0999-01-01' }, /between 1900 and 2200/],
      ['an end before the signing', { signedOn: '2024-05-01', validUntil: '2024-04-30' }, /must be after signedOn/],
      ['an end that contradicts the months', { signedOn: '2024-05-01', validityMonths: 12, validUntil: '2026-05-01' }, /does not match/],
      ['a 101-character number', { number: 'n'.repeat(101) }, /number/],
    ])('refuses %s and changes nothing', async (_label, input, message) => {
      const document = await f.document();
      await expectRefused(UPDATE_DOCUMENT, { id: gid('AgreementDocument', document.id), input }, 'BAD_USER_INPUT', message);
    });

    it.each([
      ['an end before the signing', { signedOn: '2024-05-01', validUntil: '2024-04-30' }],
      ['an end that contradicts the months', { signedOn: '2024-05-01', validityMonths: 12, validUntil: '2026-05-01' }],
    ])('names the input at fault in extensions.argument for %s (the one error detail key)', async (_label, input) => {
      const document = await f.document();
      const result = await expectRefused(UPDATE_DOCUMENT, { id: gid('AgreementDocument', document.id), input }, 'BAD_USER_INPUT');
      expect(result.errors?.[0].extensions).toMatchObject({ argument: 'validUntil' });
      expect(result.errors?.[0].extensions).not.toHaveProperty('field');
    });

    it('archives a document: it leaves its agreement and cannot be changed any more', async () => {
      const agreement = await f.agreement();
      const document = await f.document(agreement.id);
      const id = gid('AgreementDocument', document.id);
      expect((await t.gql(ARCHIVE_DOCUMENT, { id }, officer)).errors).toBeUndefined();
      const read = await t.gql<{ agreement: { documents: { id: string }[] } }>('query($id: ID!) { agreement(id: $id) { documents { id } } }', { id: gid('Agreement', agreement.id) }, officer);
      expect(read.data?.agreement.documents).toEqual([]);
      await expectRefused(UPDATE_DOCUMENT, { id, input: { number: 'X' } }, 'BAD_USER_INPUT', /archived/);
      await expectRefused(ARCHIVE_DOCUMENT, { id: gid('AgreementDocument', 999999) }, 'NOT_FOUND');
    });
  });
});
