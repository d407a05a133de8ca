import { nodeNotFound } from '../global-id';
import type { BoardDeliveryObserver, BoardFeed, FeedNotice } from './board-feed';
import type { BoardEventPayload } from '../events/topics';

/**
 * Where a board stream reads the committed log (the board service provides it; the read side
 * names only the shape, so it does not depend on the services).
 */
export interface BoardLog {
  /** The board's last sequence number, or null for an unknown agreement. */
  currentSeq(agreementId: number): Promise<number | null>;
  /** The logged events after `afterSeq` up to `upToSeq`, at most `limit`, in order. */
  eventsAfter(agreementId: number, afterSeq: number, upToSeq: number, limit: number): Promise<BoardEventPayload[]>;
}

export type BoardStreamItem =
  | { type: 'event'; event: BoardEventPayload }
  /** The replay asked for cannot be served; the client reloads `board`. Live events after `seq` follow. */
  | { type: 'resync'; seq: number }
  /** The client read too slowly; the stream ends here and the client resumes after `lastSeq`. */
  | { type: 'overflow'; lastSeq: number };

export interface BoardStreamOptions {
  /** How far back a replay may reach (events); older resumes get a RESYNC. */
  maxReplay: number;
  /** How many undelivered live events one subscriber may have before its stream ends. */
  bufferCap: number;
  /** Events read from the log per statement: a replay holds at most this many in memory at once. */
  pageSize: number;
}

/**
 * A replay reads the log page by page as the subscriber takes events, so its reach costs time, not
 * memory: 100,000 events cover weeks of drafting; a client further behind reloads the board.
 */
export const DEFAULT_BOARD_STREAM_OPTIONS: BoardStreamOptions = { maxReplay: 100_000, bufferCap: 500, pageSize: 500 };

/**
 * The events of one board in sequence order, each exactly once: it listens to the live feed first
 * (buffering), then reads the log after `afterSeq`, then hands out buffered events, dropping those
 * already replayed. A gap in the live events (one lost between processes) is filled from the log,
 * so a subscriber never skips a number.
 */
export async function openBoardStream(
  deps: { board: Pick<BoardLog, 'currentSeq' | 'eventsAfter'>; feed: Pick<BoardFeed, 'listen'> & Partial<Pick<BoardFeed, 'observer'>> },
  agreementId: number,
  afterSeq: number | null,
  options: BoardStreamOptions = DEFAULT_BOARD_STREAM_OPTIONS,
  onEnd?: () => void,
): Promise<AsyncIterableIterator<BoardStreamItem>> {
  const stream = new BoardStream(deps.board, agreementId, options, onEnd, deps.feed.observer);
  stream.unlisten = deps.feed.listen(agreementId, (notice) => stream.notify(notice));
  try {
    const current = await deps.board.currentSeq(agreementId);
    if (current === null) throw nodeNotFound('Agreement', agreementId);
    const replay = stream.start(current, afterSeq);
    if (afterSeq !== null) deps.feed.observer?.boardReplay(replay);
  } catch (error) {
    await stream.return();
    throw error;
  }
  return stream;
}

class BoardStream implements AsyncIterableIterator<BoardStreamItem> {
  unlisten: () => void = () => undefined;
  private last = 0;
  /** The highest sequence number known to be committed. */
  private known = 0;
  private readonly inbox = new Map<number, BoardEventPayload>();
  private readonly ready: BoardStreamItem[] = [];
  private overflowed = false;
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly board: Pick<BoardLog, 'eventsAfter'>,
    private readonly agreementId: number,
    private readonly options: BoardStreamOptions,
    private readonly onEnd?: () => void,
    private readonly observer?: BoardDeliveryObserver | null,
  ) {}

  /** Sets the starting point; returns how many events are to be replayed from the log. */
  start(current: number, afterSeq: number | null): number {
    if (afterSeq === null) {
      this.last = current;
    } else if (afterSeq < 0 || afterSeq > current || current - afterSeq > this.options.maxReplay) {
      this.ready.push({ type: 'resync', seq: current });
      this.last = current;
    } else {
      this.last = afterSeq;
    }
    this.known = current;
    return current - this.last;
  }

  notify(notice: FeedNotice) {
    if (this.ended) return;
    if ('logSeq' in notice) {
      this.known = Math.max(this.known, notice.logSeq);
    } else if (notice.event.seq > this.last) {
      this.inbox.set(notice.event.seq, notice.event);
      this.known = Math.max(this.known, notice.event.seq);
      if (this.inbox.size > this.options.bufferCap) {
        this.overflowed = true;
        this.inbox.clear();
        this.unlisten();
      }
    }
    this.wake?.();
  }

  async next(): Promise<IteratorResult<BoardStreamItem>> {
    for (;;) {
      if (this.ended) return { done: true, value: undefined };
      const item = this.ready.shift();
      if (item) return { done: false, value: item };
      if (this.overflowed) {
        await this.return();
        return { done: false, value: { type: 'overflow', lastSeq: this.last } };
      }
      const live = this.inbox.get(this.last + 1);
      if (live) {
        this.take(live);
        this.observer?.boardEventDelivered(live.at);
        return { done: false, value: { type: 'event', event: live } };
      }
      for (const seq of this.inbox.keys()) if (seq <= this.last) this.inbox.delete(seq);
      if (this.known > this.last) {
        const rows = await this.board.eventsAfter(this.agreementId, this.last, this.known, this.options.pageSize);
        for (const row of rows) {
          if (row.seq !== this.last + 1 || this.ended) break;
          this.take(row);
          this.ready.push({ type: 'event', event: row });
        }
        if (rows.length) continue;
      }
      await this.waitForNotice();
    }
  }

  async return(): Promise<IteratorResult<BoardStreamItem>> {
    if (!this.ended) {
      this.ended = true;
      this.unlisten();
      this.inbox.clear();
      this.ready.length = 0;
      this.wake?.();
      this.onEnd?.();
    }
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private take(event: BoardEventPayload) {
    this.last = event.seq;
    this.inbox.delete(event.seq);
  }

  private waitForNotice(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
    });
  }
}
