import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Agreement, DraftActivity, Opd } from '../entities';
import type { Context } from '../context';

@Resolver(() => DraftActivity)
export class DraftActivityResolver {
  /** Synchronous when the list that holds the activity attached its OPD (see AgreementResolver.activities). */
  @FieldResolver(() => Opd)
  opd(@Root() activity: DraftActivity, @Ctx() ctx: Context): Opd | Promise<Opd> {
    return activity.opd ?? ctx.loaders.opd.load(activity.opdId).then((opd) => opd!);
  }

  @FieldResolver(() => Agreement)
  async agreement(@Root() activity: DraftActivity, @Ctx() ctx: Context): Promise<Agreement> {
    return (await ctx.loaders.agreement.load(activity.agreementId))!;
  }
}
