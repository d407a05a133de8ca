import { BoardEventKind } from '../src/entities';
import type { BoardEventPayload } from '../src/events/topics';
import type { FeedNotice } from '../src/realtime/board-feed';
import { openBoardStream, type BoardStreamItem, type BoardStreamOptions } from '../src/realtime/board-stream';
import { DomainError } from '../src/errors';

const AGREEMENT = 7;
const OPTIONS: BoardStreamOptions = { maxReplay: 100, bufferCap: 5, pageSize: 2, maxBacklogBytes: 1024 };

const event = (seq: number): BoardEventPayload => ({
  agreementId: AGREEMENT, seq, kind: BoardEventKind.UPDATED, activityId: 1, changedFields: ['title'], snapshot: null, actorId: 1, at: new Date(0).toISOString(),
});

/**
 * The committed log and the live feed of one board, in memory: the two sources a stream reads. The
 * test decides what is committed and what the feed says, including what it loses or repeats.
 */
class Board {
  log: BoardEventPayload[] = [];
  listeners = new Set<(notice: FeedNotice) => void>();
  pagesRead = 0;
  constructor(committed: number) {
    for (let seq = 1; seq <= committed; seq++) this.log.push(event(seq));
  }
  commit(announce = true) {
    const next = event(this.log.length + 1);
    this.log.push(next);
    if (announce) this.say({ event: next });
    return next;
  }
  say(notice: FeedNotice) {
    for (const listener of [...this.listeners]) listener(notice);
  }
  deps() {
    return {
      board: {
        currentSeq: async (id: number) => (id === AGREEMENT ? this.log.length : null),
        eventsAfter: async (_id: number, after: number, upTo: number, limit: number) => {
          this.pagesRead++;
          return this.log.filter((e) => e.seq > after && e.seq <= upTo).slice(0, limit);
        },
      },
      feed: {
        listen: (_id: number, listener: (notice: FeedNotice) => void) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
      },
    };
  }
}

const seqOf = (item: BoardStreamItem) => (item.type === 'event' ? item.event.seq : `${item.type}:${item.type === 'resync' ? item.seq : item.lastSeq}`);

async function take(stream: AsyncIterableIterator<BoardStreamItem>, count: number) {
  const items: (number | string)[] = [];
  for (let i = 0; i < count; i++) {
    const next = await stream.next();
    if (next.done) break;
    items.push(seqOf(next.value));
  }
  return items;
}

describe('BoardStream', () => {
  it('without afterSeq starts from now: only events committed after subscribing', async () => {
    const board = new Board(3);
    const stream = await openBoardStream(board.deps(), AGREEMENT, null, OPTIONS);
    board.commit();
    board.commit();
    expect(await take(stream, 2)).toEqual([4, 5]);
    await stream.return!();
  });

  it('replays the log after afterSeq page by page, then live events, each exactly once and in order', async () => {
    const board = new Board(5);
    const stream = await openBoardStream(board.deps(), AGREEMENT, 1, OPTIONS);
    // Heard live while the replay has not reached them: 5 again (already in the log) and a new 6.
    board.say({ event: board.log[4] });
    board.commit();
    expect(await take(stream, 5)).toEqual([2, 3, 4, 5, 6]);
    expect(board.pagesRead).toBeGreaterThanOrEqual(2);
    await stream.return!();
  });

  it('fills a live event lost between processes from the log, never skipping a number', async () => {
    const board = new Board(1);
    const stream = await openBoardStream(board.deps(), AGREEMENT, null, OPTIONS);
    board.commit(false); // 2: committed, its announcement lost
    board.commit(); // 3: heard, so the stream knows 2 exists
    expect(await take(stream, 2)).toEqual([2, 3]);
    board.commit(false); // 4: lost, then only the log's position is announced
    board.say({ logSeq: 4 });
    expect(await take(stream, 1)).toEqual([4]);
    await stream.return!();
  });

  it('asks for a reload (RESYNC at the current seq) when afterSeq is ahead of the log, negative or too far back', async () => {
    for (const afterSeq of [9, -1]) {
      const board = new Board(3);
      const stream = await openBoardStream(board.deps(), AGREEMENT, afterSeq, OPTIONS);
      board.commit();
      expect(await take(stream, 2)).toEqual(['resync:3', 4]);
      await stream.return!();
    }
    const long = new Board(150);
    const stream = await openBoardStream(long.deps(), AGREEMENT, 10, OPTIONS);
    expect(await take(stream, 1)).toEqual(['resync:150']);
    await stream.return!();
  });

  it('ends with OVERFLOW at the last event handed out when its reader falls more than bufferCap behind', async () => {
    const board = new Board(0);
    let ended = 0;
    const stream = await openBoardStream(board.deps(), AGREEMENT, null, OPTIONS, () => ended++);
    board.commit();
    expect(await take(stream, 1)).toEqual([1]);
    for (let i = 0; i < OPTIONS.bufferCap + 1; i++) board.commit();
    expect(board.listeners.size).toBe(0);
    expect(await take(stream, 3)).toEqual(['overflow:1']);
    expect(ended).toBe(1);
  });

  it('refuses an unknown agreement with NOT_FOUND and stops listening', async () => {
    const board = new Board(0);
    const ended: string[] = [];
    const opening = openBoardStream(board.deps(), 99, null, OPTIONS, () => ended.push('end'));
    await expect(opening).rejects.toBeInstanceOf(DomainError);
    await expect(opening).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(board.listeners.size).toBe(0);
    expect(ended).toEqual(['end']);
  });

  it('wakes a waiting reader when it is closed, and calls onEnd once', async () => {
    const board = new Board(0);
    let ended = 0;
    const stream = await openBoardStream(board.deps(), AGREEMENT, null, OPTIONS, () => ended++);
    const waiting = stream.next();
    await stream.return!();
    await stream.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(ended).toBe(1);
    expect(board.listeners.size).toBe(0);
  });
});
