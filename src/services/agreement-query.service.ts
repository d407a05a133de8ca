import { Brackets, type DataSource } from 'typeorm';
import { Agreement, AgreementFieldEntry, AgreementStatus, CooperationField, Country } from '../entities';
import { badInput } from '../errors';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

export interface AgreementFilterValues {
  statuses?: AgreementStatus[] | null;
  countryCodes?: string[] | null;
  partnerCityId?: number | null;
  fields?: CooperationField[] | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export interface AgreementPage {
  totalCount: number;
  nodes: Agreement[];
  hasNextPage: boolean;
  cursorOf: (agreement: Agreement) => string;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
// '!' as the escape character reads the same in MySQL and SQLite string literals (a backslash does not).
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Reads of agreements for dashboards: filtering and keyset pagination in SQL, two statements per page. */
export class AgreementQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AgreementFilterValues = {}, first?: number | null, after?: string | null): Promise<AgreementPage> {
    const limit = pageSize(first);
    const afterId = decodeCursor(after);
    await this.assertKnownCountries(filter.countryCodes);

    const query = this.filtered(filter);
    const totalCount = await query.clone().getCount();
    if (afterId !== null) query.andWhere('agreement.id > :afterId', { afterId });
    const rows = await query.orderBy('agreement.id', 'ASC').take(limit + 1).getMany();
    return {
      totalCount,
      nodes: rows.slice(0, limit),
      hasNextPage: rows.length > limit,
      cursorOf: (agreement) => encodeCursor(agreement.id),
    };
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
    if (!codes?.length) return;
    const wanted = [...new Set(codes.map((c) => c.toUpperCase()))];
    const known = await this.dataSource.getRepository(Country).createQueryBuilder('c').select('c.code', 'code').where('c.code IN (:...wanted)', { wanted }).getRawMany<{ code: string }>();
    const unknown = wanted.filter((code) => !known.some((k) => k.code === code));
    if (unknown.length) throw badInput(`Unknown country code(s): ${unknown.join(', ')}`, { argument: 'countryCodes', unknown });
  }

  findById(id: number) {
    return this.dataSource.getRepository(Agreement).findOneBy({ id });
  }
}
