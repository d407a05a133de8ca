import type { Client } from 'graphql-ws';
import { ActivityDecision, AgreementStatus, ChangeEvent } from '../src/entities';
import { formatIndonesianDate } from '../src/i18n/dates';
import { describeEachDatabase } from './support/each-database';
import { docxParagraphs } from './support/docx-text';
import { snapshot } from './support/fixtures';
import { gid, localId } from './support/ids';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/test-server';
import { WorkflowFixtures } from './support/workflow-fixtures';
import { expectNoInternals } from './support/no-internals';

const ACTIVITY = 'id title scope decision position opd { code }';
const MEETING_FIELDS = `id state heldOn place chairName chairOffice openedAt closedAt
  agreement { id }
  agenda { id position title note }
  attendance { id status representedBy personName personOffice opd { id code name } }
  decisions { final fromSeq toSeq eventSeqs byOpd { opd { code name } approved { activityId title note } added { activityId title note } removed { activityId title note }
    revised { activityId title note changes { field before after } } undecided { activityId title note } } }
  documents { kind name url meetingId }`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${MEETING_FIELDS} } }`;
const OPEN = `mutation($id: ID!) { openMeeting(id: $id) { ${MEETING_FIELDS} } }`;
const CLOSE = `mutation($id: ID!) { closeMeeting(id: $id) { ${MEETING_FIELDS} } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`;
const ATTEND = 'mutation($id: ID!, $status: AttendanceStatus!, $by: String) { recordAttendance(attendanceId: $id, status: $status, representedBy: $by) { id status representedBy } }';
const DECISION_NOTE = 'mutation($m: ID!, $a: ID!, $note: String) { recordDecisionNote(meetingId: $m, activityId: $a, note: $note) { id } }';
const AGENDA_NOTE = 'mutation($id: ID!, $note: String) { recordAgendaItemNote(agendaItemId: $id, note: $note) { id note } }';
const ADD = `mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY} version } }`;
const UPDATE = `mutation($id: ID!, $base: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $base, patch: $patch) { ${ACTIVITY} version } }`;
const REMOVE = `mutation($id: ID!) { removeDraftActivity(id: $id) { id } }`;
const BOARD = `query($id: ID!) { board(agreementId: $id) { seq activities { ${ACTIVITY} version } } }`;
const AGREEMENT = `query($id: ID!) { agreement(id: $id) { id status nextSteps { key code done detail meetingId } meetings { id state }
  generatedDocuments { kind name url meetingId } activities { ${ACTIVITY} benefit output }
  actionPlan { items { activity { title } responsibleOpd { name } quarter startOn endOn description } } } }`;

type Ref = { activityId: string; title: string; note: string | null };
type Meeting = {
  id: string;
  state: string;
  heldOn: string;
  place: string;
  chairName: string | null;
  chairOffice: string;
  openedAt: string | null;
  closedAt: string | null;
  agenda: { id: string; position: number; title: string; note: string | null }[];
  attendance: { id: string; status: string; representedBy: string | null; personName: string | null; personOffice: string | null; opd: { id: string; code: string; name: string } | null }[];
  decisions: {
    final: boolean;
    fromSeq: number;
    toSeq: number;
    eventSeqs: number[];
    byOpd: { opd: { code: string; name: string }; approved: Ref[]; added: Ref[]; removed: Ref[]; revised: (Ref & { changes: { field: string; before: string | null; after: string | null }[] })[]; undecided: Ref[] }[];
  } | null;
  documents: { kind: string; name: string; url: string; meetingId: string | null }[];
};
type Activity = { id: string; title: string; scope: string; decision: string; position: string; version: number; opd: { code: string } };

/** A GraphQL operation over a real graphql-ws client, answered once. */
function overSocket<T>(client: Client, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse<T> | undefined;
    client.subscribe<T>({ query, variables }, {
      next: (value) => (result = { status: 200, ...(value as object) } as GraphQLResponse<T>),
      error: reject,
      complete: () => resolve(result!),
    });
  });
}

const ok = <T>(result: GraphQLResponse<T>): T => {
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

describeEachDatabase('drafting meetings, their decisions and documents', (dialect) => {
  let t: TestServer;
  let fx: WorkflowFixtures;
  let officer: string;
  let bappeda: string;
  let dispar: string;
  let viewer: string;
  let opdIds: Record<string, string>;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'meetings');
    fx = new WorkflowFixtures(() => t.server.dataSource);
    [officer, bappeda, dispar, viewer] = await Promise.all(['officer', 'bappeda', 'dispar', 'viewer'].map((name) => t.login(`${name}@jalin.local`)));
    const opds = ok(await t.gql<{ opds: { id: string; code: string }[] }>('{ opds { id code } }', {}, officer));
    opdIds = Object.fromEntries(opds.opds.map((o) => [o.code, o.id]));
  });
  afterAll(() => t?.close());

  const schedule = async (agreementId: string, extra: Record<string, unknown> = {}) =>
    ok(
      await t.gql<{ scheduleMeeting: Meeting }>(
        SCHEDULE,
        {
          input: {
            agreementId,
            title: 'Rapat Pembahasan Rencana Kerja Sama',
            heldOn: '2019-03-14',
            startTime: '09:00',
            place: 'Ruang Praja Utama, Kantor Wali Kota Denpasar',
            chairName: 'Test Chair',
            chairOffice: 'Asisten III Sekda Kota Denpasar',
            agenda: ['Pembahasan rencana kegiatan', 'Tindak lanjut'],
            invitedOpdIds: [opdIds.BAPPEDA, opdIds.DISPAR, opdIds.DISBUD],
            invitedPeople: [{ name: 'Kabag Kerja Sama', office: 'Bagian Kerja Sama' }],
            ...extra,
          },
        },
        officer,
      ),
    ).scheduleMeeting;
  const meeting = async (id: string, token = officer) => ok(await t.gql<{ meeting: Meeting }>(MEETING, { id }, token)).meeting;
  const board = async (id: string) => ok(await t.gql<{ board: { seq: number; activities: Activity[] } }>(BOARD, { id }, officer)).board;
  const agreement = async (id: string, token = officer) => ok(await t.gql<{ agreement: Record<string, unknown> & { nextSteps: { key: string; done: boolean; detail: string | null }[] } }>(AGREEMENT, { id }, token)).agreement;
  const download = (url: string, token: string | null) => fetch(new URL(url, t.url).toString(), { headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** A drafting agreement of its own, with two activities each for BAPPEDA and DISPAR (one of DISPAR's accepted). */
  async function draftingAgreement(title: string) {
    const id = await fx.scratchAgreement(title, AgreementStatus.PLAN_DRAFTING, [
      { opd: 'BAPPEDA', title: `${title}: start-up exchange`, decision: ActivityDecision.PROPOSED },
      { opd: 'BAPPEDA', title: `${title}: smart city pilot`, decision: ActivityDecision.PROPOSED },
      { opd: 'DISPAR', title: `${title}: tourism fair`, decision: ActivityDecision.PROPOSED },
      { opd: 'DISPAR', title: `${title}: travel agents trip`, decision: ActivityDecision.ACCEPTED },
    ]);
    return gid('Agreement', id);
  }

  it('tags exactly the changes between opening and closing, made concurrently by two OPD editors and an officer, and freezes them as the minutes', async () => {
    const agreementId = await draftingAgreement('Script');
    const scheduled = await schedule(agreementId);
    expect(scheduled.state).toBe('SCHEDULED');
    expect(scheduled.decisions).toBeNull();
    const [startup, smart, fair, trip] = (await board(agreementId)).activities;

    // Before opening: not part of the meeting.
    ok(await t.gql(UPDATE, { id: smart.id, base: smart.version, patch: { output: 'Written before the meeting' } }, bappeda));
    expect((await agreement(agreementId)).nextSteps.find((s) => s.key === 'DRAFTING_MEETING_CLOSED')).toMatchObject({ done: false });

    const updates: { state: string; attendance: string[] }[] = [];
    const watcher = t.ws(viewer);
    const stop = watcher.subscribe<{ meetingUpdated: Meeting }>(
      { query: 'subscription($id: ID) { meetingUpdated(meetingId: $id) { state attendance { status } } }', variables: { id: scheduled.id } },
      { next: ({ data }) => data && updates.push({ state: data.meetingUpdated.state, attendance: data.meetingUpdated.attendance.map((a) => a.status) }), error: () => undefined, complete: () => undefined },
    );
    // The subscription is in place once a first round trip on the same socket is answered.
    await overSocket(watcher, '{ me { id } }', {});

    const opened = ok(await t.gql<{ openMeeting: Meeting }>(OPEN, { id: scheduled.id }, officer)).openMeeting;
    expect(opened.state).toBe('IN_PROGRESS');
    const steps = (await agreement(agreementId)).nextSteps.find((s) => s.key === 'DRAFTING_MEETING_CLOSED');
    expect(steps?.detail).toMatch(/still in progress/);
    // The meeting to close is an argument of its own, the global id a client can open it by.
    expect(steps).toMatchObject({ code: 'DRAFTING_MEETING_CLOSED', meetingId: opened.id });

    // Three people at once: BAPPEDA's editor over HTTP, DISPAR's over its own WebSocket, the officer over HTTP.
    const disparSocket = t.ws(dispar);
    const [bappedaLine, disparLine, , personLine] = opened.attendance;
    let added: Record<string, string> = {};
    await Promise.all([
      (async () => {
        ok(await t.gql(ATTEND, { id: bappedaLine.id, status: 'PRESENT' }, bappeda));
        ok(await t.gql(UPDATE, { id: startup.id, base: startup.version, patch: { decision: 'ACCEPTED' } }, bappeda));
        ok(await t.gql(UPDATE, { id: smart.id, base: smart.version + 1, patch: { scope: 'Smart-city services, revised in the meeting' } }, bappeda));
        const n = ok(await t.gql<{ addDraftActivity: Activity }>(ADD, { input: { agreementId, title: 'Script: incubator curriculum', scope: 's', benefit: 'b', output: 'o' } }, bappeda));
        added = { ...added, bappeda: n.addDraftActivity.id };
      })(),
      (async () => {
        ok(await overSocket(disparSocket, ATTEND, { id: disparLine.id, status: 'REPRESENTED', by: 'Kepala Bidang Promosi' }));
        ok(await overSocket(disparSocket, REMOVE, { id: fair.id }));
        const n = ok(await overSocket<{ addDraftActivity: Activity }>(disparSocket, ADD, { input: { agreementId, title: 'Script: coastal tourism promotion', scope: 's', benefit: 'b', output: 'o' } }));
        added = { ...added, dispar: n.addDraftActivity.id };
        ok(await overSocket(disparSocket, UPDATE, { id: n.addDraftActivity.id, base: 1, patch: { decision: 'ACCEPTED' } }));
      })(),
      (async () => {
        ok(await t.gql(ATTEND, { id: personLine.id, status: 'PRESENT' }, officer));
        ok(await t.gql(UPDATE, { id: smart.id, base: smart.version + 1, patch: { title: 'Script: smart city pilot (revised)' } }, officer));
        const n = ok(await t.gql<{ addDraftActivity: Activity }>(ADD, { input: { agreementId, opdId: opdIds.DISBUD, title: 'Script: cultural performance', scope: 's', benefit: 'b', output: 'o' } }, officer));
        added = { ...added, disbud: n.addDraftActivity.id };
        ok(await t.gql(DECISION_NOTE, { m: scheduled.id, a: trip.id, note: 'Kept as agreed earlier' }, officer));
      })(),
    ]);
    const agendaNote = ok(await t.gql<{ recordAgendaItemNote: { note: string } }>(AGENDA_NOTE, { id: opened.agenda[0].id, note: 'Each OPD presented its list' }, officer));
    expect(agendaNote.recordAgendaItemNote.note).toBe('Each OPD presented its list');

    // So far (not yet final): the same computation that closing freezes.
    const live = await meeting(scheduled.id, viewer);
    expect(live.decisions?.final).toBe(false);

    const closed = ok(await t.gql<{ closeMeeting: Meeting }>(CLOSE, { id: scheduled.id }, officer)).closeMeeting;
    expect(closed.state).toBe('CLOSED');
    const { decisions } = closed;
    expect(decisions?.final).toBe(true);

    // After closing: not part of the meeting, and it changes nothing in its result.
    ok(await t.gql(UPDATE, { id: startup.id, base: startup.version + 1, patch: { title: 'Script: renamed after the meeting' } }, bappeda));
    const after = await meeting(scheduled.id, viewer);
    expect(after.decisions).toEqual({ ...decisions, byOpd: decisions!.byOpd.map((g) => ({ ...g })) });
    expect(after.decisions!.byOpd.map((g) => g.opd.code)).toEqual(['BAPPEDA', 'DISBUD', 'DISPAR']);

    // Against the log: the meeting's events are exactly those committed between opening and closing.
    const log = await t.server.dataSource.getRepository(ChangeEvent).find({ where: { agreementId: localId(agreementId) }, order: { seq: 'ASC' } });
    const between = log.filter((e) => e.seq > decisions!.fromSeq && e.seq <= decisions!.toSeq);
    expect(decisions!.eventSeqs).toEqual(between.map((e) => e.seq));
    expect(between.length).toBe(8);
    expect(log.filter((e) => e.meetingId === localId(scheduled.id)).map((e) => e.seq)).toEqual(decisions!.eventSeqs);
    const outside = log.filter((e) => !decisions!.eventSeqs.includes(e.seq));
    expect(outside.map((e) => e.meetingId)).toEqual(outside.map(() => null));
    expect(outside.map((e) => e.changedFields)).toEqual([['output'], ['title']]);
    // Every activity the log touched in the meeting is in the decisions.
    const decided = new Set(decisions!.byOpd.flatMap((g) => [...g.approved, ...g.added, ...g.removed, ...g.revised, ...g.undecided].map((a) => a.activityId)));
    for (const event of between) expect(decided.has(gid('DraftActivity', event.activityId!))).toBe(true);

    const group = (code: string) => decisions!.byOpd.find((g) => g.opd.code === code)!;
    const titles = (refs: Ref[]) => refs.map((r) => r.title);
    expect(titles(group('BAPPEDA').approved)).toEqual(['Script: start-up exchange']);
    expect(titles(group('BAPPEDA').added)).toEqual(['Script: incubator curriculum']);
    expect(group('BAPPEDA').revised).toEqual([
      {
        activityId: smart.id,
        title: 'Script: smart city pilot (revised)',
        note: null,
        changes: [
          { field: 'title', before: 'Script: smart city pilot', after: 'Script: smart city pilot (revised)' },
          { field: 'scope', before: 'Scope of the activity', after: 'Smart-city services, revised in the meeting' },
        ],
      },
    ]);
    expect(titles(group('BAPPEDA').undecided)).toEqual(['Script: smart city pilot (revised)', 'Script: incubator curriculum']);
    expect(titles(group('DISPAR').removed)).toEqual(['Script: tourism fair']);
    expect(titles(group('DISPAR').added)).toEqual(['Script: coastal tourism promotion']);
    expect(group('DISPAR').undecided).toEqual([]);
    expect(titles(group('DISBUD').added)).toEqual(['Script: cultural performance']);
    // The note on a decision is kept, but an activity the meeting did not touch is not a decision.
    expect(decided.has(trip.id)).toBe(false);

    expect(closed.attendance.map((a) => [a.opd?.code ?? a.personName, a.status, a.representedBy])).toEqual([
      ['BAPPEDA', 'PRESENT', null],
      ['DISPAR', 'REPRESENTED', 'Kepala Bidang Promosi'],
      ['DISBUD', 'INVITED', null],
      ['Kabag Kerja Sama', 'PRESENT', null],
    ]);
    // The last notification may still be on its way: wait for it (bounded by jest's timeout).
    while (updates.at(-1)?.state !== 'CLOSED') await new Promise((resolve) => setTimeout(resolve, 20));
    expect(updates.map((u) => u.state)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'CLOSED'].slice(0, updates.length));
    expect(updates.at(-1)).toEqual({ state: 'CLOSED', attendance: ['PRESENT', 'REPRESENTED', 'INVITED', 'PRESENT'] });
    stop();

    // The checklist: a closed meeting in this drafting round.
    expect((await agreement(agreementId)).nextSteps.find((s) => s.key === 'DRAFTING_MEETING_CLOSED')).toMatchObject({ done: true });

    // The minutes, read back: date, attendance and decisions as the API gives them, nothing from after closing.
    const minutesRef = closed.documents.find((d) => d.kind === 'MINUTES')!;
    expect(minutesRef).toMatchObject({ name: `berita-acara-rapat-${localId(scheduled.id)}.docx`, meetingId: scheduled.id });
    const response = await download(minutesRef.url, viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/wordprocessingml/);
    const text = await docxParagraphs(await response.arrayBuffer());
    const joined = text.join('\n');
    expect(text).toContain('BERITA ACARA RAPAT');
    expect(joined).toContain(`: ${formatIndonesianDate(closed.heldOn)}`);
    expect(formatIndonesianDate(closed.heldOn)).toBe('Kamis, 14 Maret 2019');
    expect(text).toContain(`Denpasar, Kamis, 14 Maret 2019`);
    expect(joined).toContain(`: ${closed.place}`);
    expect(text).toContain(': Pukul 09.00 WITA'); // scheduled at 09:00: Indonesian letters write the time with a point
    for (const line of closed.attendance) {
      const name = line.opd ? line.opd.name : `${line.personName}, ${line.personOffice}`;
      const status = { PRESENT: 'Hadir', ABSENT: 'Tidak hadir', REPRESENTED: `Diwakili oleh ${line.representedBy}`, INVITED: 'Belum dicatat' }[line.status];
      expect(text.indexOf(name)).toBeGreaterThan(-1);
      expect(text[text.indexOf(name) + 1]).toBe(status);
    }
    for (const g of decisions!.byOpd) {
      const heading = text.indexOf(`${decisions!.byOpd.indexOf(g) + 1}. ${g.opd.name} (${g.opd.code})`);
      expect(heading).toBeGreaterThan(-1);
      for (const [label, refs] of [['Disetujui:', g.approved], ['Ditambahkan:', g.added], ['Dikurangi (dihapus):', g.removed], ['Direvisi:', g.revised], ['Belum diputuskan:', g.undecided]] as const) {
        if (!refs.length) continue;
        const at = text.indexOf(label, heading);
        expect(text.slice(at + 1).filter((p) => p.startsWith('- ')).length).toBeGreaterThan(0);
        for (const ref of refs) expect(text.indexOf(`- ${ref.title}`, at)).toBeGreaterThan(at);
      }
    }
    expect(text).toContain('Judul: Script: smart city pilot → Script: smart city pilot (revised)');
    expect(text).toContain('Catatan: Each OPD presented its list');
    expect(joined).not.toContain('renamed after the meeting');
    expect(text.at(-1)).toBe('Test Chair');
    expect(text.at(-2)).toBe('Asisten III Sekda Kota Denpasar');
  });

  it('writes the activity annex and the action plan from what the API returns, and lists them on the agreement', async () => {
    const agreementId = await draftingAgreement('Annex');
    const accepted = (await board(agreementId)).activities.filter((a) => a.decision === 'ACCEPTED');
    await fx.addPresentationAndPlan(localId(agreementId), 'DISPAR');
    const data = await agreement(agreementId, viewer);
    const docs = data.generatedDocuments as { kind: string; url: string }[];
    expect(docs.map((d) => d.kind)).toEqual(['ACTIVITY_ANNEX', 'ACTION_PLAN']);

    const annex = await download(docs[0].url, viewer);
    expect(annex.status).toBe(200);
    const text = await docxParagraphs(await annex.arrayBuffer());
    const activities = (data.activities as (Activity & { benefit: string; output: string })[]).filter((a) => a.decision === 'ACCEPTED');
    expect(activities.map((a) => a.id)).toEqual(accepted.map((a) => a.id));
    expect(text).toContain('RENCANA KEGIATAN');
    let cursor = 0;
    for (const activity of activities) {
      const at = text.indexOf(activity.title, cursor);
      expect(at).toBeGreaterThan(cursor - 1);
      expect(text.slice(at, at + 4)).toEqual([activity.title, activity.scope, activity.benefit, activity.output]);
      cursor = at + 1;
    }
    for (const a of (data.activities as Activity[]).filter((x) => x.decision !== 'ACCEPTED')) expect(text).not.toContain(a.title);

    const plan = await download(docs[1].url, viewer);
    expect(plan.status).toBe(200);
    const planText = await docxParagraphs(await plan.arrayBuffer());
    const items = (data.actionPlan as { items: { activity: { title: string }; responsibleOpd: { name: string }; quarter: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    for (const [index, item] of items.entries()) {
      const at = planText.indexOf(item.activity.title);
      expect(planText.slice(at - 1, at + 3)).toEqual([String(index + 1), item.activity.title, item.responsibleOpd.name, 'Triwulan I 2027']);
    }
  });

  it('refuses closing twice, opening outside drafting or beside another meeting in progress, and editing a closed meeting’s attendance, changing nothing', async () => {
    const agreementId = await draftingAgreement('Refusals');
    const m = await schedule(agreementId);
    ok(await t.gql(OPEN, { id: m.id }, officer));
    const closed = ok(await t.gql<{ closeMeeting: Meeting }>(CLOSE, { id: m.id }, officer)).closeMeeting;

    const refused = async (query: string, variables: Record<string, unknown>, code: string, message: RegExp, token = officer) => {
      const before = await snapshot(t.server.dataSource);
      const result = await t.gql(query, variables, token);
      expect(result.errors?.[0].extensions?.code).toBe(code);
      expect(result.errors?.[0].message).toMatch(message);
      expectNoInternals(result);
      expect(await snapshot(t.server.dataSource)).toEqual(before);
    };
    await refused(CLOSE, { id: m.id }, 'INVALID_TRANSITION', /already closed/);
    expect(await meeting(m.id)).toEqual(closed);
    await refused(ATTEND, { id: closed.attendance[0].id, status: 'ABSENT' }, 'INVALID_TRANSITION', /CLOSED meeting can no longer be changed/);
    await refused(ATTEND, { id: closed.attendance[0].id, status: 'ABSENT' }, 'INVALID_TRANSITION', /CLOSED/, bappeda);
    await refused(OPEN, { id: m.id }, 'INVALID_TRANSITION', /Only a SCHEDULED meeting/);

    const notDrafting = gid('Agreement', await fx.scratchAgreement('Refusals: LoI', AgreementStatus.LOI_SIGNED));
    const early = await schedule(notDrafting);
    await refused(OPEN, { id: early.id }, 'INVALID_TRANSITION', /only while the agreement's activities are being drafted \(PLAN_DRAFTING\); the agreement is LOI_SIGNED/);
    expect((await meeting(early.id)).state).toBe('SCHEDULED');

    const first = await schedule(agreementId);
    const second = await schedule(agreementId);
    ok(await t.gql(OPEN, { id: first.id }, officer));
    await refused(OPEN, { id: second.id }, 'INVALID_TRANSITION', /Another meeting of this agreement is in progress/);
    // While it runs, the agreement cannot go to the DPRD: the meeting's decisions are not final.
    await refused('mutation($id: ID!) { advanceAgreement(id: $id, to: DPRD_REVIEW) { id } }', { id: agreementId }, 'INVALID_TRANSITION', /still in progress: close it first/);
    await refused(ATTEND, { id: first.attendance[0].id, status: 'REPRESENTED' }, 'BAD_USER_INPUT', /representedBy/);
    await refused(SCHEDULE, { input: { agreementId, title: ' ', heldOn: '2019-03-14', place: 'x', chairOffice: 'y' } }, 'BAD_USER_INPUT', /title may not be empty/);
    await refused(SCHEDULE, { input: { agreementId, title: 'x', heldOn: '2019-02-30', place: 'x', chairOffice: 'y' } }, 'BAD_USER_INPUT', /.+/);
  });

  it('lets a viewer read and download but change nothing, and an OPD editor record only its own OPD’s attendance', async () => {
    const agreementId = await draftingAgreement('Permissions');
    const m = await schedule(agreementId);
    const opened = ok(await t.gql<{ openMeeting: Meeting }>(OPEN, { id: m.id }, officer)).openMeeting;
    const [bappedaLine, disparLine, , personLine] = opened.attendance;

    const forbidden = async (query: string, variables: Record<string, unknown>, token: string) => {
      const before = await snapshot(t.server.dataSource);
      const result = await t.gql(query, variables, token);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await snapshot(t.server.dataSource)).toEqual(before);
    };
    await forbidden(ATTEND, { id: bappedaLine.id, status: 'PRESENT' }, viewer);
    await forbidden(CLOSE, { id: m.id }, viewer);
    await forbidden(ATTEND, { id: bappedaLine.id, status: 'PRESENT' }, dispar);
    await forbidden(ATTEND, { id: personLine.id, status: 'PRESENT' }, dispar);
    await forbidden(CLOSE, { id: m.id }, dispar);
    expect(ok(await t.gql<{ recordAttendance: { status: string } }>(ATTEND, { id: disparLine.id, status: 'ABSENT' }, dispar)).recordAttendance.status).toBe('ABSENT');

    // Draft minutes while in progress: any signed-in user downloads them; nobody anonymous.
    const url = opened.documents[0].url;
    const draft = await download(url, viewer);
    expect(draft.status).toBe(200);
    expect(await docxParagraphs(await draft.arrayBuffer())).toContain('RANCANGAN BERITA ACARA RAPAT');
    const anonymous = await download(url, null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await download(url.replace(/meeting=[^&]+/, `meeting=${encodeURIComponent(gid('Meeting', 999999))}`), viewer)).status).toBe(404);
    expect((await download(`/agreements/${encodeURIComponent(agreementId)}/documents/action-plan.docx`, viewer)).status).toBe(400);
  });

  it('seeds the article’s meeting in progress on Perth’s, Mossel Bay’s and Gyeongju’s boards, chaired by the Asisten III', async () => {
    const result = ok(await t.gql<{ agreements: { edges: { node: { partnerCity: { name: string }; meetings: { state: string; chairOffice: string; place: string; note: string }[] } }[] } }>(
      '{ agreements(first: 50) { edges { node { partnerCity { name } meetings { state chairOffice place note } } } } }', {}, viewer));
    const withMeetings = result.agreements.edges.filter((e) => e.node.meetings.some((m) => m.note?.startsWith('As reported')));
    expect(withMeetings.map((e) => e.node.partnerCity.name).sort()).toEqual(['Gyeongju', 'Mossel Bay', 'Perth']);
    for (const { node } of withMeetings) {
      expect(node.meetings[0]).toMatchObject({ state: 'IN_PROGRESS', chairOffice: 'Asisten III Sekda Kota Denpasar', place: 'Ruang Praja Utama, Kantor Wali Kota Denpasar' });
      expect(node.meetings[0].note).toMatch(/Illustrative, not reported/);
    }
  });
});
