import type { Browser } from 'playwright-core';
import { WEB_APP_CSP } from '../src/http/web-app.route';
import { assertAccessible, describeInBrowser, ensureWebBuilt, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { startTestServer, type TestServer } from './support/test-server';

const BROWSER_HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function get(url: string, accept = BROWSER_HTML) {
  const response = await fetch(url, { headers: { accept } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', csp: response.headers.get('content-security-policy'), text: await response.text() };
}

describe('the web client is served at /', () => {
  let t: TestServer;
  let origin: string;
  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTestServer('sqlite', 'web-serve');
    origin = new URL(t.url).origin;
  });
  afterAll(() => t?.close());

  it('answers the app page for / and every client route, with a same-origin policy', async () => {
    for (const route of ['/', '/masuk', '/perjanjian/QWdyZWVtZW50OjE=/papan', '/laporan', '/admin', '/anything/else']) {
      const page = await get(origin + route);
      expect({ route, status: page.status }).toEqual({ route, status: 200 });
      expect(page.type).toMatch(/text\/html/);
      expect(page.text).toContain('<div id="root"></div>');
      expect(page.csp).toBe(WEB_APP_CSP);
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await get(origin + '/')).text)![1];
    const asset = await fetch(origin + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('never answers the server paths with the page', async () => {
    expect((await get(origin + '/graphql')).text).not.toContain('<div id="root"></div>'); // GraphiQL
    expect((await get(origin + '/graphql')).text).toContain('graphiql');
    expect(await get(origin + '/healthz', 'application/json')).toMatchObject({ status: 200, type: expect.stringMatching(/json/) });
    expect((await get(origin + '/reports/cooperation.csv')).status).toBe(401);
    expect((await get(origin + '/reports/unknown')).text).not.toContain('<div id="root"></div>');
    expect((await get(origin + '/assets/missing-file.js')).status).toBe(404);
    // Not asking for HTML (an API client): no page either.
    expect((await get(origin + '/perjanjian/1', 'application/json')).status).toBe(404);
    // A script's or a probe's `*/*` is not a browser asking for a page; and the server's own paths never are.
    expect((await get(origin + '/perjanjian/1', '*/*')).status).toBe(404);
    expect((await get(origin + '/metrics')).text).not.toContain('<div id="root"></div>');
    expect((await get(origin + '/readyz')).text).not.toContain('<div id="root"></div>');
    expect((await get(origin + '/audit/trail.csv')).status).toBe(401);
  });
});

describeInBrowser('the web client in Chromium: shell and sign-in', () => {
  let browser: Browser;
  let t: TestServer;
  let origin: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestServer('sqlite', 'web-shell');
    origin = new URL(t.url).origin;
  }, 300_000); // may build the web client first
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses a wrong password with a message, signs in, navigates, switches language and signs out', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(origin + '/laporan');
    await page.waitForURL(/\/masuk$/);
    await assertAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email').fill('officer@jalin.local');
    await page.getByLabel('Kata sandi').fill('not-the-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByTestId('sign-in-error').textContent()).resolves.toMatch(/salah/);

    await signIn(page, origin, 'officer@jalin.local');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Petugas Bagian Kerja Sama');
    await page.getByRole('link', { name: 'Laporan' }).click();
    await page.waitForURL(/\/laporan$/);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('id');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('link', { name: 'Reports' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
    await assertAccessible(page, 'shell');
    await screenshot(page, 'shell-reports-en');
    await page.getByText('ID', { exact: true }).click();
    // The token lives for the tab: a reload keeps the session.
    await page.reload();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/masuk$/);
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
    w.assertClean();
    await w.close();
  });

  it('sends a user whose token no longer works back to sign-in, saying why', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, 'viewer@jalin.local');
    // The token is replaced by one the server refuses (as after JWT_SECRET rotation or expiry).
    await page.evaluate(() => {
      const storage = (globalThis as unknown as { sessionStorage: { getItem(k: string): string; setItem(k: string, v: string): void } }).sessionStorage;
      const session = JSON.parse(storage.getItem('jalin.session'));
      session.token = session.token.slice(0, -4) + 'AAAA';
      storage.setItem('jalin.session', JSON.stringify(session));
    });
    await page.reload();
    await page.waitForURL(/\/masuk$/);
    await expect(page.getByTestId('signed-out-reason').textContent()).resolves.toMatch(/Sesi Anda telah berakhir/);
    w.assertClean();
    await w.close();
  });

  it('sends a user deactivated while their board is open back to sign-in at once, saying why', async () => {
    const adminToken = await t.login('admin@jalin.local');
    const perth = (await t.gql<{ agreements: { nodes: { id: string }[] } }>('{ agreements(filter: { search: "Perth" }) { nodes { id } } }', {}, adminToken)).data!.agreements.nodes[0].id;
    const dispar = (await t.gql<{ users: { nodes: { id: string; email: string }[] } }>('{ users(first: 50) { nodes { id email } } }', {}, adminToken)).data!.users.nodes.find((u) => u.email === 'dispar@jalin.local')!;
    const w = await openPage(browser);
    const { page } = w;
    await signIn(page, origin, 'dispar@jalin.local', `/perjanjian/${encodeURIComponent(perth)}/papan`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    // The admin deactivates the user: the server closes their WebSocket (4403), and the page,
    // without any click, ends the session.
    const deactivated = await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { id active } }', { id: dispar.id }, adminToken);
    expect(deactivated.errors).toBeUndefined();
    await page.waitForURL(/\/masuk$/);
    await expect(page.getByTestId('signed-out-reason').textContent()).resolves.toMatch(/dinonaktifkan oleh admin.*hubungi Admin Jalin/);
    await screenshot(page, 'sign-in-after-deactivation');
    await assertAccessible(page, 'sign-in after deactivation');
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('jalin.session'))).toBeNull();
    w.assertClean();
    await w.close();
  });
});
