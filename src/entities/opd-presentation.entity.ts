import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, timestampColumn } from './column-types';
import { Agreement } from './agreement.entity';
import { Opd } from './opd.entity';
import { LocalDate } from '../scalars/local-date';

@ObjectType({ implements: Node, description: "An OPD's presentation of its activities to the DPRD during a review round" })
@Entity()
@Index(['agreementId', 'reviewRound', 'opdId'], { unique: true })
export class OpdPresentation {
  @GlobalIdField('OpdPresentation', { description: 'The opaque global id of the presentation' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Column({ type: 'int' })
  opdId: number;

  @Field(() => Opd, { description: 'The OPD that presented' })
  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd;

  @Field(() => Int, { description: 'The DPRD review round (1 for the first submission, +1 after each return)' })
  @Column({ type: 'int' })
  reviewRound: number;

  @Field(() => LocalDate, { description: 'Day the OPD presented to the DPRD' })
  @Column(dateColumn)
  presentedOn: string;

  @Field(() => String, { nullable: true, description: 'Free remark on the presentation (up to 1 000 characters)' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'int', nullable: true })
  recordedById: number | null;

  @Field({ description: 'When the presentation was recorded (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;
}
