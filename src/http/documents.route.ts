import type express from 'express';
import { DomainError, ErrorCode, badInput, unauthenticated } from '../errors';
import { parseGlobalId } from '../global-id';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { DOCUMENT_FILES, DOCUMENT_ROUTE } from '../documents/document.service';
import { GeneratedDocumentKind } from '../entities';
import { renderMinutes } from '../documents/minutes.docx';
import { renderActivityAnnex } from '../documents/activity-annex.docx';
import { renderActionPlan } from '../documents/action-plan.docx';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

/**
 * GET /agreements/:agreementId/documents/{minutes,activity-annex,action-plan}.docx: the documents
 * Jalin writes, for anyone signed in (`Authorization: Bearer`, as GraphQL; viewers too). Minutes need
 * `?meeting=<global id>`. `Agreement.generatedDocuments` and `Meeting.documents` list the URLs.
 * Errors answer in the shape of a GraphQL error, with the status its code means.
 */
export function mountDocumentRoutes(app: express.Express, services: Services, logger: Logger) {
  app.get(DOCUMENT_ROUTE, async (req, res) => {
    try {
      const user = await services.auth.authenticate(req.headers.authorization);
      if (!user) throw unauthenticated();
      const agreementId = parseGlobalId(String(req.params.agreementId), 'Agreement', 'agreementId');
      const kind = (Object.entries(DOCUMENT_FILES) as [GeneratedDocumentKind, string][]).find(([, file]) => file === req.params.file)?.[0];
      if (!kind) throw badInput(`No such document; there are ${Object.values(DOCUMENT_FILES).join(', ')}`, { argument: 'file' });
      let file: { name: string; body: Buffer };
      if (kind === GeneratedDocumentKind.MINUTES) {
        if (typeof req.query.meeting !== 'string') throw badInput('Say which meeting: ?meeting=<the meeting’s global id>', { argument: 'meeting' });
        const meetingId = parseGlobalId(req.query.meeting, 'Meeting', 'meeting');
        file = { name: `berita-acara-rapat-${meetingId}.docx`, body: await renderMinutes(await services.documents.minutes(agreementId, meetingId)) };
      } else if (kind === GeneratedDocumentKind.ACTIVITY_ANNEX) {
        file = { name: `lampiran-rencana-kegiatan-${agreementId}.docx`, body: await renderActivityAnnex(await services.documents.annex(agreementId)) };
      } else {
        file = { name: `rencana-aksi-${agreementId}.docx`, body: await renderActionPlan(await services.documents.actionPlan(agreementId)) };
      }
      res.status(200);
      res.setHeader('Content-Type', DOCX);
      res.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
      // Minutes of a meeting in progress and the annex follow the live board: never cached.
      res.setHeader('Cache-Control', 'no-store');
      res.end(file.body);
    } catch (error) {
      if (error instanceof DomainError) {
        const status = STATUS[error.code] ?? 400;
        if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(status).json({ errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] });
        return;
      }
      logger.error({ err: error, path: req.path }, 'document download failed');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
    }
  });
}
