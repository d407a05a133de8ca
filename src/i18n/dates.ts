/**
 * Dates as Indonesian readers expect them in letters and notifications: "Kamis, 14 Maret 2019".
 * One formatter for the whole API (reminders, documents), so every text spells a date the same way.
 */

const LONG_DATE_ID = new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONG_DATE_EN = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar day (`YYYY-MM-DD`) read as that day in UTC, so no time zone moves it to the next or previous day. */
function dayOf(isoDate: string): Date {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a calendar day: ${isoDate}`);
  return date;
}

/** "Kamis, 14 Maret 2019" for `2019-03-14`. */
export function formatIndonesianDate(isoDate: string): string {
  return LONG_DATE_ID.format(dayOf(isoDate));
}

/** "Thursday, 14 March 2019" for `2019-03-14` (the English line under an Indonesian text). */
export function formatEnglishDate(isoDate: string): string {
  return LONG_DATE_EN.format(dayOf(isoDate));
}
