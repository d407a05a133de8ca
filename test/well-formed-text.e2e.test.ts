import { describeEachDatabase } from './support/each-database';
import { ACTIVITY_FIELDS, BOARD_QUERY, BoardWatcher, demoBoards, rebuild, type Activity } from './support/board-helpers';
import { bearer, rawSocket } from './support/raw-socket';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';

/** Half of a character: a high surrogate with no low one after it (and a low one alone). */
const LONE_HIGH = 'Festival \uD800 budaya';
const LONE_LOW = 'Festival budaya \uDC00';
/** Whole characters outside the Basic Multilingual Plane: two UTF-16 units each, well-formed. */
const ASTRAL = 'Pertukaran 🎉 budaya 𝔸𝔹 🇮🇩';

const ADD = `mutation Add($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const UPDATE = `mutation Update($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { ${ACTIVITY_FIELDS} } }`;
const CREATE_CITY = 'mutation($input: PartnerCityInput!) { createPartnerCity(input: $input) { id name region } }';
const CITIES = '{ partnerCities(first: 100) { totalCount nodes { name } } }';
const CREATE_AGREEMENT = 'mutation($input: AgreementInput!) { createAgreement(input: $input) { id } }';
const CANCEL = 'mutation($id: ID!, $note: String!) { cancelAgreement(agreementId: $id, note: $note) { id status history { toStatus note } } }';
const HISTORY = 'query($id: ID!) { agreement(id: $id) { status history { toStatus note } } }';

type Board = { agreementId: string; seq: number; activities: Activity[] };

describeEachDatabase('text with half a character (a lone UTF-16 surrogate)', (dialect) => {
  let t: TestServer;
  let officer: string;
  let agreementId: string;
  let bappeda: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'well-formed-text');
    officer = await t.login('officer@jalin.local');
    agreementId = (await demoBoards(t, officer)).drafting[0];
    const opds = await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer);
    bappeda = opds.data!.opds.find((o) => o.code === 'BAPPEDA')!.id;
  });
  afterAll(() => t?.close());

  const board = async (): Promise<Board> => (await t.gql<{ board: Board }>(BOARD_QUERY, { id: agreementId }, officer)).data!.board;
  const activity = (title: string) => ({ agreementId, opdId: bappeda, title, scope: 'Ruang lingkup', benefit: 'Manfaat', output: 'Keluaran' });

  /** A refusal that names the field, with the code a client branches on. */
  function expectRefused(result: GraphQLResponse | { type: string; payload: unknown }, field: string) {
    const errors = 'payload' in result ? (result.payload as GraphQLResponse['errors']) : result.errors;
    expect(errors?.[0]).toMatchObject({
      message: expect.stringContaining(`"${field}" is not well-formed text`),
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field, problems: [expect.stringMatching(/half of a character/)] }] },
    });
    if (!('payload' in result)) {
      expect(result.status).toBe(400);
      expect(result.data ?? null).toBeNull();
    }
  }

  it('refuses it on the board over HTTP (add, update): nothing changes, no event; whole astral characters are stored and announced as sent', async () => {
    const watcher = new BoardWatcher(t.ws(officer), agreementId, (await board()).seq);
    const before = await board();

    expectRefused(await t.gql(ADD, { input: activity(LONE_HIGH) }, officer), 'input.title');
    expectRefused(await t.gql(ADD, { input: { ...activity('Fine title'), scope: LONE_LOW } }, officer), 'input.scope');
    const target = before.activities[0];
    expectRefused(await t.gql(UPDATE, { id: target.id, base: target.version, patch: { benefit: LONE_HIGH } }, officer), 'patch.benefit');
    expect(await board()).toEqual(before);

    // Well-formed text outside the BMP goes through unchanged: stored, answered and announced alike.
    const added = await t.gql<{ addDraftActivity: Activity }>(ADD, { input: activity(ASTRAL) }, officer);
    expect(added.errors).toBeUndefined();
    expect(added.data!.addDraftActivity.title).toBe(ASTRAL);
    const updated = await t.gql<{ updateDraftActivity: Activity }>(UPDATE, { id: target.id, base: target.version, patch: { output: `Keluaran ${ASTRAL}` } }, officer);
    expect(updated.errors).toBeUndefined();
    const after = await board();
    expect(after.seq).toBe(before.seq + 2);
    await watcher.untilSeq(after.seq);
    // The first events this subscriber got are the two accepted changes: the refusals left none.
    expect(watcher.events.map((e) => e.seq)).toEqual([before.seq + 1, before.seq + 2]);
    expect(rebuild(watcher.events, before.activities)).toEqual(after.activities);
    expect(after.activities.find((a) => a.title === ASTRAL)).toEqual(added.data!.addDraftActivity);
    expect(after.activities.find((a) => a.id === target.id)?.output).toBe(`Keluaran ${ASTRAL}`);
    watcher.stop();
  });

  it('refuses it over WebSocket too, and the same socket then stores whole astral characters', async () => {
    const socket = rawSocket(t.wsUrl, bearer(officer));
    await socket.acknowledged;
    const before = await board();
    socket.send({ id: 'bad', type: 'subscribe', payload: { query: ADD, variables: { input: activity(LONE_HIGH) } } });
    const refused = await socket.next((m) => m.id === 'bad');
    expect(refused.type).toBe('error');
    expectRefused(refused as { type: string; payload: unknown }, 'input.title');
    expect(await board()).toEqual(before);
    socket.send({ id: 'good', type: 'subscribe', payload: { query: ADD, variables: { input: activity(`${ASTRAL} (ws)`) } } });
    const accepted = await socket.next((m) => m.id === 'good' && m.type === 'next');
    expect((accepted.payload as { data: { addDraftActivity: Activity } }).data.addDraftActivity.title).toBe(`${ASTRAL} (ws)`);
    expect((await board()).seq).toBe(before.seq + 1);
    socket.socket.close();
  });

  it('refuses it in a registry write (a partner city): no city is made; astral names are kept', async () => {
    const before = await t.gql(CITIES, {}, officer);
    const city = { name: 'Kyōto', region: LONE_LOW, countryCode: 'JP', level: 'CITY' };
    expectRefused(await t.gql(CREATE_CITY, { input: city }, officer), 'input.region');
    const socket = rawSocket(t.wsUrl, bearer(officer));
    await socket.acknowledged;
    socket.send({ id: 'bad', type: 'subscribe', payload: { query: CREATE_CITY, variables: { input: { ...city, region: 'Kansai', name: LONE_HIGH } } } });
    expectRefused((await socket.next((m) => m.id === 'bad')) as { type: string; payload: unknown }, 'input.name');
    socket.socket.close();
    expect(await t.gql(CITIES, {}, officer)).toEqual(before);
    const made = await t.gql<{ createPartnerCity: { name: string; region: string } }>(CREATE_CITY, { input: { ...city, name: `Kyōto ${ASTRAL}`, region: 'Kansai 𝔸' } }, officer);
    expect(made.data?.createPartnerCity).toMatchObject({ name: `Kyōto ${ASTRAL}`, region: 'Kansai 𝔸' });
  });

  it('refuses it in a workflow note: the agreement stays as it was; an astral note is kept in its history', async () => {
    const cityId = (await t.gql<{ createPartnerCity: { id: string } }>(CREATE_CITY, { input: { name: 'Nara', region: 'Kansai', countryCode: 'JP', level: 'CITY' } }, officer)).data!.createPartnerCity.id;
    const created = await t.gql<{ createAgreement: { id: string } }>(CREATE_AGREEMENT, { input: { title: 'Heritage exchange', kind: 'SISTER_CITY', partnerCityId: cityId, fields: ['CULTURE'], scope: 'Temples' } }, officer);
    const id = created.data!.createAgreement.id;
    const before = await t.gql(HISTORY, { id }, officer);
    expectRefused(await t.gql(CANCEL, { id, note: LONE_HIGH }, officer), 'note');
    expect(await t.gql(HISTORY, { id }, officer)).toEqual(before);
    const cancelled = await t.gql<{ cancelAgreement: { status: string; history: { toStatus: string; note: string | null }[] } }>(CANCEL, { id, note: `Dibatalkan ${ASTRAL}` }, officer);
    expect(cancelled.data?.cancelAgreement.status).toBe('CANCELLED');
    expect((await t.gql<{ agreement: { history: { note: string | null }[] } }>(HISTORY, { id }, officer)).data!.agreement.history.at(-1)?.note).toBe(`Dibatalkan ${ASTRAL}`);
  });

  it('names every bad field, in lists and nested inputs, and signing in with such text is refused the same way', async () => {
    const result = await t.gql(ADD, { input: { ...activity(LONE_HIGH), scope: LONE_LOW } }, officer);
    expect(result.errors?.[0].extensions?.fields).toEqual([
      { field: 'input.title', problems: [expect.any(String)], reasons: [{ reason: 'NOT_WELL_FORMED_TEXT' }] },
      { field: 'input.scope', problems: [expect.any(String)], reasons: [{ reason: 'NOT_WELL_FORMED_TEXT' }] },
    ]);
    const login = await t.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'officer@jalin.local', p: 'jalin-demo\uD800' });
    expectRefused(login, 'p');
    const search = await t.gql('query($s: [String!]) { agreements(filter: { countryCodes: $s }) { totalCount } }', { s: ['AU', '\uDFFF'] }, officer);
    expectRefused(search, 's[1]');
  });
});
