import type express from 'express';
import { stringify } from 'csv-stringify';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { AgreementReportRow } from '../services/report.service';
import { AGREEMENT_COLUMNS, mountReportDownload, setDownloadHeaders, type AgreementColumn } from './report-export';

export const REPORT_CSV_PATH = '/reports/cooperation.csv';

/**
 * A spreadsheet runs a cell that starts like a formula; typed-in text must stay text (CSV injection).
 * The signs: = + - @, their full-width forms ＝ ＋ － ＠ (which spreadsheets in East Asian locales
 * take for the same signs), | (DDE in older Excel), and a leading tab or carriage return.
 */
export const FORMULA_START = /^[=+\-@＝＋－＠|\t\r]/;
const asText = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** A value as CSV text: an empty cell for no value, yes/no for a flag, codes joined by `;`. */
function csvCell(column: AgreementColumn, row: AgreementReportRow): string | number {
  switch (column.kind) {
    case 'text':
      return asText(column.value(row));
    case 'number':
      return column.value(row) ?? '';
    case 'date':
      return column.value(row) ?? '';
    case 'flag':
      return column.value(row) ? 'yes' : 'no';
    case 'codes':
      return column.value(row).join(';');
  }
}

/**
 * GET /reports/cooperation.csv: one row per agreement of the cooperation report, for scripts and
 * spreadsheets (UTF-8 with a BOM so Excel reads the accents in Huế right). Same filter as the GraphQL
 * `cooperationReport(filter)`, as query parameters; same sign-in (`Authorization: Bearer`).
 */
export function mountReportCsvRoute(app: express.Express, services: Services, logger: Logger) {
  mountReportDownload(app, REPORT_CSV_PATH, services, logger, async (res, filter) => {
    const { asOf, rows } = await services.reports.agreementRows(filter);
    setDownloadHeaders(res, 'text/csv; charset=utf-8', asOf, 'csv');
    // CRLF line ends, as RFC 4180 and spreadsheets expect.
    const csv = stringify({ bom: true, header: true, record_delimiter: 'windows', columns: AGREEMENT_COLUMNS.map(({ key, csvHeader }) => ({ key, header: csvHeader })) });
    csv.pipe(res);
    for (const row of rows) csv.write(Object.fromEntries(AGREEMENT_COLUMNS.map((column) => [column.key, csvCell(column, row)])));
    csv.end();
  });
}
