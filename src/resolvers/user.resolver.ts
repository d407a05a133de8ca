import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { User } from '../entities';
import { actorOf, type AuthedContext } from '../context';
import { USER_ADMIN_ROLES } from '../services/access-policy';
import { CreateUserInput, UpdateUserInput } from './inputs/user.input';
import { parseGlobalId, parseOptionalGlobalId } from '../global-id';
import { ConnectionArgs, UserConnection } from './connection.types';

@Authorized(...USER_ADMIN_ROLES)
@Resolver(() => User)
export class UserResolver {
  @Query(() => UserConnection, { description: 'Every user, active or not, by email (admins; a Relay connection, pages of 1–100)' })
  users(@Ctx() ctx: AuthedContext, @Args(() => ConnectionArgs) page: ConnectionArgs): Promise<UserConnection> {
    return ctx.services.users.list(ctx.user, page);
  }

  @Mutation(() => User, { description: 'Create a user (admins)' })
  createUser(@Ctx() ctx: AuthedContext, @Arg('input', () => CreateUserInput, { description: 'The new user' }) input: CreateUserInput): Promise<User> {
    return ctx.services.users.create(actorOf(ctx), { ...input, opdId: parseOptionalGlobalId(input.opdId, 'Opd', 'opdId') });
  }

  @Mutation(() => User, { description: 'Change a user (admins); a role change closes their open WebSockets' })
  updateUser(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of the user' }) id: string, @Arg('input', () => UpdateUserInput, { description: 'The changes; fields left out stay as they are' }) input: UpdateUserInput): Promise<User> {
    const { opdId, ...rest } = input;
    return ctx.services.users.update(actorOf(ctx), parseGlobalId(id, 'User', 'id'), { ...rest, ...(opdId !== undefined ? { opdId: parseOptionalGlobalId(opdId, 'Opd', 'opdId') } : {}) });
  }

  @Mutation(() => User, { description: 'Deactivate a user (admins): their tokens stop working and their WebSockets close at once' })
  deactivateUser(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of the user' }) id: string): Promise<User> {
    return ctx.services.users.deactivate(actorOf(ctx), parseGlobalId(id, 'User', 'id'));
  }
}
