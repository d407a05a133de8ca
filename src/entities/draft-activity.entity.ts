import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { enumColumn, timestampColumn } from './column-types';
import { ActivityDecision, FundingSource } from './enums';
import { Agreement } from './agreement.entity';
import { Opd } from './opd.entity';

/** bigint columns come back from mysql2 as strings; whole Rupiah fit a JS number exactly. */
const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** Fields a board change may touch; each carries its own version for field-level conflict detection. */
export const EDITABLE_ACTIVITY_FIELDS = ['title', 'scope', 'benefit', 'output', 'year', 'budgetEstimate', 'fundingSource', 'decision'] as const;
export type EditableActivityField = (typeof EDITABLE_ACTIVITY_FIELDS)[number];

@ObjectType({ implements: Node, simpleResolvers: true, description: 'A draft activity (kegiatan) that an OPD proposes for an agreement' })
@Entity()
@Index(['agreementId', 'position'])
@Index(['opdId'])
export class DraftActivity {
  @GlobalIdField('DraftActivity', { description: 'The opaque global id of the draft activity' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @Field(() => Agreement, { description: 'The agreement whose board the activity is on' })
  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Column({ type: 'int' })
  opdId: number;

  @Field(() => Opd, { description: 'The OPD that proposes the activity and answers for it' })
  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd;

  @Field({ description: 'Title of the activity (kegiatan), 1–300 characters' })
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field({ description: 'Ruang lingkup (scope): what the activity covers; empty until written. Needed before DPRD_REVIEW' })
  @Column({ type: 'text' })
  scope: string;

  @Field({ description: 'Manfaat (benefit): what the activity brings, and to whom; empty until written. Needed before DPRD_REVIEW' })
  @Column({ type: 'text' })
  benefit: string;

  @Field({ description: 'Keluaran (output): what the activity delivers; empty until written. Needed before DPRD_REVIEW' })
  @Column({ type: 'text' })
  output: string;

  @Field(() => Int, { nullable: true, description: 'Budget year (tahun anggaran) the activity is planned for, 2000–2100' })
  @Column({ type: 'int', nullable: true })
  year: number | null;

  @Field(() => Float, { nullable: true, description: 'Estimated budget in whole Rupiah (IDR), 0 or more; a Float because it can exceed 32-bit Int' })
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  budgetEstimate: number | null;

  @Field(() => FundingSource, { nullable: true, description: 'Where the money comes from (sumber dana)' })
  @Column({ ...enumColumn(), nullable: true })
  fundingSource: FundingSource | null;

  @Field(() => ActivityDecision, { description: 'Whether its OPD has accepted the activity' })
  @Column(enumColumn())
  decision: ActivityDecision;

  /**
   * Fractional order key (fractional-indexing), computed by the server only. Sorting by it gives
   * the board order; MySQL must compare it byte-wise, so the migration gives it utf8mb4_bin.
   */
  @Field({ description: 'Order key of the activity on its board, computed by the server: sorting by it (plain string comparison, byte-wise) gives the board order' })
  @Column({ type: 'varchar', length: 255 })
  position: string;

  @Field(() => Int, { description: 'Version of the activity, 1 when added and +1 on every change; send it as baseVersion to updateDraftActivity' })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** For each editable field, the activity version that last changed it. */
  @Column({ type: 'simple-json' })
  fieldVersions: Partial<Record<EditableActivityField, number>>;

  @Field(() => Date, { nullable: true, description: 'When the activity was taken off the board (removeDraftActivity); null while it is on it' })
  @Column({ ...timestampColumn, nullable: true })
  removedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  updatedById: number | null;

  @Field({ description: 'When the activity was added (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field({ description: 'When the activity last changed (UTC instant)' })
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
