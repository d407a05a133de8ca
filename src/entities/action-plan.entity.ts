import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from './column-types';
import { Agreement } from './agreement.entity';

/**
 * The action plan (rencana aksi) attached during DPRD review. Attaching a new one supersedes the
 * previous plan of the agreement; superseded plans stay for the record.
 */
@ObjectType({ implements: Node, description: 'The action plan (rencana aksi) submitted to the DPRD with the agreement' })
@Entity()
@Index(['agreementId', 'supersededAt'])
export class ActionPlan {
  @GlobalIdField('ActionPlan', { description: 'The opaque global id of the action plan' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Field(() => Int, { description: 'The DPRD review round it was attached in' })
  @Column({ type: 'int' })
  reviewRound: number;

  @Field(() => String, { nullable: true, description: 'Free remark on the plan (up to 1 000 characters)' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'int', nullable: true })
  attachedById: number | null;

  @Field(() => Date, { nullable: true, description: 'When a newer plan replaced this one; null for the current plan' })
  @Column({ ...timestampColumn, nullable: true })
  supersededAt: Date | null;

  @Field({ description: 'When the plan was attached (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;
}
