import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { GlobalIdField, Node } from './node';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'A country, keyed by its ISO 3166-1 alpha-2 code' })
@Entity()
export class Country {
  /** Not a column: the global id is made from `code`, the country's identity. */
  @GlobalIdField('Country', { from: 'code', description: 'The opaque global id of the country (made from its ISO code; filters take the code itself)' })
  readonly id?: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. AU' })
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Field({ description: 'English name of the country, e.g. Australia' })
  @Column({ type: 'varchar', length: 100 })
  name: string;
}
