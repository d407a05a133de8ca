import type express from 'express';
import type { DataSource } from 'typeorm';
import { RETRY_AFTER_SECONDS } from '../outage';

/** How long a probe waits for the database (or Redis) before it answers 503. */
export const PROBE_TIMEOUT_MS = 2_000;

export interface HealthDeps {
  dataSource: DataSource;
  /** Resolves once Redis confirms the session-revocation subscription (resolves at once without Redis). */
  revocationsSubscribed(timeoutMs: number): Promise<void>;
  /** True from the moment shutdown begins. */
  draining(): boolean;
  probeTimeoutMs?: number;
}

class ProbeTimeout extends Error {}

/** `work`, or a ProbeTimeout after `ms`: a probe answers in bounded time even when a server hangs. */
async function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeout()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function unavailable(res: express.Response, body: Record<string, unknown>) {
  res.status(503).set('retry-after', String(RETRY_AFTER_SECONDS)).json(body);
}

/**
 * GET /healthz (liveness) and GET /readyz (readiness); both answer within about PROBE_TIMEOUT_MS
 * whatever the database does, never with details an outsider could use.
 *
 * - /healthz: the process runs and its database answers `SELECT 1`. An orchestrator that restarts
 *   on failed liveness should allow for outages (a restart does not bring the database back): give
 *   it a failure threshold of a minute or more, or use /readyz only.
 * - /readyz: whether to send this process traffic: not draining (shutdown begun), the database
 *   answers, no migration is pending (a process of an older release beside a newer schema, or the
 *   reverse), and with Redis, Redis has confirmed the subscription that carries session revocations.
 */
export function mountHealthRoutes(app: express.Express, deps: HealthDeps): void {
  const timeoutMs = deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
  const databaseAnswers = () => within(timeoutMs, () => deps.dataSource.query('SELECT 1')).then(
    () => true,
    () => false,
  );

  app.get(['/healthz', '/readyz'], (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });

  app.get('/healthz', async (_req, res) => {
    if (await databaseAnswers()) res.status(200).json({ status: 'ok' });
    else unavailable(res, { status: 'unavailable', reason: 'database does not answer' });
  });

  app.get('/readyz', async (_req, res) => {
    if (deps.draining()) return unavailable(res, { status: 'draining', reason: 'shutting down' });
    const started = Date.now();
    if (!(await databaseAnswers())) return unavailable(res, { status: 'unavailable', reason: 'database does not answer' });
    const left = () => Math.max(100, timeoutMs - (Date.now() - started));
    let pending: boolean;
    try {
      pending = await within(left(), () => deps.dataSource.showMigrations());
    } catch {
      return unavailable(res, { status: 'unavailable', reason: 'database does not answer' });
    }
    if (pending) return unavailable(res, { status: 'unavailable', reason: 'migrations pending' });
    try {
      await deps.revocationsSubscribed(left());
    } catch {
      return unavailable(res, { status: 'unavailable', reason: 'redis subscription not confirmed' });
    }
    if (deps.draining()) return unavailable(res, { status: 'draining', reason: 'shutting down' });
    res.status(200).json({ status: 'ready' });
  });
}
