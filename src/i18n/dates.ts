/** Indonesian formal dates, as the city's letters and minutes write them. Pure, no locale data needed. */

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `2019-03-14` → `Kamis, 14 Maret 2019` (a calendar day: no time zone shifts it). */
export function formatIndonesianDate(localDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) throw new RangeError(`Not a date written YYYY-MM-DD: "${localDate}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new RangeError(`No such day: "${localDate}"`);
  return `${DAYS[date.getUTCDay()]}, ${day} ${MONTHS[month - 1]} ${year}`;
}
