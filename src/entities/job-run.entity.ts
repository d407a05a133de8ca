import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { enumColumn, timestampColumn } from './column-types';
import type { JobOutcome } from './job-lease.entity';

/** Every finished run of a scheduled job (append-only): shown to operators, counted by metrics. */
@Entity('job_run')
@Index(['name', 'slot'])
export class JobRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** The schedule slot the run was for (ISO instant of its start). */
  @Column({ type: 'varchar', length: 32 })
  slot: string;

  @Column({ type: 'varchar', length: 100 })
  holder: string;

  @Column(timestampColumn)
  startedAt: Date;

  @Column(timestampColumn)
  finishedAt: Date;

  @Column(enumColumn(16))
  outcome: JobOutcome;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail: string | null;
}
