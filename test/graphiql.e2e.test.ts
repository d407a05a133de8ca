import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GRAPHIQL_CSP } from '../src/http/graphiql.route';
import { Role } from '../src/entities';
import { describeEachDatabase } from './support/each-database';
import { startTestServer, type TestServer } from './support/test-server';

/** The page's document, as the functions that page.evaluate runs in the browser see it (no DOM types here). */
declare const document: { querySelector(selector: string): unknown };
declare const localStorage: Record<string, string>;

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(os.tmpdir(), 'jalin-screens');
const BROWSER_HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** The browser test runs wherever Chromium is installed, and always on CI (.ci/run installs it). */
const browserAvailable = fs.existsSync(CHROMIUM) || process.env.CI === 'true';
if (!browserAvailable) console.log(`GraphiQL browser test skipped: ${CHROMIUM} is missing (apt-get install chromium), and this is not CI`);
const describeInBrowser = browserAvailable ? describe : describe.skip;

function origin(t: TestServer) {
  return new URL(t.url).origin;
}

async function get(url: string, accept: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { accept, ...headers } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', csp: response.headers.get('content-security-policy'), text: await response.text() };
}

describeEachDatabase('GraphiQL over HTTP', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, 'graphiql-http');
  });
  afterAll(() => t?.close());

  it('serves the page to a browser, with a policy that keeps everything on this origin', async () => {
    const page = await get(t.url, BROWSER_HTML);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.csp).toBe(GRAPHIQL_CSP);
    expect(page.csp).toMatch(/default-src 'none'/);
    expect(page.csp).toMatch(/connect-src 'self'(;|$)/);
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(page.text).not.toMatch(/<script>/);
    // Every script and stylesheet the page names is served from here (the icon is an empty data: URL).
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((asset) => asset !== 'data:,');
    expect(assets.every((asset) => asset.startsWith('/'))).toBe(true);
    expect(assets.length).toBeGreaterThanOrEqual(7);
    for (const asset of assets) {
      const response = await get(new URL(asset, t.url).href, '*/*');
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      expect(response.type).toMatch(asset.endsWith('.css') ? /^text\/css/ : /javascript/);
    }
  });

  it('serves only the files it names under /graphiql/', async () => {
    for (const probe of ['package.json', '..%2Fpackage.json', 'graphiql.js', '%2E%2E%2F%2E%2E%2Fpackage.json']) {
      expect((await get(`${origin(t)}/graphiql/${probe}`, '*/*')).status).toBe(404);
    }
  });

  it('answers a non-browser GET as GraphQL, as before', async () => {
    const token = await t.login('viewer@jalin.local');
    const query = encodeURIComponent('{ opds { code } }');
    const json = await get(`${t.url}?query=${query}`, 'application/json', { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` });
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text).data.opds.length).toBeGreaterThan(0);
    // Without a preflight header, CSRF prevention still refuses it.
    expect((await get(`${t.url}?query=${query}`, 'application/json')).status).toBe(400);
  });
});

describeEachDatabase('GraphiQL in production', (dialect) => {
  it('is off unless GRAPHIQL=on, and Apollo Sandbox is never served', async () => {
    for (const graphiql of [false, true]) {
      const t = await startTestServer(dialect, `graphiql-production-${graphiql}`, { config: { env: 'production', graphiql } });
      try {
        const page = await get(t.url, BROWSER_HTML);
        const asset = await get(`${origin(t)}/graphiql/graphiql.min.js`, '*/*');
        if (graphiql) {
          expect(page.status).toBe(200);
          expect(page.text).toMatch(/graphiql\.min\.js/);
          expect(asset.status).toBe(200);
        } else {
          expect(page.text).not.toMatch(/graphiql|sandbox|apollographql/i);
          expect(asset.status).toBe(404);
        }
        // GraphQL itself is unchanged either way.
        const user = await t.server.services.users.create({ id: 0, role: Role.ADMIN, opdId: null }, { email: 'ops@jalin.test', name: 'Ops', role: Role.VIEWER, password: 'production-password' });
        const result = await t.gql('{ me { email } }', {}, await t.server.services.auth.issueToken(user));
        expect(result.data).toEqual({ me: { email: 'ops@jalin.test' } });
      } finally {
        await t.close();
      }
    }
  });
});

const RESPONSE_EDITOR = '.graphiql-response .CodeMirror';
/** The editor of the tab shown below the query (Headers, as the page opens it). */
const SHOWN_TOOL_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';

/** The text of one of GraphiQL's CodeMirror editors. */
function editorText(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => (document.querySelector(s) as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(), selector);
}

type QueryEditor = { CodeMirror: { setValue(v: string): void; operationName?: string | null } };

/**
 * Puts an operation into the query editor, and waits until GraphiQL has read its name (it does so
 * a moment after an edit; a click before that would run the operation named before).
 */
async function setQuery(page: Page, query: string, operationName: string) {
  await page.evaluate((q) => (document.querySelector('.graphiql-query-editor .CodeMirror') as QueryEditor).CodeMirror.setValue(q), query);
  await page.waitForFunction((name) => (document.querySelector('.graphiql-query-editor .CodeMirror') as QueryEditor).CodeMirror.operationName === name, operationName);
}

/** Waits until the response pane holds JSON that `accept` takes, and returns it. */
async function waitForResponse<T>(page: Page, accept: (json: unknown) => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await editorText(page, RESPONSE_EDITOR);
    try {
      const found = accept(JSON.parse(last));
      if (found !== undefined) return found;
    } catch {
      // Not JSON yet (empty, or a subscription's placeholder).
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`the response pane never showed what was expected; it shows: ${last.slice(0, 500)}`);
}

describeInBrowser('GraphiQL in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(() => browser?.close());

  describeEachDatabase('the IDE', (dialect) => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(dialect, 'graphiql-browser');
    });
    afterAll(() => t?.close());

    it('shows the schema, signs in, runs a query and a subscription, and nothing leaves the origin', async () => {
      const own = new URL(t.url).host;
      const outside: string[] = [];
      const problems: string[] = [];
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await context.route('**/*', (route) => {
        if (new URL(route.request().url()).host === own) return route.continue();
        outside.push(route.request().url());
        return route.abort();
      });
      await context.routeWebSocket((url) => url.host !== own, (ws) => {
        outside.push(ws.url());
        return ws.close();
      });
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${dialect}-${name}.png`) });

      try {
        await page.goto(`${origin(t)}/graphql`);
        await page.locator('.graphiql-container').waitFor();
        await page.locator('.jalin-sign-in').waitFor();
        await shot('1-loaded');
        // Its dialogs (which set inline styles: the policy must allow them) open without a complaint.
        await page.getByRole('button', { name: 'Open settings dialog' }).click();
        await page.getByRole('dialog').getByText('Theme').waitFor();
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        // The docs explorer, from the schema's introspection (before signing in: introspection needs no token).
        await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
        const docs = page.locator('.graphiql-doc-explorer');
        await docs.getByText('Query', { exact: true }).click();
        await docs.locator('.graphiql-doc-explorer-field-name', { hasText: /^agreement$/ }).click();
        await docs.locator('a.graphiql-doc-explorer-type-name', { hasText: /^Agreement$/ }).first().click();
        await docs.locator('.graphiql-doc-explorer-title', { hasText: 'Agreement' }).waitFor();
        await docs.locator('.graphiql-doc-explorer-field-name', { hasText: /^partnerCity$/ }).waitFor();
        await shot('2-docs');

        // Sign in through the panel: the token lands in the Headers tab.
        await page.getByRole('button', { name: 'Show Sign in' }).click();
        const panel = page.locator('.jalin-sign-in');
        await panel.getByLabel('Email').fill('officer@jalin.local');
        await panel.getByLabel('Password').fill('jalin-demo');
        await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
        await panel.getByRole('status').filter({ hasText: 'Signed in as' }).waitFor();
        expect(await panel.getByRole('status').textContent()).toMatch(/OFFICER/);
        const authorization: string = JSON.parse(await editorText(page, SHOWN_TOOL_EDITOR)).Authorization;
        expect(authorization).toMatch(/^Bearer \S+$/);
        await shot('3-signed-in');

        // A query, over HTTP with that header.
        await setQuery(page, 'query First { agreements(first: 1) { edges { node { id title } } } }', 'First');
        await page.locator('.graphiql-execute-button').click();
        const first = await waitForResponse(page, (json) => (json as { data?: { agreements: { edges: { node: { id: string; title: string } }[] } } }).data?.agreements.edges[0]?.node);
        expect(first.title.length).toBeGreaterThan(0);
        await shot('4-query');
        // GraphiQL keeps its tabs in localStorage, but not their headers: the token is not there.
        const stored = await page.evaluate(() => Object.entries(localStorage).join('\n'));
        expect(stored).toContain('query First');
        expect(stored).not.toContain(authorization.slice('Bearer '.length));

        // A subscription to that agreement, over this server's WebSocket; a change made over HTTP shows up.
        const subscribed = page.waitForEvent('websocket', (ws) => new URL(ws.url()).host === own).then((ws) => ws.waitForEvent('framesent', (frame) => String(frame.payload).includes('"subscribe"')));
        await setQuery(page, `subscription Watch { agreementUpdated(id: ${JSON.stringify(first.id)}) { id title } }`, 'Watch');
        await page.locator('.graphiql-execute-button').click();
        await subscribed;
        const officer = await t.login('officer@jalin.local');
        // The subscription starts listening just after its subscribe message: change until it hears one.
        let seen: string | undefined;
        for (let attempt = 1; attempt <= 10 && !seen; attempt++) {
          const title = `${first.title} (seen in GraphiQL ${attempt})`;
          const changed = await t.gql('mutation Rename($id: ID!, $title: String!) { updateAgreement(id: $id, input: { title: $title }) { title } }', { id: first.id, title }, officer);
          expect(changed.errors).toBeUndefined();
          seen = await waitForResponse(page, (json) => {
            const event = (json as { data?: { agreementUpdated?: { id: string; title: string } } }).data?.agreementUpdated;
            return event && event.id === first.id && event.title === title ? title : undefined;
          }, 3_000).catch(() => undefined);
        }
        expect(seen).toMatch(/seen in GraphiQL/);
        await shot('5-subscription');

        expect(outside).toEqual([]);
        expect(problems).toEqual([]);
      } catch (error) {
        await shot('failed');
        console.log('GraphiQL test failed; console errors:', problems, 'requests elsewhere:', outside);
        throw error;
      } finally {
        await context.close();
      }
    });
  });
});
