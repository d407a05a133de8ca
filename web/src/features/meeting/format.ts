import i18n from '../../i18n';

/**
 * A day as the city's formal documents write it: "Kamis, 14 Maret 2019" (English: "Thursday,
 * 14 March 2019"), the same convention as the minutes (src/i18n/dates.ts on the server).
 */
export function formatFormalDate(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A meeting's HH:MM start as written in Indonesian letters: 09.00 (English keeps 09:00). */
export function formatStartTime(time: string): string {
  return i18n.language === 'en' ? time : time.replace(':', '.');
}
