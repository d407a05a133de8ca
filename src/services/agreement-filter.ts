import type { AgreementStatus, CooperationField } from '../entities';
import { placeholders } from './report-sql';

/**
 * Which agreements a list or a report is about: every given criterion must hold (the values within
 * one criterion: any of them). The agreements list (agreement-query.service.ts) and the report
 * (report.service.ts) both select their agreements with `agreementCondition`, so the same criteria
 * always mean the same agreements. Values come checked: country codes normalized and known, dates
 * YYYY-MM-DD with from ≤ to.
 */
export interface AgreementCriteria {
  statuses?: readonly AgreementStatus[] | null;
  /** Partner countries, ISO 3166-1 alpha-2, upper case. */
  countryCodes?: readonly string[] | null;
  partnerCityId?: number | null;
  /** The agreement has at least one of these fields. */
  fields?: readonly CooperationField[] | null;
  /** Words found, any case, in the title, the scope or the partner city's name. */
  search?: string | null;
  /** Inclusive bounds (YYYY-MM-DD) on the reference date: the LoI's signing day, else the UTC day the agreement was recorded. */
  from?: string | null;
  to?: string | null;
  /** One of these OPDs has a live (not removed) activity on the agreement. */
  opdIds?: readonly number[] | null;
  /** Archived agreements are left out unless this is true. */
  includeArchived?: boolean | null;
}

/** The table aliases the condition is written over: `agreement`, joined to `partner_city` when `joinsPartnerCity`. */
export interface AgreementAliases {
  agreement: string;
  partnerCity: string;
}

/** A condition in SQL that SQLite and MySQL/MariaDB read alike, `?` placeholders, its parameters in order. */
export interface AgreementCondition {
  sql: string;
  params: unknown[];
  /** Whether it names the partner city (the query must then join `partner_city` under its alias). */
  joinsPartnerCity: boolean;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
// '!' as the escape character reads the same in MySQL and SQLite string literals (a backslash does not).
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** The one WHERE condition (without the word WHERE) that selects the agreements of `criteria`. */
export function agreementCondition(criteria: AgreementCriteria, { agreement: a, partnerCity: pc }: AgreementAliases): AgreementCondition {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  const some = <T>(values: readonly T[] | null | undefined): values is readonly T[] => !!values?.length;

  if (!criteria.includeArchived) add(`${a}.archivedAt IS NULL`);
  if (some(criteria.statuses)) add(`${a}.status IN (${placeholders(criteria.statuses.length)})`, ...criteria.statuses);
  if (criteria.partnerCityId) add(`${a}.partnerCityId = ?`, criteria.partnerCityId);
  if (some(criteria.countryCodes)) add(`${pc}.countryCode IN (${placeholders(criteria.countryCodes.length)})`, ...criteria.countryCodes);
  if (some(criteria.fields)) {
    add(`EXISTS (SELECT 1 FROM agreement_field_entry ff WHERE ff.agreementId = ${a}.id AND ff.field IN (${placeholders(criteria.fields.length)}))`, ...criteria.fields);
  }
  if (some(criteria.opdIds)) {
    add(`EXISTS (SELECT 1 FROM draft_activity fa WHERE fa.agreementId = ${a}.id AND fa.removedAt IS NULL AND fa.opdId IN (${placeholders(criteria.opdIds.length)}))`, ...criteria.opdIds);
  }
  const search = criteria.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    add(`(LOWER(${a}.title) LIKE ? ESCAPE '!' OR LOWER(${a}.scope) LIKE ? ESCAPE '!' OR LOWER(${pc}.name) LIKE ? ESCAPE '!')`, pattern, pattern, pattern);
  }
  // The reference date: the LoI date where there is one, else the (UTC) day the agreement was recorded.
  if (criteria.from) add(`COALESCE(${a}.loiSignedOn, DATE(${a}.createdAt)) >= ?`, criteria.from);
  if (criteria.to) add(`COALESCE(${a}.loiSignedOn, DATE(${a}.createdAt)) <= ?`, criteria.to);

  return {
    sql: clauses.length ? clauses.join(' AND ') : '1 = 1',
    params,
    joinsPartnerCity: some(criteria.countryCodes) || !!search,
  };
}

/**
 * The condition for a TypeORM query builder, which takes named parameters: each `?` becomes
 * `:<prefix><n>`. The condition's text is ours and holds no `?` but its placeholders.
 */
export function withNamedParameters(condition: AgreementCondition, prefix = 'agreementFilter'): { sql: string; parameters: Record<string, unknown> } {
  const parameters: Record<string, unknown> = {};
  let next = 0;
  const sql = condition.sql.replace(/\?/g, () => {
    const name = `${prefix}${next}`;
    parameters[name] = condition.params[next++];
    return `:${name}`;
  });
  return { sql, parameters };
}
