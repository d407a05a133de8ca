import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Agreement } from '../entities';
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
}
