import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ simpleResolvers: true, description: 'OPD (Organisasi Perangkat Daerah): a city agency such as Bappeda or Dinas Pariwisata' })
@Entity()
export class Opd {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Short code, unique, e.g. BAPPEDA, DISPAR' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Field({ description: 'Full name, e.g. Dinas Pariwisata Kota Denpasar' })
  @Column({ type: 'varchar', length: 200 })
  name: string;
}
