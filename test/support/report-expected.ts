import type { DataSource } from 'typeorm';
import { gid, localId } from './ids';

/**
 * The cooperation report computed from raw rows (SELECT *) in plain JavaScript, written without
 * looking at the service's SQL: the tests compare every figure of the real report with this.
 */

type Row = Record<string, unknown>;

export interface RawData {
  countries: Row[];
  cities: Row[];
  opds: Row[];
  agreements: Row[];
  fieldEntries: Row[];
  activities: Row[];
  changes: Row[];
}

export async function readRaw(dataSource: DataSource): Promise<RawData> {
  const all = (table: string) => dataSource.query(`SELECT * FROM ${table}`) as Promise<Row[]>;
  return {
    countries: await all('country'),
    cities: await all('partner_city'),
    opds: await all('opd'),
    agreements: await all('agreement'),
    fieldEntries: await all('agreement_field_entry'),
    activities: await all('draft_activity'),
    changes: await all('status_change'),
  };
}

export interface ExpectedFilter {
  countryCodes?: string[];
  statuses?: string[];
  fields?: string[];
  opdIds?: string[];
  from?: string;
  to?: string;
  expiringWithinDays?: number;
}

const STATUSES = ['EXPLORATION', 'LOI_SIGNED', 'PLAN_DRAFTING', 'DPRD_REVIEW', 'DPRD_APPROVED', 'CENTRAL_FACILITATION', 'MOU_IN_FORCE', 'EXPIRED', 'TERMINATED', 'CANCELLED'];
const FIELDS = ['TOURISM', 'CULTURE', 'CREATIVE_ECONOMY', 'EDUCATION', 'SCIENCE_TECHNOLOGY', 'HUMAN_RESOURCES', 'INSTITUTIONAL_CAPACITY', 'TRADE_INVESTMENT', 'HEALTH', 'YOUTH_SPORT', 'OTHER'];
const DECISIONS = ['PROPOSED', 'ACCEPTED', 'REMOVED'];

/** Instants come back as Date (mysql2) or 'YYYY-MM-DD HH:MM:SS.fff' text in UTC (SQLite). */
export const instantMs = (value: unknown) =>
  value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(`${String(value).replace(' ', 'T')}Z`);
export const utcDay = (value: unknown) => new Date(instantMs(value)).toISOString().slice(0, 10);
const dateOnly = (value: unknown) => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const isSet = (value: unknown) => value !== null && value !== undefined;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const byCode = <T extends { opd: { code: string } }>(a: T, b: T) => (a.opd.code < b.opd.code ? -1 : a.opd.code > b.opd.code ? 1 : 0);

function medianOf(values: number[]) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const half = s.length >> 1;
  return s.length % 2 === 1 ? s[half] : (s[half - 1] + s[half]) / 2;
}

export function expectedReport(raw: RawData, filter: ExpectedFilter, asOf: string) {
  const window = filter.expiringWithinDays ?? 180;
  const until = new Date((dayNumber(asOf) + window) * 86_400_000).toISOString().slice(0, 10);
  const cityOf = new Map(raw.cities.map((c) => [Number(c.id), c]));
  const countryName = new Map(raw.countries.map((c) => [String(c.code), String(c.name)]));
  const opdOf = new Map(raw.opds.map((o) => [Number(o.id), { id: gid('Opd', Number(o.id)), code: String(o.code), name: String(o.name) }]));
  const opdFilter = filter.opdIds?.map(localId);
  const wantedCountries = filter.countryCodes?.map((c) => c.toUpperCase());
  const live = (a: Row) => !isSet(a.removedAt);

  const selected = raw.agreements.filter((a) => {
    if (isSet(a.archivedAt)) return false;
    const country = String(cityOf.get(Number(a.partnerCityId))!.countryCode);
    if (wantedCountries?.length && !wantedCountries.includes(country)) return false;
    if (filter.statuses?.length && !filter.statuses.includes(String(a.status))) return false;
    if (filter.fields?.length && !raw.fieldEntries.some((e) => Number(e.agreementId) === Number(a.id) && filter.fields!.includes(String(e.field)))) return false;
    if (opdFilter?.length && !raw.activities.some((x) => Number(x.agreementId) === Number(a.id) && live(x) && opdFilter.includes(Number(x.opdId)))) return false;
    const reference = dateOnly(a.loiSignedOn) ?? utcDay(a.createdAt);
    if (filter.from && reference < filter.from) return false;
    if (filter.to && reference > filter.to) return false;
    return true;
  });
  const selectedIds = new Set(selected.map((a) => Number(a.id)));
  const countryOfAgreement = new Map(selected.map((a) => [Number(a.id), String(cityOf.get(Number(a.partnerCityId))!.countryCode)]));
  const expiringNow = (a: Row) => a.status === 'MOU_IN_FORCE' && isSet(a.expiresOn) && dateOnly(a.expiresOn)! >= asOf && dateOnly(a.expiresOn)! <= until;
  const activities = raw.activities.filter((x) => selectedIds.has(Number(x.agreementId)) && (!opdFilter?.length || opdFilter.includes(Number(x.opdId))));

  const figuresOf = (agreements: Row[]) => {
    const ids = new Set(agreements.map((a) => Number(a.id)));
    const acts = activities.filter((x) => ids.has(Number(x.agreementId)));
    const liveActs = acts.filter(live);
    const opdCounts = new Map<number, number>();
    for (const x of liveActs) opdCounts.set(Number(x.opdId), (opdCounts.get(Number(x.opdId)) ?? 0) + 1);
    return {
      agreements: agreements.length,
      partnerCities: new Set(agreements.map((a) => Number(a.partnerCityId))).size,
      agreementsByStatus: STATUSES.map((status) => ({ status, count: agreements.filter((a) => a.status === status).length })),
      agreementsByField: FIELDS.map((field) => ({ field, count: raw.fieldEntries.filter((e) => ids.has(Number(e.agreementId)) && e.field === field).length })),
      liveActivities: liveActs.length,
      removedActivities: acts.length - liveActs.length,
      activitiesByDecision: DECISIONS.map((decision) => ({ decision, count: liveActs.filter((x) => x.decision === decision).length })),
      activitiesByOpd: [...opdCounts].map(([id, count]) => ({ opd: opdOf.get(id)!, liveActivities: count })).sort(byCode),
      mousInForce: agreements.filter((a) => a.status === 'MOU_IN_FORCE').length,
      mousExpiring: agreements.filter(expiringNow).length,
    };
  };

  const countryCodes = [...new Set(countryOfAgreement.values())].sort();
  const countries = countryCodes.map((code) => ({
    country: { code, name: countryName.get(code)! },
    ...figuresOf(selected.filter((a) => countryOfAgreement.get(Number(a.id)) === code)),
  }));

  const loiToDprd: number[] = [];
  const loiToMou: number[] = [];
  for (const a of selected) {
    const history = raw.changes.filter((c) => Number(c.agreementId) === Number(a.id));
    const first = (status: string) => {
      const times = history.filter((c) => c.toStatus === status).map((c) => instantMs(c.at));
      return times.length ? utcDay(new Date(Math.min(...times))) : null;
    };
    const loi = first('LOI_SIGNED');
    if (!loi) continue;
    const dprd = first('DPRD_APPROVED');
    const mou = first('MOU_IN_FORCE');
    if (dprd) loiToDprd.push(dayNumber(dprd) - dayNumber(loi));
    if (mou) loiToMou.push(dayNumber(mou) - dayNumber(loi));
  }
  const stage = (values: number[]) => ({ agreements: values.length, medianDays: medianOf(values), maxDays: values.length ? Math.max(...values) : null });

  const opds = [...new Set(activities.map((x) => Number(x.opdId)))]
    .map((id) => {
      const own = activities.filter((x) => Number(x.opdId) === id);
      const ownLive = own.filter(live);
      return {
        opd: opdOf.get(id)!,
        agreements: new Set(ownLive.map((x) => Number(x.agreementId))).size,
        liveActivities: ownLive.length,
        proposedActivities: ownLive.filter((x) => x.decision === 'PROPOSED').length,
        acceptedActivities: ownLive.filter((x) => x.decision === 'ACCEPTED').length,
        removedActivities: own.length - ownLive.length,
      };
    })
    .sort(byCode);

  const expiring = selected
    .filter(expiringNow)
    .sort((a, b) => (dateOnly(a.expiresOn)! < dateOnly(b.expiresOn)! ? -1 : dateOnly(a.expiresOn)! > dateOnly(b.expiresOn)! ? 1 : Number(a.id) - Number(b.id)))
    .map((a) => {
      const city = cityOf.get(Number(a.partnerCityId))!;
      return {
        agreementId: gid('Agreement', Number(a.id)),
        title: String(a.title),
        partnerCity: String(city.name),
        country: { code: String(city.countryCode), name: countryName.get(String(city.countryCode))! },
        expiresOn: dateOnly(a.expiresOn)!,
        daysLeft: dayNumber(dateOnly(a.expiresOn)!) - dayNumber(asOf),
      };
    });

  return {
    asOf,
    expiringWithinDays: window,
    expiringUntil: until,
    totals: { countries: countries.length, ...figuresOf(selected) },
    countries,
    pipeline: { loiToDprdApproval: stage(loiToDprd), loiToMou: stage(loiToMou) },
    opds,
    expiring,
  };
}
