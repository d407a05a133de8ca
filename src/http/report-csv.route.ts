import type express from 'express';
import { validate } from 'class-validator';
import { stringify } from 'csv-stringify';
import { DomainError, ErrorCode, badInput, unauthenticated } from '../errors';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { AgreementReportRow } from '../services/report.service';
import { ReportFilter } from '../resolvers/inputs/report-filter.input';
import { reportFilterValues } from '../resolvers/report.resolver';
import { toGlobalId } from '../global-id';

export const REPORT_CSV_PATH = '/reports/cooperation.csv';

const LIST_PARAMETERS = ['countryCodes', 'statuses', 'fields', 'opdIds'] as const;
const SINGLE_PARAMETERS = ['from', 'to', 'expiringWithinDays'] as const;
const ALLOWED = [...LIST_PARAMETERS, ...SINGLE_PARAMETERS] as string[];

const COLUMNS: { key: string; header: string; value: (row: AgreementReportRow) => string | number }[] = [
  { key: 'agreementId', header: 'agreement_id', value: (r) => toGlobalId('Agreement', r.id) },
  { key: 'countryCode', header: 'country_code', value: (r) => r.countryCode },
  { key: 'country', header: 'country', value: (r) => r.countryName },
  { key: 'partnerCity', header: 'partner_city', value: (r) => r.partnerCity },
  { key: 'title', header: 'title', value: (r) => r.title },
  { key: 'kind', header: 'kind', value: (r) => r.kind },
  { key: 'status', header: 'status', value: (r) => r.status },
  { key: 'fields', header: 'fields', value: (r) => r.fields.join(';') },
  { key: 'loiSignedOn', header: 'loi_signed_on', value: (r) => r.loiSignedOn ?? '' },
  { key: 'dprdApprovedOn', header: 'dprd_approved_on', value: (r) => r.dprdApprovedOn ?? '' },
  { key: 'mouSignedOn', header: 'mou_signed_on', value: (r) => r.mouSignedOn ?? '' },
  { key: 'validityMonths', header: 'validity_months', value: (r) => r.validityMonths ?? '' },
  { key: 'expiresOn', header: 'expires_on', value: (r) => r.expiresOn ?? '' },
  { key: 'expiringSoon', header: 'expiring_within_window', value: (r) => (r.expiringSoon ? 'yes' : 'no') },
  { key: 'liveActivities', header: 'live_activities', value: (r) => r.liveActivities },
  { key: 'proposedActivities', header: 'proposed_activities', value: (r) => r.proposedActivities },
  { key: 'acceptedActivities', header: 'accepted_activities', value: (r) => r.acceptedActivities },
  { key: 'removedActivities', header: 'removed_activities', value: (r) => r.removedActivities },
];

/** A spreadsheet runs a cell that starts like a formula; typed-in text must stay text (CSV injection). */
const asText = (value: string | number) => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Reads the query string into a ReportFilter: lists as repeated parameters or comma-separated. */
function filterFromQuery(query: Record<string, unknown>): ReportFilter {
  const unknown = Object.keys(query).filter((key) => !ALLOWED.includes(key));
  if (unknown.length) throw badInput(`Unknown query parameter(s): ${unknown.join(', ')}. Allowed: ${ALLOWED.join(', ')}`);
  const filter = new ReportFilter();
  for (const key of LIST_PARAMETERS) {
    const raw = query[key];
    if (raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => String(value).split(',')).map((value) => value.trim());
    (filter as Record<string, unknown>)[key] = values;
  }
  for (const key of SINGLE_PARAMETERS) {
    const raw = query[key];
    if (raw === undefined) continue;
    if (typeof raw !== 'string') throw badInput(`${key} may be given once, as a single value`);
    if (key === 'expiringWithinDays') {
      if (!/^\d{1,5}$/.test(raw)) throw badInput('expiringWithinDays must be a whole number from 0 to 3650');
      filter.expiringWithinDays = Number(raw);
    } else {
      filter[key] = raw;
    }
  }
  return filter;
}

async function checkedFilter(query: Record<string, unknown>): Promise<ReportFilter> {
  const filter = filterFromQuery(query);
  const errors = await validate(filter, { forbidUnknownValues: false });
  if (errors.length) {
    const summary = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('; ');
    throw badInput(`Invalid input: ${summary}`);
  }
  return filter;
}

function sendError(res: express.Response, error: DomainError) {
  const status = error.code === ErrorCode.UNAUTHENTICATED ? 401 : error.code === ErrorCode.FORBIDDEN ? 403 : 400;
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(status).json({ errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] });
}

/**
 * GET /reports/cooperation.csv: one row per agreement of the cooperation report, for spreadsheets
 * (UTF-8 with a BOM so Excel reads the accents in Huế right). Same filter as the GraphQL
 * `cooperationReport(filter)`, as query parameters; same sign-in (`Authorization: Bearer`).
 */
export function mountReportCsvRoute(app: express.Express, services: Services, logger: Logger) {
  app.get(REPORT_CSV_PATH, async (req, res) => {
    try {
      const user = await services.auth.authenticate(req.headers.authorization);
      if (!user) throw unauthenticated();
      const filter = await checkedFilter(req.query as Record<string, unknown>);
      const { asOf, rows } = await services.reports.agreementRows(reportFilterValues(filter));
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="cooperation-report-${asOf}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      // CRLF line ends, as RFC 4180 and spreadsheets expect.
      const csv = stringify({ bom: true, header: true, record_delimiter: 'windows', columns: COLUMNS.map(({ key, header }) => ({ key, header })) });
      csv.pipe(res);
      for (const row of rows) csv.write(Object.fromEntries(COLUMNS.map(({ key, value }) => [key, asText(value(row))])));
      csv.end();
    } catch (error) {
      if (error instanceof DomainError) return sendError(res, error);
      logger.error({ err: error, path: REPORT_CSV_PATH }, 'report export failed');
      if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      else res.end();
    }
  });
}
