import net from 'node:net';

/**
 * - `pass`: bytes flow both ways.
 * - `blackhole`: a silent network cut. Connections are accepted and bytes are taken but nothing is
 *   delivered, either way, and nothing is closed or reset: the peers just hear nothing. When the
 *   link passes again, what was held is delivered (as TCP's retransmission would after a cut).
 * - `reset`: every open connection is reset (RST) at once, and every new one as soon as it is made.
 */
export type FaultMode = 'pass' | 'blackhole' | 'reset';

export interface FaultProxy {
  /** The port to connect to instead of the target's. */
  port: number;
  host: string;
  /** The target's URL with this proxy's host and port. */
  url: string;
  mode(): FaultMode;
  set(mode: FaultMode): void;
  /** Connections open now (client side). */
  openConnections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** Bytes held during a cut, per direction, delivered in order once the link passes again. */
  toUpstream: Buffer[];
  toClient: Buffer[];
}

/** A TCP proxy to a real server (MariaDB, Redis) whose link a test can cut, reset and restore. */
export async function faultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || (target.protocol.startsWith('redis') ? 6379 : 3306));
  let mode: FaultMode = 'pass';
  const pairs = new Set<Pair>();

  const flush = (pair: Pair) => {
    for (const chunk of pair.toUpstream.splice(0)) if (pair.upstream.writable) pair.upstream.write(chunk);
    for (const chunk of pair.toClient.splice(0)) if (pair.client.writable) pair.client.write(chunk);
  };
  const reset = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream.destroy();
  };

  const server = net.createServer((client) => {
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, target.hostname);
    const pair: Pair = { client, upstream, toUpstream: [], toClient: [] };
    pairs.add(pair);
    client.on('data', (chunk) => (mode === 'pass' ? upstream.write(chunk) : pair.toUpstream.push(chunk)));
    upstream.on('data', (chunk) => (mode === 'pass' ? client.writable && client.write(chunk) : pair.toClient.push(chunk)));
    const end = () => {
      if (!pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    port,
    host: '127.0.0.1',
    url: url.toString(),
    mode: () => mode,
    set(next) {
      mode = next;
      if (next === 'reset') for (const pair of [...pairs]) reset(pair);
      if (next === 'pass') for (const pair of pairs) flush(pair);
    },
    openConnections: () => pairs.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of [...pairs]) reset(pair);
        server.close(() => resolve());
      }),
  };
}
