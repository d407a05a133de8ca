import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { workerMain } from '../lib/process';

/**
 * The limit for fan-out: a plain `ws` server that sends one prepared payload, the same bytes a
 * graphql-ws `next` message for a board event has, to every open socket.
 */
const sockets = new Set<WebSocket>();

workerMain(async (message, reply) => {
  if (message.type === 'start') {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    reply({ type: 'ready', port: (server.address() as AddressInfo).port, pid: process.pid });
  } else if (message.type === 'broadcast') {
    const event = { ...(message.event as Record<string, unknown>), at: new Date().toISOString() };
    const data = JSON.stringify({ id: '1', type: 'next', payload: { data: { boardEvents: event } } });
    for (const socket of sockets) socket.send(data);
    reply({ type: 'sent', sockets: sockets.size });
  }
});
