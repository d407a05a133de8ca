import { badInput } from '../errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** The page size a client asked for, refused with a clear message when out of range. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}; got ${first}`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  return first;
}

/** Cursors are opaque to clients: base64url of the last seen id, with a prefix to reject foreign strings. */
export function encodeCursor(id: number): string {
  return Buffer.from(`cursor:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined) return null;
  const match = /^cursor:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('"after" is not a cursor this API handed out; pass an endCursor from a previous page', { argument: 'after' });
  return Number(match[1]);
}
