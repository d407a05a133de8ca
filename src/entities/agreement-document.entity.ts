import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, enumColumn, timestampColumn } from './column-types';
import { DocumentKind } from './enums';
import { Agreement } from './agreement.entity';

@ObjectType({ implements: Node, description: 'A signed document of an agreement: LoI, DPRD decision, MoU, addendum…' })
@Entity()
@Index(['agreementId', 'kind'])
export class AgreementDocument {
  @GlobalIdField('AgreementDocument', { description: 'The opaque global id of the document' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Field(() => DocumentKind)
  @Column(enumColumn())
  kind: DocumentKind;

  @Field(() => String, { nullable: true, description: 'Document number, e.g. 075/12/KS/2020' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  number: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ ...dateColumn, nullable: true })
  signedOn: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  validityMonths: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ ...dateColumn, nullable: true })
  validUntil: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @Field()
  @CreateDateColumn(timestampColumn)
  createdAt: Date;
}
