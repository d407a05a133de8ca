import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { enumColumn, timestampColumn } from './column-types';
import { BoardEventKind } from './enums';
import { Agreement } from './agreement.entity';
import { User } from './user.entity';
import type { ActivitySnapshot } from './activity-snapshot';

/**
 * The append-only log of a draft board: one row per committed change, numbered 1..N per agreement
 * without gaps. Subscriptions replay from it, so it holds the activity as it was after the change.
 */
@Entity()
@Index(['agreementId', 'seq'], { unique: true })
export class ChangeEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Column({ type: 'int' })
  seq: number;

  @Column(enumColumn())
  kind: BoardEventKind;

  @Column({ type: 'int', nullable: true })
  activityId: number | null;

  @Column({ type: 'simple-json' })
  changedFields: string[];

  /** The activity's state right after the change (JSON), so a replay needs no other table. */
  @Column({ type: 'simple-json' })
  snapshot: ActivitySnapshot;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'actorId' })
  actor?: User | null;

  @Column(timestampColumn)
  at: Date;

  /** The drafting meeting that was in progress when the change was made, if any (set in the change's transaction). */
  @Index()
  @Column({ type: 'int', nullable: true })
  meetingId: number | null;
}
