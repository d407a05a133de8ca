import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import type { MetricsConfig } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
function hasToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  return Boolean(match) && timingSafeEqual(digest(match![1]), digest(token));
}

/**
 * The scrape: 401 (with WWW-Authenticate) without the token when one is configured, else the
 * registry in Prometheus's text format.
 */
async function answer(metrics: Metrics, token: string | null, authorization: string | undefined, logger: Logger): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  if (token && !hasToken(authorization, token)) {
    return { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' }, body: 'Send "Authorization: Bearer <METRICS_TOKEN>"\n' };
  }
  try {
    return { status: 200, headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }, body: await metrics.registry.metrics() };
  } catch (error) {
    logger.error({ err: error }, 'metrics could not be collected');
    return { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Metrics could not be collected\n' };
  }
}

export interface MetricsEndpoint {
  /** The URL of the separate metrics port, or null when /metrics is on the API port only (or off). */
  url: string | null;
  close(): Promise<void>;
}

/**
 * GET /metrics on the API's port when METRICS_TOKEN is set (the token required), and on a server
 * of its own when METRICS_PORT is set (the token required there too if set). Without either,
 * /metrics does not exist: metrics tell a lot about the users' activity and are never public.
 */
export async function mountMetrics(app: express.Express, metrics: Metrics, config: MetricsConfig, host: string, logger: Logger): Promise<MetricsEndpoint> {
  if (!config.token && config.port === null) return { url: null, close: async () => undefined };
  metrics.collectDefaults();
  if (config.token) {
    app.get('/metrics', async (req, res) => {
      const { status, headers, body } = await answer(metrics, config.token, req.headers.authorization, logger);
      res.status(status).set(headers).send(body);
    });
  }
  if (config.port === null) return { url: null, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only GET /metrics is served on this port\n');
      return;
    }
    void answer(metrics, config.token, req.headers.authorization, logger).then(({ status, headers, body }) => res.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port!, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${hostForUrl}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
