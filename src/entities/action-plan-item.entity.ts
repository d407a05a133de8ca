import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from './column-types';
import { ActionPlan } from './action-plan.entity';
import { DraftActivity } from './draft-activity.entity';
import { Opd } from './opd.entity';
import { LocalDate } from '../scalars/local-date';

@ObjectType({ implements: Node, description: 'One line of an action plan: an activity, when it happens and which OPD answers for it' })
@Entity()
@Index(['actionPlanId', 'position'])
export class ActionPlanItem {
  @GlobalIdField('ActionPlanItem', { description: 'The opaque global id of the action plan line' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  actionPlanId: number;

  @ManyToOne(() => ActionPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'actionPlanId' })
  actionPlan?: ActionPlan;

  @Field(() => Int, { description: 'Order of the line in the plan: 0, 1, 2 … as the lines were given' })
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'int' })
  activityId: number;

  @Field(() => DraftActivity, { description: 'The draft activity (kegiatan) this line plans' })
  @ManyToOne(() => DraftActivity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activityId' })
  activity?: DraftActivity;

  @Column({ type: 'int' })
  responsibleOpdId: number;

  @Field(() => Opd, { description: 'The OPD that answers for the line' })
  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsibleOpdId' })
  responsibleOpd?: Opd;

  @Field(() => LocalDate, { nullable: true, description: 'First day of the activity; null when the line gives a quarter instead' })
  @Column({ ...dateColumn, nullable: true })
  startOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of the activity (not before startOn); null when the line gives a quarter instead' })
  @Column({ ...dateColumn, nullable: true })
  endOn: string | null;

  @Field(() => String, { nullable: true, description: 'A quarter written YYYY-Qn, e.g. 2026-Q3, when no exact dates are planned' })
  @Column({ type: 'varchar', length: 7, nullable: true })
  quarter: string | null;

  @Field(() => String, { nullable: true, description: 'What happens in this line, in free text (up to 1 000 characters)' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;
}
