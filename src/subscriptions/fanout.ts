import { GraphQLError, createSourceEventStream, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { WebSocket } from 'ws';
import type { Context } from '../context';
import type { User } from '../entities';
import { runOnPrimary } from '../read-routing';
import { isPushableBoardStream, type BoardStreamItem, type BoardStreamSink } from '../realtime/board-stream';
import type { Execute } from '../graphql-execution';

export interface FanOutDeps {
  /** Runs one event of a subscription (`rootValue` is the event): the process's executor (src/graphql-execution/). */
  execute: Execute;
  /** The role and OPD that decide what a user sees (services/access-policy.ts), and the user that stands in for them. */
  visibilityOf: (user: User) => { key: string; viewer: User };
  /** A fresh context for one shared execution (its own request id and loaders). */
  contextFor: (viewer: User) => Context;
  /** The errors of an answer as the client gets them (masked, logged), with their codes. */
  shapeErrors: (errors: readonly GraphQLError[], request: { requestId: string; operationName?: string | null }) => GraphQLFormattedError[];
}

/**
 * One answer as sent: the `payload` of a graphql-ws `next` message, serialized and encoded once
 * (UTF-8: each socket then copies bytes instead of encoding text), and its error codes (for the metrics).
 */
interface Rendered {
  bytes: Buffer;
  errorCodes: string[] | null;
}

const FRAME_END = Buffer.from('}');

/**
 * The subscribers of one operation (document, operation name, variables) with one visibility: an
 * event becomes one execution and one JSON text for all of them.
 */
class Audience {
  members = 0;
  /** The last item rendered (a live event is one object shared by every subscriber of the board) and its answer. */
  private lastShared: object | null = null;
  private lastRendered: Rendered | Promise<Rendered> | null = null;
  /** The context of the executions of this turn of the event loop (see `contextNow`). */
  private context: Context | null = null;

  constructor(
    readonly key: string,
    private readonly args: Pick<ExecutionArgs, 'schema' | 'document' | 'operationName' | 'variableValues'>,
    private readonly viewer: User,
    private readonly deps: FanOutDeps,
  ) {}

  render(item: unknown, sharedBy: object): Rendered | Promise<Rendered> {
    if (sharedBy === this.lastShared && this.lastRendered) return this.lastRendered;
    const rendered = this.execute(item);
    this.lastShared = sharedBy;
    this.lastRendered = rendered;
    return rendered;
  }

  private execute(rootValue: unknown): Rendered | Promise<Rendered> {
    const contextValue = this.contextNow();
    // The board's live connection reads the primary, never a replica behind its events (read-routing.ts).
    const result = runOnPrimary(() => this.deps.execute({ ...this.args, rootValue, contextValue }));
    const serialize = (answer: ExecutionResult): Rendered => {
      if (!answer.errors?.length) return { bytes: Buffer.from(JSON.stringify(answer)), errorCodes: null };
      const errors = this.deps.shapeErrors(answer.errors, { requestId: contextValue.requestId, operationName: this.args.operationName });
      return { bytes: Buffer.from(JSON.stringify({ ...answer, errors })), errorCodes: errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN')) };
    };
    return result instanceof Promise ? result.then(serialize) : serialize(result);
  }

  /**
   * One context for the executions of one turn of the event loop (a live event, or a replay's
   * page: its DataLoaders then read the OPDs and actors of a page's events in one statement, not
   * one per event), and a fresh one after it, so that nothing is cached longer than that.
   */
  private contextNow(): Context {
    if (!this.context) {
      this.context = this.deps.contextFor(this.viewer);
      setImmediate(() => (this.context = null));
    }
    return this.context;
  }
}

/** What the transport knows of the operation a sink writes for. */
export interface Delivery {
  socket: WebSocket;
  /** The graphql-ws operation id. */
  id: string;
  /** Told the error codes of each answer sent with errors. */
  onErrors: (codes: string[]) => void;
}

/**
 * Board events to WebSocket subscribers, executed and serialized once per distinct operation and
 * visibility (see `visibilityOf`), then written to each socket as a graphql-ws `next` message built
 * around the shared payload text: only the operation id differs between subscribers. A board
 * stream pushes its items (`BoardStream.pushTo`): a live event reaches every subscriber of the
 * process in one synchronous pass, without a promise per subscriber.
 *
 * graphql-ws still runs the protocol: it calls `subscribe` (below) with the operation's arguments
 * and iterates what it returns, here an iterator that yields nothing and finishes when the stream
 * ends; it then sends `complete` (or `error`), and a client's `complete` or a closing socket ends
 * the stream through `return()`.
 *
 * Order and exactly-once per subscriber are the stream's (one writer per socket and operation, in
 * sequence order). A slow socket delays no one: a frame goes into its buffer; once that holds more
 * than `maxBacklogBytes` (1 MiB by default), the subscription ends with BOARD_STREAM_OVERFLOW and
 * `lastSeq`, and the client resumes from there (before, graphql-ws waited for each send and the
 * stream ended after 500 undelivered events).
 */
export class FanOut {
  private readonly audiences = new Map<string, Audience>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 1;

  constructor(private readonly deps: FanOutDeps) {}

  /**
   * graphql-ws's `subscribe`: the subscription's source stream (its resolver's `subscribe`, which
   * checks access and arguments), then either pushed to the socket (board events) or each event
   * executed for this subscriber alone.
   */
  async subscribe(args: ExecutionArgs, user: User, delivery: Delivery): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await runOnPrimary(() => createSourceEventStream(args));
    if (!(Symbol.asyncIterator in source)) return source;
    if (isPushableBoardStream(source)) return this.push(source, args, user, delivery);
    return eachExecuted(source as AsyncIterableIterator<unknown>, args, this.deps.execute);
  }

  private push(source: { pushTo(sink: BoardStreamSink): void; return(): Promise<unknown> }, args: ExecutionArgs, user: User, delivery: Delivery) {
    const audience = this.join(args, user);
    let finish: ((error?: unknown) => void) | null = null;
    let finished: { error?: unknown } | null = null;
    const end = (error?: unknown) => {
      if (finished) return;
      finished = { error };
      this.leave(audience);
      finish?.(error);
    };
    source.pushTo(new SocketSink(audience, delivery, end));
    // The subscription's own context (its user, loaders) is not needed past this point; graphql-ws
    // keeps these arguments for the subscription's life, so they hold no more than they must.
    (args as { contextValue?: unknown }).contextValue = undefined;
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: () =>
        new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
          finish = (error) => (error === undefined ? resolve({ done: true, value: undefined }) : reject(error instanceof Error ? error : new Error(String(error))));
          if (finished) finish(finished.error);
        }),
      return: async () => {
        await source.return();
        end();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  private join(args: ExecutionArgs, user: User): Audience {
    const visibility = this.deps.visibilityOf(user);
    let documentId = this.documentIds.get(args.document);
    if (documentId === undefined) this.documentIds.set(args.document, (documentId = this.nextDocumentId++));
    const key = `${visibility.key}\n${documentId}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}`;
    let audience = this.audiences.get(key);
    if (!audience) {
      audience = new Audience(key, { schema: args.schema, document: args.document, operationName: args.operationName, variableValues: args.variableValues }, visibility.viewer, this.deps);
      this.audiences.set(key, audience);
    }
    audience.members++;
    return audience;
  }

  private leave(audience: Audience) {
    if (--audience.members > 0) return;
    this.audiences.delete(audience.key);
  }
}

/** One subscriber's end of a pushed board stream: each answer written to its socket, in order. */
class SocketSink implements BoardStreamSink {
  /** Answers still being executed (a selection with asynchronous fields): later ones wait their turn. */
  private queue: Promise<void> | null = null;
  /** The start of this operation's `next` messages, up to the payload. */
  private readonly prefix: Buffer;

  constructor(
    private readonly audience: Audience,
    private readonly delivery: Delivery,
    private readonly end_: (error?: unknown) => void,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(delivery.id)},"type":"next","payload":`);
  }

  write(item: BoardStreamItem, sharedBy: object) {
    const rendered = this.audience.render(item, sharedBy);
    if (!this.queue && !(rendered instanceof Promise)) return this.send(rendered);
    const queued: Promise<void> = (this.queue ?? Promise.resolve())
      .then(() => rendered)
      .then((answer) => this.send(answer))
      .finally(() => {
        if (this.queue === queued) this.queue = null;
      });
    this.queue = queued;
  }

  hold() {
    // ws sends each message with its own write; corking its socket (ws keeps it as `_socket`) lets
    // a page of messages leave in one. Without it, writes just go one by one.
    const raw = (this.delivery.socket as unknown as { _socket?: { cork?: () => void; uncork?: () => void } })._socket;
    if (typeof raw?.cork !== 'function' || typeof raw.uncork !== 'function') return () => undefined;
    raw.cork();
    return () => raw.uncork!();
  }

  backlog() {
    return this.delivery.socket.bufferedAmount;
  }

  async drained(bytes: number) {
    const socket = this.delivery.socket;
    while (socket.readyState === socket.OPEN && socket.bufferedAmount > bytes) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  end(error?: unknown) {
    if (this.queue) void this.queue.then(() => this.end_(error), (queueError: unknown) => this.end_(queueError));
    else this.end_(error);
  }

  private send(answer: Rendered) {
    const socket = this.delivery.socket;
    if (answer.errorCodes) this.delivery.onErrors(answer.errorCodes);
    // A text message, as graphql-ws sends it (a Buffer would otherwise go as binary).
    if (socket.readyState === socket.OPEN) socket.send(Buffer.concat([this.prefix, answer.bytes, FRAME_END]), { binary: false });
  }
}

/** graphql-js's own mapping of a source stream (each event executed with it as the root), through the server's executor. */
function eachExecuted(source: AsyncIterableIterator<unknown>, args: ExecutionArgs, execute: Execute): AsyncIterableIterator<ExecutionResult> {
  const step = async (result: IteratorResult<unknown>): Promise<IteratorResult<ExecutionResult>> => {
    if (result.done) return { done: true, value: undefined };
    return { done: false, value: await runOnPrimary(() => execute({ ...args, rootValue: result.value })) };
  };
  return {
    next: () => runOnPrimary(() => source.next()).then(step),
    return: async () => {
      await runOnPrimary(() => source.return?.());
      return { done: true, value: undefined };
    },
    throw: async (error?: unknown) => {
      await runOnPrimary(() => source.return?.());
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
