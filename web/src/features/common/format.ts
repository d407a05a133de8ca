import i18n from '../../i18n';

/** A LocalDate (YYYY-MM-DD) as a civil servant reads it: 31 Maret 2026 / 31 March 2026. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Makassar' }).format(new Date(value));
}

/**
 * A country's name in the page's language, from its ISO 3166-1 code: the API keeps one name per
 * country (English, e.g. "South Korea"), which an Indonesian page should read "Korea Selatan".
 * The API's name stays the fallback for a code the browser does not know.
 */
export function countryName(country: { code: string; name: string }): string {
  try {
    const names = new Intl.DisplayNames([i18n.language === 'en' ? 'en-GB' : 'id-ID'], { type: 'region', fallback: 'none' });
    return names.of(country.code.toUpperCase()) ?? country.name;
  } catch {
    return country.name; // not a well-formed region code
  }
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export const STATUSES = ['EXPLORATION', 'LOI_SIGNED', 'PLAN_DRAFTING', 'DPRD_REVIEW', 'DPRD_APPROVED', 'CENTRAL_FACILITATION', 'MOU_IN_FORCE', 'EXPIRED', 'TERMINATED', 'CANCELLED'] as const;
export const FIELDS = [
  'CREATIVE_ECONOMY',
  'CULTURE',
  'EDUCATION',
  'HEALTH',
  'HUMAN_RESOURCES',
  'INSTITUTIONAL_CAPACITY',
  'OTHER',
  'SCIENCE_TECHNOLOGY',
  'TOURISM',
  'TRADE_INVESTMENT',
  'YOUTH_SPORT',
] as const;

/** Status badge colours: shade 8/9 text on light backgrounds keeps axe's contrast ratio. */
export const STATUS_COLOR: Record<string, string> = {
  EXPLORATION: 'gray',
  LOI_SIGNED: 'blue',
  PLAN_DRAFTING: 'violet',
  DPRD_REVIEW: 'orange',
  DPRD_APPROVED: 'teal',
  CENTRAL_FACILITATION: 'cyan',
  MOU_IN_FORCE: 'green',
  EXPIRED: 'yellow',
  TERMINATED: 'red',
  CANCELLED: 'dark',
};
