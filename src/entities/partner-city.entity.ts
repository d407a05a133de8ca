import { Field, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn, enumColumn } from './column-types';
import { Country } from './country.entity';
import { PartnerLevel } from './enums';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'A city or region abroad that Denpasar cooperates with' })
@Entity()
@Index(['countryCode', 'name'])
export class PartnerCity {
  @GlobalIdField('PartnerCity', { description: 'The opaque global id of the partner city' })
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Name of the city or region, e.g. Perth (1–200 characters)' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'State, province or prefecture, e.g. Western Australia' })
  @Column({ type: 'varchar', length: 200 })
  region: string;

  @Column({ type: 'varchar', length: 2 })
  countryCode: string;

  // Resolved through the per-request loader; the thunk keeps metadata safe from import cycles.
  @Field(() => Country, { description: 'The country it lies in' })
  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'countryCode' })
  country?: Country;

  @Field(() => PartnerLevel, { description: 'Level of government: city, regency, state, province or prefecture' })
  @Column(enumColumn())
  level: PartnerLevel;

  @Field(() => String, { nullable: true, description: 'Indonesian mission that facilitates the cooperation, e.g. KJRI Perth' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  indonesianMission: string | null;

  @Field(() => Date, { nullable: true, description: 'When the partner city was archived (archivePartnerCity); archived ones leave the lists. Null while it is not' })
  @Column({ ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @Field({ description: 'When the partner city was recorded (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field({ description: 'When the partner city last changed (UTC instant)' })
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
