import { Brackets, type DataSource } from 'typeorm';
import { Agreement, AgreementFieldEntry, AgreementStatus, CooperationField } from '../entities';
import { badInput } from '../errors';
import { byCodePoint, exactInstant, keysetPage, type Connection, type Ordering, type PageRequest, SortDirection } from './pagination';
import { assertKnownCountries } from './countries';

export interface AgreementFilterValues {
  statuses?: AgreementStatus[] | null;
  countryCodes?: string[] | null;
  partnerCityId?: number | null;
  fields?: CooperationField[] | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

/** What a dashboard sorts agreements by; every order ends with the id, so it is total and stable. */
export enum AgreementOrderField {
  CREATED_AT = 'CREATED_AT',
  TITLE = 'TITLE',
  STATUS = 'STATUS',
  UPDATED_AT = 'UPDATED_AT',
  EXPIRES_ON = 'EXPIRES_ON',
}

export interface AgreementOrder {
  field: AgreementOrderField;
  direction: SortDirection;
}

/** The order agreements have always been listed in: as they were recorded. */
export const DEFAULT_AGREEMENT_ORDER: AgreementOrder = { field: AgreementOrderField.CREATED_AT, direction: SortDirection.ASC };

/** STATUS sorts along the workflow (the order of the enum), not alphabetically. */
const statusRank = `CASE agreement.status ${Object.values(AgreementStatus)
  .map((status, rank) => `WHEN '${status}' THEN ${rank}`)
  .join(' ')} ELSE ${Object.values(AgreementStatus).length} END`;

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
// '!' as the escape character reads the same in MySQL and SQLite string literals (a backslash does not).
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Reads of agreements for dashboards: filtering and keyset pagination in SQL, two statements per page. */
export class AgreementQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AgreementFilterValues = {}, order: AgreementOrder = DEFAULT_AGREEMENT_ORDER, page: PageRequest = {}): Promise<Connection<Agreement>> {
    const ordering = this.ordering(order);
    await this.assertKnownCountries(filter.countryCodes);
    return keysetPage(this.filtered(filter), ordering, page);
  }

  /** The sort keys of each order, id last as the tie-breaker (in the same direction). */
  private ordering({ field, direction }: AgreementOrder): Ordering {
    const id = { sql: 'agreement.id', direction };
    const keys = {
      [AgreementOrderField.CREATED_AT]: [id],
      [AgreementOrderField.TITLE]: [{ sql: byCodePoint(this.dataSource, 'agreement.title'), direction }, id],
      [AgreementOrderField.STATUS]: [{ sql: statusRank, direction }, id],
      [AgreementOrderField.UPDATED_AT]: [{ sql: 'agreement.updatedAt', read: exactInstant(this.dataSource, 'agreement.updatedAt'), direction }, id],
      // Agreements without an expiry date come last in both directions.
      [AgreementOrderField.EXPIRES_ON]: [
        { sql: 'CASE WHEN agreement.expiresOn IS NULL THEN 1 ELSE 0 END', direction: SortDirection.ASC },
        { sql: 'agreement.expiresOn', direction },
        id,
      ],
    }[field];
    if (!keys) throw badInput(`Unknown order field: ${String(field).slice(0, 40)}`, { argument: 'orderBy' });
    return { name: `agreements:${field}:${direction}`, keys };
  }

  private filtered(filter: AgreementFilterValues) {
    const query = this.dataSource.getRepository(Agreement).createQueryBuilder('agreement');
    if (!filter.includeArchived) query.andWhere('agreement.archivedAt IS NULL');
    if (filter.statuses?.length) query.andWhere('agreement.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.partnerCityId) query.andWhere('agreement.partnerCityId = :partnerCityId', { partnerCityId: filter.partnerCityId });
    if (filter.countryCodes?.length || filter.search) {
      query.innerJoin('agreement.partnerCity', 'partnerCity');
    }
    if (filter.countryCodes?.length) {
      query.andWhere('partnerCity.countryCode IN (:...countryCodes)', { countryCodes: filter.countryCodes.map((c) => c.toUpperCase()) });
    }
    if (filter.fields?.length) {
      query.andWhere(
        `agreement.id IN (${query.subQuery().select('entry.agreementId').from(AgreementFieldEntry, 'entry').where('entry.field IN (:...fields)').getQuery()})`,
        { fields: filter.fields },
      );
    }
    const search = filter.search?.trim();
    if (search) {
      const pattern = likePattern(search);
      query.andWhere(
        new Brackets((q) =>
          q
            .where("LOWER(agreement.title) LIKE :pattern ESCAPE '!'", { pattern })
            .orWhere("LOWER(agreement.scope) LIKE :pattern ESCAPE '!'", { pattern })
            .orWhere("LOWER(partnerCity.name) LIKE :pattern ESCAPE '!'", { pattern }),
        ),
      );
    }
    return query;
  }

  /** An unknown country code is a mistake worth telling about, not an empty list. */
  private async assertKnownCountries(codes: string[] | null | undefined) {
    if (codes?.length) await assertKnownCountries(this.dataSource.manager, codes, 'countryCodes');
  }

  findById(id: number) {
    return this.dataSource.getRepository(Agreement).findOneBy({ id });
  }
}
