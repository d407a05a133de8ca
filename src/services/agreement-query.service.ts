import type { DataSource } from 'typeorm';
import { Agreement, AgreementStatus } from '../entities';
import { agreementCondition, withNamedParameters, type AgreementCriteria } from './agreement-filter';
import { badInput } from '../errors';
import { byCodePoint, exactInstant, keysetPage, type Connection, type Ordering, type PageRequest, SortDirection } from './pagination';
import { assertKnownCountries } from './countries';

/** What the agreements list filters by (countries in any case: they are checked and normalized here). */
export type AgreementFilterValues = Pick<AgreementCriteria, 'statuses' | 'countryCodes' | 'partnerCityId' | 'fields' | 'search' | 'includeArchived'>;

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

/** Reads of agreements for dashboards: filtering and keyset pagination in SQL, two statements per page. */
export class AgreementQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AgreementFilterValues = {}, order: AgreementOrder = DEFAULT_AGREEMENT_ORDER, page: PageRequest = {}): Promise<Connection<Agreement>> {
    const ordering = this.ordering(order);
    // An unknown country code is a mistake worth telling about, not an empty list.
    const countryCodes = await assertKnownCountries(this.dataSource.manager, filter.countryCodes ?? [], 'countryCodes');
    return keysetPage(this.filtered(filter, countryCodes), ordering, page);
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

  /** The agreements of the filter, by the condition the report selects with too (agreement-filter.ts). */
  private filtered(filter: AgreementFilterValues, countryCodes: string[]) {
    const condition = agreementCondition({ ...filter, countryCodes }, { agreement: 'agreement', partnerCity: 'partnerCity' });
    const query = this.dataSource.getRepository(Agreement).createQueryBuilder('agreement');
    if (condition.joinsPartnerCity) query.innerJoin('agreement.partnerCity', 'partnerCity');
    const { sql, parameters } = withNamedParameters(condition);
    return query.where(sql, parameters);
  }

  findById(id: number) {
    return this.dataSource.getRepository(Agreement).findOneBy({ id });
  }
}
