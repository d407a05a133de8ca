import type express from 'express';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';

/** The largest JSON body /graphql reads. */
export const MAX_BODY = '100kb';

/** Malformed or oversized JSON bodies: answered like a GraphQL server would, without internals. */
export function jsonBodyErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error.type === 'entity.too.large'
        ? `The request body is larger than ${MAX_BODY}`
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : status === 500
            ? 'Internal server error'
            : 'Bad request';
    const code = status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST';
    if (status === 500) logger.error({ err: error }, 'unexpected error');
    // The body never reaches the log: it may be anything, of any size up to the limit.
    else logger.info({ codes: [code], status }, 'graphql request');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
