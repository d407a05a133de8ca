import type { Browser, Page } from 'playwright-core';
import { ACTIVITY_FIELDS } from './support/board-helpers';
import { describeInBrowser, launchBrowser, openPage, screenshot } from './support/browser';
import type { TestDatabase } from './support/databases';
import { createSeededTestDatabase } from './support/seeded-template';
import { describeEachDatabase } from './support/each-database';
import { assertBuilt, killProcess, startServerProcess, type RunningProcess } from './support/server-process';
import type { GraphQLResponse } from './support/test-server';
import { eventually, expectSameAsServer, openBoard, serverBoard } from './support/board-page';

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse<T>;
}

const ADD = `mutation($input: AddDraftActivityInput!) { addDraftActivity(input: $input) { ${ACTIVITY_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $patch: DraftActivityPatch!) { updateDraftActivity(id: $id, baseVersion: $v, patch: $patch) { ${ACTIVITY_FIELDS} } }`;
const MOVE = `mutation($id: ID!, $after: ID) { moveDraftActivity(id: $id, afterId: $after) { ${ACTIVITY_FIELDS} } }`;

describeInBrowser('the board across a server crash (kill -9) and restart', () => {
  let browser: Browser;
  beforeAll(async () => {
    assertBuilt();
    browser = await launchBrowser();
  }, 300_000); // may build the web client first
  afterAll(() => browser?.close());

  describeEachDatabase('the board open in two pages, the other person editing', (dialect) => {
    let database: TestDatabase;
    let server: RunningProcess | undefined;
    afterAll(async () => {
      await killProcess(server);
      await database?.drop();
    });

    it('shows reconnecting, then catches up from its last seq to exactly the server\'s board, each change once, without a reload', async () => {
      database = await createSeededTestDatabase(dialect, 'web-board-restart');
      server = await startServerProcess(database.config);
      const { url, port } = server;
      const origin = new URL(url).origin;
      const t = { gql: <T>(query: string, variables: Record<string, unknown> = {}, token?: string | null) => post<T>(url, query, variables, token ?? undefined) };
      const login = async (email: string) => (await post<{ login: { token: string } }>(url, 'mutation($e: String!) { login(email: $e, password: "jalin-demo") { token } }', { e: email })).data!.login.token;
      const officerToken = await login('officer@jalin.local');
      const bappedaToken = await login('bappeda@jalin.local');
      const perth = (await t.gql<{ agreements: { nodes: { id: string }[] } }>('{ agreements(filter: { search: "Perth" }) { nodes { id } } }', {}, officerToken)).data!.agreements.nodes[0].id;

      // While the server is away the browser logs its failed WebSocket attempts: expected here.
      const serverAway = { allowConsole: /WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/ };
      const officer = await openPage(browser, serverAway);
      const { page } = officer;
      await openBoard(page, origin, 'officer@jalin.local', perth);
      // The Bappeda editor has the board open too, through the crash, and keeps editing in its page.
      const bappeda = await openPage(browser, serverAway);
      await openBoard(bappeda.page, origin, 'bappeda@jalin.local', perth);
      const list = page.getByTestId('board-list');
      const initialSeq = Number(await list.getAttribute('data-seq'));
      const before = await serverBoard(t, officerToken, perth);
      expect(before.seq).toBe(initialSeq);
      const bappedaActivity = before.activities.find((a) => a.opd.code === 'BAPPEDA')!;

      // A change while connected arrives live.
      const first = await t.gql<{ updateDraftActivity: { version: number } }>(UPDATE, { id: bappedaActivity.id, v: bappedaActivity.version, patch: { scope: 'Sebelum server mati' } }, bappedaToken);
      expect(first.errors).toBeUndefined();
      await eventually(async () => expectSameAsServer(page, await serverBoard(t, officerToken, perth)));

      // The meeting panel asks the decisions again at that change: answered before the kill, so no
      // request of it is left to fail while the server is away.
      for (const p of [page, bappeda.page]) await p.getByText(/→ Sebelum server mati/).waitFor();
      // Both see each other on the board.
      const seenBy = (p: Page) => p.getByTestId('presence-user');
      await eventually(async () => expect(await seenBy(page).count()).toBe(2));

      // kill -9: no close frame; the page notices the dropped socket and retries.
      await killProcess(server);
      await page.locator('[data-testid="connection-state"][data-state="reconnecting"]').waitFor();
      await bappeda.page.locator('[data-testid="connection-state"][data-state="reconnecting"]').waitFor();
      // Whom the page last heard of is not known to be there now: the other person is only "last seen".
      const lastSeen = seenBy(page).and(page.locator('[data-present="false"]'));
      expect(await lastSeen.count()).toBe(1);
      expect(await lastSeen.textContent()).toMatch(/ — terakhir terlihat$/);
      expect(await seenBy(page).and(page.locator('[data-present="true"]')).textContent()).toMatch(/ — Anda$/);
      await screenshot(page, `board-reconnecting-${dialect}`);

      // Back on the same port; the other client edits at once (mostly before the page is back).
      server = await startServerProcess(database.config, port);
      const added = await t.gql<{ addDraftActivity: { id: string } }>(ADD, { input: { agreementId: perth, title: 'Ditambahkan saat terputus' } }, bappedaToken);
      expect(added.errors).toBeUndefined();
      const moved = await t.gql(MOVE, { id: bappedaActivity.id, after: added.data!.addDraftActivity.id }, bappedaToken);
      expect(moved.errors).toBeUndefined();
      const current = (await serverBoard(t, officerToken, perth)).activities.find((a) => a.id === bappedaActivity.id)!;
      const renamed = await t.gql(UPDATE, { id: bappedaActivity.id, v: current.version, patch: { title: 'Judul baru saat terputus' } }, bappedaToken);
      expect(renamed.errors).toBeUndefined();

      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: 30_000 });
      await eventually(async () => expect(await seenBy(page).and(page.locator('[data-present="false"]')).count()).toBe(0));
      // And live again afterwards: the Bappeda editor adds one in its page, which the officer sees.
      await bappeda.page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: 30_000 });
      await bappeda.page.getByLabel('Judul kegiatan baru').fill('Setelah tersambung lagi');
      await bappeda.page.getByRole('button', { name: 'Tambahkan', exact: true }).click();
      await eventually(async () => expect((await serverBoard(t, officerToken, perth)).activities.map((a) => a.title)).toContain('Setelah tersambung lagi'));

      const final = await serverBoard(t, officerToken, perth);
      await eventually(() => expectSameAsServer(page, final));
      await eventually(() => expectSameAsServer(bappeda.page, final));
      expect(Number(await bappeda.page.getByTestId('board-list').getAttribute('data-board-loads'))).toBe(1);
      await eventually(async () => expect(Number(await list.getAttribute('data-seq'))).toBe(final.seq));
      // Every event since the page loaded was applied exactly once, and the board was never reloaded.
      expect(Number(await list.getAttribute('data-applied-events'))).toBe(final.seq - initialSeq);
      expect(Number(await list.getAttribute('data-board-loads'))).toBe(1);
      await screenshot(page, `board-after-restart-${dialect}`);
      officer.assertClean();
      bappeda.assertClean();
      await officer.close();
      await bappeda.close();
    });
  });
});
