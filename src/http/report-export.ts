import type express from 'express';
import { validate } from 'class-validator';
import { DomainError, ErrorCode, badInput, unauthenticated } from '../errors';
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE, isOutage, outageCause } from '../outage';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { AgreementReportRow, ReportFilterValues } from '../services/report.service';
import { ReportFilter } from '../resolvers/inputs/report-filter.input';
import { expiryWindowRefusal } from '../services/expiry-window';
import { reportFilterValues } from '../resolvers/report.resolver';
import { toGlobalId } from '../global-id';

/*
 * What the report's file downloads (GET /reports/cooperation.csv and .xlsx) share: the sign-in, the
 * filter read from the query string and checked with the GraphQL input's rules, the 400/401 answers,
 * and the columns of the one-row-per-agreement table. Each format only writes the file.
 */

const LIST_PARAMETERS = ['countryCodes', 'statuses', 'fields', 'opdIds'] as const;
const SINGLE_PARAMETERS = ['from', 'to', 'expiringWithinDays'] as const;
const ALLOWED = [...LIST_PARAMETERS, ...SINGLE_PARAMETERS] as string[];

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
      // Digits only here (no sign, no exponent); the range is the service's one rule (expiry-window.ts).
      if (!/^\d{1,5}$/.test(raw)) throw expiryWindowRefusal('expiringWithinDays');
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

export function sendError(res: express.Response, error: DomainError) {
  const status = error.code === ErrorCode.UNAUTHENTICATED ? 401 : error.code === ErrorCode.FORBIDDEN ? 403 : 400;
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(status).json({ errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] });
}

/**
 * Mounts GET `path` for a download of the report: signs the caller in (`Authorization: Bearer`, as
 * GraphQL), reads and checks the filter, then lets `send` write the file. A DomainError thrown before
 * the file starts (from here or from the report service's own checks) answers 401/403/400 with the
 * error in the shape of a GraphQL error; anything else is logged and answers 500 without internals.
 * `send` gets the filter both as the service's values and as the client gave it.
 */
export function mountReportDownload(
  app: express.Express,
  path: string,
  services: Services,
  logger: Logger,
  send: (res: express.Response, values: ReportFilterValues, filter: ReportFilter) => Promise<void>,
) {
  app.get(path, async (req, res) => {
    try {
      const user = await services.auth.authenticate(req.headers.authorization);
      if (!user) throw unauthenticated();
      const filter = await checkedFilter(req.query as Record<string, unknown>);
      await send(res, reportFilterValues(filter), filter);
    } catch (error) {
      if (res.headersSent) {
        // A file cut short must not look complete: abort the response rather than end it.
        logger.warn({ err: error, path }, 'report download cut short');
        res.destroy();
        return;
      }
      if (error instanceof DomainError) return sendError(res, error);
      if (isOutage(error)) {
        logger.warn({ cause: outageCause(error), where: path }, 'database or redis unavailable');
        res.status(503).set('retry-after', String(RETRY_AFTER_SECONDS)).json({ errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] });
        return;
      }
      logger.error({ err: error, path }, 'report export failed');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
    }
  });
}

/** The headers of a download: a file named after the report's day, never cached (it holds live figures). */
export function setDownloadHeaders(res: express.Response, contentType: string, asOf: string, extension: string) {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="cooperation-report-${asOf}.${extension}"`);
  res.setHeader('Cache-Control', 'no-store');
}

interface TypedColumn<Kind extends string, Value> {
  /** The API's name of the value (stable, English). */
  key: string;
  /** The CSV's header: snake_case, for scripts. */
  csvHeader: string;
  /** The spreadsheet's header: Indonesian, for people; codes (statuses, fields) stay the API's. */
  header: string;
  kind: Kind;
  value: (row: AgreementReportRow) => Value;
}

/** A column of the agreements table, typed so that each format can write it as what it is. */
export type AgreementColumn =
  | TypedColumn<'text', string>
  | TypedColumn<'number', number | null>
  | TypedColumn<'date', string | null>
  | TypedColumn<'flag', boolean>
  | TypedColumn<'codes', string[]>;

/** One row per agreement, in this order, in both the CSV and the spreadsheet. */
export const AGREEMENT_COLUMNS: readonly AgreementColumn[] = [
  { key: 'agreementId', csvHeader: 'agreement_id', header: 'ID perjanjian', kind: 'text', value: (r) => toGlobalId('Agreement', r.id) },
  { key: 'countryCode', csvHeader: 'country_code', header: 'Kode negara', kind: 'text', value: (r) => r.countryCode },
  { key: 'country', csvHeader: 'country', header: 'Negara', kind: 'text', value: (r) => r.countryName },
  { key: 'partnerCity', csvHeader: 'partner_city', header: 'Kota mitra', kind: 'text', value: (r) => r.partnerCity },
  { key: 'title', csvHeader: 'title', header: 'Judul', kind: 'text', value: (r) => r.title },
  { key: 'kind', csvHeader: 'kind', header: 'Jenis', kind: 'text', value: (r) => r.kind },
  { key: 'status', csvHeader: 'status', header: 'Status', kind: 'text', value: (r) => r.status },
  { key: 'fields', csvHeader: 'fields', header: 'Bidang', kind: 'codes', value: (r) => r.fields },
  { key: 'loiSignedOn', csvHeader: 'loi_signed_on', header: 'Tanggal LoI', kind: 'date', value: (r) => r.loiSignedOn },
  { key: 'dprdApprovedOn', csvHeader: 'dprd_approved_on', header: 'Tanggal persetujuan DPRD', kind: 'date', value: (r) => r.dprdApprovedOn },
  { key: 'mouSignedOn', csvHeader: 'mou_signed_on', header: 'Tanggal MoU', kind: 'date', value: (r) => r.mouSignedOn },
  { key: 'validityMonths', csvHeader: 'validity_months', header: 'Masa berlaku (bulan)', kind: 'number', value: (r) => r.validityMonths },
  { key: 'expiresOn', csvHeader: 'expires_on', header: 'Tanggal berakhir', kind: 'date', value: (r) => r.expiresOn },
  { key: 'expiringSoon', csvHeader: 'expiring_within_window', header: 'Akan berakhir', kind: 'flag', value: (r) => r.expiringSoon },
  { key: 'liveActivities', csvHeader: 'live_activities', header: 'Aktivitas aktif', kind: 'number', value: (r) => r.liveActivities },
  { key: 'proposedActivities', csvHeader: 'proposed_activities', header: 'Aktivitas PROPOSED', kind: 'number', value: (r) => r.proposedActivities },
  { key: 'acceptedActivities', csvHeader: 'accepted_activities', header: 'Aktivitas ACCEPTED', kind: 'number', value: (r) => r.acceptedActivities },
  { key: 'removedActivities', csvHeader: 'removed_activities', header: 'Aktivitas dihapus', kind: 'number', value: (r) => r.removedActivities },
];
