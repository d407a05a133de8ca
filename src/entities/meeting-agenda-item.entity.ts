import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GlobalIdField, Node } from './node';
import { Meeting } from './meeting.entity';

/** One item of a meeting's agenda, with the note taken on it. */
@ObjectType({ implements: Node, description: "An item of a meeting's agenda (acara), with the note taken on it" })
@Entity()
@Index(['meetingId', 'position'])
export class MeetingAgendaItem {
  @GlobalIdField('MeetingAgendaItem', { description: 'The opaque global id of the agenda item' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  meetingId: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meetingId' })
  meeting?: Meeting;

  @Field(() => Int, { description: 'Place on the agenda, from 1' })
  @Column({ type: 'int' })
  position: number;

  @Field({ description: 'The item, as on the agenda (up to 300 characters)' })
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => String, { nullable: true, description: 'What was said or agreed on it (up to 2 000 characters)' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;
}

/** A note on one decision of a meeting: the activity it is about. */
@Entity()
@Index(['meetingId', 'activityId'], { unique: true })
export class MeetingDecisionNote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  meetingId: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meetingId' })
  meeting?: Meeting;

  @Column({ type: 'int' })
  activityId: number;

  @Column({ type: 'varchar', length: 2000 })
  note: string;
}
