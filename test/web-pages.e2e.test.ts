import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, describeInBrowser, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { startTestServer, type TestServer } from './support/test-server';

/*
 * The Dashboard, Agreement, Reports and Administration pages in real Chromium against the real
 * server (SQLite, demo data): every page as every role, the figures against the API, the CSV
 * download, a refused workflow action and the actions a role is (not) offered.
 * JALIN_UPDATE_SCREENSHOTS=1 also writes the README's docs/screenshots/dashboard.png.
 */

jest.setTimeout(180_000);

const ROLES = [
  { role: 'ADMIN', email: 'admin@jalin.local' },
  { role: 'OFFICER', email: 'officer@jalin.local' },
  { role: 'OPD_EDITOR', email: 'bappeda@jalin.local' },
  { role: 'VIEWER', email: 'viewer@jalin.local' },
] as const;

interface AgreementRow {
  id: string;
  title: string;
  status: string;
  history: { id: string }[];
}

interface Report {
  totals: { agreements: number; countries: number; partnerCities: number; mousInForce: number; mousExpiring: number; agreementsByStatus: { status: string; count: number }[] };
  countries: { country: { code: string }; agreements: number }[];
}

const REPORT = `{ cooperationReport { totals { agreements countries partnerCities mousInForce mousExpiring agreementsByStatus { status count } } countries { country { code } agreements } } }`;

describeInBrowser('the web pages in Chromium: dashboard, agreement, reports, administration', () => {
  let browser: Browser;
  let t: TestServer;
  let origin: string;
  let officerToken: string;
  let agreements: AgreementRow[];

  const agreementIn = (...statuses: string[]) => {
    const found = agreements.find((a) => statuses.includes(a.status));
    if (!found) throw new Error(`the demo data has no agreement in ${statuses.join('/')}`);
    return found;
  };
  const loadAgreements = async () => {
    const res = await t.gql<{ agreements: { nodes: AgreementRow[] } }>(`{ agreements(first: 100) { nodes { id title status history { id } } } }`, {}, officerToken);
    return res.data!.agreements.nodes;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestServer('sqlite', 'web-pages');
    origin = new URL(t.url).origin;
    officerToken = await t.login('officer@jalin.local');
    agreements = await loadAgreements();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function visit(page: Page, route: string, ready: string) {
    await page.goto(origin + route);
    await page.getByTestId(ready).first().waitFor();
    // Charts and skeletons settle once every query has answered.
    await page.waitForLoadState('networkidle');
    // No layout jump while the data loads (skeletons of the final size): Chromium's cumulative
    // layout shift of the page so far stays in the "good" range (< 0.1).
    const shift = await layoutShift(page);
    if (shift >= 0.1) throw new Error(`${route}: the layout shifted by ${shift.toFixed(3)} while loading (a page without jumps stays below 0.1)`);
  }

  /** The sum of the page's layout shifts not caused by input (Chromium's Layout Instability API). */
  function layoutShift(page: Page): Promise<number> {
    return page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          type Shift = { value: number; hadRecentInput: boolean };
          const Observer = (globalThis as unknown as { PerformanceObserver: new (cb: (list: { getEntries(): Shift[] }) => void) => { observe(o: object): void; disconnect(): void } }).PerformanceObserver;
          let total = 0;
          const observer = new Observer((list) => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
          });
          observer.observe({ type: 'layout-shift', buffered: true });
          // Buffered entries are delivered in the observer's first callback, within a frame.
          setTimeout(() => {
            observer.disconnect();
            resolve(total);
          }, 100);
        }),
    );
  }

  it.each(ROLES)('shows every page to $role without console errors, failed requests or serious axe violations', async ({ role, email }) => {
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, email);
    const slug = role.toLowerCase();

    await visit(page, '/', 'stat-agreements');
    await page.getByTestId('agreement-row').first().waitFor();
    const dashboardShot = await screenshot(page, `page-dashboard-${slug}`);
    await assertAccessible(page, `dashboard as ${role}`);
    if (role === 'OFFICER' && process.env.JALIN_UPDATE_SCREENSHOTS === '1') {
      fs.copyFileSync(dashboardShot, path.join(__dirname, '..', 'docs', 'screenshots', 'dashboard.png'));
    }
    // The administration menu item is for admins only.
    expect(await page.getByRole('link', { name: 'Administrasi' }).count()).toBe(role === 'ADMIN' ? 1 : 0);

    const agreement = agreementIn('MOU_IN_FORCE', 'PLAN_DRAFTING');
    await visit(page, `/perjanjian/${encodeURIComponent(agreement.id)}`, 'agreement-status');
    await page.getByTestId('history').waitFor();
    await screenshot(page, `page-agreement-${slug}`);
    await assertAccessible(page, `agreement as ${role}`);

    // The board of an agreement being drafted: a viewer reads it and is told why it cannot change it.
    const drafting = agreementIn('PLAN_DRAFTING');
    await visit(page, `/perjanjian/${encodeURIComponent(drafting.id)}/papan`, 'activity');
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    expect(await page.getByTestId('board-readonly').count()).toBe(role === 'VIEWER' ? 1 : 0);
    expect(await page.getByRole('button', { name: 'Tambahkan' }).count()).toBe(role === 'VIEWER' ? 0 : 1);
    await screenshot(page, `page-board-${slug}`);
    await assertAccessible(page, `board as ${role}`);

    await visit(page, '/laporan', 'report-summary');
    await screenshot(page, `page-reports-${slug}`);
    await assertAccessible(page, `reports as ${role}`);

    await visit(page, '/admin', role === 'ADMIN' ? 'users-table' : 'not-allowed');
    if (role === 'ADMIN') await page.getByTestId('user-officer@jalin.local').waitFor();
    await screenshot(page, `page-admin-${slug}`);
    await assertAccessible(page, `administration as ${role}`);

    w.assertClean();
    await w.close();
  });

  it("shows on the dashboard the same figures as cooperationReport", async () => {
    const report = (await t.gql<{ cooperationReport: Report }>(REPORT, {}, officerToken)).data!.cooperationReport;
    expect(report.totals.agreements).toBeGreaterThan(0);
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, 'officer@jalin.local');
    await visit(page, '/', 'stat-agreements');
    const stat = async (name: string) => Number(await page.getByTestId(`stat-${name}`).textContent());
    expect({
      agreements: await stat('agreements'),
      countries: await stat('countries'),
      partnerCities: await stat('partnerCities'),
      mousInForce: await stat('mousInForce'),
      mousExpiring: await stat('mousExpiring'),
    }).toEqual({
      agreements: report.totals.agreements,
      countries: report.totals.countries,
      partnerCities: report.totals.partnerCities,
      mousInForce: report.totals.mousInForce,
      mousExpiring: report.totals.mousExpiring,
    });
    const pipeline: Record<string, number> = {};
    for (const badge of await page.locator('[data-testid^="pipeline-"]').all()) {
      const count = Number(await badge.getAttribute('data-count'));
      if (count) pipeline[(await badge.getAttribute('data-testid'))!.replace('pipeline-', '')] = count;
    }
    expect(pipeline).toEqual(Object.fromEntries(report.totals.agreementsByStatus.filter((s) => s.count).map((s) => [s.status, s.count])));
    // The per-country chart describes its bars in its label: one per country row of the report.
    const chartLabel = (await page.getByTestId('chart-countries').locator('[role="img"]').getAttribute('aria-label'))!;
    // Named in the page's language from their codes (the API's names are English).
    expect(chartLabel).toContain('Korea Selatan');
    expect(chartLabel).toContain('Afrika Selatan');
    expect(chartLabel).not.toContain('South Korea');
    const numbers = [...chartLabel.matchAll(/ (\d+)(?:,|$)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(report.countries.map((c) => c.agreements));
    // The table's total is the agreements connection's: the same agreements as the report's.
    await expect(page.getByTestId('agreements-total').textContent()).resolves.toContain(String(report.totals.agreements));
    w.assertClean();
    await w.close();
  });

  it('fits every page to a tablet held upright, the menu behind a button', async () => {
    const TABLET = { width: 820, height: 1180 };
    const w = await openPage(browser, { viewport: TABLET });
    const { page } = w;
    await signIn(page, origin, 'admin@jalin.local');
    const pageWidth = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    const drafting = agreementIn('PLAN_DRAFTING');
    const pages = [
      { name: 'dashboard', route: '/', ready: 'agreement-row' },
      { name: 'agreement', route: `/perjanjian/${encodeURIComponent(drafting.id)}`, ready: 'history' },
      { name: 'board', route: `/perjanjian/${encodeURIComponent(drafting.id)}/papan`, ready: 'activity' },
      { name: 'reports', route: '/laporan', ready: 'report-summary' },
      { name: 'admin', route: '/admin', ready: 'users-table' },
    ];
    for (const { name, route, ready } of pages) {
      await visit(page, route, ready);
      // The page keeps to the screen's width: wide tables scroll inside their card, nothing sideways.
      expect({ name, width: await pageWidth() }).toEqual({ name, width: TABLET.width });
      await screenshot(page, `page-${name}-tablet`);
      await assertAccessible(page, `${name} on a tablet`);
    }
    // The navigation is behind the menu button, which a keyboard opens too.
    expect(await page.getByRole('link', { name: 'Laporan' }).isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Buka menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('link', { name: 'Laporan' }).click();
    await page.waitForURL(/\/laporan$/);
    await page.getByTestId('report-summary').waitFor();
    w.assertClean();
    await w.close();
  });

  it('downloads the report as a CSV that parses and matches the report', async () => {
    const report = (await t.gql<{ cooperationReport: Report }>(REPORT, {}, officerToken)).data!.cooperationReport;
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, 'viewer@jalin.local', '/laporan');
    await page.getByTestId('report-summary').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = await download.path();
    const rows = parse(fs.readFileSync(file!), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.totals.agreements);
    const byStatus: Record<string, number> = {};
    for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    expect(byStatus).toEqual(Object.fromEntries(report.totals.agreementsByStatus.filter((s) => s.count).map((s) => [s.status, s.count])));
    expect(new Set(rows.map((r) => r.country_code)).size).toBe(report.totals.countries);

    // Printed for the DPRD: the report and its heading only, no navigation, header or buttons.
    await page.emulateMedia({ media: 'print' });
    await page.getByText(/^Laporan Kerja Sama Luar Negeri Kota Denpasar, per /).waitFor();
    for (const hidden of [page.getByRole('navigation'), page.getByRole('banner'), page.getByTestId('download-csv')]) expect(await hidden.isVisible()).toBe(false);
    expect(await page.getByTestId('report-countries').isVisible()).toBe(true);
    await screenshot(page, 'page-reports-print');
    await page.emulateMedia({ media: 'screen' });
    w.assertClean();
    await w.close();
  });

  it('shows a refused action’s server error at its field, and nothing changes', async () => {
    const target = agreementIn('EXPLORATION');
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, 'officer@jalin.local', `/perjanjian/${encodeURIComponent(target.id)}`);
    await page.getByTestId('agreement-status').waitFor();
    await page.getByRole('button', { name: 'Batalkan perjanjian' }).click();
    const form = page.getByTestId('form-cancel');
    await form.getByRole('button', { name: 'Simpan' }).click();
    // The server's BAD_USER_INPUT names the argument `note` and its reason: the page words it in
    // Indonesian under the note field, never the server's English message.
    const note = form.getByLabel('Catatan');
    await expect(note.getAttribute('aria-invalid')).resolves.toBe('true');
    await form.getByText('Catatan wajib diisi.', { exact: true }).waitFor();
    await form.getByTestId('form-error-summary').waitFor();
    // A note over the column's 1 000 characters: the reason's parameter (max) is written the Indonesian way.
    await note.fill('x'.repeat(1001));
    await form.getByRole('button', { name: 'Simpan' }).click();
    await form.getByText('Catatan paling banyak 1.000 karakter.', { exact: true }).waitFor();
    expect(await form.getByText(/characters|Say why/).count()).toBe(0);
    await screenshot(page, 'page-agreement-refused-action');
    await assertAccessible(page, 'refused action');
    const after = (await loadAgreements()).find((a) => a.id === target.id)!;
    expect({ status: after.status, history: after.history.length }).toEqual({ status: 'EXPLORATION', history: target.history.length });
    expect(await page.getByTestId('agreement-status').getAttribute('data-status')).toBe('EXPLORATION');
    w.assertClean();
    await w.close();
  });

  it('words the checklist from its codes and arguments, in Indonesian and, switched, in English', async () => {
    // A board in drafting whose drafting meeting is still in progress (the demo's Perth): that item has an argument of its own.
    const STEPS = `query($id: ID!) { agreement(id: $id) { nextSteps { code done meetingId } } }`;
    const drafting = agreements.filter((a) => a.status === 'PLAN_DRAFTING');
    const withSteps = await Promise.all(
      drafting.map(async (a) => ({ a, steps: (await t.gql<{ agreement: { nextSteps: { code: string; done: boolean; meetingId: string | null }[] } }>(STEPS, { id: a.id }, officerToken)).data!.agreement.nextSteps })),
    );
    const { a: target, steps } = withSteps.find(({ steps }) => steps.some((s) => s.meetingId))!;
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, 'officer@jalin.local', `/perjanjian/${encodeURIComponent(target.id)}`);
    const list = page.getByTestId('next-steps');
    await list.waitFor();
    const items = list.getByRole('listitem');
    // The page shows the API's items, in its order, each done or open as the API says.
    const shown = await items.evaluateAll((nodes) => nodes.map((n) => ({ code: n.getAttribute('data-code'), done: n.getAttribute('data-done') === 'true' })));
    expect(shown).toEqual(steps.map(({ code, done }) => ({ code, done })));
    const meetingItem = list.locator('[data-code="DRAFTING_MEETING_CLOSED"]');
    await expect(meetingItem.textContent()).resolves.toContain('Rapat pembahasan masih berlangsung: tutup rapat itu dulu.');
    await expect(list.locator('[data-code="SUBMIT_TO_DPRD"]').textContent()).resolves.toContain('Ajukan ke DPRD');
    const indonesian = (await list.textContent())!;
    // Neither the server's English nor a raw global id reaches the reader.
    expect(indonesian).not.toMatch(/Submit|Record|advance|recordDocument/);
    expect(indonesian).not.toContain(steps.find((s) => s.meetingId)!.meetingId!);
    await screenshot(page, 'page-agreement-checklist-id');
    await assertAccessible(page, 'checklist in Indonesian');

    await page.getByText('EN', { exact: true }).click();
    await meetingItem.getByText('A drafting meeting is still in progress: close it first.').waitFor();
    await expect(list.locator('[data-code="SUBMIT_TO_DPRD"]').textContent()).resolves.toContain('Submit to the DPRD');
    await screenshot(page, 'page-agreement-checklist-en');
    await page.getByText('ID', { exact: true }).click();
    await meetingItem.getByText(/Rapat pembahasan masih berlangsung/).waitFor();

    // Advancing with that item open: the server's INVALID_TRANSITION lists the open items by code
    // (extensions.missing), which the form words as the checklist does, never in the server's English.
    await page.getByRole('button', { name: 'Lanjutkan tahap' }).click();
    const advance = page.getByTestId('form-advance');
    await advance.getByRole('button', { name: 'Simpan' }).click();
    const refusal = advance.getByTestId('form-error');
    await refusal.getByText(/^Belum dapat lanjut ke tahap Pembahasan DPRD\. Yang belum terpenuhi: .*Kegiatan sudah dibahas dalam rapat pembahasan yang telah ditutup/).waitFor();
    expect(await refusal.textContent()).not.toMatch(/cannot move|drafting meeting/);
    await screenshot(page, 'page-agreement-refused-advance');
    expect(await page.getByTestId('agreement-status').getAttribute('data-status')).toBe('PLAN_DRAFTING');
    w.assertClean();
    await w.close();
  });

  it('takes and shows the report\'s dates day first, the Indonesian way (the English way when switched), and asks the API for YYYY-MM-DD', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, 'viewer@jalin.local', '/laporan');
    await page.getByTestId('report-summary').waitFor();
    const from = page.getByRole('textbox', { name: 'Dari tanggal' });
    const to = page.getByRole('textbox', { name: 'Sampai tanggal' });
    await expect(from.getAttribute('placeholder')).resolves.toBe('hh/bb/tttt');
    const asked = (filter: { from?: string; to?: string }) =>
      page.waitForRequest((request) => {
        const body = request.method() === 'POST' && request.url().endsWith('/graphql') ? (request.postDataJSON() as { variables?: { filter?: Record<string, unknown> } }) : null;
        return body?.variables?.filter?.from === filter.from && body?.variables?.filter?.to === filter.to;
      });
    // Typed day first: 14/03/2019 is the fourteenth of March, and 03/04/2019 the third of April (not the fourth of March).
    let request = asked({ from: '2019-03-14' });
    await from.fill('14/03/2019');
    await request;
    request = asked({ from: '2019-03-14', to: '2019-04-03' });
    await to.fill('03/04/2019');
    await request;
    // The calendar opened under the field speaks Indonesian too, on the typed day's month.
    await page.getByText('April 2019', { exact: true }).waitFor();
    await screenshot(page, 'page-reports-dates-calendar-id');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 2 }).first().click();
    await expect(from.inputValue()).resolves.toBe('14 Maret 2019');
    await expect(to.inputValue()).resolves.toBe('3 April 2019');
    await page.getByTestId('report-summary').waitFor();
    await screenshot(page, 'page-reports-dates-id');
    await assertAccessible(page, 'report dates in Indonesian');
    await page.getByText('EN', { exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'From', exact: true }).inputValue()).resolves.toBe('14 March 2019');
    await expect(page.getByRole('textbox', { name: 'From', exact: true }).getAttribute('placeholder')).resolves.toBe('dd/mm/yyyy');
    // A month written out is read too, in the page's language.
    request = asked({ from: '2019-03-14', to: '2019-05-01' });
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('1 May 2019');
    await request;
    await page.keyboard.press('Escape');
    await screenshot(page, 'page-reports-dates-en');
    await page.getByText('ID', { exact: true }).click();
    w.assertClean();
    await w.close();
  });

  it('offers a role only the actions it may take', async () => {
    const target = agreementIn('EXPLORATION');
    const route = `/perjanjian/${encodeURIComponent(target.id)}`;
    const offered = async (email: string) => {
      const w = await openPage(browser);
      await signIn(w.page, origin, email, route);
      await w.page.getByTestId('agreement-status').waitFor();
      await w.page.waitForLoadState('networkidle');
      const buttons = (await w.page.getByTestId('actions').count()) ? await w.page.getByTestId('actions').getByRole('button').allTextContents() : [];
      const none = await w.page.getByTestId('no-actions').count();
      w.assertClean();
      await w.close();
      return { buttons, none };
    };
    // An officer may record the LoI or cancel an agreement in exploration …
    expect(await offered('officer@jalin.local')).toEqual({ buttons: ['Catat dokumen', 'Batalkan perjanjian'], none: 0 });
    // … an OPD editor and a viewer may not: nothing is offered, and the page says why.
    expect(await offered('bappeda@jalin.local')).toEqual({ buttons: [], none: 1 });
    expect(await offered('viewer@jalin.local')).toEqual({ buttons: [], none: 1 });
  });
});
