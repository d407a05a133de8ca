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

  @Field(() => Agreement)
  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Column({ type: 'int' })
  opdId: number;

  @Field(() => Opd, { description: 'The OPD that proposes the activity' })
  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field({ description: 'Ruang lingkup of the activity' })
  @Column({ type: 'text' })
  scope: string;

  @Field({ description: 'Manfaat: the benefit, and to whom' })
  @Column({ type: 'text' })
  benefit: string;

  @Field({ description: 'Keluaran: the output the activity delivers' })
  @Column({ type: 'text' })
  output: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  year: number | null;

  @Field(() => Float, { nullable: true, description: 'Estimated budget in Rupiah' })
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  budgetEstimate: number | null;

  @Field(() => FundingSource, { nullable: true })
  @Column({ ...enumColumn(), nullable: true })
  fundingSource: FundingSource | null;

  @Field(() => ActivityDecision)
  @Column(enumColumn())
  decision: ActivityDecision;

  /**
   * Fractional order key (fractional-indexing), computed by the server only. Sorting by it gives
   * the board order; MySQL must compare it byte-wise, so the migration gives it utf8mb4_bin.
   */
  @Field({ description: 'Order key of the activity on its board; sorting by it gives the board order' })
  @Column({ type: 'varchar', length: 255 })
  position: string;

  @Field(() => Int, { description: 'Incremented by every change to the activity' })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** For each editable field, the activity version that last changed it. */
  @Column({ type: 'simple-json' })
  fieldVersions: Partial<Record<EditableActivityField, number>>;

  @Field(() => Date, { nullable: true })
  @Column({ ...timestampColumn, nullable: true })
  removedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  updatedById: number | null;

  @Field()
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field()
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
