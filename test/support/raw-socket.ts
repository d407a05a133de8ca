import WebSocket from 'ws';

export interface RawSocket {
  socket: WebSocket;
  /** Resolves with the connection_ack, or rejects when the socket closes first. */
  acknowledged: Promise<void>;
  /** Resolves with the close code and reason, whenever the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  messages: Record<string, unknown>[];
  send(message: unknown): void;
  /** Waits for the first message that matches. */
  next(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/**
 * A graphql-transport-ws socket driven by hand, so tests can see close codes, send malformed
 * messages, and keep many sockets open without a client library's retries in the way.
 */
export function rawSocket(url: string, connectionParams: Record<string, unknown> | null | string = {}): RawSocket {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: Record<string, unknown>[] = [];
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const acknowledged = new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      messages.push(message);
      if (message.type === 'connection_ack') resolve();
      for (const waiter of [...waiters]) {
        if (waiter.match(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
    void closed.then(({ code, reason }) => reject(new Error(`closed ${code} ${reason}`)));
  });
  acknowledged.catch(() => undefined);
  socket.on('error', () => undefined);
  socket.on('open', () => {
    if (connectionParams === null) return;
    socket.send(typeof connectionParams === 'string' ? connectionParams : JSON.stringify({ type: 'connection_init', payload: connectionParams }));
  });
  return {
    socket,
    acknowledged,
    closed,
    messages,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (match) => {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
