import { IsNull, type DataSource } from 'typeorm';
import { Country, Opd, PartnerCity } from '../entities';
import { badInput } from '../errors';

/** The reference lists: countries, OPDs and partner cities. */
export class CatalogService {
  constructor(private readonly dataSource: DataSource) {}

  countries() {
    return this.dataSource.getRepository(Country).find({ order: { name: 'ASC' } });
  }

  opds() {
    return this.dataSource.getRepository(Opd).find({ order: { code: 'ASC' } });
  }

  async partnerCities(countryCode?: string | null) {
    const where: { archivedAt: ReturnType<typeof IsNull>; countryCode?: string } = { archivedAt: IsNull() };
    if (countryCode) {
      const code = countryCode.toUpperCase();
      const exists = await this.dataSource.getRepository(Country).existsBy({ code });
      if (!exists) throw badInput(`Unknown country code: ${countryCode.slice(0, 10)}`, { argument: 'countryCode' });
      where.countryCode = code;
    }
    return this.dataSource.getRepository(PartnerCity).find({ where, order: { name: 'ASC' } });
  }
}
