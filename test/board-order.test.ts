import { placeBetween } from '../src/services/board.service';
import { keyBetween, keysBetween } from '../src/services/order-keys';

/** Keys compare byte-wise (MySQL stores them with a binary collation): the order of the board. */
const sorted = (keys: string[]) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('board order keys', () => {
  it('makes a key strictly between two keys, before the first and after the last', () => {
    const [a, b] = keysBetween(null, null, 2);
    const middle = keyBetween(a, b);
    const first = keyBetween(null, a);
    const last = keyBetween(b, null);
    expect(sorted([last, b, middle, a, first])).toEqual([first, a, middle, b, last]);
    expect(new Set([first, a, middle, b, last]).size).toBe(5);
  });

  it('keeps finding room between neighbours inserted again and again at the same place', () => {
    let low = keyBetween(null, null);
    const high = keyBetween(low, null);
    const made = [low, high];
    for (let i = 0; i < 200; i++) {
      low = keyBetween(low, high);
      made.push(low);
    }
    expect(new Set(made).size).toBe(made.length);
    expect(sorted(made).at(-1)).toBe(high);
    expect(made.filter((key) => key !== high).every((key) => key < high)).toBe(true);
  });

  it('makes n ascending keys between two neighbours, for a batch of rows at once', () => {
    const [a, b] = keysBetween(null, null, 2);
    const keys = keysBetween(a, b, 10);
    expect(keys).toHaveLength(10);
    expect(sorted(keys)).toEqual(keys);
    expect(keys.every((key) => key > a && key < b)).toBe(true);
  });

  it('still lands between neighbours named in the wrong order, and refuses two equal ones (no room)', () => {
    const [a, b] = keysBetween(null, null, 2);
    const key = keyBetween(b, a);
    expect(key > a && key < b).toBe(true);
    expect(() => keyBetween(a, a)).toThrow();
  });
});

describe('placeBetween (where an added or moved activity goes)', () => {
  const live = [
    { id: 1, position: 'a0' },
    { id: 2, position: 'a1' },
    { id: 3, position: 'a2' },
  ];

  it('puts it right after afterId when that activity is still live', () => {
    expect(placeBetween(live, 1, null)).toEqual({ prev: live[0], next: live[1] });
    expect(placeBetween(live, 3, null)).toEqual({ prev: live[2], next: null });
  });

  it('prefers afterId over beforeId when both are named and they are no longer neighbours', () => {
    expect(placeBetween(live, 1, 3)).toEqual({ prev: live[0], next: live[1] });
  });

  it('falls back to right before beforeId when afterId is gone (moved away or removed)', () => {
    expect(placeBetween(live, 99, 2)).toEqual({ prev: live[0], next: live[1] });
    expect(placeBetween(live, null, 1)).toEqual({ prev: null, next: live[0] });
  });

  it('puts it at the end when neither neighbour is named or still there', () => {
    expect(placeBetween(live, null, null)).toEqual({ prev: live[2], next: null });
    expect(placeBetween(live, 98, 99)).toEqual({ prev: live[2], next: null });
    expect(placeBetween([], null, null)).toEqual({ prev: null, next: null });
  });

  it('gives neighbours between which a key always fits', () => {
    for (const [afterId, beforeId] of [[1, null], [null, 1], [3, null], [null, null], [2, 3]] as const) {
      const { prev, next } = placeBetween(live, afterId, beforeId);
      const key = keyBetween(prev?.position ?? null, next?.position ?? null);
      if (prev) expect(key > prev.position).toBe(true);
      if (next) expect(key < next.position).toBe(true);
    }
  });
});
