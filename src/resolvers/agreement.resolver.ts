import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Agreement, AgreementDocument, CooperationField, DraftActivity, PartnerCity, StatusChange } from '../entities';
import type { Context } from '../context';
import { AgreementFilter } from './inputs/agreement-filter.input';
import { AgreementConnection } from './connection.types';
import { parseId, parseOptionalId } from './ids';

@Authorized()
@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => AgreementConnection, { description: 'Agreements, filtered and paginated (first ≤ 100)' })
  async agreements(
    @Ctx() ctx: Context,
    @Arg('filter', () => AgreementFilter, { nullable: true }) filter?: AgreementFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AgreementConnection> {
    await ctx.services.workflow.sweepIfDue();
    const page = await ctx.services.agreements.list(
      { ...filter, partnerCityId: parseOptionalId(filter?.partnerCityId, 'partnerCityId') },
      first,
      after,
    );
    const edges = page.nodes.map((node) => ({ node, cursor: page.cursorOf(node) }));
    return {
      totalCount: page.totalCount,
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => Agreement, { nullable: true, description: 'One agreement, or null when there is none' })
  async agreement(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Agreement | null> {
    await ctx.services.workflow.sweepIfDue();
    return ctx.loaders.agreement.load(parseId(id));
  }

  @FieldResolver(() => PartnerCity)
  async partnerCity(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<PartnerCity> {
    return (await ctx.loaders.partnerCity.load(agreement.partnerCityId))!;
  }

  @FieldResolver(() => [CooperationField], { description: 'Fields of cooperation (bidang)' })
  fields(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<CooperationField[]> {
    return ctx.loaders.fieldsOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [DraftActivity], { description: 'Draft activities in board order; removed ones are left out' })
  activities(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<DraftActivity[]> {
    return ctx.loaders.activitiesOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [AgreementDocument])
  documents(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<AgreementDocument[]> {
    return ctx.loaders.documentsOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [StatusChange], { description: 'Status history, oldest first' })
  history(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<StatusChange[]> {
    return ctx.loaders.historyOfAgreement.load(agreement.id);
  }
}
