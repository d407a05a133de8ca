import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Agreement } from '../entities';
import type { Context } from '../context';
import { Topic } from '../subscriptions/topics';
import { parseId } from './ids';

@Resolver()
export class AgreementEventsResolver {
  @Authorized()
  @Subscription(() => Agreement, {
    nullable: true,
    topics: Topic.AGREEMENT_UPDATED,
    topicId: ({ args }) => String(parseId(args.agreementId as string, 'agreementId')),
    description: 'The agreement, each time a committed change touches it (registry edits, status changes)',
  })
  agreementUpdated(@Root() payload: { agreementId: number }, @Ctx() ctx: Context, @Arg('agreementId', () => ID) _agreementId: string): Promise<Agreement | null> {
    return ctx.loaders.agreement.load(payload.agreementId);
  }
}
