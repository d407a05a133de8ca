import autocannon from 'autocannon';
import { workerMain } from '../lib/process';

/**
 * Runs autocannon in its own process, so the load generator never shares an event loop (or a core's
 * time slice, as far as the OS allows) with the server it measures.
 */
workerMain(async (message, reply) => {
  if (message.type !== 'run') return;
  const result = await autocannon({
    url: message.url as string,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(message.headers as Record<string, string>) },
    body: message.body as string,
    connections: message.connections as number,
    // A fixed number of requests rather than a time limit: every request sent is answered, so no
    // abandoned request keeps the server busy into the next run.
    amount: message.amount as number,
    pipelining: 1,
    // A slow answer is a measurement, not a failure: far above any latency worth reporting.
    timeout: 120,
  });
  reply({
    type: 'result',
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerSecond: result.throughput.average,
    seconds: result.duration,
  });
});
