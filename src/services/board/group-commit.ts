import { retryOnDeadlock } from '../../database-retry';

/*
 * Group commit: the jobs queued under one key while a transaction runs go together in the next one
 * (at most `maxBatch`), so many writers of one row pay for one lock, one sequence update and one
 * COMMIT between them instead of parking a pooled connection each on the same row lock. The queue
 * knows nothing of boards: `commit` runs a batch in one transaction and returns one outcome per job
 * (a job it refused included), `settle` answers a job after that commit, `fail` answers a job whose
 * transaction failed. BoardService (board.service.ts) is its user; docs/ARCHITECTURE.md describes
 * the whole path of a board change.
 */

/** What the queue needs of a job: a way to answer it when its batch broke down after the commit. */
export interface QueuedJob {
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<J extends QueuedJob, O> {
  /** At most this many jobs share one transaction (bounds the lock's hold and the INSERT's size). */
  maxBatch: number;
  /** Runs the batch in one transaction: one outcome per job, in order. Throws if the batch failed as a whole. */
  commit: (batch: J[]) => Promise<O[]>;
  /** Answers a job with its outcome, once the shared transaction committed. */
  settle: (job: J, outcome: O) => void;
  /** Answers a job whose transaction failed (it ran alone, so the error is its own). */
  fail: (job: J, error: unknown) => void;
}

export class GroupCommitQueue<J extends QueuedJob, O> {
  private readonly queues = new Map<string, J[]>();

  constructor(private readonly options: GroupCommitOptions<J, O>) {}

  /** Queues a job under `key`; jobs of one key run one batch at a time, in the order they came. */
  enqueue(key: string, job: J): void {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = [];
      this.queues.set(key, queue);
      void this.drain(key, queue);
    }
    queue.push(job);
  }

  /** Runs the queued jobs of one key, a batch at a time, until none are left. */
  private async drain(key: string, queue: J[]): Promise<void> {
    // Let the jobs that arrive in the same tick join the first batch.
    await Promise.resolve();
    try {
      while (queue.length) {
        const batch = queue.splice(0, this.options.maxBatch);
        try {
          await this.runBatch(batch);
        } catch (error) {
          // Only a settle (a publish or a log) could throw here: answer whoever was not answered yet.
          for (const job of batch) job.reject(error);
        }
      }
    } finally {
      this.queues.delete(key);
    }
  }

  private async runBatch(batch: J[]): Promise<void> {
    let outcomes: O[];
    try {
      outcomes = await retryOnDeadlock(() => this.options.commit(batch));
    } catch (error) {
      if (batch.length === 1) {
        this.options.fail(batch[0], error);
        return;
      }
      // Not a refusal (those are settled per job): run each alone, so the error stays with its job.
      for (const job of batch) await this.runBatch([job]);
      return;
    }
    outcomes.forEach((outcome, index) => this.options.settle(batch[index], outcome));
  }
}
