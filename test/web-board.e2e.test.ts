import type { Browser, Page } from 'playwright-core';
import { demoBoards } from './support/board-helpers';
import { card, eventually, expectSameAsServer, openBoard, serverBoard, shownBoard } from './support/board-page';
import { assertAccessible, describeInBrowser, launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser';
import { describeEachDatabase } from './support/each-database';
import { startTestServer, type TestServer } from './support/test-server';

describeInBrowser('the board in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 300_000); // may build the web client first
  afterAll(() => browser?.close());

  describeEachDatabase('two people on one board', (dialect) => {
    let t: TestServer;
    let origin: string;
    let officerToken: string;
    let bappedaToken: string;
    let perth: string;
    let officer: WatchedPage;
    let bappeda: WatchedPage;
    beforeAll(async () => {
      t = await startTestServer(dialect, 'web-board');
      origin = new URL(t.url).origin;
      officerToken = await t.login('officer@jalin.local');
      bappedaToken = await t.login('bappeda@jalin.local');
      const boards = await t.gql<{ agreements: { nodes: { id: string }[] } }>('{ agreements(filter: { search: "Perth" }) { nodes { id } } }', {}, officerToken);
      perth = boards.data!.agreements.nodes[0].id;
    });
    afterAll(async () => {
      await officer?.close();
      await bappeda?.close();
      await t?.close();
    });

    it('each sees the other\'s add, edit, reorder (keyboard and mouse), remove and restore; presence shows both', async () => {
      officer = await openPage(browser);
      bappeda = await openPage(browser, { viewport: { width: 1024, height: 1300 } }); // a tablet in landscape
      await openBoard(officer.page, origin, 'officer@jalin.local', perth);
      await openBoard(bappeda.page, origin, 'bappeda@jalin.local', perth);
      const start = await serverBoard(t, officerToken, perth);
      await expectSameAsServer(officer.page, start);
      await expectSameAsServer(bappeda.page, start);

      // Presence: both people, on both pages.
      const names = async (page: Page) => (await page.locator('[data-testid="presence-user"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort();
      const [officerName, bappedaName] = await Promise.all(
        [officerToken, bappedaToken].map(async (token) => (await t.gql<{ me: { name: string } }>('{ me { name } }', {}, token)).data!.me.name),
      );
      await eventually(async () => expect(await names(officer.page)).toEqual([officerName, bappedaName].sort()));
      await eventually(async () => expect(await names(bappeda.page)).toEqual([officerName, bappedaName].sort()));

      // Add (Bappeda, its own OPD) → the officer sees it.
      await bappeda.page.getByLabel('Judul kegiatan baru').fill('Kunjungan studi kota pintar');
      await bappeda.page.getByRole('button', { name: 'Tambahkan' }).click();
      await eventually(async () => expect((await shownBoard(officer.page)).map((a) => a.title)).toContain('Kunjungan studi kota pintar'));
      const added = (await serverBoard(t, officerToken, perth)).activities.find((a) => a.title === 'Kunjungan studi kota pintar')!;
      expect(added.opd.code).toBe('BAPPEDA');

      // Edit (the officer, on DISPAR's activity) → Bappeda sees the new scope; for Bappeda that
      // activity is another OPD's: read-only, no edit button.
      const dispar = start.activities.find((a) => a.opd.code === 'DISPAR')!;
      await card(officer.page, dispar.id).getByRole('button', { name: /^Ubah/ }).click();
      // A scope over 5 000 characters is refused by the server (reason TOO_LONG, max 5000): the toast words it in Indonesian.
      await card(officer.page, dispar.id).getByLabel('Ruang lingkup').fill('s'.repeat(5001));
      await card(officer.page, dispar.id).getByRole('button', { name: 'Simpan' }).click();
      await officer.page.getByText('Isian tidak valid: Ruang lingkup paling banyak 5.000 karakter.', { exact: true }).waitFor();
      if (dialect === 'sqlite') await screenshot(officer.page, 'board-refused-scope');
      // Closed, so that it covers nothing the later steps check (it would stay 8 s).
      await officer.page.locator('.mantine-Notification-root', { hasText: 'Isian tidak valid' }).getByRole('button', { name: 'Tutup' }).click();
      await card(officer.page, dispar.id).getByLabel('Ruang lingkup').fill('Promosi bersama di ITB Berlin dan WTM London');
      await card(officer.page, dispar.id).getByRole('button', { name: 'Simpan' }).click();
      await eventually(async () => expect(await card(bappeda.page, dispar.id).getByTestId('activity-scope').textContent()).toBe('Promosi bersama di ITB Berlin dan WTM London'));
      expect(await card(bappeda.page, dispar.id).getAttribute('data-readonly')).toBe('true');
      expect(await card(bappeda.page, dispar.id).getByRole('button', { name: /^Ubah/ }).count()).toBe(0);
      expect(await card(bappeda.page, dispar.id).getByTestId('readonly-badge').textContent()).toMatch(/DISPAR/);

      // Reorder by keyboard (the officer): the new activity's handle, Space, up three times, Space.
      const handle = card(officer.page, added.id).getByTestId('drag-handle');
      // dnd-kit measures in animation frames, which Chromium runs only for the page in front.
      await officer.page.bringToFront();
      await handle.focus();
      // Each step waits for dnd-kit's announcement of it (its live region), not for a fixed time.
      const announced = async (text: string) =>
        eventually(async () => expect(await officer.page.locator('[id^="DndLiveRegion"]').textContent()).toContain(text));
      await officer.page.keyboard.press('Space');
      await announced('Kunjungan studi kota pintar di posisi 4.'); // picked up (over its own place)
      for (const position of [3, 2, 1]) {
        await officer.page.keyboard.press('ArrowUp');
        await announced(`Kunjungan studi kota pintar di posisi ${position}.`);
      }
      await officer.page.keyboard.press('Space');
      await announced('Kunjungan studi kota pintar diletakkan di posisi 1.');
      await eventually(async () => expect((await serverBoard(t, officerToken, perth)).activities.map((a) => a.id)[0]).toBe(added.id));
      await eventually(async () => expectSameAsServer(bappeda.page, await serverBoard(t, officerToken, perth)));
      await eventually(async () => expectSameAsServer(officer.page, await serverBoard(t, officerToken, perth)));

      // Reorder with the mouse (Bappeda): its first activity dragged to the end of the list.
      const bappedaFirst = start.activities.find((a) => a.opd.code === 'BAPPEDA')!;
      await bappeda.page.bringToFront();
      const from = await card(bappeda.page, bappedaFirst.id).getByTestId('drag-handle').boundingBox();
      const lastCard = await bappeda.page.locator('[data-testid="activity"]').last().boundingBox();
      await bappeda.page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
      await bappeda.page.mouse.down();
      const targetY = lastCard!.y + lastCard!.height - 5;
      for (let step = 1; step <= 12; step++) await bappeda.page.mouse.move(from!.x + from!.width / 2, from!.y + ((targetY - from!.y) * step) / 12);
      await bappeda.page.mouse.up();
      await eventually(async () => expect((await serverBoard(t, officerToken, perth)).activities.map((a) => a.id).at(-1)).toBe(bappedaFirst.id));
      await eventually(async () => expectSameAsServer(officer.page, await serverBoard(t, officerToken, perth)));
      await eventually(async () => expectSameAsServer(bappeda.page, await serverBoard(t, officerToken, perth)));

      // Remove (Bappeda) → gone for the officer, who restores it → back for Bappeda.
      await card(bappeda.page, added.id).getByRole('button', { name: /^Hapus/ }).click();
      await eventually(async () => expect((await shownBoard(officer.page)).map((a) => a.id)).not.toContain(added.id));
      await officer.page.locator(`[data-testid="removed-activity"][data-activity-id="${added.id}"]`).getByRole('button', { name: /^Pulihkan/ }).click();
      await eventually(async () => expect((await shownBoard(bappeda.page)).map((a) => a.id)).toContain(added.id));
      await eventually(async () => expectSameAsServer(bappeda.page, await serverBoard(t, officerToken, perth)));
      await eventually(async () => expectSameAsServer(officer.page, await serverBoard(t, officerToken, perth)));

      await assertAccessible(officer.page, 'board (officer)');
      await assertAccessible(bappeda.page, 'board (bappeda)');
      await screenshot(officer.page, `board-officer-${dialect}`);
      await screenshot(bappeda.page, `board-bappeda-tablet-${dialect}`);
      officer.assertClean();
      bappeda.assertClean();
    });

    it('the same fields edited at once: the later one chooses per field, yours or theirs, and both end with the choices', async () => {
      const board = await serverBoard(t, officerToken, perth);
      const target = board.activities.find((a) => a.opd.code === 'BAPPEDA')!;
      for (const page of [officer.page, bappeda.page]) await card(page, target.id).getByRole('button', { name: /^Ubah/ }).click();
      await card(bappeda.page, target.id).getByLabel('Judul').fill('Pertukaran wirausaha Denpasar–Perth');
      await card(bappeda.page, target.id).getByLabel('Ruang lingkup').fill('Inkubasi usaha kreatif bersama');
      await card(officer.page, target.id).getByLabel('Judul').fill('Program pertukaran start-up');
      await card(officer.page, target.id).getByLabel('Ruang lingkup').fill('Magang singkat di Perth');
      // The officer's focus on a field shows on Bappeda's board as a soft lock.
      await eventually(async () => expect(await card(bappeda.page, target.id).getByText(/sedang mengubah kolom ini/).count()).toBeGreaterThan(0));
      await card(bappeda.page, target.id).getByRole('button', { name: 'Simpan' }).click();
      await eventually(async () => expect(await card(officer.page, target.id).getByTestId('activity-title').textContent()).toBe('Pertukaran wirausaha Denpasar–Perth'));
      await card(officer.page, target.id).getByRole('button', { name: 'Simpan' }).click();

      // Side by side per field: the officer's value and the saved (Bappeda's) one, nothing chosen yet.
      const dialog = officer.page.getByRole('dialog');
      await dialog.waitFor();
      const title = dialog.getByTestId('conflict-title');
      const scope = dialog.getByTestId('conflict-scope');
      expect(await title.getByTestId('conflict-yours').textContent()).toBe('Program pertukaran start-up');
      expect(await title.getByTestId('conflict-theirs').textContent()).toBe('Pertukaran wirausaha Denpasar–Perth');
      expect(await scope.getByTestId('conflict-yours').textContent()).toBe('Magang singkat di Perth');
      expect(await scope.getByTestId('conflict-theirs').textContent()).toBe('Inkubasi usaha kreatif bersama');
      expect(await dialog.getByRole('button', { name: 'Terapkan pilihan' }).isDisabled()).toBe(true);
      await assertAccessible(officer.page, 'conflict dialog');
      await screenshot(officer.page, `board-conflict-${dialect}`);
      await title.getByLabel('Pakai milik Anda').check();
      await scope.getByLabel('Pakai milik mereka').check();
      await dialog.getByRole('button', { name: 'Terapkan pilihan' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The server, and both pages, hold the officer's title and Bappeda's scope.
      const chosen = { title: 'Program pertukaran start-up', scope: 'Inkubasi usaha kreatif bersama' };
      await eventually(async () => expect((await serverBoard(t, officerToken, perth)).activities.find((a) => a.id === target.id)).toMatchObject(chosen));
      const final = await serverBoard(t, officerToken, perth);
      for (const page of [officer.page, bappeda.page]) {
        await eventually(() => expectSameAsServer(page, final));
        await eventually(async () => expect(await card(page, target.id).getByTestId('activity-scope').textContent()).toBe(chosen.scope));
      }
      officer.assertClean();
      bappeda.assertClean();
    });

    it('an OPD editor cannot change another OPD\'s activity in the UI, and the server refuses it anyway', async () => {
      const before = await serverBoard(t, officerToken, perth);
      const others = before.activities.filter((a) => a.opd.code !== 'BAPPEDA');
      expect(others.length).toBeGreaterThan(0);
      for (const other of others) {
        expect(await card(bappeda.page, other.id).getAttribute('data-readonly')).toBe('true');
        expect(await card(bappeda.page, other.id).getByRole('button').count()).toBe(0); // no edit, remove, move or drag handle
      }
      const refused = await t.gql(
        'mutation($id: ID!, $v: Int!) { updateDraftActivity(id: $id, baseVersion: $v, patch: { title: "Bukan milik saya" }) { id } }',
        { id: others[0].id, v: others[0].version },
        bappedaToken,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await serverBoard(t, officerToken, perth)).toEqual(before);
      bappeda.assertClean();
    });

    it('a board outside PLAN_DRAFTING is read-only and says why', async () => {
      const { locked } = await demoBoards(t, officerToken);
      await officer.page.goto(`${origin}/perjanjian/${encodeURIComponent(locked)}/papan`);
      await officer.page.getByTestId('board-readonly').waitFor();
      expect(await officer.page.getByTestId('board-readonly').textContent()).toMatch(/MoU berlaku.*PLAN_DRAFTING/);
      expect(await officer.page.locator('[data-testid="activity"] button').count()).toBe(0);
      expect(await officer.page.getByRole('button', { name: 'Tambahkan' }).count()).toBe(0);
      await assertAccessible(officer.page, 'locked board');
      officer.assertClean();
    });
  });
});
