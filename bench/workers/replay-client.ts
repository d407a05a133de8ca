import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { workerMain } from '../lib/process';
import { BOARD_EVENTS_SUBSCRIPTION, type BoardEvent } from '../lib/board-ops';

/**
 * One client that resumes far behind: connects, then times from its subscribe (afterSeq) to the
 * last event it expects, and checks that the events came in order, each once, without a gap.
 */
interface Tally {
  received: number;
  outOfOrder: number;
  next: number;
  /** The server declined to replay (RESYNC: reload the board instead), as it may when afterSeq is too old. */
  resync: boolean;
}

/** Counts one event; true when the replay is over (the last expected event, or a RESYNC). */
function tally(t: Tally, event: Pick<BoardEvent, 'seq' | 'kind'>, lastSeq: number): boolean {
  if (event.kind === 'RESYNC') {
    t.resync = true;
    return true;
  }
  t.received++;
  if (event.seq !== t.next) t.outOfOrder++;
  t.next = event.seq + 1;
  return event.seq >= lastSeq;
}

async function viaGraphql(url: string, token: string, agreementId: string, afterSeq: number, lastSeq: number, timeoutMs: number) {
  const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
  await new Promise<void>((resolve, reject) => {
    const off = client.on('connected', () => {
      off();
      resolve();
    });
    client.on('closed', (event) => reject(new Error(`closed: ${JSON.stringify(event)}`)));
  });
  const t: Tally = { received: 0, outOfOrder: 0, next: afterSeq + 1, resync: false };
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${t.received} events within ${timeoutMs} ms`)), timeoutMs);
      const unsubscribe = client.subscribe<{ boardEvents: BoardEvent }>(
        { query: BOARD_EVENTS_SUBSCRIPTION, variables: { agreementId, afterSeq } },
        {
          next: (result) => {
            if (result.errors?.length || !result.data) return reject(new Error(JSON.stringify(result.errors)));
            if (tally(t, result.data.boardEvents, lastSeq)) {
              clearTimeout(timer);
              unsubscribe();
              resolve();
            }
          },
          error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => {},
        },
      );
    });
    return { ms: performance.now() - started, ...t };
  } finally {
    await client.dispose();
  }
}

async function viaRaw(url: string, agreementId: string, afterSeq: number, lastSeq: number, timeoutMs: number) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const t: Tally = { received: 0, outOfOrder: 0, next: afterSeq + 1, resync: false };
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${t.received} events within ${timeoutMs} ms`)), timeoutMs);
      socket.on('message', (data) => {
        const event = (JSON.parse(data.toString()) as { payload: { data: { boardEvents: BoardEvent } } }).payload.data.boardEvents;
        if (tally(t, event, lastSeq)) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.send(JSON.stringify({ agreementId, afterSeq }));
    });
    return { ms: performance.now() - started, ...t };
  } finally {
    socket.terminate();
  }
}

workerMain(async (message, reply) => {
  if (message.type !== 'replay') return;
  const { mode, url, token, agreementId, afterSeq, lastSeq, timeoutMs } = message as unknown as {
    mode: 'graphql' | 'raw';
    url: string;
    token: string;
    agreementId: string;
    afterSeq: number;
    lastSeq: number;
    timeoutMs: number;
  };
  const result = mode === 'graphql' ? await viaGraphql(url, token, agreementId, afterSeq, lastSeq, timeoutMs) : await viaRaw(url, agreementId, afterSeq, lastSeq, timeoutMs);
  reply({ type: 'replayed', ...result });
});
