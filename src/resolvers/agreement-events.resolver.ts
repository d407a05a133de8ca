import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Agreement } from '../entities';
import type { Context } from '../context';
import { Topic } from '../subscriptions/topics';
import { parseId } from './ids';

/**
 * Stand-in with exactly the signature of the workflow's `agreementUpdated` (feat/workflow,
 * agreement-workflow.resolver.ts): when both branches meet, delete this file and keep that one.
 */
@Resolver()
export class AgreementEventsResolver {
  @Authorized()
  @Subscription(() => Agreement, {
    topics: Topic.AGREEMENT_UPDATED,
    topicId: ({ args }: SubscribeResolverData<unknown, { id: string }>) => String(parseId(args.id)),
    description: 'Every committed change of one agreement: status steps, documents, presentations, action plan',
  })
  async agreementUpdated(@Root() payload: { agreementId: number }, @Ctx() ctx: Context, @Arg('id', () => ID) _id: string): Promise<Agreement> {
    ctx.loaders.agreement.clearAll();
    return (await ctx.loaders.agreement.load(payload.agreementId))!;
  }
}
