import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { workerMain } from '../lib/process';
import { BOARD_EVENTS_SUBSCRIPTION, type BoardEvent } from '../lib/board-ops';

/**
 * Many subscribers in one process: graphql-ws clients on Jalin's boardEvents, or plain WebSocket
 * clients on the baseline broadcaster. Each records, per event, when it arrived relative to the
 * commit (Jalin: the event's `at`; baseline: the time the broadcast started), on the same clock.
 */
type Mode = 'graphql' | 'raw';

const graphqlClients: Client[] = [];
const rawSockets: WebSocket[] = [];
const arrivals = new Map<string, number[]>();
const waiters = new Map<string, { count: number; resolve: () => void }>();
let errors = 0;
let lastError = '';

function arrived(key: string, latency: number) {
  let list = arrivals.get(key);
  if (!list) arrivals.set(key, (list = []));
  list.push(latency);
  const waiter = waiters.get(key);
  if (waiter && list.length >= waiter.count) {
    waiters.delete(key);
    waiter.resolve();
  }
}

function failed(error: unknown) {
  errors++;
  lastError = error instanceof Error ? error.message : JSON.stringify(error);
}

async function openGraphql(url: string, token: string, agreementId: string, afterSeq: number) {
  await new Promise<void>((resolve, reject) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      keepAlive: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { connected: () => resolve(), closed: (event) => reject(new Error(`closed before ready: ${JSON.stringify(event)}`)) },
    });
    graphqlClients.push(client);
    client.subscribe<{ boardEvents: BoardEvent }>(
      { query: BOARD_EVENTS_SUBSCRIPTION, variables: { agreementId, afterSeq } },
      {
        next: (result) => {
          const now = Date.now();
          if (result.errors?.length || !result.data) return failed(result.errors);
          const event = result.data.boardEvents;
          arrived(`graphql:${event.seq}`, now - Date.parse(event.at));
        },
        error: failed,
        complete: () => {},
      },
    );
  });
}

async function openRaw(url: string) {
  await new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(url);
    rawSockets.push(socket);
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.on('message', (data) => {
      const now = Date.now();
      const message = JSON.parse(data.toString()) as { payload: { data: { boardEvents: BoardEvent } } };
      const event = message.payload.data.boardEvents;
      arrived(`raw:${event.seq}`, now - Date.parse(event.at));
    });
  });
}

/** Opens `count` connections, `parallel` at a time, so the listen backlog never overflows. */
async function openMany(count: number, open: () => Promise<void>, parallel = 100) {
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        next++;
        await open().catch((error: unknown) => {
          failures++;
          failed(error);
        });
      }
    }),
  );
  return failures;
}

workerMain(async (message, reply) => {
  const mode = message.mode as Mode;
  switch (message.type) {
    case 'open': {
      const count = message.count as number;
      const failures =
        mode === 'graphql'
          ? await openMany(count, () => openGraphql(message.url as string, message.token as string, message.agreementId as string, message.afterSeq as number))
          : await openMany(count, () => openRaw(message.url as string));
      reply({ type: 'opened', failures, lastError });
      return;
    }
    case 'await': {
      const key = `${mode}:${message.seq as number}`;
      const expected = (mode === 'graphql' ? graphqlClients : rawSockets).length;
      const have = arrivals.get(key)?.length ?? 0;
      if (have < expected) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, message.timeoutMs as number);
          waiters.set(key, {
            count: expected,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          });
        });
        waiters.delete(key);
      }
      const latencies = arrivals.get(key) ?? [];
      arrivals.delete(key);
      reply({ type: 'arrived', latencies, missing: expected - latencies.length, errors, lastError });
      return;
    }
    case 'close': {
      if (mode === 'graphql') await Promise.allSettled(graphqlClients.splice(0).map((client) => client.dispose()));
      else for (const socket of rawSockets.splice(0)) socket.terminate();
      reply({ type: 'closed' });
      return;
    }
  }
});
