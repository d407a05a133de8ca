import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Which server the reads of one request go to when there are read replicas (see replicas.ts).
 * Services are made once per process, so the request they serve is known from the async context:
 * every request runs inside `readRouting.run(...)` with a state of its own, and the replica reader
 * asks `readsOnPrimary()` before each statement.
 */
interface ReadState {
  /** Once true, every later read of the request goes to the primary. */
  primary: boolean;
  /**
   * The one replica this request's reads may go to, when the response cache found it at least as
   * new as the answer's key (replicas.ts, `ReplicaReader.routeMiss`); null: any usable one.
   */
  replica: object | null;
}

const storage = new AsyncLocalStorage<ReadState>();

/** Runs `work` as one request whose reads may go to a replica until it writes or is pinned. */
export function runRequest<T>(work: () => T): T {
  return storage.run({ primary: false, replica: null }, work);
}

/** Runs `work` as a request that reads the primary only (the board's live connection, see websocket-server.ts). */
export function runOnPrimary<T>(work: () => T): T {
  return storage.run({ primary: true, replica: null }, work);
}

/**
 * From now on, this request reads the primary: after a write (read-your-writes), in a mutation
 * (its returned object must show the write), on the board (it must never show an older state than
 * its event stream). Outside a request (CSV/xlsx exports, timers) there is nothing to pin.
 */
export function pinReadsToPrimary(): void {
  const state = storage.getStore();
  if (state) state.primary = true;
}

export function readsOnPrimary(): boolean {
  return storage.getStore()?.primary ?? false;
}

/** From now on, this request's reads go to `replica` only (or the primary, once pinned there). Outside a request: nothing to pin. */
export function pinReadsToReplica(replica: object): void {
  const state = storage.getStore();
  if (state) state.replica = replica;
}

/** The replica this request's reads are pinned to, if any (see pinReadsToReplica). */
export function pinnedReplica(): object | null {
  return storage.getStore()?.replica ?? null;
}

/** Express middleware: each HTTP request gets its own routing state (placed after the body parser, whose callbacks lose the async context). */
export function readRoutingMiddleware(_req: Request, _res: Response, next: NextFunction): void {
  runRequest(next);
}

/** Statements that only read; anything else run on the primary pins the request's later reads there. */
const READ_ONLY_STATEMENT = /^\s*(SELECT|SHOW|WITH|EXPLAIN|\()/i;

/**
 * Marks a request as having written as soon as a statement other than a read (a transaction, an
 * INSERT, an UPDATE…) runs on the primary on its behalf, so that a query that writes on the side
 * (the daily expiry sweep) reads its own writes too. Only installed with replicas.
 */
export function pinAfterWrites(primary: DataSource): void {
  const createQueryRunner = primary.createQueryRunner.bind(primary);
  primary.createQueryRunner = ((mode?: 'master' | 'slave') => {
    const runner: QueryRunner = createQueryRunner(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      if (!READ_ONLY_STATEMENT.test(sql)) pinReadsToPrimary();
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  }) as DataSource['createQueryRunner'];
}

/**
 * graphql-ws resolves each event of a subscription when it asks the stream for the next one, outside
 * the context the subscription started in: each `next()` is run inside `wrap` again.
 */
export function withEachStep<T>(iterable: AsyncIterable<T>, wrap: <R>(work: () => R) => R): AsyncIterableIterator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  return {
    next: (...args) => wrap(() => iterator.next(...args)),
    return: (value?: unknown) => wrap(() => iterator.return?.(value as never) ?? Promise.resolve({ done: true, value: value as never })),
    throw: (error?: unknown) => wrap(() => iterator.throw?.(error) ?? Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
