import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, enumColumn, timestampColumn } from './column-types';
import { DocumentKind } from './enums';
import { Agreement } from './agreement.entity';
import { LocalDate } from '../scalars/local-date';

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

  @Field(() => DocumentKind, { description: 'What the document is: LoI, cooperation plan, DPRD decision, MoU, implementing agreement or addendum' })
  @Column(enumColumn())
  kind: DocumentKind;

  @Field(() => String, { nullable: true, description: 'Document number (nomor surat), e.g. 075/12/KS/2020; null when not recorded' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  number: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the document was signed' })
  @Column({ ...dateColumn, nullable: true })
  signedOn: string | null;

  @Field(() => Int, { nullable: true, description: 'How many months the document is valid (1–240), e.g. 60 for a five-year MoU; null when it has no term' })
  @Column({ type: 'int', nullable: true })
  validityMonths: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the document is valid: signedOn + validityMonths, or as corrected with updateDocument' })
  @Column({ ...dateColumn, nullable: true })
  validUntil: string | null;

  @Field(() => String, { nullable: true, description: 'Free remark about the document (up to 1 000 characters)' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Field(() => Date, { nullable: true, description: 'When the document was archived (archiveDocument); archived documents no longer appear on their agreement' })
  @Column({ ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @Field({ description: 'When the document was recorded (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;
}
