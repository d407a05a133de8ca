import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { dateColumn, enumColumn, timestampColumn } from './column-types';
import { AgreementKind, AgreementStatus } from './enums';
import { PartnerCity } from './partner-city.entity';
import { AgreementFieldEntry } from './agreement-field.entity';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'One cooperation with one partner city, from Letter of Intent to MoU and beyond' })
@Entity()
@Index(['status', 'id'])
@Index(['partnerCityId'])
@Index(['expiresOn'])
export class Agreement {
  @GlobalIdField('Agreement', { description: 'The opaque global id of the agreement' })
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => AgreementKind)
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

  @Field({ description: 'Ruang lingkup: what the cooperation covers' })
  @Column({ type: 'text' })
  scope: string;

  @Field(() => AgreementStatus)
  @Column(enumColumn())
  status: AgreementStatus;

  @Field({ description: 'When the agreement entered its current status' })
  @Column(timestampColumn)
  statusChangedAt: Date;

  @Field(() => String, { nullable: true, description: 'Date the Letter of Intent was signed (YYYY-MM-DD)' })
  @Column({ ...dateColumn, nullable: true })
  loiSignedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Date the DPRD approved the cooperation (YYYY-MM-DD)' })
  @Column({ ...dateColumn, nullable: true })
  dprdApprovedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Date the current MoU was signed (YYYY-MM-DD)' })
  @Column({ ...dateColumn, nullable: true })
  mouSignedOn: string | null;

  @Field(() => Int, { nullable: true, description: 'Validity of the current MoU in months' })
  @Column({ type: 'int', nullable: true })
  validityMonths: number | null;

  @Field(() => String, { nullable: true, description: 'Date the current MoU lapses (YYYY-MM-DD)' })
  @Column({ ...dateColumn, nullable: true })
  expiresOn: string | null;

  @Field(() => Int, { description: 'DPRD review rounds so far: +1 each time the agreement is submitted to the DPRD' })
  @Column({ type: 'int', default: 0 })
  reviewRound: number;

  @Field(() => String, { nullable: true, description: 'Date written notice of termination was given (YYYY-MM-DD)' })
  @Column({ ...dateColumn, nullable: true })
  terminationNoticeOn: string | null;

  @Field(() => Int, { description: 'Sequence number of the last change to the draft board' })
  @Column({ type: 'int', default: 0 })
  boardSeq: number;

  // Bumped by TypeORM on every save of the row; the workflow checks it explicitly where it matters.
  @VersionColumn()
  version: number;

  @Field(() => Date, { nullable: true })
  @Column({ ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @Field()
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field()
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
