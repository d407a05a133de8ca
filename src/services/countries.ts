import { In, type EntityManager } from 'typeorm';
import { Country } from '../entities';
import { InputReason, badInput } from '../errors';

/** How a client writes a country: ISO 3166-1 alpha-2 in any case, spaces around it ignored. */
export const normalizeCountryCode = (code: string) => code.trim().toUpperCase();

/**
 * The unknown-country check, one for every place that takes country codes (a partner city's
 * country, the partner-city, agreement and report filters): an unknown code is a mistake worth
 * telling about, never an empty list. Returns the codes normalized and without repeats; refuses
 * with BAD_USER_INPUT naming the argument and, in `unknown`, every code that is not a country.
 */
export async function assertKnownCountries(manager: EntityManager, codes: readonly string[], argument: string): Promise<string[]> {
  const wanted = [...new Set(codes.map(normalizeCountryCode))];
  // Only two letters can be a code: the rest is refused without asking the database.
  const plausible = wanted.filter((code) => /^[A-Z]{2}$/.test(code));
  const known = new Set(plausible.length ? (await manager.find(Country, { select: { code: true }, where: { code: In(plausible) } })).map((c) => c.code) : []);
  const unknown = wanted.filter((code) => !known.has(code));
  if (unknown.length) {
    const shown = unknown.map((code) => code.slice(0, 10));
    const message = codes.length === 1 ? `Unknown country code: ${shown[0]}` : `Unknown country code(s): ${shown.join(', ')}`;
    throw badInput(`${message} (use ISO 3166-1 alpha-2, e.g. AU)`, { argument, reason: InputReason.UNKNOWN_COUNTRY, unknown: shown });
  }
  return wanted;
}
