import { IsEmail, IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../entities';

const PASSWORD_MESSAGE = { message: 'password must have at least 12 characters' };

@InputType({ description: 'A new user; OPD editors need the OPD they work for' })
export class CreateUserInput {
  @Field({ description: 'Email address the user signs in with (up to 254 characters); unique' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @Field({ description: 'Full name (1–200 characters)' })
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => Role, { description: 'What the user may do' })
  role: Role;

  // Decoded (and refused when it is not an Opd id) by the resolver.
  @Field(() => ID, { nullable: true, description: 'The opaque global id of the OPD the user works for: required for OPD_EDITOR, refused for other roles' })
  @IsOptional()
  opdId?: string | null;

  @Field({ description: 'Password, 12–200 characters; stored only as a scrypt hash, never returned' })
  @MinLength(12, PASSWORD_MESSAGE)
  @MaxLength(200)
  password: string;
}

@InputType({ description: 'Changes to a user; fields left out stay as they are' })
export class UpdateUserInput {
  @Field({ nullable: true, description: 'New email address (up to 254 characters); unique' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @Field({ nullable: true, description: 'New full name (1–200 characters)' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field(() => Role, { nullable: true, description: 'Changing the role closes the user’s open WebSockets' })
  @IsOptional()
  role?: Role;

  @Field(() => ID, { nullable: true, description: 'The opaque global id of the OPD of an OPD editor; null clears it' })
  @IsOptional()
  opdId?: string | null;

  @Field({ nullable: true, description: 'A new password, 12–200 characters; it ends every token issued before it' })
  @IsOptional()
  @MinLength(12, PASSWORD_MESSAGE)
  @MaxLength(200)
  password?: string;

  @Field({ nullable: true, description: 'false deactivates (like deactivateUser), true reactivates' })
  @IsOptional()
  active?: boolean;
}
