import { Field, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { enumColumn, timestampColumn } from './column-types';
import { AgreementStatus } from './enums';
import { Agreement } from './agreement.entity';
import { User } from './user.entity';

@ObjectType({ implements: Node, description: "One step in an agreement's status history (append-only)" })
@Entity()
@Index(['agreementId', 'at'])
export class StatusChange {
  @GlobalIdField('StatusChange', { description: 'The opaque global id of this step of the history' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Field(() => AgreementStatus, { nullable: true, description: 'The status before the step; null for the first entry (the agreement was recorded)' })
  @Column({ ...enumColumn(), nullable: true })
  fromStatus: AgreementStatus | null;

  @Field(() => AgreementStatus, { description: 'The status after the step' })
  @Column(enumColumn())
  toStatus: AgreementStatus;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Field(() => User, { nullable: true, description: 'Who made the step; null when the system did (e.g. expiry)' })
  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'actorId' })
  actor?: User | null;

  @Field(() => String, { nullable: true, description: 'Why, or what happened, as given with the step (up to 1 000 characters)' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Field({ description: 'When the step was made (UTC instant)' })
  @Column(timestampColumn)
  at: Date;
}
