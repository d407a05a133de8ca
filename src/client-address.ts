import type http from 'node:http';
import proxyaddr from 'proxy-addr';
import type { Config } from './config';

const compiled = new Map<string, (address: string, hop: number) => boolean>();

/** proxy-addr's trust function for TRUST_PROXY, as express builds it for `trust proxy`. */
function trustFunction(trust: Config['trustProxy']): (address: string, hop: number) => boolean {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  const cacheKey = trust.join(',');
  let fn = compiled.get(cacheKey);
  if (!fn) compiled.set(cacheKey, (fn = proxyaddr.compile(trust)));
  return fn;
}

/**
 * The client's address for a request express did not see (the WebSocket upgrade), by the same rule
 * as express's `req.ip`: the TCP peer, or behind trusted proxies the nearest untrusted address in
 * X-Forwarded-For.
 */
export function clientAddressOf(request: http.IncomingMessage, trust: Config['trustProxy']): string | null {
  if (!request.socket?.remoteAddress) return null;
  return proxyaddr(request, trustFunction(trust));
}
