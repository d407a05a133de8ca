import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Board order keys (fractional-indexing). Keys compare byte-wise, which is why MySQL stores them
 * with a binary collation. Only the server calls these, under the agreement's row lock.
 */
export function keyBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

export function keysBetween(before: string | null, after: string | null, count: number): string[] {
  return generateNKeysBetween(before, after, count);
}
