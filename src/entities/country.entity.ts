import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ simpleResolvers: true, description: 'A country, keyed by its ISO 3166-1 alpha-2 code' })
@Entity()
export class Country {
  @Field(() => ID, { description: 'ISO 3166-1 alpha-2 code, e.g. AU' })
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Field({ description: 'English name of the country, e.g. Australia' })
  @Column({ type: 'varchar', length: 100 })
  name: string;
}
