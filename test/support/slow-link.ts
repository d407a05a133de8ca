import net from 'node:net';

export interface SlowLink {
  /** The URL to connect to instead of the target (same scheme, this link's port). */
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP link to a real server (Redis, here) that delivers the server's replies `latencyMs` late, in
 * order: a network farther away than localhost, where a connection's handshake takes a while and
 * whatever a process does meanwhile overlaps it.
 */
export async function slowLink(targetUrl: string, latencyMs: number): Promise<SlowLink> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    // setTimeout keeps the order of timers of equal delay, so the replies stay in order.
    upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), latencyMs));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
