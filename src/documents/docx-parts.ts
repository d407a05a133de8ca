import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ISectionOptions } from 'docx';

/*
 * The building blocks the city's documents share, with the `docx` package: the letterhead, plain
 * and bold paragraphs, a bordered table with a header row. Every document is A4 with 2.5 cm margins
 * and Arial 11 pt (Word's own fonts render it the same everywhere).
 */

const CM = 567; // twips per centimetre

export const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text: value, ...options });

export function paragraph(value: string | TextRun[], options: { bold?: boolean; center?: boolean; italics?: boolean; spacingAfter?: number; indent?: number } = {}) {
  return new Paragraph({
    children: typeof value === 'string' ? [text(value, { bold: options.bold, italics: options.italics })] : value,
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: options.spacingAfter ?? 120 },
    indent: options.indent ? { left: options.indent * CM } : undefined,
  });
}

export const heading = (value: string) => new Paragraph({ children: [text(value, { bold: true })], heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 } });

export function letterhead(lines: string[]): Paragraph[] {
  return [
    ...lines.map((line) => paragraph(line, { bold: true, center: true, spacingAfter: 0 })),
    new Paragraph({ children: [], border: { bottom: { style: BorderStyle.DOUBLE, size: 6, color: '000000', space: 1 } }, spacing: { after: 240 } }),
  ];
}

const cell = (value: string, bold = false, width?: number) =>
  new TableCell({
    children: value.split('\n').map((line) => new Paragraph({ children: [text(line, { bold })] })),
    width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
  });

/** A bordered table: the header row in bold, then the rows; `widths` in percent of the page. */
export function table(header: string[], rows: string[][], widths?: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, widths?.[i])) }),
      ...rows.map((row) => new TableRow({ children: row.map((value, i) => cell(value, false, widths?.[i])) })),
    ],
  });
}

/** Two columns without borders: label and value (the meeting's particulars). */
export function particulars(rows: [string, string][]): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: rows.map(([label, value]) => new TableRow({ children: [cell(label, false, 28), cell(`: ${value}`, false, 72)] })),
  });
}

export function docxBuffer(sections: ISectionOptions[], title: string): Promise<Buffer> {
  const document = new Document({
    creator: 'Jalin',
    title,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: sections.map((section) => ({
      ...section,
      properties: { page: { margin: { top: 2.5 * CM, bottom: 2.5 * CM, left: 2.5 * CM, right: 2.5 * CM } }, ...section.properties },
    })),
  });
  return Packer.toBuffer(document);
}

export const CITY_LETTERHEAD = ['PEMERINTAH KOTA DENPASAR', 'SEKRETARIAT DAERAH'];

/** The activity fields as the documents name them. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'Judul',
  scope: 'Ruang lingkup',
  benefit: 'Manfaat',
  output: 'Keluaran',
  year: 'Tahun anggaran',
  budgetEstimate: 'Perkiraan anggaran (Rp)',
  fundingSource: 'Sumber dana',
};
