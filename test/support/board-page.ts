import type { Page } from 'playwright-core';
import { ACTIVITY_FIELDS, inBoardOrder, type Activity } from './board-helpers';
import { signIn } from './browser';
import type { TestServer } from './test-server';

/** Helpers of the board's browser tests: what a page shows, what the server has, and waiting. */
type Board = { seq: number; activities: Activity[] };
const BOARD = `query($id: ID!) { board(agreementId: $id) { seq activities { ${ACTIVITY_FIELDS} } } }`;

/** Waits until check() passes (it throws while not yet), or fails with its last error. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** What a page shows: the activities in order, each with its title and version. */
export async function shownBoard(page: Page) {
  return page.$$eval('[data-testid="activity"]', (cards) =>
    cards.map((card) => ({
      id: card.getAttribute('data-activity-id')!,
      version: Number(card.getAttribute('data-version')),
      title: card.querySelector('[data-testid="activity-title"]')!.textContent!,
    })),
  );
}

export async function serverBoard(t: { gql: TestServer['gql'] }, token: string, agreementId: string): Promise<Board> {
  const result = await t.gql<{ board: Board }>(BOARD, { id: agreementId }, token);
  return result.data!.board;
}

/** The page shows exactly the server's board: same items, order, titles and versions. */
export async function expectSameAsServer(page: Page, board: Board) {
  expect(await shownBoard(page)).toEqual(inBoardOrder(board.activities).map((a) => ({ id: a.id, version: a.version, title: a.title })));
}

export async function openBoard(page: Page, origin: string, email: string, agreementId: string) {
  await signIn(page, origin, email, `/perjanjian/${encodeURIComponent(agreementId)}/papan`);
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
  await page.getByTestId('board-list').waitFor();
}

/** One activity's card on a page. */
export const card = (page: Page, id: string) => page.locator(`[data-testid="activity"][data-activity-id="${id}"]`);

