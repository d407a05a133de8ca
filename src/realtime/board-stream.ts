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
  /**
   * A pushed stream's client (see `pushTo`) whose connection holds this many bytes not yet sent (or
   * more) is too slow for live events: its stream ends with OVERFLOW. A replay waits instead.
   */
  maxBacklogBytes: number;
}

/**
 * Where a pushed stream hands its items, in order, as soon as they are known (the WebSocket
 * transport writes them to the socket): no promise per item and subscriber on the live path.
 */
export interface BoardStreamSink {
  /**
   * One item, in order. Items handed out with the same `sharedBy` are the same for every
   * subscriber (a live event is one object per process): a sink may render them once for all.
   */
  write(item: BoardStreamItem, sharedBy: object): void;
  /** Bytes written and not yet sent on (the socket's buffer). */
  backlog(): number;
  /** The writes until the returned function is called go out together (a replay page: one system call, not one per event). */
  hold(): () => void;
  /** Resolves once the backlog is below `bytes` again (or the connection is gone). */
  drained(bytes: number): Promise<void>;
  /** The stream has ended: after its last item, or with the error that ended it. */
  end(error?: unknown): void;
}

/** A board stream that can push its items to a sink instead of being iterated. */
export interface PushableBoardStream extends AsyncIterableIterator<BoardStreamItem> {
  return(): Promise<IteratorResult<BoardStreamItem>>;
  /** From now on the stream writes its items to `sink` (and must no longer be iterated). */
  pushTo(sink: BoardStreamSink): void;
}

export function isPushableBoardStream(value: unknown): value is PushableBoardStream {
  return value instanceof BoardStream;
}

/**
 * A replay reads the log page by page as the subscriber takes events, so its reach costs time, not
 * memory: 100,000 events cover weeks of drafting; a client further behind reloads the board. Pages
 * of 2,000 events (about 1–2 MB) keep a 10,000-event replay to five statements.
 */
export const DEFAULT_BOARD_STREAM_OPTIONS: BoardStreamOptions = { maxReplay: 100_000, bufferCap: 500, pageSize: 2_000, maxBacklogBytes: 1024 * 1024 };

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
): Promise<PushableBoardStream> {
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

class BoardStream implements PushableBoardStream {
  unlisten: () => void = () => undefined;
  private last = 0;
  /** The highest sequence number known to be committed. */
  private known = 0;
  private readonly inbox = new Map<number, BoardEventPayload>();
  private readonly ready: BoardStreamItem[] = [];
  private overflowed = false;
  private ended = false;
  private wake: (() => void) | null = null;
  /** Set by `pushTo`: items go there instead of to `next()`. */
  private sink: BoardStreamSink | null = null;
  /** A pushed stream is reading the log or handing out what queued up (see `drain`). */
  private pumping = false;

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
      const event = notice.event;
      this.known = Math.max(this.known, event.seq);
      // The live path of a pushed stream: the next event, nothing queued before it, handed on at once.
      if (this.sink && !this.pumping && event.seq === this.last + 1 && !this.ready.length && !this.overflowed) {
        if (this.sink.backlog() >= this.options.maxBacklogBytes) return this.overflow();
        this.take(event);
        this.observer?.boardEventDelivered(event.at);
        this.sink.write({ type: 'event', event }, event);
        return;
      }
      this.inbox.set(event.seq, event);
      if (this.inbox.size > this.options.bufferCap) return this.overflow();
    }
    if (this.sink) this.pump();
    else this.wake?.();
  }

  /** Hands items to `sink` from now on; what is already due (a RESYNC, a replay) starts at once. */
  pushTo(sink: BoardStreamSink) {
    this.sink = sink;
    if (this.ended) sink.end();
    else this.pump();
  }

  async next(): Promise<IteratorResult<BoardStreamItem>> {
    for (;;) {
      const item = await this.advance();
      if (item === undefined) return { done: true, value: undefined };
      if (item) return { done: false, value: item };
      // An event (or return) that came while advance() was settling had no one to wake: look again.
      if (this.ended || this.hasQueued()) continue;
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
      // A running pump ends the sink itself, after the item it is handing out (OVERFLOW).
      if (!this.pumping) this.sink?.end();
    }
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /**
   * The next item that can be handed out (reading the log when it is behind the known number);
   * null when there is none yet, undefined once the stream has ended.
   */
  private async advance(): Promise<BoardStreamItem | null | undefined> {
    for (;;) {
      if (this.ended) return undefined;
      const item = this.ready.shift();
      if (item) return item;
      if (this.overflowed) {
        await this.return();
        return { type: 'overflow', lastSeq: this.last };
      }
      const live = this.inbox.get(this.last + 1);
      if (live) {
        this.take(live);
        this.observer?.boardEventDelivered(live.at);
        return { type: 'event', event: live };
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
      return null;
    }
  }

  /** The client is too slow: it is told where it got to (OVERFLOW), and the stream ends. */
  private overflow() {
    this.overflowed = true;
    this.inbox.clear();
    this.unlisten();
    if (this.sink) this.pump();
    else this.wake?.();
  }

  /** Starts handing a pushed stream's due items to its sink, unless that runs already or nothing is due. */
  private pump() {
    if (this.pumping || this.ended || !(this.hasQueued() || this.known > this.last)) return;
    this.pumping = true;
    void this.drain(this.sink!);
  }

  /**
   * Hands out what is due: a replay's pages (each page's items in one pass, then a wait while the
   * socket holds more than a quarter of the backlog limit, so that a long replay holds about one
   * page in memory), events queued behind it, the final OVERFLOW. Stops when nothing is due.
   */
  private async drain(sink: BoardStreamSink) {
    try {
      for (;;) {
        if (!this.ready.length && sink.backlog() > this.options.maxBacklogBytes / 4) await sink.drained(this.options.maxBacklogBytes / 4);
        const item = await this.advance();
        if (item === undefined) return sink.end();
        if (item === null) return;
        // A page read from the log is handed out in one pass, and leaves in one write.
        const release = this.ready.length ? sink.hold() : null;
        try {
          for (let next: BoardStreamItem | undefined = item; next; next = this.ended ? undefined : this.ready.shift()) {
            sink.write(next, next.type === 'event' ? next.event : next);
          }
        } finally {
          release?.();
        }
      }
    } catch (error) {
      await this.return();
      sink.end(error);
    } finally {
      this.pumping = false;
    }
  }

  /** Something can be handed out without reading the log. */
  private hasQueued(): boolean {
    return this.ready.length > 0 || this.overflowed || this.inbox.has(this.last + 1);
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
