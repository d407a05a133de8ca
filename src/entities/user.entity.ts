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

  @Field({ description: 'Email address the user signs in with; unique' })
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Field({ description: 'Full name' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => Role, { description: 'What the user may do' })
  @Column(enumColumn())
  role: Role;

  @Column({ type: 'int', nullable: true })
  opdId: number | null;

  @Field(() => Opd, { nullable: true, description: 'The OPD an OPD editor works for; null for other roles' })
  @ManyToOne(() => Opd, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd | null;

  /** scrypt hash; never exposed through GraphQL. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Field({ description: 'False once deactivated: the user can no longer sign in and their tokens stop working' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field({ description: 'When the user was created (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field({ description: 'When the user last changed (UTC instant)' })
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
