import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CooperationField } from './enums';
import { Agreement } from './agreement.entity';

/** One field of cooperation of an agreement; a row each so reports can GROUP BY field. */
@Entity()
@Index(['field'])
export class AgreementFieldEntry {
  @PrimaryColumn({ type: 'int' })
  agreementId: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  field: CooperationField;

  @ManyToOne(() => Agreement, (agreement) => agreement.fieldEntries, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;
}
