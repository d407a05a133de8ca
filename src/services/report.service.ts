import type { DataSource, EntityManager } from 'typeorm';
import { ActivityDecision, AgreementStatus, CooperationField } from '../entities';
import { InputReason, badInput } from '../errors';
import { toGlobalId } from '../global-id';
import { addDays, daysBetween, isIsoDate, today } from './dates';
import { placeholders, reportSqlDialect, type ReportSqlDialect } from './report-sql';
import { DEFAULT_EXPIRY_WINDOW_DAYS, assertExpiryWindow } from './expiry-window';
import { assertKnownCountries } from './countries';
import { agreementCondition, type AgreementCriteria } from './agreement-filter';

export { DEFAULT_EXPIRY_WINDOW_DAYS as DEFAULT_EXPIRING_WITHIN_DAYS } from './expiry-window';

/**
 * What a report covers: the agreements of these criteria (agreement-filter.ts; with `opdIds`, activity
 * figures count only those OPDs' activities), and the window in which an MoU counts as expiring.
 */
export interface ReportFilterValues extends Pick<AgreementCriteria, 'countryCodes' | 'statuses' | 'fields' | 'opdIds' | 'from' | 'to'> {
  expiringWithinDays?: number | null;
}

export interface CountryRef {
  code: string;
  name: string;
}

export interface OpdRef {
  id: number;
  code: string;
  name: string;
}

export interface ReportFigures {
  agreements: number;
  partnerCities: number;
  agreementsByStatus: { status: AgreementStatus; count: number }[];
  agreementsByField: { field: CooperationField; count: number }[];
  liveActivities: number;
  removedActivities: number;
  activitiesByDecision: { decision: ActivityDecision; count: number }[];
  activitiesByOpd: { opd: OpdRef; liveActivities: number }[];
  mousInForce: number;
  mousExpiring: number;
}

export interface CountryReportRow extends ReportFigures {
  country: CountryRef;
}

export interface StageTiming {
  agreements: number;
  medianDays: number | null;
  maxDays: number | null;
}

export interface OpdReportRow {
  opd: OpdRef;
  agreements: number;
  liveActivities: number;
  proposedActivities: number;
  acceptedActivities: number;
  removedActivities: number;
}

export interface ExpiringMou {
  agreementId: number;
  title: string;
  partnerCity: string;
  country: CountryRef;
  expiresOn: string;
  daysLeft: number;
}

export interface CooperationReportData {
  asOf: string;
  expiringWithinDays: number;
  expiringUntil: string;
  totals: ReportFigures & { countries: number };
  countries: CountryReportRow[];
  pipeline: { loiToDprdApproval: StageTiming; loiToMou: StageTiming };
  opds: OpdReportRow[];
  expiring: ExpiringMou[];
}

/** One agreement as the CSV export lists it. */
export interface AgreementReportRow {
  id: number;
  countryCode: string;
  countryName: string;
  partnerCity: string;
  title: string;
  kind: string;
  status: AgreementStatus;
  fields: CooperationField[];
  loiSignedOn: string | null;
  dprdApprovedOn: string | null;
  mouSignedOn: string | null;
  validityMonths: number | null;
  expiresOn: string | null;
  expiringSoon: boolean;
  liveActivities: number;
  proposedActivities: number;
  acceptedActivities: number;
  removedActivities: number;
}

interface NormalizedFilter {
  countryCodes: string[];
  statuses: AgreementStatus[];
  fields: CooperationField[];
  opdIds: number[];
  from: string | null;
  to: string | null;
  expiringWithinDays: number;
  asOf: string;
  expiringUntil: string;
}

/** A WHERE clause over `agreement a` joined to `partner_city pc`, with its parameters in order. */
interface Where {
  sql: string;
  params: unknown[];
}

const STATUSES = Object.values(AgreementStatus);
const FIELDS = Object.values(CooperationField);
const DECISIONS = Object.values(ActivityDecision);

const num = (value: unknown) => Number(value ?? 0);
/** mysql2 hands DATE columns back as strings here (dateStrings), SQLite stores them as text. */
const dateText = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 10));

/** By OPD code, byte order (as the codes are ASCII, the same everywhere). */
const byOpdCode = (a: { opd: OpdRef }, b: { opd: OpdRef }) => (a.opd.code < b.opd.code ? -1 : a.opd.code > b.opd.code ? 1 : 0);

function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timing(durations: number[]): StageTiming {
  const sorted = [...durations].sort((a, b) => a - b);
  return { agreements: sorted.length, medianDays: median(sorted), maxDays: sorted.length ? sorted[sorted.length - 1] : null };
}

function emptyFigures(): ReportFigures {
  return {
    agreements: 0,
    partnerCities: 0,
    agreementsByStatus: STATUSES.map((status) => ({ status, count: 0 })),
    agreementsByField: FIELDS.map((field) => ({ field, count: 0 })),
    liveActivities: 0,
    removedActivities: 0,
    activitiesByDecision: DECISIONS.map((decision) => ({ decision, count: 0 })),
    activitiesByOpd: [],
    mousInForce: 0,
    mousExpiring: 0,
  };
}

/**
 * Reports across partner countries. Every figure is aggregated in SQL (GROUP BY over the indexed
 * join columns); a report costs the same few statements whatever the amount of data. Only the
 * pipeline durations come back one row per agreement, because a median is not portable SQL.
 */
export class ReportService {
  private readonly dialect: ReportSqlDialect;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = reportSqlDialect(dataSource);
  }

  async cooperationReport(filter: ReportFilterValues = {}, now = new Date()): Promise<CooperationReportData> {
    const f = await this.normalize(filter, now);
    return this.read((db) => this.figures(db, f));
  }

  /**
   * The figures and the one-row-per-agreement table of one filter, read from one snapshot so that
   * they agree with each other (the spreadsheet export holds both).
   */
  async cooperationReportWithRows(filter: ReportFilterValues = {}, now = new Date()): Promise<{ report: CooperationReportData; rows: AgreementReportRow[] }> {
    const f = await this.normalize(filter, now);
    return this.read(async (db) => ({ report: await this.figures(db, f), rows: await this.rows(db, f) }));
  }

  private async figures(db: EntityManager, f: NormalizedFilter): Promise<CooperationReportData> {
    const where = this.where(f);
    const countries = await this.countryRows(db, f, where);
    await this.addFieldCounts(db, where, countries);
    const opds = await this.addActivityCounts(db, f, where, countries);
    const pipeline = await this.pipeline(db, where);
    const expiring = await this.expiring(db, f, where);

    const rows = [...countries.values()];
    const totals = { ...emptyFigures(), countries: rows.length };
    const totalByOpd = new Map<number, { opd: OpdRef; liveActivities: number }>();
    for (const row of rows) {
      totals.agreements += row.agreements;
      totals.partnerCities += row.partnerCities; // a partner city lies in one country
      totals.liveActivities += row.liveActivities;
      totals.removedActivities += row.removedActivities;
      totals.mousInForce += row.mousInForce;
      totals.mousExpiring += row.mousExpiring;
      row.agreementsByStatus.forEach((entry, i) => (totals.agreementsByStatus[i].count += entry.count));
      row.agreementsByField.forEach((entry, i) => (totals.agreementsByField[i].count += entry.count));
      row.activitiesByDecision.forEach((entry, i) => (totals.activitiesByDecision[i].count += entry.count));
      for (const entry of row.activitiesByOpd) {
        const total = totalByOpd.get(entry.opd.id) ?? { opd: entry.opd, liveActivities: 0 };
        total.liveActivities += entry.liveActivities;
        totalByOpd.set(entry.opd.id, total);
      }
    }
    totals.activitiesByOpd = [...totalByOpd.values()].filter((e) => e.liveActivities > 0).sort(byOpdCode);
    return { asOf: f.asOf, expiringWithinDays: f.expiringWithinDays, expiringUntil: f.expiringUntil, totals, countries: rows, pipeline, opds, expiring };
  }

  /** One row per agreement that the filter selects, with its activity counts: the CSV export. One statement. */
  async agreementRows(filter: ReportFilterValues = {}, now = new Date()): Promise<{ asOf: string; expiringUntil: string; rows: AgreementReportRow[] }> {
    const f = await this.normalize(filter, now);
    return { asOf: f.asOf, expiringUntil: f.expiringUntil, rows: await this.rows(this.dataSource.manager, f) };
  }

  private async rows(db: EntityManager, f: NormalizedFilter): Promise<AgreementReportRow[]> {
    const where = this.where(f);
    const opdOnly = f.opdIds.length ? ` AND da.opdId IN (${placeholders(f.opdIds.length)})` : '';
    const activities = `SELECT da.agreementId,
        SUM(CASE WHEN da.removedAt IS NULL THEN 1 ELSE 0 END) AS live,
        SUM(CASE WHEN da.removedAt IS NULL AND da.decision = 'PROPOSED' THEN 1 ELSE 0 END) AS proposed,
        SUM(CASE WHEN da.removedAt IS NULL AND da.decision = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted,
        SUM(CASE WHEN da.removedAt IS NOT NULL THEN 1 ELSE 0 END) AS removed
      FROM draft_activity da WHERE 1 = 1${opdOnly} GROUP BY da.agreementId`;
    const fields = `SELECT fe.agreementId, ${this.dialect.joinDistinct('fe.field')} AS fields FROM agreement_field_entry fe GROUP BY fe.agreementId`;
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT a.id, pc.countryCode, c.name AS countryName, pc.name AS partnerCity, a.title, a.kind, a.status,
          a.loiSignedOn, a.dprdApprovedOn, a.mouSignedOn, a.validityMonths, a.expiresOn,
          fl.fields, act.live, act.proposed, act.accepted, act.removed
        FROM agreement a
        JOIN partner_city pc ON pc.id = a.partnerCityId
        JOIN country c ON c.code = pc.countryCode
        LEFT JOIN (${fields}) fl ON fl.agreementId = a.id
        LEFT JOIN (${activities}) act ON act.agreementId = a.id
        ${where.sql}
        ORDER BY pc.countryCode, pc.name, a.id`,
      [...f.opdIds, ...where.params],
    );
    return rows.map((row) => {
      const status = row.status as AgreementStatus;
      const expiresOn = dateText(row.expiresOn);
      return {
        id: num(row.id),
        countryCode: String(row.countryCode),
        countryName: String(row.countryName),
        partnerCity: String(row.partnerCity),
        title: String(row.title),
        kind: String(row.kind),
        status,
        fields: row.fields ? (String(row.fields).split(',') as CooperationField[]).sort((a, b) => FIELDS.indexOf(a) - FIELDS.indexOf(b)) : [],
        loiSignedOn: dateText(row.loiSignedOn),
        dprdApprovedOn: dateText(row.dprdApprovedOn),
        mouSignedOn: dateText(row.mouSignedOn),
        validityMonths: row.validityMonths === null ? null : num(row.validityMonths),
        expiresOn,
        expiringSoon: this.isExpiring(status, expiresOn, f),
        liveActivities: num(row.live),
        proposedActivities: num(row.proposed),
        acceptedActivities: num(row.accepted),
        removedActivities: num(row.removed),
      };
    });
  }

  /** The one definition of "expiring within the window", for the SQL and for code that already has the row. */
  private isExpiring(status: AgreementStatus, expiresOn: string | null, f: NormalizedFilter) {
    return status === AgreementStatus.MOU_IN_FORCE && expiresOn !== null && expiresOn >= f.asOf && expiresOn <= f.expiringUntil;
  }

  private expiringSql(f: NormalizedFilter): Where {
    return { sql: `a.status = 'MOU_IN_FORCE' AND a.expiresOn >= ? AND a.expiresOn <= ?`, params: [f.asOf, f.expiringUntil] };
  }

  private async countryRows(db: EntityManager, f: NormalizedFilter, where: Where): Promise<Map<string, CountryReportRow>> {
    const expiring = this.expiringSql(f);
    const byStatus = STATUSES.map((status) => `SUM(CASE WHEN a.status = '${status}' THEN 1 ELSE 0 END) AS s_${status}`).join(', ');
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT pc.countryCode AS code, c.name AS name, COUNT(*) AS agreements, COUNT(DISTINCT a.partnerCityId) AS partnerCities, ${byStatus},
          SUM(CASE WHEN ${expiring.sql} THEN 1 ELSE 0 END) AS expiring
        FROM agreement a
        JOIN partner_city pc ON pc.id = a.partnerCityId
        JOIN country c ON c.code = pc.countryCode
        ${where.sql}
        GROUP BY pc.countryCode, c.name
        ORDER BY pc.countryCode`,
      [...expiring.params, ...where.params],
    );
    return new Map(
      rows.map((row) => {
        const figures = emptyFigures();
        figures.agreements = num(row.agreements);
        figures.partnerCities = num(row.partnerCities);
        figures.agreementsByStatus = STATUSES.map((status) => ({ status, count: num(row[`s_${status}`]) }));
        figures.mousInForce = num(row[`s_${AgreementStatus.MOU_IN_FORCE}`]);
        figures.mousExpiring = num(row.expiring);
        const code = String(row.code);
        return [code, { country: { code, name: String(row.name) }, ...figures }];
      }),
    );
  }

  private async addFieldCounts(db: EntityManager, where: Where, countries: Map<string, CountryReportRow>) {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT pc.countryCode AS code, fe.field AS field, COUNT(*) AS n
        FROM agreement a
        JOIN partner_city pc ON pc.id = a.partnerCityId
        JOIN agreement_field_entry fe ON fe.agreementId = a.id
        ${where.sql}
        GROUP BY pc.countryCode, fe.field`,
      where.params,
    );
    for (const row of rows) {
      const entry = countries.get(String(row.code))?.agreementsByField.find((e) => e.field === row.field);
      if (entry) entry.count = num(row.n);
    }
  }

  /** Activity figures per country and OPD in one GROUP BY; the per-OPD section adds the countries up. */
  private async addActivityCounts(db: EntityManager, f: NormalizedFilter, where: Where, countries: Map<string, CountryReportRow>): Promise<OpdReportRow[]> {
    const byDecision = DECISIONS.map((d) => `SUM(CASE WHEN da.removedAt IS NULL AND da.decision = '${d}' THEN 1 ELSE 0 END) AS d_${d}`).join(', ');
    const opdOnly = f.opdIds.length ? ` AND da.opdId IN (${placeholders(f.opdIds.length)})` : '';
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT pc.countryCode AS code, o.id AS opdId, o.code AS opdCode, o.name AS opdName,
          SUM(CASE WHEN da.removedAt IS NULL THEN 1 ELSE 0 END) AS live,
          SUM(CASE WHEN da.removedAt IS NOT NULL THEN 1 ELSE 0 END) AS removed,
          ${byDecision},
          COUNT(DISTINCT CASE WHEN da.removedAt IS NULL THEN da.agreementId END) AS agreements
        FROM agreement a
        JOIN partner_city pc ON pc.id = a.partnerCityId
        JOIN draft_activity da ON da.agreementId = a.id
        JOIN opd o ON o.id = da.opdId
        ${where.sql}${opdOnly}
        GROUP BY pc.countryCode, o.id, o.code, o.name`,
      [...where.params, ...f.opdIds],
    );
    const opds = new Map<number, OpdReportRow>();
    for (const row of rows) {
      const opd = { id: num(row.opdId), code: String(row.opdCode), name: String(row.opdName) };
      const live = num(row.live);
      const removed = num(row.removed);
      const country = countries.get(String(row.code));
      if (country) {
        country.liveActivities += live;
        country.removedActivities += removed;
        for (const entry of country.activitiesByDecision) entry.count += num(row[`d_${entry.decision}`]);
        if (live > 0) country.activitiesByOpd.push({ opd, liveActivities: live });
      }
      const total = opds.get(opd.id) ?? { opd, agreements: 0, liveActivities: 0, proposedActivities: 0, acceptedActivities: 0, removedActivities: 0 };
      // An agreement lies in one country, so distinct agreements per country add up to distinct agreements.
      total.agreements += num(row.agreements);
      total.liveActivities += live;
      total.proposedActivities += num(row[`d_${ActivityDecision.PROPOSED}`]);
      total.acceptedActivities += num(row[`d_${ActivityDecision.ACCEPTED}`]);
      total.removedActivities += removed;
      opds.set(opd.id, total);
    }
    for (const country of countries.values()) country.activitiesByOpd.sort(byOpdCode);
    return [...opds.values()].sort(byOpdCode);
  }

  /**
   * Days from the first step to LOI_SIGNED to the first step to DPRD_APPROVED and to MOU_IN_FORCE, per
   * agreement that reached them (one row per agreement); median and maximum are taken here.
   */
  private async pipeline(db: EntityManager, where: Where): Promise<CooperationReportData['pipeline']> {
    const d = this.dialect;
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${d.daysBetween('t.loiAt', 't.dprdAt')} AS loiToDprd, ${d.daysBetween('t.loiAt', 't.mouAt')} AS loiToMou
        FROM (
          SELECT sc.agreementId AS agreementId,
              MIN(CASE WHEN sc.toStatus = 'LOI_SIGNED' THEN sc.at END) AS loiAt,
              MIN(CASE WHEN sc.toStatus = 'DPRD_APPROVED' THEN sc.at END) AS dprdAt,
              MIN(CASE WHEN sc.toStatus = 'MOU_IN_FORCE' THEN sc.at END) AS mouAt
            FROM agreement a
            JOIN partner_city pc ON pc.id = a.partnerCityId
            JOIN status_change sc ON sc.agreementId = a.id
            ${where.sql} AND sc.toStatus IN ('LOI_SIGNED', 'DPRD_APPROVED', 'MOU_IN_FORCE')
            GROUP BY sc.agreementId
        ) t
        WHERE t.loiAt IS NOT NULL AND (t.dprdAt IS NOT NULL OR t.mouAt IS NOT NULL)`,
      where.params,
    );
    const present = (value: unknown) => value !== null && value !== undefined;
    return {
      loiToDprdApproval: timing(rows.filter((r) => present(r.loiToDprd)).map((r) => num(r.loiToDprd))),
      loiToMou: timing(rows.filter((r) => present(r.loiToMou)).map((r) => num(r.loiToMou))),
    };
  }

  private async expiring(db: EntityManager, f: NormalizedFilter, where: Where): Promise<ExpiringMou[]> {
    const expiring = this.expiringSql(f);
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT a.id, a.title, pc.name AS partnerCity, pc.countryCode AS code, c.name AS countryName, a.expiresOn
        FROM agreement a
        JOIN partner_city pc ON pc.id = a.partnerCityId
        JOIN country c ON c.code = pc.countryCode
        ${where.sql} AND ${expiring.sql}
        ORDER BY a.expiresOn, a.id`,
      [...where.params, ...expiring.params],
    );
    return rows.map((row) => {
    const expiresOn = dateText(row.expiresOn)!;
    return {
      agreementId: num(row.id),
      title: String(row.title),
      partnerCity: String(row.partnerCity),
      country: { code: String(row.code), name: String(row.countryName) },
      expiresOn,
      daysLeft: daysBetween(f.asOf, expiresOn),
    };
    });
  }

  /** The agreements of the filter, by the condition the agreements list selects with too (agreement-filter.ts). */
  private where(f: NormalizedFilter): Where {
    // Archived agreements are never counted; every statement joins the partner city as `pc`.
    const { sql, params } = agreementCondition({ ...f, includeArchived: false }, { agreement: 'a', partnerCity: 'pc' });
    return { sql: `WHERE ${sql}`, params };
  }

  /** Checks what needs the data (known countries and OPDs) and what spans fields (from ≤ to). */
  private async normalize(filter: ReportFilterValues, now: Date): Promise<NormalizedFilter> {
    const countryCodes = await assertKnownCountries(this.dataSource.manager, filter.countryCodes ?? [], 'countryCodes');
    const opdIds = [...new Set(filter.opdIds ?? [])];
    for (const [name, value] of [
      ['from', filter.from],
      ['to', filter.to],
    ] as const) {
      if (value !== null && value !== undefined && !isIsoDate(value)) throw badInput(`${name} "${value}" is not a date: use YYYY-MM-DD`, { argument: name, reason: InputReason.NOT_A_DATE });
    }
    if (filter.from && filter.to && filter.from > filter.to) {
      throw badInput(`from (${filter.from}) is after to (${filter.to}): the date range is empty`, { argument: 'from', reason: InputReason.DATE_ORDER });
    }
    const expiringWithinDays = filter.expiringWithinDays ?? DEFAULT_EXPIRY_WINDOW_DAYS;
    assertExpiryWindow(expiringWithinDays, 'expiringWithinDays');
    if (opdIds.length) {
      const known: { id: unknown }[] = await this.dataSource.query(`SELECT id FROM opd WHERE id IN (${placeholders(opdIds.length)})`, opdIds);
      const unknown = opdIds.filter((id) => !known.some((k) => num(k.id) === id));
      if (unknown.length) {
        const ids = unknown.map((id) => toGlobalId('Opd', id));
        throw badInput(`Unknown OPD id(s): ${ids.join(', ')}`, { argument: 'opdIds', reason: InputReason.UNKNOWN_REFERENCE, unknown: ids });
      }
    }
    const asOf = today(now);
    return {
      countryCodes,
      statuses: [...new Set(filter.statuses ?? [])],
      fields: [...new Set(filter.fields ?? [])],
      opdIds,
      from: filter.from ?? null,
      to: filter.to ?? null,
      expiringWithinDays,
      asOf,
      expiringUntil: addDays(asOf, expiringWithinDays),
    };
  }

  /**
   * The report's statements in one transaction, so they all read one snapshot: InnoDB's REPEATABLE
   * READ on MySQL/MariaDB; on SQLite one WAL read transaction on the read-only connection
   * (openReader), where the DataSource queues transactions and plain reads landing inside it read
   * the same snapshot.
   */
  private read<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
