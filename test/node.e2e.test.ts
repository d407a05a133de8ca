import fc from 'fast-check';
import { EmailStatus, NotificationKind, User } from '../src/entities';
import { decodeGlobalId, NODE_TYPES, parseGlobalId, toGlobalId } from '../src/global-id';
import { describeEachDatabase } from './support/each-database';
import { gid } from './support/ids';
import { startTestServer, type TestServer } from './support/test-server';

describe('global ids', () => {
  it('are base64 of TypeName:localId (the graphql-relay convention) and decode back', () => {
    expect(toGlobalId('Agreement', 12)).toBe(Buffer.from('Agreement:12').toString('base64'));
    fc.assert(
      fc.property(fc.constantFrom(...NODE_TYPES.filter((t) => t !== 'Country')), fc.integer({ min: 1, max: 2147483647 }), (typeName, localId) => {
        expect(decodeGlobalId(toGlobalId(typeName, localId))).toEqual({ typeName, localId });
      }),
    );
    expect(decodeGlobalId(toGlobalId('Country', 'AU'))).toEqual({ typeName: 'Country', localId: 'AU' });
  });

  it('refuse raw numbers, other spellings, unknown kinds and ids of another kind, saying what is wrong', () => {
    const refused = [
      '1',
      '12345678',
      '',
      'not base64!',
      toGlobalId('Agreement', 1).replace(/=+$/, ''), // not the canonical spelling
      Buffer.from('Agreement:01').toString('base64'),
      Buffer.from('Agreement:0').toString('base64'),
      Buffer.from('Agreement:2147483648').toString('base64'),
      Buffer.from('Agreement:1.5').toString('base64'),
      Buffer.from('Spaceship:1').toString('base64'),
      Buffer.from('Agreement').toString('base64'),
      Buffer.from('Country:au').toString('base64'),
      'A'.repeat(200),
    ];
    for (const value of refused) expect(decodeGlobalId(value)).toBeUndefined();
    expect(() => parseGlobalId('7', 'PartnerCity', 'partnerCityId')).toThrow('partnerCityId "7" is not a valid id: pass the id of a PartnerCity as the API returned it');
    expect(() => parseGlobalId(toGlobalId('Agreement', 7), 'PartnerCity', 'partnerCityId')).toThrow(
      `partnerCityId "${toGlobalId('Agreement', 7)}" is not a PartnerCity id (it names an Agreement)`,
    );
    expect(parseGlobalId(toGlobalId('PartnerCity', 7), 'PartnerCity', 'partnerCityId')).toBe(7);
  });
});

const NODE_QUERY = 'query($id: ID!) { node(id: $id) { __typename id } }';
const NODES_QUERY = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';

type Found = { __typename: string; id: string };

describeEachDatabase('node and nodes', (dialect) => {
  let t: TestServer;
  let admin: string;
  let viewer: string;
  /** One id of every kind of object, as the API handed them out. */
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestServer(dialect, 'node');
    admin = await t.login('admin@jalin.local');
    viewer = await t.login('viewer@jalin.local');
    const everything = await t.gql<{
      agreements: {
        edges: {
          node: {
            id: string;
            status: string;
            partnerCity: { id: string; country: { id: string } };
            activities: { id: string; opd: { id: string } }[];
            documents: { id: string }[];
            history: { id: string }[];
            presentations: { id: string }[];
            actionPlan: { id: string; items: { id: string }[] } | null;
            meetings: { id: string; attendance: { id: string }[]; agenda: { id: string }[] }[];
          };
        }[];
      };
      users: { nodes: { id: string }[] };
    }>(
      `{ agreements(first: 50) { edges { node { id status partnerCity { id country { id } } activities { id opd { id } } documents { id } history { id }
           presentations(allRounds: true) { id } actionPlan { id items { id } } meetings { id attendance { id } agenda { id } } } } }
         users { nodes { id } } }`,
      {},
      admin,
    );
    expect(everything.errors).toBeUndefined();
    const nodes = everything.data!.agreements.edges.map((e) => e.node);
    const drafting = nodes.find((n) => n.status === 'PLAN_DRAFTING')!;
    const planned = nodes.find((n) => n.actionPlan && n.presentations.length)!;
    ids.set('Agreement', drafting.id);
    ids.set('PartnerCity', drafting.partnerCity.id);
    ids.set('Country', drafting.partnerCity.country.id);
    ids.set('DraftActivity', drafting.activities[0].id);
    ids.set('Opd', drafting.activities[0].opd.id);
    ids.set('AgreementDocument', nodes.find((n) => n.documents.length)!.documents[0].id);
    ids.set('StatusChange', drafting.history[0].id);
    ids.set('OpdPresentation', planned.presentations[0].id);
    ids.set('ActionPlan', planned.actionPlan!.id);
    ids.set('ActionPlanItem', planned.actionPlan!.items[0].id);
    ids.set('User', everything.data!.users.nodes[0].id);
    ids.set('Meeting', drafting.meetings[0].id);
    ids.set('MeetingAttendance', drafting.meetings[0].attendance[0].id);
    ids.set('MeetingAgendaItem', drafting.meetings[0].agenda[0].id);
    const board = await t.gql<{ board: { id: string }; boardPresence: { id: string } }>(
      'query($a: ID!) { board(agreementId: $a) { id } boardPresence(agreementId: $a) { id } }',
      { a: drafting.id },
      admin,
    );
    expect(board.errors).toBeUndefined();
    ids.set('Board', board.data!.board.id);
    ids.set('BoardPresence', board.data!.boardPresence.id);
    // A notification of the admin's own (the reminders job makes them; here the service it uses).
    const adminUser = await t.server.dataSource.getRepository(User).findOneByOrFail({ email: 'admin@jalin.local' });
    await t.server.services.notifications.create({
      userId: adminUser.id,
      agreementId: Number(decodeGlobalId(drafting.id)!.localId),
      kind: NotificationKind.AGREEMENT_STUCK,
      reminderKey: 'NODE-TEST',
      subject: 'Node test',
      message: 'Node test / Node test',
      emailStatus: EmailStatus.NONE,
    });
    const mine = await t.gql<{ notifications: { nodes: { id: string }[] } }>('{ notifications(first: 1) { nodes { id } } }', {}, admin);
    ids.set('Notification', mine.data!.notifications.nodes[0].id);
  });
  afterAll(() => t?.close());

  it('has an id of every kind of object with an identity, and no two alike', () => {
    expect([...ids.keys()].sort()).toEqual([...NODE_TYPES].sort());
    expect(new Set(ids.values()).size).toBe(NODE_TYPES.length);
    // A board is known by its agreement, yet its id is its own.
    expect(ids.get('Board')).toBe(gid('Board', decodeGlobalId(ids.get('Agreement')!)!.localId));
  });

  it.each([...NODE_TYPES])('refetches a %s by node(id)', async (typeName) => {
    const id = ids.get(typeName)!;
    const result = await t.gql<{ node: Found }>(NODE_QUERY, { id }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data!.node).toEqual({ __typename: typeName, id });
  });

  it('gives the fields of the concrete type through fragments', async () => {
    const result = await t.gql<{ node: { title: string; activities: { id: string }[] } }>(
      'query($id: ID!) { node(id: $id) { id ... on Agreement { title activities { id } } } }',
      { id: ids.get('Agreement') },
      viewer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.node.title).toEqual(expect.any(String));
    expect(result.data!.node.activities.map((a) => a.id)).toContain(ids.get('DraftActivity'));
    const board = await t.gql<{ node: { agreementId: string; seq: number; activities: { id: string }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Board { agreementId seq activities { id } } } }',
      { id: ids.get('Board') },
      viewer,
    );
    expect(board.data!.node.agreementId).toBe(ids.get('Agreement'));
    expect(board.data!.node.activities.map((a) => a.id)).toContain(ids.get('DraftActivity'));
  });

  it('answers null for a well-formed id of nothing', async () => {
    for (const typeName of NODE_TYPES) {
      const id = typeName === 'Country' ? gid('Country', 'ZZ') : gid(typeName, 2147483000);
      const result = await t.gql<{ node: Found | null }>(NODE_QUERY, { id }, admin);
      expect({ typeName, errors: result.errors, node: result.data!.node }).toEqual({ typeName, errors: undefined, node: null });
    }
  });

  it('refuses a malformed id or a raw number with BAD_USER_INPUT', async () => {
    for (const id of ['1', 'garbage', gid('Agreement', 1).slice(0, -1)]) {
      const result = await t.gql<{ node: Found | null }>(NODE_QUERY, { id }, admin);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/is not a valid id: pass an id as the API returned it/);
      expect(result.data?.node ?? null).toBeNull();
    }
  });

  it('nodes keeps the order asked, with null for nothing and an error at the position of a malformed id', async () => {
    const asked = [ids.get('Opd')!, gid('Agreement', 2147483000), ids.get('Agreement')!, 'garbage', ids.get('Country')!, ids.get('Opd')!];
    const result = await t.gql<{ nodes: (Found | null)[] }>(NODES_QUERY, { ids: asked }, viewer);
    expect(result.data!.nodes).toEqual([
      { __typename: 'Opd', id: asked[0] },
      null,
      { __typename: 'Agreement', id: asked[2] },
      null,
      { __typename: 'Country', id: asked[4] },
      { __typename: 'Opd', id: asked[5] },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['nodes', 3], extensions: { code: 'BAD_USER_INPUT', argument: 'ids[3]' } });
  });

  it('nodes takes at most 100 ids', async () => {
    const hundred = Array.from({ length: 100 }, () => ids.get('Opd')!);
    const ok = await t.gql<{ nodes: Found[] }>(NODES_QUERY, { ids: hundred }, viewer);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.nodes).toHaveLength(100);
    const tooMany = await t.gql<{ nodes: Found[] }>(NODES_QUERY, { ids: [...hundred, ids.get('Opd')] }, viewer);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids', max: 100 });
    expect(tooMany.data?.nodes ?? null).toBeNull();
  });

  it('reads many objects of a kind in one statement per kind (the request loaders)', async () => {
    const list = await t.gql<{ agreements: { edges: { node: { id: string; activities: { id: string }[] } }[] } }>(
      '{ agreements(first: 20) { edges { node { id activities { id } } } } }',
      {},
      viewer,
    );
    const agreementIds = list.data!.agreements.edges.map((e) => e.node.id);
    const activityIds = list.data!.agreements.edges.flatMap((e) => e.node.activities.map((a) => a.id));
    expect(agreementIds.length).toBeGreaterThan(5);
    expect(activityIds.length).toBeGreaterThan(5);
    const { result, statements } = await t.sql.count(() =>
      t.gql<{ nodes: Found[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Agreement { title } ... on DraftActivity { title } } }', { ids: [...agreementIds, ...activityIds] }, viewer),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes.map((n) => n.id)).toEqual([...agreementIds, ...activityIds]);
    // The signed-in user, then one SELECT for the agreements and one for the activities.
    expect(statements.filter((s) => /FROM [`"]agreement[`"]/.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /FROM [`"]draft_activity[`"]/.test(s))).toHaveLength(1);
  });

  it('applies the rules of each type: users are for admins, or your own', async () => {
    const me = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, viewer);
    const own = me.data!.me.id;
    const other = ids.get('User')! === own ? gid('User', 1) : ids.get('User')!;
    const refused = await t.gql<{ node: Found | null }>(NODE_QUERY, { id: other }, viewer);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.node ?? null).toBeNull();
    expect((await t.gql<{ node: Found }>(NODE_QUERY, { id: own }, viewer)).data!.node).toEqual({ __typename: 'User', id: own });
    expect((await t.gql<{ node: Found }>(NODE_QUERY, { id: other }, admin)).data!.node).toEqual({ __typename: 'User', id: other });
    // In `nodes` the refusal stays at its position.
    const mixed = await t.gql<{ nodes: (Found | null)[] }>(NODES_QUERY, { ids: [ids.get('Agreement'), other] }, viewer);
    expect(mixed.data!.nodes).toEqual([{ __typename: 'Agreement', id: ids.get('Agreement') }, null]);
    expect(mixed.errors).toMatchObject([{ path: ['nodes', 1], extensions: { code: 'FORBIDDEN' } }]);
    // Notifications: only one's own; another user's reads as nothing.
    expect(await t.gql(NODE_QUERY, { id: ids.get('Notification') }, viewer)).toMatchObject({ data: { node: null } });
    expect((await t.gql(NODE_QUERY, { id: ids.get('Notification') }, viewer)).errors).toBeUndefined();
    const anonymous = await t.gql(NODE_QUERY, { id: ids.get('Agreement') }, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('id arguments take only global ids of their own kind', async () => {
    const query = 'query($id: ID!) { agreement(id: $id) { id } }';
    const raw = await t.gql(query, { id: String(decodeGlobalId(ids.get('Agreement')!)!.localId) }, viewer);
    expect(raw.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'id', expectedType: 'Agreement' } });
    const wrongKind = await t.gql(query, { id: ids.get('PartnerCity') }, viewer);
    expect(wrongKind.errors?.[0].message).toBe(`id "${ids.get('PartnerCity')}" is not an Agreement id (it names a PartnerCity)`);
    const filter = await t.gql('query($c: ID) { agreements(filter: { partnerCityId: $c }) { totalCount } }', { c: ids.get('Agreement') }, viewer);
    expect(filter.errors?.[0].message).toBe(`partnerCityId "${ids.get('Agreement')}" is not a PartnerCity id (it names an Agreement)`);
    const report = await t.gql('query($o: [ID!]) { cooperationReport(filter: { opdIds: $o }) { asOf } }', { o: [ids.get('Opd'), '3'] }, viewer);
    expect(report.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'opdIds[1]' } });
  });
});
