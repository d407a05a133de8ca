import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Country, Opd, PartnerCity } from '../entities';
import type { Context } from '../context';

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

  @Query(() => [PartnerCity])
  partnerCities(@Ctx() ctx: Context, @Arg('countryCode', () => String, { nullable: true }) countryCode?: string): Promise<PartnerCity[]> {
    return ctx.services.catalog.partnerCities(countryCode);
  }

  @FieldResolver(() => Country)
  async country(@Root() city: PartnerCity, @Ctx() ctx: Context): Promise<Country> {
    return (await ctx.loaders.country.load(city.countryCode))!;
  }
}
