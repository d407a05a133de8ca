/**
 * Dates as Indonesian readers expect them in letters, minutes and notifications: "Kamis, 14 Maret
 * 2019". One formatter for the whole API (reminders, documents), so every text spells a date the
 * same way. Pure: no locale data needed, and a calendar day is never shifted by a time zone.
 */

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const LONG_DATE_EN = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar day (`YYYY-MM-DD`) as that day at 00:00 UTC; a malformed or impossible day is a RangeError. */
function dayOf(localDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) throw new RangeError(`Not a date written YYYY-MM-DD: "${localDate}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new RangeError(`No such day: "${localDate}"`);
  return date;
}

/** `2019-03-14` → `Kamis, 14 Maret 2019`. */
export function formatIndonesianDate(localDate: string): string {
  const date = dayOf(localDate);
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** `09:00` → `09.00`: Indonesian letters write a time of day with a point ("pukul 09.00 WITA"). */
export function formatIndonesianTime(time: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`Not a time written HH:MM: "${time}"`);
  return time.replace(':', '.');
}

/** `2019-03-14` → `Thursday, 14 March 2019` (the English line under an Indonesian text). */
export function formatEnglishDate(localDate: string): string {
  return LONG_DATE_EN.format(dayOf(localDate));
}
