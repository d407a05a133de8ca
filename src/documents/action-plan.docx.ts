import type { Paragraph, Table } from 'docx';
import { formatIndonesianDate } from '../i18n/dates';
import type { ActionPlanData } from './document.service';
import { docxBuffer, paragraph, table } from './docx-parts';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** A line's timeline as the plan writes it: "Triwulan I 2027", or from one formal date to another. */
export function timelineText(line: { quarter: string | null; startOn: string | null; endOn: string | null }): string {
  const quarter = line.quarter ? /^(\d{4})-Q([1-4])$/.exec(line.quarter) : null;
  if (quarter) return `Triwulan ${ROMAN[Number(quarter[2]) - 1]} ${quarter[1]}`;
  if (line.startOn && line.endOn) return `${formatIndonesianDate(line.startOn)} s.d. ${formatIndonesianDate(line.endOn)}`;
  return '-';
}

/** The action plan (rencana aksi) attached for the DPRD, as one table in the plan's order. */
export function renderActionPlan(data: ActionPlanData): Promise<Buffer> {
  const { agreement } = data;
  const children: (Paragraph | Table)[] = [
    paragraph('RENCANA AKSI', { bold: true, center: true }),
    paragraph(`${agreement.title} (${agreement.partnerCity}, ${agreement.country})`, { center: true, spacingAfter: 240 }),
    table(
      ['No', 'Kegiatan', 'OPD Penanggung Jawab', 'Waktu Pelaksanaan', 'Keterangan'],
      data.lines.map((line, index) => [String(index + 1), line.activity.title, line.opd.name, timelineText(line.item), line.item.description ?? '-']),
      [6, 30, 24, 22, 18],
    ),
    ...(data.plan.note ? [paragraph(`Catatan: ${data.plan.note}`, { italics: true })] : []),
  ];
  return docxBuffer([{ children }], `Rencana Aksi: ${agreement.title}`);
}
