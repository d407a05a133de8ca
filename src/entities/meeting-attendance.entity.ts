import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { GlobalIdField, Node } from './node';
import { enumColumn, timestampColumn } from './column-types';
import { Meeting } from './meeting.entity';
import { Opd } from './opd.entity';
import { AttendanceStatus } from './meeting-enums';

/** One invitee of a meeting, an OPD or a person, and whether they came. */
@ObjectType({ implements: Node, description: 'An invitee of a meeting (an OPD or a person) and whether they attended' })
@Entity()
@Index(['meetingId', 'position'])
export class MeetingAttendance {
  @GlobalIdField('MeetingAttendance', { description: 'The opaque global id of the attendance line' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  meetingId: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meetingId' })
  meeting?: Meeting;

  /** Order on the invitation list. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'int', nullable: true })
  opdId: number | null;

  @ManyToOne(() => Opd, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd | null;

  @Field(() => String, { nullable: true, description: 'The invited person (for a person), or who came for the OPD; null when not known' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  personName: string | null;

  @Field(() => String, { nullable: true, description: "The person's office or function, for an invited person" })
  @Column({ type: 'varchar', length: 200, nullable: true })
  personOffice: string | null;

  @Field(() => AttendanceStatus, { description: 'INVITED until recorded, then PRESENT, ABSENT or REPRESENTED' })
  @Column(enumColumn())
  status: AttendanceStatus;

  @Field(() => String, { nullable: true, description: 'Who represented the invitee (name and office), when REPRESENTED' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  representedBy: string | null;

  @Column({ type: 'int', nullable: true })
  recordedById: number | null;

  @Field({ description: 'When the line last changed (UTC instant)' })
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
