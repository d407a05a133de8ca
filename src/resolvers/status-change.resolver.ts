import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { StatusChange, User } from '../entities';
import type { Context } from '../context';

@Resolver(() => StatusChange)
export class StatusChangeResolver {
  @FieldResolver(() => User, { nullable: true })
  actor(@Root() change: StatusChange, @Ctx() ctx: Context): Promise<User | null> {
    return change.actorId ? ctx.loaders.user.load(change.actorId) : Promise.resolve(null);
  }
}
