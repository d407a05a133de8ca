import { Field, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'OPD (Organisasi Perangkat Daerah): a city agency such as Bappeda or Dinas Pariwisata' })
@Entity()
export class Opd {
  @GlobalIdField('Opd', { description: 'The opaque global id of the OPD' })
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Short code, unique, e.g. BAPPEDA, DISPAR' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Field({ description: 'Full name, e.g. Dinas Pariwisata Kota Denpasar' })
  @Column({ type: 'varchar', length: 200 })
  name: string;
}
