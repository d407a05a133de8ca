import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { JobLease, JobRun, type JobOutcome } from '../entities';
import type { Logger } from '../logger';

/** What a job gets for one run. */
export interface JobContext {
  /** The scheduler's clock at the start of the run (tests inject a fixed "today"). */
  now: Date;
  /** Start of the schedule slot being run, as an ISO instant. */
  slot: string;
  logger: Logger;
}

/**
 * A unit of scheduled work. `run` must be safe to run again for the same slot (after a holder
 * crashed, its slot is run again by another process): each job makes its writes conditional or
 * unique, so a repeat changes nothing that was done.
 */
export interface Job {
  /** Stable name: the key of its lease row (≤ 64 characters). */
  name: string;
  /** Length of a slot in ms; slots are aligned to the Unix epoch, so intervals that divide a day start at 00:00 UTC. */
  intervalMs: number;
  /** How long a claim holds without the run finishing (default 10 min): then another process may take the slot. */
  leaseMs?: number;
  /**
   * Also run once when the process starts, even if the current slot ran already (in another process
   * or before a restart), without claiming the lease: only for jobs whose writes are conditional so
   * that concurrent runs cannot double them (the expiry sweep: MoUs changed directly in the
   * database, or lapsed while no process ran, are expired before the first request).
   */
  runAtStartup?: boolean;
  /** Does the work; the text it returns is recorded as the run's detail. Throwing records a FAILED run. */
  run(ctx: JobContext): Promise<string | void>;
}

export interface JobRunResult {
  job: string;
  slot: string;
  /** `ran`: this process won the slot and ran it; `skipped`: another process has it (or had it). */
  result: 'ran' | 'skipped';
  outcome?: JobOutcome;
  detail?: string | null;
}

export interface SchedulerOptions {
  logger: Logger;
  /** The time jobs see and slots are computed from (default: the real clock). */
  clock?: () => Date;
  /** How often the scheduler looks for due slots besides slot starts (default 30 s): picks up slots whose holder died. */
  pollMs?: number;
  /** Names this process in the lease (default: host, pid and a random part). */
  holder?: string;
  /** Told of each run this process made (the process's metrics count them). */
  onRun?: (job: string, outcome: JobOutcome) => void;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 30_000;
const MAX_DETAIL = 1000;

export function slotOf(now: Date, intervalMs: number): string {
  return new Date(Math.floor(now.getTime() / intervalMs) * intervalMs).toISOString();
}

const clip = (text: string | null | undefined) => (text ? text.slice(0, MAX_DETAIL) : null);

/**
 * Runs each job once per slot across every process on the database. The lease is one row per job
 * (`job_lease`); a process claims a slot with one conditional UPDATE that only one process can win:
 * the row must hold an earlier slot whose run finished or whose lease ran out, or this very slot
 * with a run whose lease ran out (its holder died). The database decides between concurrent
 * claimers (row lock on MySQL/MariaDB, the write lock on SQLite); the loser sees 0 rows changed.
 */
export class JobScheduler {
  readonly holder: string;
  private readonly clock: () => Date;
  private readonly pollMs: number;
  /** The last slot per job that this process knows is done (ran here, or claimed elsewhere): saves a statement per poll. */
  private readonly settled = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly jobs: readonly Job[],
    private readonly options: SchedulerOptions,
  ) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    const names = new Set<string>();
    for (const job of jobs) {
      if (names.has(job.name)) throw new Error(`Two jobs are named ${job.name}`);
      names.add(job.name);
    }
  }

  /** Runs every job whose current slot is not done yet (one after another), and waits for them. */
  async runDue(now: Date = this.clock()): Promise<JobRunResult[]> {
    const results: JobRunResult[] = [];
    for (const job of this.jobs) {
      const slot = slotOf(now, job.intervalMs);
      if (this.settled.get(job.name) === slot) continue;
      results.push(await this.runSlot(job, slot, now));
    }
    return results;
  }

  /** Runs the start-up jobs and due jobs now (awaited), then on schedule until `stop()`. */
  async start(options: { schedule: boolean } = { schedule: true }): Promise<void> {
    const now = this.clock();
    for (const job of this.jobs.filter((j) => j.runAtStartup)) await this.execute(job, `startup@${slotOf(now, job.intervalMs)}`, now);
    await this.tick();
    if (options.schedule && !this.stopped) this.arm();
  }

  /** Stops the schedule and waits for a run under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
  }

  private tick(): Promise<unknown> {
    this.ticking ??= this.runDue()
      .catch((error) => this.options.logger.error({ err: error }, 'job scheduler tick failed'))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }

  /** Wakes at the next slot start (plus a little) or after pollMs, whichever is first. */
  private arm() {
    const now = Date.now();
    const nextSlot = Math.min(...this.jobs.map((job) => (Math.floor(now / job.intervalMs) + 1) * job.intervalMs - now));
    const delay = Math.max(10, Math.min(this.pollMs, nextSlot + 20));
    this.timer = setTimeout(() => {
      void this.tick().finally(() => {
        if (!this.stopped) this.arm();
      });
    }, delay);
    this.timer.unref();
  }

  private async runSlot(job: Job, slot: string, now: Date): Promise<JobRunResult> {
    if (!(await this.acquire(job, slot, now))) {
      // Someone else holds or held this slot; look again next poll only if their lease may lapse.
      const lease = await this.dataSource.getRepository(JobLease).findOneBy({ name: job.name });
      if (lease?.slot === slot && lease.finishedAt) this.settled.set(job.name, slot);
      return { job: job.name, slot, result: 'skipped' };
    }
    const { outcome, detail } = await this.execute(job, slot, now);
    await this.dataSource
      .createQueryBuilder()
      .update(JobLease)
      .set({ finishedAt: new Date(), outcome, detail, leaseUntil: null })
      .where('name = :name AND slot = :slot AND holder = :holder', { name: job.name, slot, holder: this.holder })
      .execute();
    this.settled.set(job.name, slot);
    return { job: job.name, slot, result: 'ran', outcome, detail };
  }

  /** Runs the job and records the run (job_run); a failure is logged and recorded, never thrown. */
  private async execute(job: Job, slot: string, now: Date): Promise<{ outcome: JobOutcome; detail: string | null }> {
    const startedAt = new Date();
    let outcome: JobOutcome = 'SUCCEEDED';
    let detail: string | null = null;
    try {
      detail = clip((await job.run({ now, slot, logger: this.options.logger.child({ job: job.name, slot }) })) ?? null);
    } catch (error) {
      outcome = 'FAILED';
      detail = clip(error instanceof Error ? error.message : String(error));
      this.options.logger.error({ err: error, job: job.name, slot }, 'job failed; it runs again in its next slot');
    }
    const finishedAt = new Date();
    await this.dataSource.getRepository(JobRun).insert({ name: job.name, slot, holder: this.holder, startedAt, finishedAt, outcome, detail });
    this.options.logger.info({ job: job.name, slot, outcome, detail, ms: finishedAt.getTime() - startedAt.getTime() }, 'job ran');
    this.options.onRun?.(job.name, outcome);
    return { outcome, detail };
  }

  /** Claims `slot` of `job` for this process; true when this process won it. */
  async acquire(job: Job, slot: string, now: Date): Promise<boolean> {
    // The row must exist for the UPDATE to decide; of concurrent inserts one wins, the rest are ignored.
    await this.dataSource.createQueryBuilder().insert().into(JobLease).values({ name: job.name, slot: '', holder: null, leaseUntil: null }).orIgnore().execute();
    const at = now.toISOString();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(JobLease)
      .set({ slot, holder: this.holder, leaseUntil: new Date(now.getTime() + (job.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(), startedAt: new Date(), finishedAt: null, outcome: null, detail: null })
      .where('name = :name', { name: job.name })
      .andWhere(
        // An earlier slot that finished (or whose holder's lease ran out), or this slot left unfinished by a holder whose lease ran out.
        '((slot < :slot AND (finishedAt IS NOT NULL OR leaseUntil IS NULL OR leaseUntil < :at)) OR (slot = :slot AND finishedAt IS NULL AND leaseUntil < :at))',
        { slot, at },
      )
      .execute();
    return result.affected === 1;
  }
}
