import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Agreement, DraftActivity, Opd } from '../entities';
import type { Context } from '../context';

@Resolver(() => DraftActivity)
export class DraftActivityResolver {
  @FieldResolver(() => Opd)
  async opd(@Root() activity: DraftActivity, @Ctx() ctx: Context): Promise<Opd> {
    return (await ctx.loaders.opd.load(activity.opdId))!;
  }

  @FieldResolver(() => Agreement)
  async agreement(@Root() activity: DraftActivity, @Ctx() ctx: Context): Promise<Agreement> {
    return (await ctx.loaders.agreement.load(activity.agreementId))!;
  }
}
