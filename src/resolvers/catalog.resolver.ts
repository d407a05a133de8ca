import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Country, Opd, PartnerCity } from '../entities';
import type { Context } from '../context';
import { ConnectionArgs, PartnerCityConnection } from './connection.types';

@Authorized()
@Resolver(() => PartnerCity)
export class CatalogResolver {
  @Query(() => [Country], { description: 'Every country (ISO 3166-1 alpha-2), by name' })
  countries(@Ctx() ctx: Context): Promise<Country[]> {
    return ctx.services.catalog.countries();
  }

  @Query(() => [Opd], { description: 'City agencies (OPD, Organisasi Perangkat Daerah), by code' })
  opds(@Ctx() ctx: Context): Promise<Opd[]> {
    return ctx.services.catalog.opds();
  }

  @Query(() => PartnerCityConnection, { description: 'Partner cities that are not archived, by name (a Relay connection; pages of 1–100)' })
  partnerCities(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('countryCode', () => String, { nullable: true, description: 'Only the cities of this country (ISO 3166-1 alpha-2)' }) countryCode?: string,
  ): Promise<PartnerCityConnection> {
    return ctx.services.catalog.partnerCities(countryCode, page);
  }

  @FieldResolver(() => Country)
  async country(@Root() city: PartnerCity, @Ctx() ctx: Context): Promise<Country> {
    return (await ctx.loaders.country.load(city.countryCode))!;
  }
}
