import type express from 'express';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { DomainError, ErrorCode, badInput, unauthenticated } from '../errors';
import { toGlobalId, type NodeTypeName } from '../global-id';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { AuditEntry } from '../entities';
import { assertCanReadAuditTrail } from '../services/access-policy';
import type { AuditFilter } from '../services/audit-trail.service';
import { auditFilterValues, type AuditTrailFilter } from '../resolvers/inputs/audit-filter.input';
import { sendError } from './report-export';
import { FORMULA_START } from './report-csv.route';

export const AUDIT_CSV_PATH = '/audit/trail.csv';
export const AUDIT_XLSX_PATH = '/audit/trail.xlsx';

const PARAMETERS = ['recordId', 'actorId', 'operation', 'from', 'to'] as const;

/** The columns of both downloads, oldest entry first. */
const COLUMNS: readonly { key: string; header: string; value: (entry: AuditEntry) => string | number | null }[] = [
  { key: 'seq', header: 'seq', value: (e) => e.seq },
  { key: 'at', header: 'at', value: (e) => e.at },
  { key: 'actorId', header: 'actor_id', value: (e) => (e.actorId === null ? null : toGlobalId('User', e.actorId)) },
  { key: 'actorEmail', header: 'actor_email', value: (e) => e.actorEmail },
  { key: 'operation', header: 'operation', value: (e) => e.operation },
  { key: 'recordType', header: 'record_type', value: (e) => e.recordType },
  { key: 'recordId', header: 'record_id', value: (e) => (e.recordId === null ? null : toGlobalId(e.recordType as NodeTypeName, e.recordId)) },
  { key: 'diff', header: 'diff', value: (e) => e.diff },
  { key: 'requestId', header: 'request_id', value: (e) => e.requestId },
  { key: 'prevHash', header: 'prev_hash', value: (e) => e.prevHash },
  { key: 'hash', header: 'hash', value: (e) => e.hash },
];

/** The query string as the GraphQL filter: each parameter at most once; unknown ones refused. */
function filterFromQuery(query: Record<string, unknown>): AuditFilter {
  const unknown = Object.keys(query).filter((key) => !(PARAMETERS as readonly string[]).includes(key));
  if (unknown.length) throw badInput(`Unknown query parameter(s): ${unknown.join(', ')}. Allowed: ${PARAMETERS.join(', ')}`);
  const filter: AuditTrailFilter = {};
  for (const key of PARAMETERS) {
    const raw = query[key];
    if (raw === undefined) continue;
    if (typeof raw !== 'string') throw badInput(`${key} may be given once, as a single value`);
    filter[key] = raw;
  }
  return auditFilterValues(filter);
}

/**
 * GET /audit/trail.csv and /audit/trail.xlsx: the audit trail (the `auditTrail` query's filter as
 * query parameters), oldest first, for officers and admins (`Authorization: Bearer`, as GraphQL).
 * The 401/403/400 answers are the report downloads' (`sendError`); text that a spreadsheet would run
 * as a formula gets a leading `'` in the CSV (an xlsx string cell is never a formula).
 */
export function mountAuditDownloads(app: express.Express, services: Services, logger: Logger) {
  const mount = (path: string, send: (res: express.Response, filter: AuditFilter) => Promise<void>) =>
    app.get(path, async (req, res) => {
      try {
        const user = await services.auth.authenticate(req.headers.authorization);
        if (!user) throw unauthenticated();
        assertCanReadAuditTrail(user);
        await send(res, filterFromQuery(req.query as Record<string, unknown>));
      } catch (error) {
        if (res.headersSent) {
          logger.warn({ err: error, path }, 'audit download cut short');
          res.destroy();
          return;
        }
        if (error instanceof DomainError) return sendError(res, error);
        logger.error({ err: error, path }, 'audit export failed');
        res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      }
    });

  const headers = (res: express.Response, contentType: string, extension: string) => {
    res.status(200);
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `attachment; filename="audit-trail-${new Date().toISOString().slice(0, 10)}.${extension}"`);
    res.setHeader('Cache-Control', 'no-store');
  };

  mount(AUDIT_CSV_PATH, async (res, filter) => {
    const pages = services.audit.rows(filter);
    const first = await pages.next();
    headers(res, 'text/csv; charset=utf-8', 'csv');
    const csv = stringify({ bom: true, header: true, record_delimiter: 'windows', columns: COLUMNS.map(({ key, header }) => ({ key, header })) });
    csv.pipe(res);
    const write = (entries: AuditEntry[]) => {
      for (const entry of entries) {
        csv.write(
          Object.fromEntries(
            COLUMNS.map(({ key, value }) => {
              const cell = value(entry);
              return [key, typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : (cell ?? '')];
            }),
          ),
        );
      }
    };
    if (!first.done) write(first.value);
    for await (const entries of pages) write(entries);
    csv.end();
  });

  mount(AUDIT_XLSX_PATH, async (res, filter) => {
    const pages = services.audit.rows(filter);
    const first = await pages.next();
    headers(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: true });
    const sheet = workbook.addWorksheet('Jejak audit', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map(({ key, header }) => ({ key, header, width: key === 'diff' ? 60 : 20 }));
    sheet.getRow(1).font = { bold: true };
    const write = (entries: AuditEntry[]) => {
      for (const entry of entries) sheet.addRow(Object.fromEntries(COLUMNS.map(({ key, value }) => [key, value(entry)]))).commit();
    };
    if (!first.done) write(first.value);
    for await (const entries of pages) write(entries);
    await sheet.commit();
    await workbook.commit();
  });
}
