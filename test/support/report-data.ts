import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Agreement, AgreementFieldEntry, Country, DraftActivity, Opd, PartnerCity, StatusChange } from '../../src/entities';

/** mulberry32: a small seeded generator, so a failing data set can be made again from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** Calendar months, written here rather than borrowed from the code under test. */
function plusMonths(iso: string, months: number) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

const EXTRA_COUNTRIES: [string, string][] = [
  ['JP', 'Japan'], ['DE', 'Germany'], ['FR', 'France'], ['NL', 'Netherlands'], ['US', 'United States'], ['NZ', 'New Zealand'],
  ['SG', 'Singapore'], ['MY', 'Malaysia'], ['TH', 'Thailand'], ['PH', 'Philippines'], ['IN', 'India'], ['BR', 'Brazil'],
  ['MX', 'Mexico'], ['CA', 'Canada'], ['GB', 'United Kingdom'], ['IT', 'Italy'], ['ES', 'Spain'], ['PT', 'Portugal'],
  ['TR', 'Türkiye'], ['EG', 'Egypt'], ['KE', 'Kenya'], ['CI', "Côte d'Ivoire"], ['AR', 'Argentina'], ['CL', 'Chile'],
  ['TL', 'Timor-Leste'], ['SE', 'Sweden'], ['FJ', 'Fiji'], ['PG', 'Papua New Guinea'],
];
const EXTRA_OPDS: [string, string][] = [
  ['DINKES', 'Dinas Kesehatan Kota Denpasar'],
  ['DISPERINDAG', 'Dinas Perindustrian dan Perdagangan Kota Denpasar'],
];
const LEVELS = ['CITY', 'REGENCY', 'STATE', 'PROVINCE', 'PREFECTURE'];
const FIELDS = ['TOURISM', 'CULTURE', 'CREATIVE_ECONOMY', 'EDUCATION', 'SCIENCE_TECHNOLOGY', 'HUMAN_RESOURCES', 'INSTITUTIONAL_CAPACITY', 'TRADE_INVESTMENT', 'HEALTH', 'YOUTH_SPORT', 'OTHER'];

/** One step of the workflow from each status, with its weight; the order the product enforces. */
const NEXT: Record<string, [string, number][]> = {
  EXPLORATION: [['LOI_SIGNED', 90], ['CANCELLED', 10]],
  LOI_SIGNED: [['PLAN_DRAFTING', 92], ['CANCELLED', 8]],
  PLAN_DRAFTING: [['DPRD_REVIEW', 94], ['CANCELLED', 6]],
  DPRD_REVIEW: [['DPRD_APPROVED', 72], ['PLAN_DRAFTING', 23], ['CANCELLED', 5]],
  DPRD_APPROVED: [['CENTRAL_FACILITATION', 100]],
  CENTRAL_FACILITATION: [['MOU_IN_FORCE', 94], ['CANCELLED', 6]],
  MOU_IN_FORCE: [['EXPIRED', 70], ['TERMINATED', 30]],
  EXPIRED: [['MOU_IN_FORCE', 100]], // renewed: a new MoU
};

export interface GeneratedCounts {
  countries: number;
  partnerCities: number;
  agreements: number;
  activities: number;
  statusChanges: number;
}

async function maxId(dataSource: DataSource, table: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT MAX(id) AS id FROM ${table}`);
  return Number(row.id ?? 0);
}

async function bulkInsert<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, rows: T[] | Record<string, unknown>[], chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk) {
    await dataSource.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + chunk) as never).updateEntity(false).execute();
  }
}

/**
 * Inserts a data set for reports in bulk: countries, partner cities, several hundred agreements with
 * status histories that follow the workflow (returns from the DPRD, cancellations, expiries and
 * renewals), thousands of activities (some removed), MoUs expiring around `asOf`.
 */
export async function insertReportData(dataSource: DataSource, options: { seed: number; agreements: number; asOf: string }): Promise<GeneratedCounts> {
  const rnd = seededRandom(options.seed);
  const today = dayMs(options.asOf);

  const knownCountries = new Set((await dataSource.query('SELECT code FROM country')).map((r: { code: string }) => r.code));
  const newCountries = EXTRA_COUNTRIES.filter(([code]) => !knownCountries.has(code)).map(([code, name]) => ({ code, name }));
  await bulkInsert(dataSource, Country, newCountries);
  // A fixed set of partner countries (the database knows every ISO country; most stay without partners).
  const countryCodes = [...new Set(['AU', 'CN', 'KR', 'VN', 'ZA', ...EXTRA_COUNTRIES.map(([code]) => code)])];

  const knownOpds = new Set((await dataSource.query('SELECT code FROM opd')).map((r: { code: string }) => r.code));
  let opdId = await maxId(dataSource, 'opd');
  await bulkInsert(dataSource, Opd, EXTRA_OPDS.filter(([code]) => !knownOpds.has(code)).map(([code, name]) => ({ id: ++opdId, code, name })));
  const opdIds = (await dataSource.query('SELECT id FROM opd')).map((r: { id: unknown }) => Number(r.id)) as number[];

  let cityId = await maxId(dataSource, 'partner_city');
  const cities = Array.from({ length: Math.max(20, Math.round(options.agreements / 3)) }, (_, i) => ({
    id: ++cityId,
    name: `Partner ${i + 1}${i % 17 === 0 ? ', "Kota Lama"' : ''}`,
    region: `Region ${rnd.int(1, 9)}`,
    countryCode: rnd.pick(countryCodes),
    level: rnd.pick(LEVELS),
    indonesianMission: null,
    archivedAt: null,
  }));
  await bulkInsert(dataSource, PartnerCity, cities);

  let agreementId = await maxId(dataSource, 'agreement');
  let activityId = await maxId(dataSource, 'draft_activity');
  let changeId = await maxId(dataSource, 'status_change');
  const agreements: Record<string, unknown>[] = [];
  const fieldEntries: Record<string, unknown>[] = [];
  const activities: Record<string, unknown>[] = [];
  const changes: Record<string, unknown>[] = [];

  // Expiry edges around the window: today, the last day of the default window, one day after each end.
  const edgeExpiries = [0, 180, 181, -1, 0, 180];

  for (let n = 0; n < options.agreements; n++) {
    const id = ++agreementId;
    // The walk through the workflow.
    const path = ['EXPLORATION'];
    while (path.length < 14 && NEXT[path.at(-1)!] && !rnd.chance(path.at(-1) === 'MOU_IN_FORCE' ? 0.6 : 0.17)) {
      const options_ = NEXT[path.at(-1)!];
      let roll = rnd.int(1, options_.reduce((sum, [, w]) => sum + w, 0));
      const next = options_.find(([, w]) => (roll -= w) <= 0)![0];
      path.push(next);
    }
    // Instants: strictly increasing, from an hour to a bit over a year apart, at any time of day.
    const offsets = [0];
    for (let i = 1; i < path.length; i++) offsets.push(offsets[i - 1] + rnd.int(3_600_000, 400 * DAY));
    const final = path.at(-1)!;
    const validityMonths = rnd.pick([36, 60]);
    let lastAt: number;
    let expiresOn: string | null = null;
    let mouSignedOn: string | null = null;
    if (final === 'MOU_IN_FORCE') {
      const edge = edgeExpiries.shift();
      const target = isoDay(today + (edge ?? rnd.int(-90, 720)) * DAY);
      mouSignedOn = plusMonths(target, -validityMonths);
      expiresOn = edge === undefined ? plusMonths(mouSignedOn, validityMonths) : target;
      lastAt = dayMs(mouSignedOn) + rnd.int(0, DAY - 1);
    } else {
      lastAt = today - rnd.int(0, 2500) * DAY + rnd.int(0, DAY - 1);
    }
    const start = lastAt - offsets.at(-1)!;
    const at = offsets.map((o) => new Date(start + o));
    const firstAt = (status: string) => at[path.indexOf(status)];
    if (final !== 'MOU_IN_FORCE' && path.includes('MOU_IN_FORCE')) {
      mouSignedOn = isoDay(at[path.lastIndexOf('MOU_IN_FORCE')].getTime());
      expiresOn = plusMonths(mouSignedOn, validityMonths);
    }
    const loiAt = path.includes('LOI_SIGNED') ? firstAt('LOI_SIGNED') : null;
    const dprdAt = path.includes('DPRD_APPROVED') ? firstAt('DPRD_APPROVED') : null;
    const title = n === 7 ? '=HYPERLINK("http://example.invalid","click")' : `Cooperation ${id} – ${rnd.pick(['tourism', 'culture', 'education', 'trade'])}, "phase ${rnd.int(1, 3)}"`;
    agreements.push({
      id,
      title,
      kind: rnd.chance(0.5) ? 'SISTER_CITY' : 'OTHER_COOPERATION',
      partnerCityId: rnd.pick(cities).id,
      scope: 'Generated for the report tests',
      status: final,
      statusChangedAt: at.at(-1),
      // Some LoIs have no recorded date: the report then falls back to the day the agreement was recorded.
      loiSignedOn: loiAt && rnd.chance(0.85) ? isoDay(loiAt.getTime()) : null,
      dprdApprovedOn: dprdAt ? isoDay(dprdAt.getTime()) : null,
      mouSignedOn,
      validityMonths: mouSignedOn ? validityMonths : null,
      expiresOn,
      boardSeq: 0,
      version: 1,
      archivedAt: rnd.chance(0.06) ? new Date(lastAt + DAY) : null,
      createdAt: at[0],
      updatedAt: at.at(-1),
    });
    const fieldCount = rnd.int(1, 4);
    const fields = new Set<string>();
    while (fields.size < fieldCount) fields.add(rnd.pick(FIELDS));
    for (const field of fields) fieldEntries.push({ agreementId: id, field });
    path.forEach((status, i) => {
      changes.push({ id: ++changeId, agreementId: id, fromStatus: i ? path[i - 1] : null, toStatus: status, actorId: null, note: null, at: at[i] });
    });
    // Boards exist from drafting on; earlier agreements have none, a few have an early one.
    const hasBoard = path.includes('PLAN_DRAFTING') || rnd.chance(0.1);
    const activityCount = hasBoard ? rnd.int(0, 20) : 0;
    for (let k = 0; k < activityCount; k++) {
      const removed = rnd.chance(0.13);
      const decision = removed ? (rnd.chance(0.7) ? 'REMOVED' : rnd.pick(['PROPOSED', 'ACCEPTED'])) : rnd.chance(0.03) ? 'REMOVED' : rnd.pick(['PROPOSED', 'ACCEPTED', 'ACCEPTED']);
      activities.push({
        id: ++activityId,
        agreementId: id,
        opdId: rnd.pick(opdIds),
        title: `Activity ${k + 1}`,
        scope: 'scope',
        benefit: 'manfaat',
        output: 'keluaran',
        year: null,
        budgetEstimate: null,
        fundingSource: null,
        decision,
        position: `a${String(k).padStart(3, '0')}`,
        version: 1,
        fieldVersions: {},
        removedAt: removed ? new Date(lastAt) : null,
        updatedById: null,
      });
    }
  }

  await bulkInsert(dataSource, Agreement, agreements);
  await bulkInsert(dataSource, AgreementFieldEntry, fieldEntries);
  await bulkInsert(dataSource, StatusChange, changes);
  await bulkInsert(dataSource, DraftActivity, activities);
  return {
    countries: countryCodes.length,
    partnerCities: cities.length,
    agreements: agreements.length,
    activities: activities.length,
    statusChanges: changes.length,
  };
}
