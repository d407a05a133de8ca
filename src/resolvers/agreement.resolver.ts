import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectsField } from './selection';
import { Agreement, AgreementDocument, CooperationField, DraftActivity, PartnerCity, StatusChange } from '../entities';
import type { Context } from '../context';
import { AgreementFilter } from './inputs/agreement-filter.input';
import { AgreementConnection, AgreementOrder, ConnectionArgs } from './connection.types';
import { parseGlobalId, parseOptionalGlobalId } from '../global-id';

@Authorized()
@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => AgreementConnection, { description: 'Agreements, filtered, ordered and paged (a Relay connection; pages of 1–100)' })
  async agreements(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => AgreementFilter, { nullable: true, description: 'Which agreements; all but archived ones when left out' }) filter?: AgreementFilter,
    @Arg('orderBy', () => AgreementOrder, { nullable: true, description: 'Order of the list; as recorded (CREATED_AT, ASC) when left out' }) orderBy?: AgreementOrder,
  ): Promise<AgreementConnection> {
    return ctx.services.agreements.list({ ...filter, partnerCityId: parseOptionalGlobalId(filter?.partnerCityId, 'PartnerCity', 'partnerCityId') }, orderBy ?? undefined, page);
  }

  @Query(() => Agreement, { nullable: true, description: 'One agreement, or null when there is none' })
  async agreement(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The opaque global id of the agreement' }) id: string): Promise<Agreement | null> {
    return ctx.loaders.agreement.load(parseGlobalId(id, 'Agreement', 'id'));
  }

  @FieldResolver(() => PartnerCity, { description: 'The partner city abroad the agreement is with' })
  async partnerCity(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<PartnerCity> {
    return (await ctx.loaders.partnerCity.load(agreement.partnerCityId))!;
  }

  @FieldResolver(() => [CooperationField], { description: 'Fields of cooperation (bidang)' })
  fields(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<CooperationField[]> {
    return ctx.loaders.fieldsOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [DraftActivity], { description: 'Draft activities in board order; removed ones are left out' })
  async activities(@Root() agreement: Agreement, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<DraftActivity[]> {
    const activities = await ctx.loaders.activitiesOfAgreement.load(agreement.id);
    // With each OPD attached before the list resolves, every activity resolves synchronously: a page
    // of a thousand activities is not a thousand promises (the OPDs still come in one statement).
    if (selectsField(info, 'opd')) {
      const opds = await ctx.loaders.opd.loadMany([...new Set(activities.map((a) => a.opdId))]);
      const byId = new Map(opds.flatMap((opd) => (opd && !(opd instanceof Error) ? [[opd.id, opd] as const] : [])));
      for (const activity of activities) activity.opd ??= byId.get(activity.opdId);
    }
    return activities;
  }

  @FieldResolver(() => [AgreementDocument], { description: 'Signed documents of the agreement (LoI, DPRD decision, MoU, …), by signing day; archived ones left out' })
  documents(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<AgreementDocument[]> {
    return ctx.loaders.documentsOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => [StatusChange], { description: 'Status history, oldest first' })
  history(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<StatusChange[]> {
    return ctx.loaders.historyOfAgreement.load(agreement.id);
  }
}
