import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MissRoute } from '../replicas';

export type Transport = 'http' | 'ws';

/** What a job run ended as (`jalin_job_runs_total{job,outcome}`); a slot another process ran is not a run here. */
export type JobOutcome = 'success' | 'failure';

/** At most this many distinct operation names become label values; the rest are counted as "other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's metrics, in a registry of its own (never prom-client's global one: a test runs
 * several servers in one process, and each must count only its own). Everything is named
 * `jalin_*`; docs/OPERATIONS.md says what each means and what to alert on.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  private readonly requests = new Counter({
    name: 'jalin_graphql_requests_total',
    help: 'GraphQL operations answered, by transport (http, ws) and operation name (anonymous, or other past 200 names)',
    labelNames: ['transport', 'operation'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'jalin_graphql_errors_total',
    help: 'GraphQL operations answered with an error, by transport, operation and error code (each distinct code once per operation)',
    labelNames: ['transport', 'operation', 'code'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'jalin_graphql_request_duration_seconds',
    help: 'Time to answer a query or mutation (subscriptions are not timed), by transport and operation',
    labelNames: ['transport', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({
    name: 'jalin_websocket_subscriptions',
    help: 'Subscriptions running now over WebSocket',
    registers: [this.registry],
  });
  private readonly boardChanges = new Counter({
    name: 'jalin_board_changes_total',
    help: 'Board changes committed and acknowledged, by kind (ADDED, UPDATED, MOVED, REMOVED, RESTORED)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly boardConflicts = new Counter({
    name: 'jalin_board_conflicts_total',
    help: 'Board edits refused with VERSION_CONFLICT (someone else changed the same field first)',
    registers: [this.registry],
  });
  private readonly fanOut = new Histogram({
    name: 'jalin_board_fanout_seconds',
    help: 'From a board change committing to its event being handed to a live subscriber in this process',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly replays = new Histogram({
    name: 'jalin_board_replay_events',
    help: 'Events a board subscription had to replay from the log when it started (resumes with afterSeq)',
    buckets: [0, 1, 10, 100, 1_000, 10_000, 100_000],
    registers: [this.registry],
  });
  private readonly jobRuns = new Counter({
    name: 'jalin_job_runs_total',
    help: 'Background job runs made by this process, by job and outcome (success, failure)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly outages = new Counter({
    name: 'jalin_outage_errors_total',
    help: 'Failures caused by the database or Redis not answering, by cause (ETIMEDOUT, ECONNREFUSED, POOL_ACQUIRE_TIMEOUT, ...)',
    labelNames: ['cause'] as const,
    registers: [this.registry],
  });

  private readonly executionFallbacks = new Counter({
    name: 'jalin_graphql_execution_fallbacks_total',
    help: 'Distinct operations that graphql-jit could not compile, run on graphql-js instead (counted once per operation text)',
    registers: [this.registry],
  });

  private readonly responseCacheLookups = new Counter({
    name: 'jalin_response_cache_requests_total',
    help: 'HTTP queries by what the response cache did: hit (answered from the cache), miss (executed, stored if it succeeds), skip (not cacheable)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly responseCacheMissReads = new Counter({
    name: 'jalin_response_cache_miss_reads_total',
    help: 'With read replicas: response-cache misses by the server that read them (replica, primary) and why (fresh: the replica was at least at the version; behind, failed, none_usable, pinned: the primary)',
    labelNames: ['server', 'reason'] as const,
    registers: [this.registry],
  });

  private defaultsCollected = false;

  /** Node's own metrics (CPU, memory, event loop lag, GC, handles), prefixed `jalin_process_`/`jalin_nodejs_`. */
  collectDefaults(): void {
    if (this.defaultsCollected) return;
    this.defaultsCollected = true;
    collectDefaultMetrics({ register: this.registry, prefix: 'jalin_' });
  }

  /** A gauge whose value is read at scrape time (open sockets, pool use). */
  gauge(name: string, help: string, labelNames: string[], read: () => Array<{ labels?: Record<string, string>; value: number }>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { labels, value } of read()) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      },
    });
  }

  /**
   * A label for an operation name: client-chosen names could otherwise grow the series without
   * end, so only well-formed ones, and only the first 200 seen, become labels.
   */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** One answered operation: its error codes (none when it succeeded) and, for queries and mutations, its time. */
  operation(transport: Transport, operationName: string | null | undefined, codes: readonly string[], seconds?: number): void {
    const operation = this.operationLabel(operationName);
    this.requests.inc({ transport, operation });
    for (const code of new Set(codes)) this.errors.inc({ transport, operation, code });
    if (seconds !== undefined) this.latency.observe({ transport, operation }, seconds);
  }

  subscriptionStarted(): void {
    this.subscriptions.inc();
  }

  subscriptionEnded(): void {
    this.subscriptions.dec();
  }

  boardChanged(kind: string): void {
    this.boardChanges.inc({ kind });
  }

  boardConflict(): void {
    this.boardConflicts.inc();
  }

  /** A live board event handed to a subscriber; `committedAt` is the event's `at`. */
  boardEventDelivered(committedAt: string): void {
    const ms = Date.now() - Date.parse(committedAt);
    if (Number.isFinite(ms)) this.fanOut.observe(Math.max(0, ms) / 1000);
  }

  boardReplay(events: number): void {
    this.replays.observe(events);
  }

  /** One run of a scheduled job made by this process (the scheduler reports each, see server.ts). */
  jobRun(job: string, outcome: JobOutcome): void {
    this.jobRuns.inc({ job, outcome });
  }

  /** An operation graphql-jit could not compile (src/graphql-execution/): graphql-js runs it. */
  executionFallback(): void {
    this.executionFallbacks.inc();
  }

  outage(cause: string): void {
    this.outages.inc({ cause });
  }

  responseCache(outcome: 'hit' | 'miss' | 'skip'): void {
    this.responseCacheLookups.inc({ outcome });
  }

  responseCacheMissRead(route: MissRoute): void {
    this.responseCacheMissReads.inc(route);
  }
}
