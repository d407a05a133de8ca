import type { Paragraph, Table } from 'docx';
import type { AnnexData } from './document.service';
import { docxBuffer, heading, paragraph, table } from './docx-parts';

/**
 * The MoU's activity annex (lampiran rencana kegiatan): the accepted activities on the board, by OPD,
 * each with its scope (ruang lingkup), benefit (manfaat) and output (keluaran), in board order.
 */
export function renderActivityAnnex(data: AnnexData): Promise<Buffer> {
  const { agreement } = data;
  const children: (Paragraph | Table)[] = [
    paragraph('LAMPIRAN', { bold: true }),
    paragraph(`NOTA KESEPAHAMAN ANTARA PEMERINTAH KOTA DENPASAR DAN ${agreement.partnerCity.toUpperCase()}, ${agreement.country.toUpperCase()}`, { bold: true }),
    paragraph(agreement.title, { spacingAfter: 240 }),
    paragraph('RENCANA KEGIATAN', { bold: true, center: true, spacingAfter: 240 }),
    ...(data.byOpd.length
      ? data.byOpd.flatMap((group, index) => [
          heading(`${String.fromCharCode(65 + (index % 26))}. ${group.opd.name}`),
          table(
            ['No', 'Kegiatan', 'Ruang Lingkup', 'Manfaat', 'Keluaran'],
            group.activities.map((a, i) => [String(i + 1), a.title, a.scope, a.benefit, a.output]),
            [6, 22, 24, 24, 24],
          ),
        ])
      : [paragraph('Belum ada kegiatan yang disetujui.')]),
  ];
  return docxBuffer([{ children }], `Lampiran Rencana Kegiatan: ${agreement.title}`);
}
