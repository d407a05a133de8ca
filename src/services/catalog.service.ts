import type { DataSource } from 'typeorm';
import { Country, Opd, PartnerCity } from '../entities';
import { byCodePoint, keysetPage, SortDirection, type Connection, type Ordering, type PageRequest } from './pagination';
import { assertKnownCountries } from './countries';

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
      const [code] = await assertKnownCountries(this.dataSource.manager, [countryCode], 'countryCode');
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
