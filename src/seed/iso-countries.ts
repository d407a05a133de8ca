/**
 * Every ISO 3166-1 alpha-2 code (249, as assigned by the ISO 3166 Maintenance Agency). The list is
 * fixed here so that every database gets the same rows; the English names come from the ICU data
 * that Node ships (`Intl.DisplayNames`), so they need no table of their own to maintain.
 */
export const ISO_3166_ALPHA2 = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT
MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
`
  .trim()
  .split(/\s+/);

/** The countries with their English names, e.g. { code: 'AU', name: 'Australia' }. */
export function isoCountries(): { code: string; name: string }[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  // Names longer than the column (100) do not occur, but a future ICU must not break the insert.
  return ISO_3166_ALPHA2.map((code) => ({ code, name: (names.of(code) ?? code).slice(0, 100) }));
}

/** Adds the countries the `country` table lacks (names already there are kept). Used by the data migrations. */
export async function insertMissingCountries(run: (sql: string, parameters?: unknown[]) => Promise<unknown>, table: string): Promise<void> {
  const existing = new Set(((await run(`SELECT code FROM ${table}`)) as { code: string }[]).map((row) => row.code));
  const missing = isoCountries().filter((country) => !existing.has(country.code));
  if (missing.length === 0) return;
  await run(`INSERT INTO ${table} (code, name) VALUES ${missing.map(() => '(?, ?)').join(', ')}`, missing.flatMap((c) => [c.code, c.name]));
}

/** Removes the countries that no partner city uses (the inverse, for a migration's `down`). */
export async function removeUnusedCountries(run: (sql: string, parameters?: unknown[]) => Promise<unknown>, table: string, cities: string): Promise<void> {
  await run(`DELETE FROM ${table} WHERE code NOT IN (SELECT countryCode FROM ${cities})`);
}
