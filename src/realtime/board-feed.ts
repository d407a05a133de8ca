import type { Logger } from '../logger';
import type { JalinPubSub } from '../events/pubsub';
import { Topic, boardKey, type BoardEventPayload } from '../events/topics';
import { DEFAULT_BOARD_STREAM_OPTIONS, type BoardLog, type BoardStreamOptions } from './board-stream';

/** What a board's subscribers hear: an event, or the news that the log has reached `seq`. */
export type FeedNotice = { event: BoardEventPayload } | { logSeq: number };
type Listener = (notice: FeedNotice) => void;

interface BoardChannel {
  listeners: Set<Listener>;
  stop: () => void;
}

/**
 * One subscription per board and process, fanned out to that board's subscribers here. Next to
 * the PubSub it polls the board's sequence number now and then: an event lost on the way (Redis
 * away, or published while the Redis subscription was still being set up) is then read from the
 * log by the subscribers, a little late but never missing.
 */
/** Told how live events reach subscribers and how much they replay (the process's metrics). */
export interface BoardDeliveryObserver {
  /** A live event handed to a subscriber; `committedAt` is the event's `at`. */
  boardEventDelivered(committedAt: string): void;
  /** A subscription resumed `events` behind the board. */
  boardReplay(events: number): void;
}

export class BoardFeed {
  observer: BoardDeliveryObserver | null = null;
  private readonly channels = new Map<number, BoardChannel>();

  constructor(
    private readonly pubSub: JalinPubSub,
    private readonly namespace: string,
    private readonly board: Pick<BoardLog, 'currentSeq'>,
    private readonly logger: Logger,
    options: { pollMs?: number; stream?: Partial<BoardStreamOptions> } = {},
  ) {
    this.pollMs = options.pollMs ?? 2000;
    this.streamOptions = { ...DEFAULT_BOARD_STREAM_OPTIONS, ...options.stream };
  }

  private readonly pollMs: number;
  /** Replay reach, buffer cap and page size of this process's board subscriptions. */
  readonly streamOptions: BoardStreamOptions;

  listen(agreementId: number, listener: Listener): () => void {
    let channel = this.channels.get(agreementId);
    if (!channel) {
      channel = this.open(agreementId);
      this.channels.set(agreementId, channel);
    }
    channel.listeners.add(listener);
    return () => {
      const current = this.channels.get(agreementId);
      if (!current?.listeners.delete(listener) || current.listeners.size > 0) return;
      current.stop();
      this.channels.delete(agreementId);
    };
  }

  close() {
    for (const channel of this.channels.values()) channel.stop();
    this.channels.clear();
  }

  private open(agreementId: number): BoardChannel {
    const listeners = new Set<Listener>();
    const emit = (notice: FeedNotice) => {
      for (const listener of [...listeners]) listener(notice);
    };
    const events = this.pubSub.subscribe(Topic.BOARD_EVENT, boardKey(this.namespace, agreementId));
    void (async () => {
      try {
        for await (const event of events) emit({ event });
      } catch (error) {
        this.logger.warn({ err: error, agreementId }, 'board feed stopped; subscribers fall back to reading the log');
      }
    })();
    const timer = setInterval(() => {
      this.board.currentSeq(agreementId).then(
        (seq) => seq !== null && emit({ logSeq: seq }),
        (error: unknown) => this.logger.warn({ err: error, agreementId }, 'board sequence poll failed'),
      );
    }, this.pollMs);
    timer.unref();
    return {
      listeners,
      stop: () => {
        clearInterval(timer);
        void events.return?.();
      },
    };
  }
}
