import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './test-server';

/**
 * Browser tests of the web client: Debian's Chromium driven by playwright-core (nothing downloads a
 * browser), against the real server serving the built web/dist.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(process.env.TMPDIR ?? os.tmpdir(), 'jalin-screens');
const ROOT = path.join(__dirname, '..', '..');

/** The browser tests run wherever Chromium is installed, and always on CI (.ci/run installs it). */
export const browserAvailable = fs.existsSync(CHROMIUM) || process.env.CI === 'true';
export const describeInBrowser = browserAvailable ? describe : describe.skip;
if (!browserAvailable) console.log(`web browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium), and this is not CI`);

/** Builds web/dist if its sources changed (a no-op otherwise: `npm test` has built it already). */
export function ensureWebBuilt() {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export async function launchBrowser(): Promise<Browser> {
  ensureWebBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface WatchOptions {
  /** Console errors that are expected in this test (e.g. WebSocket failures while the server is down). */
  allowConsole?: RegExp;
  /** Failed requests that are expected in this test (by URL). */
  allowFailedRequest?: (url: string) => boolean;
  viewport?: { width: number; height: number };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
  /** Fails the test if the page logged an error or a request failed. */
  assertClean(): void;
  close(): Promise<void>;
}

/**
 * A fresh context (own sessionStorage: one signed-in person) and page that records every console
 * error, uncaught page error, failed request and HTTP error answer.
 */
export async function openPage(browser: Browser, options: WatchOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (options.allowConsole?.test(message.text())) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (options.allowFailedRequest?.(request.url())) return;
    // A navigation away aborts what the old page still loaded: not a failure of the app.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !options.allowFailedRequest?.(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    context,
    page,
    problems,
    assertClean() {
      expect(problems).toEqual([]);
    },
    close: () => context.close(),
  };
}

/** Signs in through the sign-in page and waits for the signed-in layout. */
export async function signIn(page: Page, origin: string, email: string, to = '/') {
  await page.goto(origin + '/masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/Kata sandi|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await page.getByTestId('signed-in-as').waitFor();
  if (to !== '/') await page.goto(origin + to);
}

/** A full-page screenshot in $TMPDIR/jalin-screens/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // From the top: a full-page shot of a scrolled page draws the fixed header over the content.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Waits until no finite CSS transition or animation runs (a dialog fading in, a toast sliding in):
 * axe-core measures colours as drawn, and text caught half-faded fails the contrast rule. Endless
 * ones (skeleton shimmer, spinners) are not waited for. A transition can start a frame after its
 * element mounts, so the page must be quiet at two checks, two frames apart.
 */
async function settleTransitions(page: Page) {
  // A string, run in the page: this project's type checking has no DOM library.
  await page.evaluate(`(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const running = () => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
    let quiet = 0;
    for (let round = 0; round < 50 && quiet < 2; round++) {
      const busy = running();
      if (busy.length) {
        quiet = 0;
        await Promise.all(busy.map((a) => a.finished.catch(() => undefined)));
      } else quiet++;
      await frame();
      await frame();
    }
  })()`);
}

/**
 * Runs axe-core in the page (its source injected, nothing fetched) and fails on any serious or
 * critical violation, listing each with the elements it found.
 */
export async function assertAccessible(page: Page, label: string) {
  await settleTransitions(page);
  // Evaluated over the DevTools protocol, so the page's Content-Security-Policy (script-src 'self') allows it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) {
    throw new Error(`axe-core (${label}): ${serious.length} serious/critical violation(s):\n${JSON.stringify(serious, null, 2)}`);
  }
}
