import { Agreement, AgreementKind, AgreementStatus, PartnerCity, PartnerLevel, Role, User } from '../src/entities';
import { addDays, today } from '../src/services/dates';
import { describeEachDatabase } from './support/each-database';
import { Fixtures } from './support/fixtures';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';
import { localId } from './support/ids';
import { besidesUserLookup } from '../src/sql-counter';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
}

const PAGE = 'totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const AGREEMENTS = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: AgreementOrder, $filter: AgreementFilter) {
  list: agreements(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) { ${PAGE} } }`;
const USERS = `query($first: Int, $after: String, $last: Int, $before: String) { list: users(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }`;
const CITIES = `query($first: Int, $after: String, $last: Int, $before: String, $countryCode: String) {
  list: partnerCities(first: $first, after: $after, last: $last, before: $before, countryCode: $countryCode) { ${PAGE} } }`;
const EXPIRING = `query($first: Int, $after: String, $last: Int, $before: String, $withinDays: Int) {
  list: expiringAgreements(first: $first, after: $after, last: $last, before: $before, withinDays: $withinDays) { ${PAGE} } }`;

const FIELDS = ['CREATED_AT', 'TITLE', 'STATUS', 'UPDATED_AT', 'EXPIRES_ON'] as const;
const DIRECTIONS = ['ASC', 'DESC'] as const;
const STATUS_ORDER = Object.values(AgreementStatus);

/** The database id of an item the API returned: every comparison with the database goes through here. */
const rowId = (node: { id: string }): number => localId(node.id);

/** Code point order (what the API promises for text), independent of JavaScript's UTF-16 comparison. */
const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Row {
  id: number;
  title: string;
  status: string;
  updatedAt: string;
  expiresOn: string | null;
}

/** The whole list in one order, sorted here from a plain SELECT: what paging must reproduce. */
function expectedOrder(rows: Row[], field: (typeof FIELDS)[number], direction: 'ASC' | 'DESC'): number[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const compare = (a: Row, b: Row): number => {
    switch (field) {
      case 'TITLE':
        return byCodePoint(a.title, b.title);
      case 'STATUS':
        return STATUS_ORDER.indexOf(a.status as AgreementStatus) - STATUS_ORDER.indexOf(b.status as AgreementStatus);
      case 'UPDATED_AT':
        return plain(a.updatedAt, b.updatedAt);
      case 'EXPIRES_ON':
        return plain(a.expiresOn ?? '', b.expiresOn ?? '');
      default:
        return 0;
    }
  };
  const withoutExpiry = (row: Row) => (field === 'EXPIRES_ON' && row.expiresOn === null ? 1 : 0);
  return [...rows].sort((a, b) => withoutExpiry(a) - withoutExpiry(b) || sign * compare(a, b) || sign * (a.id - b.id)).map((row) => row.id);
}

describeEachDatabase('Relay connections', (dialect) => {
  let t: TestServer;
  let viewer: string;
  let admin: string;
  let fx: Fixtures;
  let cityId: number;

  const page = async (query: string, variables: Record<string, unknown>, token = viewer): Promise<Page<{ id: string }>> => {
    const result = await t.gql<{ list: Page<{ id: string }> }>(query, variables, token);
    expect(result.errors).toBeUndefined();
    const list = result.data!.list;
    expect(list.nodes).toEqual(list.edges.map((edge) => edge.node));
    expect(list.pageInfo.startCursor).toBe(list.edges[0]?.cursor ?? null);
    expect(list.pageInfo.endCursor).toBe(list.edges.at(-1)?.cursor ?? null);
    return list;
  };

  /**
   * Walks a whole list forward with `first` and backward with `last`, checking every page's bounds
   * against the expected order, and returns the ids in list order from each walk.
   */
  async function walk(query: string, variables: Record<string, unknown>, size: number, expected: number[], token = viewer) {
    const forward: number[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      const list = await page(query, { ...variables, first: size, after }, token);
      expect(list.totalCount).toBe(expected.length);
      expect(list.pageInfo.hasPreviousPage).toBe(pages > 0);
      forward.push(...list.nodes.map(rowId));
      expect(list.pageInfo.hasNextPage).toBe(forward.length < expected.length);
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
      expect(pages).toBeLessThan(expected.length);
    }
    const backward: number[] = [];
    let before: string | null = null;
    for (let pages = 0; ; pages++) {
      const list = await page(query, { ...variables, last: size, before }, token);
      expect(list.totalCount).toBe(expected.length);
      expect(list.pageInfo.hasNextPage).toBe(pages > 0);
      backward.unshift(...list.nodes.map(rowId));
      expect(list.pageInfo.hasPreviousPage).toBe(backward.length < expected.length);
      if (!list.pageInfo.hasPreviousPage) break;
      before = list.pageInfo.startCursor;
      expect(pages).toBeLessThan(expected.length);
    }
    return { forward, backward };
  }

  /** Every agreement the default list shows, read with plain SQL (exact instants as text on both databases). */
  async function allRows(): Promise<Row[]> {
    const updatedAt = dialect === 'sqlite' ? 'updatedAt' : 'CAST(updatedAt AS CHAR)';
    const rows = (await t.server.dataSource.query(`SELECT id, title, status, ${updatedAt} AS updatedAt, expiresOn FROM agreement WHERE archivedAt IS NULL`)) as Row[];
    return rows.map((row) => ({ ...row, id: Number(row.id), updatedAt: String(row.updatedAt), expiresOn: row.expiresOn === null ? null : String(row.expiresOn) }));
  }

  const insertAgreements = (rows: Partial<Agreement>[]) =>
    t.server.dataSource.getRepository(Agreement).insert(
      rows.map((row) => ({ kind: AgreementKind.OTHER_COOPERATION, partnerCityId: cityId, scope: 'paging', status: AgreementStatus.EXPLORATION, statusChangedAt: new Date(), archivedAt: null, ...row })),
    );

  beforeAll(async () => {
    t = await startTestServer(dialect, 'connections');
    fx = new Fixtures(t);
    [viewer, admin] = await Promise.all([t.login('viewer@jalin.local'), t.login('admin@jalin.local')]);
    cityId = (await fx.partnerCity()).id;

    // Titles that unicode_ci would sort differently from code points (case, accents, symbols, emoji)
    // and repeats of every key, so ties are broken by id.
    const titles = ['apple', 'Apple', 'Élan vital', 'elan', 'Zebra', 'zebra', 'Ærø exchange', '日本 exchange', 'emoji 🎉', 'emoji 😀', '_under', 'Huế', 'Same title', 'Same title', 'Same title', 'same title', 'ß street', 'ss street'];
    const statuses = STATUS_ORDER;
    const expiries = [null, '2031-05-01', '2031-05-01', null, '2029-12-31', '2035-01-01', null, '2031-05-01'];
    await insertAgreements(titles.map((title, i) => ({ title, status: statuses[i % statuses.length], expiresOn: expiries[i % expiries.length] })));
    await insertAgreements([{ title: 'Archived one', archivedAt: new Date() }]);

    // Instants that repeat, and on MariaDB ones a microsecond apart (which a JavaScript Date cannot tell apart).
    const ids = (await allRows()).map((row) => row.id).sort((a, b) => a - b);
    const instants =
      dialect === 'sqlite'
        ? ['2025-03-01 10:00:00.000', '2025-03-01 10:00:00.001', '2025-03-01 10:00:00.000', '2024-12-31 23:59:59.999']
        : ['2025-03-01 10:00:00.000001', '2025-03-01 10:00:00.000002', '2025-03-01 10:00:00.000001', '2024-12-31 23:59:59.999999'];
    for (const [i, id] of ids.entries()) {
      if (i % 3 === 0) await t.server.dataSource.query('UPDATE agreement SET updatedAt = ? WHERE id = ?', [instants[(i / 3) % instants.length], id]);
    }
  });
  afterAll(() => t?.close());

  describe('agreements', () => {
    it.each(FIELDS.flatMap((field) => DIRECTIONS.map((direction) => [field, direction] as const)))(
      'pages forward and backward through every agreement ordered by %s %s, as an independent sort of the whole list',
      async (field, direction) => {
        const expected = expectedOrder(await allRows(), field, direction);
        expect(expected.length).toBeGreaterThan(20);
        const { forward, backward } = await walk(AGREEMENTS, { orderBy: { field, direction } }, 7, expected);
        expect(forward).toEqual(expected);
        expect(backward).toEqual(expected);
      },
    );

    it('keeps the order it always had (by id) when orderBy is left out, 20 to a page', async () => {
      const expected = (await allRows()).map((row) => row.id).sort((a, b) => a - b);
      const list = await page(AGREEMENTS, {});
      expect(list.nodes.map(rowId)).toEqual(expected.slice(0, 20));
      expect(list.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    });

    it('pages the filtered list in the chosen order', async () => {
      const rows = (await allRows()).filter((row) => row.status === 'EXPLORATION' || row.status === 'MOU_IN_FORCE');
      const expected = expectedOrder(rows, 'EXPIRES_ON', 'DESC');
      const { forward, backward } = await walk(AGREEMENTS, { orderBy: { field: 'EXPIRES_ON', direction: 'DESC' }, filter: { statuses: ['EXPLORATION', 'MOU_IN_FORCE'] } }, 2, expected);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
    });

    it('answers the page between two cursors, and the page info on the far side of each cursor', async () => {
      const orderBy = { field: 'TITLE', direction: 'ASC' };
      const expected = expectedOrder(await allRows(), 'TITLE', 'ASC');
      const first = await page(AGREEMENTS, { orderBy, first: 10 });
      const [from, to] = [first.edges[2].cursor, first.edges[8].cursor];
      const between = await page(AGREEMENTS, { orderBy, first: 10, after: from, before: to });
      expect(between.nodes.map(rowId)).toEqual(expected.slice(3, 8));
      // first/after: hasNextPage is exact for the sliced list; hasPreviousPage sees what lies at or before `after`.
      expect(between.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const lastBetween = await page(AGREEMENTS, { orderBy, last: 3, after: from, before: to });
      expect(lastBetween.nodes.map(rowId)).toEqual(expected.slice(5, 8));
      // last/before: hasPreviousPage is exact; hasNextPage sees what lies at or after `before`.
      expect(lastBetween.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const atTheEnd = await page(AGREEMENTS, { orderBy, last: 3 });
      expect(atTheEnd.nodes.map(rowId)).toEqual(expected.slice(-3));
      expect(atTheEnd.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const past = await page(AGREEMENTS, { orderBy, first: 5, after: (await page(AGREEMENTS, { orderBy, last: 1 })).pageInfo.endCursor });
      expect(past).toMatchObject({ edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
    });

    it('continues after a cursor exactly where it was when rows are added before and after it', async () => {
      const orderBy = { field: 'TITLE', direction: 'ASC' };
      const first = await page(AGREEMENTS, { orderBy, first: 6 });
      const lastSeen = rowId(first.nodes.at(-1)!);
      await insertAgreements([{ title: '0 comes first' }, { title: 'Apple' }, { title: 'Same title' }, { title: 'zzz comes last' }]);
      const expected = expectedOrder(await allRows(), 'TITLE', 'ASC');
      const next = await page(AGREEMENTS, { orderBy, first: 6, after: first.pageInfo.endCursor });
      expect(next.nodes.map(rowId)).toEqual(expected.slice(expected.indexOf(lastSeen) + 1, expected.indexOf(lastSeen) + 7));
      expect(next.totalCount).toBe(expected.length);
      const back = await page(AGREEMENTS, { orderBy, last: 2, before: next.pageInfo.startCursor });
      expect(back.nodes.map(rowId)).toEqual(expected.slice(expected.indexOf(lastSeen) - 1, expected.indexOf(lastSeen) + 1));
    });

    it('refuses a cursor of another ordering, direction or list, and a malformed or forged one, with BAD_USER_INPUT', async () => {
      const titleCursor = (await page(AGREEMENTS, { orderBy: { field: 'TITLE', direction: 'ASC' }, first: 2 })).pageInfo.endCursor!;
      const userCursor = (await page(USERS, { first: 2 }, admin)).pageInfo.endCursor!;
      const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ orderBy: { field: 'STATUS', direction: 'ASC' }, after: titleCursor }, /"after" is not a cursor of this list in this order/],
        [{ orderBy: { field: 'TITLE', direction: 'DESC' }, before: titleCursor }, /"before" is not a cursor of this list in this order/],
        [{ after: titleCursor }, /"after" is not a cursor of this list in this order/],
        [{ after: userCursor }, /"after" is not a cursor of this list in this order/],
        [{ after: 'bm90LWEtY3Vyc29y' }, /"after" is not a cursor this API handed out/],
        [{ before: '%%%' }, /"before" is not a cursor this API handed out/],
        [{ after: forged(['agreements:CREATED_AT:ASC', 1, 2]) }, /"after" is not a cursor this API handed out/],
        [{ after: forged(['agreements:CREATED_AT:ASC', { id: 1 }]) }, /"after" is not a cursor this API handed out/],
        [{ after: forged(['agreements:CREATED_AT:ASC', null]) }, /"after" is not a cursor this API handed out/],
        [{ after: 'x'.repeat(5000) }, /"after" is not a cursor this API handed out/],
      ];
      for (const [variables, message] of cases) {
        const result = await t.gql(AGREEMENTS, variables, viewer);
        expect([variables, result.errors?.[0].extensions?.code]).toEqual([variables, 'BAD_USER_INPUT']);
        expect(result.errors?.[0].message).toMatch(message);
        expect(result.data).toBeNull();
      }
    });

    it.each([
      ['first and last together', { first: 5, last: 5 }, /either "first" .* or "last" .* not both/],
      ['first above the cap', { first: 101 }, /"first" must be between 1 and 100; got 101/],
      ['first of zero', { first: 0 }, /"first" must be between 1 and 100; got 0/],
      ['a negative last', { last: -3 }, /"last" must be between 1 and 100; got -3/],
      ['last above the cap', { last: 101 }, /"last" must be between 1 and 100; got 101/],
      ['an unknown order field', { orderBy: { field: 'SECRET', direction: 'ASC' } }, /AgreementOrderField/],
      ['an order without a direction', { orderBy: { field: 'TITLE' } }, /direction/],
    ])('refuses %s with BAD_USER_INPUT', async (_label, variables, message) => {
      const result = await t.gql(AGREEMENTS, variables, viewer);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(message);
      expect(result.data ?? null).toBeNull();
    });

    it('costs the same number of SQL statements on any page, in any order, whichever way it pages', async () => {
      const counts = new Set<number>();
      for (const field of FIELDS) {
        const orderBy = { field, direction: 'DESC' };
        const first = await t.sql.count(() => t.gql<{ list: Page<unknown> }>(AGREEMENTS, { orderBy, first: 3 }, viewer));
        const cursor = first.result.data!.list.pageInfo.endCursor;
        const runs = [
          first,
          await t.sql.count(() => t.gql(AGREEMENTS, { orderBy, first: 50, after: cursor }, viewer)),
          await t.sql.count(() => t.gql(AGREEMENTS, { orderBy, last: 4, before: cursor }, viewer)),
          await t.sql.count(() => t.gql(AGREEMENTS, { orderBy, first: 4, after: cursor, before: cursor }, viewer)),
        ];
        for (const run of runs) {
          expect(run.result.errors).toBeUndefined();
          counts.add(besidesUserLookup(run).count);
        }
      }
      // Besides the signed-in user's lookup (cached: besidesUserLookup in src/sql-counter.ts): the response cache's data
      // version (each page is a miss), the count with what lies beyond the cursors, the page.
      expect([...counts]).toEqual([3]);
    });
  });

  describe('users', () => {
    it('pages through every user by email, forward and backward (admins)', async () => {
      for (let i = 0; i < 6; i++) await fx.user(i % 2 ? Role.VIEWER : Role.OFFICER);
      const users = await t.server.dataSource.getRepository(User).find();
      const expected = users.sort((a, b) => byCodePoint(a.email, b.email) || a.id - b.id).map((u) => u.id);
      const { forward, backward } = await walk(USERS, {}, 3, expected, admin);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
      const counted = besidesUserLookup(await t.sql.count(() => t.gql(USERS, { first: 2, after: null }, admin)));
      const later = besidesUserLookup(await t.sql.count(() => t.gql(USERS, { last: 5, before: (counted.result.data as { list: Page<unknown> }).list.pageInfo.endCursor }, admin)));
      expect(later.count).toBe(counted.count);
      expect((await t.gql(USERS, { first: 2 }, viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(USERS, { first: 2, last: 2 }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('partner cities', () => {
    it('pages through the partner cities by name, and those of one country, forward and backward', async () => {
      const names = ['Zürich', 'zadar', 'Aarhus', 'Ōsaka', 'Kyoto', 'Kyoto'];
      for (const name of names) await t.server.services.registry.createPartnerCity(await fx.admin(), { name, region: 'Region', countryCode: 'JP', level: PartnerLevel.CITY });
      const cities = await t.server.dataSource.getRepository(PartnerCity).find();
      const sorted = (list: PartnerCity[]) => list.filter((c) => c.archivedAt === null).sort((a, b) => byCodePoint(a.name, b.name) || a.id - b.id).map((c) => c.id);
      for (const [variables, expected] of [
        [{}, sorted(cities)],
        [{ countryCode: 'jp' }, sorted(cities.filter((c) => c.countryCode === 'JP'))],
      ] as const) {
        const { forward, backward } = await walk(CITIES, variables, 4, expected);
        expect(forward).toEqual(expected);
        expect(backward).toEqual(expected);
      }
      const unknown = await t.gql(CITIES, { countryCode: 'XX', first: 2 }, viewer);
      expect(unknown.errors?.[0].message).toMatch(/Unknown country code: XX/);
      expect((await t.gql(CITIES, { last: 0 }, viewer)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('expiring agreements', () => {
    it('pages the MoUs lapsing within the window, soonest first, forward and backward', async () => {
      const day = today();
      const lapses = [addDays(day, 40), addDays(day, 3), addDays(day, 40), addDays(day, 0), addDays(day, 120), addDays(day, 200), addDays(day, 3)];
      await insertAgreements(lapses.map((expiresOn, i) => ({ title: `Expiring ${i}`, status: AgreementStatus.MOU_IN_FORCE, mouSignedOn: '2020-01-01', validityMonths: 60, expiresOn })));
      const rows = (await t.server.dataSource.getRepository(Agreement).find()).filter(
        (a) => a.status === AgreementStatus.MOU_IN_FORCE && a.archivedAt === null && a.expiresOn !== null && a.expiresOn >= day && a.expiresOn <= addDays(day, 180),
      );
      const expected = rows.sort((a, b) => plain(a.expiresOn!, b.expiresOn!) || a.id - b.id).map((a) => a.id);
      expect(expected.length).toBeGreaterThanOrEqual(6);
      const { forward, backward } = await walk(EXPIRING, {}, 2, expected);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
      const soon = await page(EXPIRING, { withinDays: 3, first: 10 });
      expect(soon.totalCount).toBe(rows.filter((a) => a.expiresOn! <= addDays(day, 3)).length);
      const bad: GraphQLResponse = await t.gql(EXPIRING, { withinDays: 3, first: 10, last: 2 }, viewer);
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
