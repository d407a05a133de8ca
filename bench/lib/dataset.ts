import { keysBetween } from '../../src/services/order-keys';
import { bulkInsert, type SqlRunner } from './sql';

export interface DatasetSize {
  agreements: number;
  activitiesPerAgreement: number;
}

const COUNTRIES = [
  ['AU', 'Australia'],
  ['CN', 'China'],
  ['KR', 'South Korea'],
  ['VN', 'Vietnam'],
  ['ZA', 'South Africa'],
  ['JP', 'Japan'],
  ['NL', 'Netherlands'],
  ['FR', 'France'],
  ['US', 'United States'],
  ['TL', 'Timor-Leste'],
];

const stamp = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Adds a generated data set to a database the server has already migrated (and seeded): partner
 * cities, agreements in PLAN_DRAFTING and their draft activities, in multi-row INSERTs. Text lengths
 * are those of real activities (a title, and a few sentences each of scope, benefit and output).
 * Returns the ids of the new agreements, in id order.
 */
export async function insertDataset(db: SqlRunner, size: DatasetSize): Promise<number[]> {
  const known = new Set((await db.query<{ code: string }>('SELECT `code` FROM `country`')).map((r) => r.code));
  const newCountries = COUNTRIES.filter(([code]) => !known.has(code));
  if (newCountries.length) await bulkInsert(db, 'country', ['code', 'name'], newCountries);

  const cityCount = Math.max(10, Math.ceil(size.agreements / 5));
  await bulkInsert(
    db,
    'partner_city',
    ['name', 'region', 'countryCode', 'level', 'indonesianMission'],
    Array.from({ length: cityCount }, (_, i) => [`Bench City ${i + 1}`, `Region ${(i % 17) + 1}`, COUNTRIES[i % COUNTRIES.length][0], 'CITY', `KJRI ${i % 7}`]),
  );
  const cityIds = (await db.query<{ id: number }>("SELECT `id` FROM `partner_city` WHERE `name` LIKE 'Bench City %' ORDER BY `id`")).map((r) => Number(r.id));

  const now = stamp(new Date());
  await bulkInsert(
    db,
    'agreement',
    ['title', 'kind', 'partnerCityId', 'scope', 'status', 'statusChangedAt', 'boardSeq', 'version'],
    Array.from({ length: size.agreements }, (_, i) => [
      `Bench agreement ${i + 1}: cooperation in tourism, culture and education`,
      i % 3 === 0 ? 'OTHER_COOPERATION' : 'SISTER_CITY',
      cityIds[i % cityIds.length],
      'Tourism promotion, cultural exchange, education and the capacity of local government institutions.',
      'PLAN_DRAFTING',
      now,
      0,
      1,
    ]),
  );
  const agreementIds = (await db.query<{ id: number }>("SELECT `id` FROM `agreement` WHERE `title` LIKE 'Bench agreement %' ORDER BY `id`")).map((r) => Number(r.id));

  const opdIds = (await db.query<{ id: number }>('SELECT `id` FROM `opd` ORDER BY `id`')).map((r) => Number(r.id));
  if (!opdIds.length) throw new Error('the database has no OPDs: was it seeded?');
  const keys = keysBetween(null, null, size.activitiesPerAgreement);
  const rows: unknown[][] = [];
  for (const agreementId of agreementIds) {
    for (let j = 0; j < size.activitiesPerAgreement; j++) {
      rows.push([
        agreementId,
        opdIds[(agreementId + j) % opdIds.length],
        `Activity ${j + 1} of agreement ${agreementId}: exchange programme`,
        'A two-week exchange of officials and practitioners, with workshops in both cities.',
        'Officials of both cities learn the practices of the other; small businesses gain contacts.',
        'A joint report, a training module and a signed follow-up plan.',
        j % 2 ? 'ACCEPTED' : 'PROPOSED',
        keys[j],
        1,
        '{}',
      ]);
    }
  }
  await bulkInsert(db, 'draft_activity', ['agreementId', 'opdId', 'title', 'scope', 'benefit', 'output', 'decision', 'position', 'version', 'fieldVersions'], rows, 1000);
  return agreementIds;
}
