import { Column, Entity, PrimaryColumn } from 'typeorm';
import { enumColumn, timestampColumn } from './column-types';

/** How a job's run ended. */
export type JobOutcome = 'SUCCEEDED' | 'FAILED';

/**
 * One row per scheduled job (src/jobs/): which schedule slot it was last claimed for, by which
 * process, until when that claim holds, and how its last run ended. A process runs a slot only
 * after winning the conditional UPDATE on this row (see JobScheduler.acquire), so each slot runs
 * once across processes; a holder that crashed loses the slot when `leaseUntil` passes.
 */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  /** Start of the claimed slot as an ISO instant (`2026-11-29T00:00:00.000Z`), '' before the first run; ISO text orders as time does. */
  @Column({ type: 'varchar', length: 32 })
  slot: string;

  /** The process that claimed the slot (host, pid and a random part). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  holder: string | null;

  /** Until when the claim holds (ISO instant, compared as text); null once the run finished. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  leaseUntil: string | null;

  @Column({ ...timestampColumn, nullable: true })
  startedAt: Date | null;

  /** Null while the slot's run is under way (or its holder died). */
  @Column({ ...timestampColumn, nullable: true })
  finishedAt: Date | null;

  @Column({ ...enumColumn(16), nullable: true })
  outcome: JobOutcome | null;

  /** What the run did, or why it failed (first 1 000 characters). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail: string | null;
}
