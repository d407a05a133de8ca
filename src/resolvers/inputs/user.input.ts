import { IsEmail, IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../entities';
import { describedAs, fieldsTypeName, optionalIn, type PatchOf, type Variant } from './add-and-patch';

const PASSWORD_MESSAGE = { message: 'password must have at least 12 characters' };

/** A user's fields, for `createUser` and `updateUser`. */
function userFields(variant: Variant) {
  const patch = variant === 'patch';
  // Registered for its fields only (inputs that extend it get them); not a type of the schema.
  @InputType(fieldsTypeName('User', variant))
  abstract class UserFields {
    @Field({ nullable: patch, description: describedAs(variant, 'Email address the user signs in with (up to 254 characters); unique', 'New email address (up to 254 characters); unique') })
    @optionalIn(variant)
    @IsEmail({}, { message: 'email must be an email address' })
    @MaxLength(254)
    email: string;

    @Field({ nullable: patch, description: describedAs(variant, 'Full name (1–200 characters)', 'New full name (1–200 characters)') })
    @optionalIn(variant)
    @MinLength(1)
    @MaxLength(200)
    name: string;

    @Field(() => Role, { nullable: patch, description: describedAs(variant, 'What the user may do', 'Changing the role closes the user’s open WebSockets') })
    @optionalIn(variant)
    role: Role;

    // Decoded (and refused when it is not an Opd id) by the resolver.
    @Field(() => ID, {
      nullable: true,
      description: describedAs(
        variant,
        'The opaque global id of the OPD the user works for: required for OPD_EDITOR, refused for other roles',
        'The opaque global id of the OPD of an OPD editor; null clears it',
      ),
    })
    @IsOptional()
    opdId?: string | null;

    @Field({ nullable: patch, description: describedAs(variant, 'Password, 12–200 characters; stored only as a scrypt hash, never returned', 'A new password, 12–200 characters; it ends every token issued before it') })
    @optionalIn(variant)
    @MinLength(12, PASSWORD_MESSAGE)
    @MaxLength(200)
    password: string;
  }
  return UserFields;
}

@InputType({ description: 'A new user; OPD editors need the OPD they work for' })
export class CreateUserInput extends userFields('add') {}

@InputType({ description: 'Changes to a user; fields left out stay as they are' })
export class UpdateUserInput extends (userFields('patch') as PatchOf<CreateUserInput>) {
  @Field({ nullable: true, description: 'false deactivates (like deactivateUser), true reactivates' })
  @IsOptional()
  active?: boolean;
}
