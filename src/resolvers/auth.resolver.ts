import { MaxLength, IsEmail } from 'class-validator';
import { ArgsType, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Opd, User } from '../entities';
import type { AuthedContext, Context } from '../context';

@ObjectType({ description: 'A signed-in session: the token and who it is for' })
class AuthPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>" (HTTP) or connectionParams.authorization (WebSocket); valid for JWT_TTL (8 hours by default)' })
  token: string;

  @Field(() => User, { description: 'The user who signed in' })
  user: User;
}

@ArgsType()
class LoginArgs {
  @Field({ description: 'Email address of the user (up to 254 characters)' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @Field({ description: 'Their password (up to 200 characters)' })
  @MaxLength(200)
  password: string;
}

@Resolver(() => User)
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Exchange an email and password for a token; the only operation that needs no token. A wrong pair or an inactive user is UNAUTHENTICATED; after repeated failures for the account or from the client address, TOO_MANY_ATTEMPTS with extensions.retryAfterSeconds (HTTP 429, Retry-After)' })
  login(@Ctx() ctx: Context, @Args(() => LoginArgs) { email, password }: LoginArgs): Promise<AuthPayload> {
    return ctx.services.auth.login(email, password, { requestId: ctx.requestId, clientAddress: ctx.clientAddress ?? null });
  }

  @Authorized()
  @Query(() => User, { description: 'The signed-in user' })
  me(@Ctx() ctx: AuthedContext): User {
    return ctx.user;
  }

  @FieldResolver(() => Opd, { nullable: true })
  opd(@Root() user: User, @Ctx() ctx: Context): Promise<Opd | null> {
    return user.opdId ? ctx.loaders.opd.load(user.opdId) : Promise.resolve(null);
  }
}

