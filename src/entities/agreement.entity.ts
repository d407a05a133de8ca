import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { dateColumn, enumColumn, timestampColumn } from './column-types';
import { AgreementKind, AgreementStatus } from './enums';
import { PartnerCity } from './partner-city.entity';
import { AgreementFieldEntry } from './agreement-field.entity';
import { LocalDate } from '../scalars/local-date';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'One cooperation with one partner city, from Letter of Intent to MoU and beyond' })
@Entity()
@Index(['status', 'id'])
@Index(['partnerCityId'])
@Index(['expiresOn'])
export class Agreement {
  @GlobalIdField('Agreement', { description: 'The opaque global id of the agreement' })
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Title of the cooperation, as on its documents (up to 300 characters)' })
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => AgreementKind, { description: 'Sister city or other cooperation' })
  @Column(enumColumn())
  kind: AgreementKind;

  @Column({ type: 'int' })
  partnerCityId: number;

  @ManyToOne(() => PartnerCity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnerCityId' })
  partnerCity?: PartnerCity;

  // Exposed as `fields: [CooperationField!]!` by the agreement resolver (one row per field keeps GROUP BY simple).
  @OneToMany(() => AgreementFieldEntry, (entry) => entry.agreement, { cascade: true })
  fieldEntries?: AgreementFieldEntry[];

  @Field({ description: 'Ruang lingkup (scope): what the cooperation covers, in free text' })
  @Column({ type: 'text' })
  scope: string;

  @Field(() => AgreementStatus, { description: 'Where the agreement stands in the workflow; only the workflow mutations change it' })
  @Column(enumColumn())
  status: AgreementStatus;

  @Field({ description: 'When the agreement entered its current status (UTC instant)' })
  @Column(timestampColumn)
  statusChangedAt: Date;

  @Field(() => LocalDate, { nullable: true, description: 'Day the Letter of Intent was signed; null before LOI_SIGNED' })
  @Column({ ...dateColumn, nullable: true })
  loiSignedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the DPRD approved the cooperation (its decidedOn); null before DPRD_APPROVED' })
  @Column({ ...dateColumn, nullable: true })
  dprdApprovedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the current MoU (the first one, or the latest renewal) was signed; null before MOU_IN_FORCE' })
  @Column({ ...dateColumn, nullable: true })
  mouSignedOn: string | null;

  @Field(() => Int, { nullable: true, description: 'Validity of the current MoU in months (1–240); null before MOU_IN_FORCE' })
  @Column({ type: 'int', nullable: true })
  validityMonths: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of the current MoU (mouSignedOn + validityMonths); the day after, the server moves the agreement to EXPIRED' })
  @Column({ ...dateColumn, nullable: true })
  expiresOn: string | null;

  @Field(() => Int, { description: 'DPRD review rounds so far: +1 each time the agreement is submitted to the DPRD' })
  @Column({ type: 'int', default: 0 })
  reviewRound: number;

  @Field(() => LocalDate, { nullable: true, description: 'Day written notice of termination was given; set by terminateAgreement' })
  @Column({ ...dateColumn, nullable: true })
  terminationNoticeOn: string | null;

  @Field(() => Int, { description: 'Sequence number of the last change to the draft board (0 before any); boardEvents(afterSeq:) resumes after it' })
  @Column({ type: 'int', default: 0 })
  boardSeq: number;

  // Bumped by TypeORM on every save of the row; the workflow checks it explicitly where it matters.
  @VersionColumn()
  version: number;

  @Field(() => Date, { nullable: true, description: 'When the agreement was archived (archiveAgreement); archived agreements leave the default lists. Null while it is not' })
  @Column({ ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @Field({ description: 'When the agreement was recorded (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field({ description: 'When the agreement was last changed (UTC instant)' })
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
