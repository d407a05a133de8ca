import type { DataSource } from 'typeorm';
import { Country, Opd, PartnerCity } from '../entities';
import { badInput } from '../errors';
import { byCodePoint, keysetPage, SortDirection, type Connection, type Ordering, type PageRequest } from './pagination';

/** The reference lists: countries, OPDs and partner cities. */
export class CatalogService {
  constructor(private readonly dataSource: DataSource) {}

  countries() {
    return this.dataSource.getRepository(Country).find({ order: { name: 'ASC' } });
  }

  opds() {
    return this.dataSource.getRepository(Opd).find({ order: { code: 'ASC' } });
  }

  /** Partner cities that are not archived, by name (compared by code point: the same order on every database). */
  async partnerCities(countryCode?: string | null, page: PageRequest = {}): Promise<Connection<PartnerCity>> {
    const query = this.dataSource.getRepository(PartnerCity).createQueryBuilder('city').where('city.archivedAt IS NULL');
    if (countryCode) {
      const code = countryCode.toUpperCase();
      const exists = await this.dataSource.getRepository(Country).existsBy({ code });
      if (!exists) throw badInput(`Unknown country code: ${countryCode.slice(0, 10)}`, { argument: 'countryCode' });
      query.andWhere('city.countryCode = :code', { code });
    }
    const ordering: Ordering = {
      name: 'partnerCities',
      keys: [
        { sql: byCodePoint(this.dataSource, 'city.name'), direction: SortDirection.ASC },
        { sql: 'city.id', direction: SortDirection.ASC },
      ],
    };
    return keysetPage(query, ordering, page);
  }
}
