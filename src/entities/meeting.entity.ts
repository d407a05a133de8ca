import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GlobalIdField, Node } from './node';
import { dateColumn, enumColumn, timestampColumn } from './column-types';
import { Agreement } from './agreement.entity';
import { MeetingState } from './meeting-enums';
import { LocalDate } from '../scalars/local-date';
import type { FrozenDecisions, OpeningBoard } from './meeting-decisions.types';

/**
 * A drafting meeting (rapat pembahasan rencana kerja sama) of one agreement: where the OPDs approve,
 * add or reduce the draft activities. While it is IN_PROGRESS every board change of the agreement is
 * tagged with it; closing freezes the decisions computed from those changes.
 */
@ObjectType({ implements: Node, description: 'A drafting meeting (rapat pembahasan) of an agreement: the OPDs approve, add or reduce its draft activities' })
@Entity()
@Index(['agreementId', 'state'])
export class Meeting {
  @GlobalIdField('Meeting', { description: 'The opaque global id of the meeting' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Field({ description: 'Title of the meeting, as on the invitation (up to 300 characters)' })
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => LocalDate, { description: 'Day the meeting is held' })
  @Column(dateColumn)
  heldOn: string;

  @Field(() => String, { nullable: true, description: 'Local time it starts, HH:MM (WITA, Bali time); null when not known' })
  @Column({ type: 'varchar', length: 5, nullable: true })
  startTime: string | null;

  @Field({ description: 'Where it is held, e.g. Ruang Praja Utama, Kantor Wali Kota Denpasar' })
  @Column({ type: 'varchar', length: 300 })
  place: string;

  @Field(() => String, { nullable: true, description: "The chair's name; null when not known" })
  @Column({ type: 'varchar', length: 200, nullable: true })
  chairName: string | null;

  @Field({ description: "The chair's office, e.g. Asisten III Sekda Kota Denpasar" })
  @Column({ type: 'varchar', length: 200 })
  chairOffice: string;

  @Field(() => MeetingState, { description: 'SCHEDULED, IN_PROGRESS, CLOSED or CANCELLED' })
  @Column(enumColumn())
  state: MeetingState;

  @Field(() => String, { nullable: true, description: 'Free remark on the meeting (up to 1 000 characters); demo data marks illustrative details here' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was opened (UTC instant); null while SCHEDULED' })
  @Column({ ...timestampColumn, nullable: true })
  openedAt: Date | null;

  /** The board sequence number when it opened: its changes are those after it. */
  @Column({ type: 'int', nullable: true })
  openSeq: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed (UTC instant); null until CLOSED' })
  @Column({ ...timestampColumn, nullable: true })
  closedAt: Date | null;

  /** The board sequence number when it closed: its changes are those up to it. */
  @Column({ type: 'int', nullable: true })
  closeSeq: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled (UTC instant); null unless CANCELLED' })
  @Column({ ...timestampColumn, nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled; null unless CANCELLED' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  cancelReason: string | null;

  /** The board as it stood when the meeting opened (what "before" means in its decisions). */
  @Column({ type: 'simple-json', nullable: true })
  openingBoard: OpeningBoard | null;

  /** The decisions frozen at closing; later board changes never alter them. */
  @Column({ type: 'simple-json', nullable: true })
  decisionsSnapshot: FrozenDecisions | null;

  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  @Field({ description: 'When the meeting was scheduled (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;
}
