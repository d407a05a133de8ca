import type { Paragraph, Table } from 'docx';
import { AttendanceStatus } from '../entities';
import { formatIndonesianDate, formatIndonesianTime } from '../i18n/dates';
import type { DecidedActivity, RevisedActivity } from '../services/meeting-decisions';
import type { MinutesData } from './document.service';
import { CITY_LETTERHEAD, FIELD_LABELS, docxBuffer, heading, letterhead, paragraph, particulars, table } from './docx-parts';

/** How the minutes say whether an invitee came. */
export function attendanceText(status: AttendanceStatus, representedBy: string | null): string {
  switch (status) {
    case AttendanceStatus.PRESENT:
      return 'Hadir';
    case AttendanceStatus.ABSENT:
      return 'Tidak hadir';
    case AttendanceStatus.REPRESENTED:
      return `Diwakili oleh ${representedBy ?? ''}`.trim();
    case AttendanceStatus.INVITED:
      return 'Belum dicatat';
  }
}

/** The invitee as the attendance list names it: the OPD, or the person and their office. */
export function inviteeText(line: MinutesData['attendance'][number]): string {
  if (line.opdRef) return line.personName ? `${line.opdRef.name} (${line.personName})` : line.opdRef.name;
  return line.personOffice ? `${line.personName}, ${line.personOffice}` : (line.personName ?? '');
}

const show = (value: string | null) => (value === null || value === '' ? '(kosong)' : value);

/**
 * The minutes (berita acara rapat) of a drafting meeting: the particulars, the agenda with its notes,
 * the attendance list, the decisions by OPD exactly as computed from the board's log, and the chair's
 * signature block. While the meeting is in progress the document is marked as a draft (rancangan).
 */
export function renderMinutes(data: MinutesData): Promise<Buffer> {
  const { meeting, agreement } = data;
  const children: (Paragraph | Table)[] = [
    ...letterhead(CITY_LETTERHEAD),
    paragraph(data.final ? 'BERITA ACARA RAPAT' : 'RANCANGAN BERITA ACARA RAPAT', { bold: true, center: true }),
    paragraph(meeting.title, { bold: true, center: true, spacingAfter: 240 }),
    ...(data.final ? [] : [paragraph('Rancangan: rapat masih berlangsung; hasil rapat di bawah ini belum final.', { italics: true, center: true })]),
    particulars([
      ['Hari, tanggal', formatIndonesianDate(meeting.heldOn)],
      ['Waktu', meeting.startTime ? `Pukul ${formatIndonesianTime(meeting.startTime)} WITA` : '-'],
      ['Tempat', meeting.place],
      ['Pimpinan rapat', [meeting.chairName, meeting.chairOffice].filter(Boolean).join(', ')],
      ['Perihal', `${agreement.title} (${agreement.partnerCity}, ${agreement.country})`],
    ]),
    heading('I. Acara'),
    ...(data.agenda.length
      ? data.agenda.flatMap((item) => [
          paragraph(`${item.position}. ${item.title}`),
          ...(item.note ? [paragraph(`Catatan: ${item.note}`, { indent: 0.6, italics: true })] : []),
        ])
      : [paragraph('-')]),
    heading('II. Daftar hadir'),
    data.attendance.length
      ? table(['No', 'Undangan', 'Kehadiran'], data.attendance.map((line, index) => [String(index + 1), inviteeText(line), attendanceText(line.status, line.representedBy)]), [8, 62, 30])
      : paragraph('-'),
    heading('III. Hasil rapat'),
    ...decisionsSection(data),
    paragraph('Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.', { spacingAfter: 360 }),
    paragraph(`Denpasar, ${formatIndonesianDate(meeting.heldOn)}`, { indent: 9 }),
    paragraph('Pimpinan Rapat,', { indent: 9, spacingAfter: 0 }),
    paragraph(meeting.chairOffice, { indent: 9, spacingAfter: 960 }),
    paragraph(meeting.chairName ?? '(.................................)', { indent: 9, bold: true }),
  ];
  return docxBuffer([{ children }], `Berita Acara Rapat: ${meeting.title}`);
}

function decisionsSection(data: MinutesData): (Paragraph | Table)[] {
  if (!data.decisions.length) return [paragraph('Tidak ada keputusan atas rencana kegiatan yang tercatat dalam rapat ini.')];
  const note = (a: DecidedActivity) => (data.notes.get(a.activityId) ? [paragraph(`Catatan: ${data.notes.get(a.activityId)}`, { indent: 1.2, italics: true })] : []);
  const list = (label: string, items: DecidedActivity[]) =>
    items.length ? [paragraph(`${label}:`, { indent: 0.6, bold: true, spacingAfter: 60 }), ...items.flatMap((a) => [paragraph(`- ${a.title}`, { indent: 1.2, spacingAfter: 60 }), ...note(a)])] : [];
  const revised = (items: RevisedActivity[]) =>
    items.length
      ? [
          paragraph('Direvisi:', { indent: 0.6, bold: true, spacingAfter: 60 }),
          ...items.flatMap((a) => [
            paragraph(`- ${a.title}`, { indent: 1.2, spacingAfter: 60 }),
            ...a.changes.map((c) => paragraph(`${FIELD_LABELS[c.field] ?? c.field}: ${show(c.before)} → ${show(c.after)}`, { indent: 1.8, spacingAfter: 60 })),
            ...note(a),
          ]),
        ]
      : [];
  return data.decisions.flatMap((group, index) => [
    paragraph(`${index + 1}. ${group.opd.name} (${group.opd.code})`, { bold: true }),
    ...list('Disetujui', group.approved),
    ...list('Ditambahkan', group.added),
    ...list('Dikurangi (dihapus)', group.removed),
    ...revised(group.revised),
    ...list('Belum diputuskan', group.undecided),
  ]);
}
