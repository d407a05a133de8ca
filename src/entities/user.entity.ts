import { Field, ObjectType } from 'type-graphql';
import { GlobalIdField, Node } from './node';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { enumColumn, timestampColumn } from './column-types';
import { Role } from './enums';
import { Opd } from './opd.entity';

@ObjectType({ implements: Node, description: 'A person who signs in to Jalin' })
@Entity()
export class User {
  @GlobalIdField('User', { description: 'The opaque global id of the user' })
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => Role)
  @Column(enumColumn())
  role: Role;

  @Column({ type: 'int', nullable: true })
  opdId: number | null;

  @Field(() => Opd, { nullable: true, description: 'The OPD an OPD editor works for' })
  @ManyToOne(() => Opd, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd | null;

  /** scrypt hash; never exposed through GraphQL. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field()
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field()
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
