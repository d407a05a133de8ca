import type express from 'express';
import ExcelJS from 'exceljs';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { AgreementReportRow, CooperationReportData } from '../services/report.service';
import type { ReportFilter } from '../resolvers/inputs/report-filter.input';
import { toGlobalId } from '../global-id';
import { AGREEMENT_COLUMNS, mountReportDownload, setDownloadHeaders, type AgreementColumn } from './report-export';

export const REPORT_XLSX_PATH = '/reports/cooperation.xlsx';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The local way of writing a date (Kota Denpasar reads 31/12/2026); the cell itself is a real date. */
const DATE_FORMAT = 'dd/mm/yyyy';
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const ROWS_PER_BATCH = 500;

type Cell = string | number | boolean | Date | null;

/** One sheet: a header row, the data rows, and optionally a totals row set apart below them. */
interface Table {
  name: string;
  headers: string[];
  rows: Cell[][];
  totals?: Cell[];
}

/** A `YYYY-MM-DD` day as a date cell: midnight UTC, which exceljs writes as a whole day number. */
const dateCell = (isoDate: string | null): Date | null => (isoDate === null ? null : new Date(`${isoDate}T00:00:00.000Z`));

function agreementCell(column: AgreementColumn, row: AgreementReportRow): Cell {
  switch (column.kind) {
    case 'text':
    case 'number':
    case 'flag':
      return column.value(row);
    case 'date':
      return dateCell(column.value(row));
    case 'codes':
      return column.value(row).join(', ');
  }
}

/** Characters a cell shows, to size its column. */
function shownLength(cell: Cell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return DATE_FORMAT.length;
  return String(cell).length;
}

/** Each column as wide as its header or its longest value, within bounds (one pass over the rows). */
function columnWidths(table: Table): number[] {
  const widths = table.headers.map((header) => header.length);
  for (const row of table.totals ? [...table.rows, table.totals] : table.rows) {
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i], shownLength(cell))));
  }
  return widths.map((width) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2)));
}

function addRow(sheet: ExcelJS.Worksheet, cells: Cell[], bold = false) {
  const row = sheet.addRow(cells);
  cells.forEach((cell, i) => {
    if (cell instanceof Date) row.getCell(i + 1).numFmt = DATE_FORMAT;
  });
  if (bold) row.font = { bold: true };
  row.commit();
}

/**
 * Writes one table as a sheet and commits it; the streaming writer zips each sheet into the response
 * as its rows come. Header row frozen and filterable, typed cells (numbers as numbers, days as dates
 * with a date format, flags as booleans), no value as an empty cell.
 */
async function writeTable(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: Table) {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columnWidths(table).map((width) => ({ width }));
  // The filter covers the data rows only, so sorting never moves the totals row.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + table.rows.length, column: table.headers.length } };
  addRow(sheet, table.headers, true);
  for (let i = 0; i < table.rows.length; i++) {
    addRow(sheet, table.rows[i]);
    // Let the zip take what is written so far, and other requests run, between batches of rows.
    if (i % ROWS_PER_BATCH === ROWS_PER_BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  if (table.totals) {
    addRow(sheet, []);
    addRow(sheet, table.totals, true);
  }
  await sheet.commit();
}

/** The filter as the client gave it, one criterion a row: a reader sees what the figures cover. */
function filterNotes(filter: ReportFilter): Cell[][] {
  const list = (values: string[] | undefined) => (values?.length ? values.join(', ') : '(semua)');
  return [
    ['Filter countryCodes', list(filter.countryCodes?.map((code) => code.toUpperCase()))],
    ['Filter statuses', list(filter.statuses)],
    ['Filter fields', list(filter.fields)],
    ['Filter opdIds', list(filter.opdIds)],
    ['Filter from', filter.from ? dateCell(filter.from) : '(tidak dibatasi)'],
    ['Filter to', filter.to ? dateCell(filter.to) : '(tidak dibatasi)'],
  ];
}

/** The sheets of the workbook, in order: what the report is as of, then one sheet per table of the report. */
function workbookTables(report: CooperationReportData, rows: AgreementReportRow[], filter: ReportFilter): Table[] {
  const { totals } = report;
  const statuses = totals.agreementsByStatus.map((s) => s.status);
  const fields = totals.agreementsByField.map((f) => f.field);
  const decisions = totals.activitiesByDecision.map((d) => d.decision);
  // Every OPD with a live activity somewhere in the report gets a column; a country without one shows 0.
  const opds = totals.activitiesByOpd.map((entry) => entry.opd);
  type Figures = Omit<CooperationReportData['totals'], 'countries'>;
  const figures = (row: Figures): Cell[] => [
    row.agreements,
    row.partnerCities,
    ...row.agreementsByStatus.map((s) => s.count),
    ...row.agreementsByField.map((f) => f.count),
    row.liveActivities,
    ...row.activitiesByDecision.map((d) => d.count),
    row.removedActivities,
    row.mousInForce,
    row.mousExpiring,
    ...opds.map((opd) => row.activitiesByOpd.find((entry) => entry.opd.id === opd.id)?.liveActivities ?? 0),
  ];
  const stages = [
    ['loiToDprdApproval', 'Dari LoI sampai persetujuan DPRD', report.pipeline.loiToDprdApproval],
    ['loiToMou', 'Dari LoI sampai MoU berlaku', report.pipeline.loiToMou],
  ] as const;

  return [
    {
      name: 'Keterangan',
      headers: ['Keterangan', 'Nilai'],
      rows: [
        ['Laporan', 'Kerja sama internasional Kota Denpasar'],
        ['Per tanggal (asOf, UTC)', dateCell(report.asOf)],
        ['MoU akan berakhir: dalam (hari)', report.expiringWithinDays],
        ['MoU akan berakhir: sampai tanggal', dateCell(report.expiringUntil)],
        ['Jumlah negara', totals.countries],
        ['Jumlah perjanjian', totals.agreements],
        ...filterNotes(filter),
        ['Catatan', 'Perjanjian yang diarsipkan tidak dihitung. Status, bidang dan keputusan ditulis dengan kode API.'],
      ],
    },
    {
      name: 'Perjanjian',
      headers: AGREEMENT_COLUMNS.map((column) => column.header),
      rows: rows.map((row) => AGREEMENT_COLUMNS.map((column) => agreementCell(column, row))),
    },
    {
      name: 'Per negara',
      headers: [
        'Kode negara',
        'Negara',
        'Perjanjian',
        'Kota mitra',
        ...statuses.map((status) => `Status ${status}`),
        ...fields.map((field) => `Bidang ${field}`),
        'Aktivitas aktif',
        ...decisions.map((decision) => `Aktivitas ${decision}`),
        'Aktivitas dihapus',
        'MoU berlaku',
        'MoU akan berakhir',
        ...opds.map((opd) => `Aktivitas aktif ${opd.code}`),
      ],
      rows: report.countries.map((row) => [row.country.code, row.country.name, ...figures(row)]),
      totals: ['Jumlah', null, ...figures(totals)],
    },
    {
      name: 'Per OPD',
      headers: ['Kode OPD', 'OPD', 'Perjanjian', 'Aktivitas aktif', 'Aktivitas PROPOSED', 'Aktivitas ACCEPTED', 'Aktivitas dihapus'],
      rows: report.opds.map((row) => [row.opd.code, row.opd.name, row.agreements, row.liveActivities, row.proposedActivities, row.acceptedActivities, row.removedActivities]),
    },
    {
      name: 'Waktu proses',
      headers: ['Tahap', 'Keterangan', 'Perjanjian', 'Median (hari)', 'Terlama (hari)'],
      rows: stages.map(([code, label, timing]) => [code, label, timing.agreements, timing.medianDays, timing.maxDays]),
    },
    {
      name: 'MoU akan berakhir',
      headers: ['ID perjanjian', 'Judul', 'Kota mitra', 'Kode negara', 'Negara', 'Tanggal berakhir', 'Sisa hari'],
      rows: report.expiring.map((mou) => [toGlobalId('Agreement', mou.agreementId), mou.title, mou.partnerCity, mou.country.code, mou.country.name, dateCell(mou.expiresOn), mou.daysLeft]),
    },
  ];
}

/**
 * GET /reports/cooperation.xlsx: the whole cooperation report as an Excel workbook, one sheet per
 * table, for people (a CSV opens in one column where `;` is the list separator, as in Indonesia).
 * Same sign-in, filter and errors as the CSV. The figures and the rows come from one snapshot, and
 * the workbook is streamed to the client sheet by sheet as it is zipped.
 */
export function mountReportXlsxRoute(app: express.Express, services: Services, logger: Logger) {
  mountReportDownload(app, REPORT_XLSX_PATH, services, logger, async (res, values, filter) => {
    const { report, rows } = await services.reports.cooperationReportWithRows(values);
    const tables = workbookTables(report, rows, filter);
    setDownloadHeaders(res, XLSX_CONTENT_TYPE, report.asOf, 'xlsx');
    // Shared strings: without them exceljs writes text as `t="str"`, which the standard reserves for
    // formula results. The table holds each distinct text once (names, cities, titles): small beside
    // the rows. Styles for the date format and the bold headers.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: true });
    workbook.creator = 'Jalin';
    workbook.created = new Date();
    const write = async () => {
      for (const table of tables) await writeTable(workbook, table);
      await workbook.commit();
    };
    await Promise.race([write(), closedBeforeFinish(res)]);
  });
}

/** Rejects when the client goes away mid-download: the zip stream would otherwise wait for it forever. */
function closedBeforeFinish(res: express.Response): Promise<never> {
  return new Promise((_resolve, reject) => {
    res.once('close', () => {
      if (!res.writableFinished) reject(new Error('the client closed the connection before the workbook was sent'));
    });
  });
}
