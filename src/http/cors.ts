import cors from 'cors';
import type express from 'express';
import { ErrorCode } from '../errors';

/** What a browser may send cross-origin: the request headers of a GraphQL client (Apollo Client, urql, graphql-http). */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'];
export const CORS_ALLOWED_METHODS = ['GET', 'POST'];
/** How long (s) a browser may reuse a preflight's answer; browsers cap it themselves (Chrome at 2 h). */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Cross-origin access (CORS) for the pages of the origins in CORS_ORIGINS, on /graphql and the
 * report routes. Jalin authenticates with an `Authorization: Bearer` header and never with cookies,
 * so no credentials mode is allowed: a page sets the header itself, which makes the browser ask
 * first (a preflight). Only a listed origin is ever echoed in `Access-Control-Allow-Origin`; any
 * other gets no Access-Control-* header at all, and its preflight a 403, so its browser sends
 * nothing. Requests themselves are not refused by origin: non-browser clients send none, and the
 * CSRF prevention (Apollo's, see server.ts) is what stops a browser's simple cross-site request.
 */
export function corsMiddleware(allowedOrigins: readonly string[]): express.RequestHandler {
  const allowed = new Set(allowedOrigins);
  const isAllowed = (origin: string | undefined): boolean => origin !== undefined && allowed.has(origin);
  const handler = cors({
    // The origin as the browser sent it, and only when it is listed (never `*`, never a reflection).
    origin: (origin, callback) => callback(null, isAllowed(origin) ? origin : false),
    methods: CORS_ALLOWED_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    // The report's file name (cooperation-report-<date>.csv) for a page that saves the download.
    exposedHeaders: ['Content-Disposition'],
    maxAge: PREFLIGHT_MAX_AGE,
  });
  return (req, res, next) => {
    // The answer depends on the Origin header (with it or without the CORS headers): caches must know.
    res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (preflight && !isAllowed(req.headers.origin)) {
      // The browser shows this only in its developer tools; the page just sees a failed request.
      res.status(403).json({
        errors: [{ message: `Origin ${req.headers.origin?.slice(0, 200) ?? '(none)'} may not call this API from a browser: it is not in CORS_ORIGINS`, extensions: { code: ErrorCode.FORBIDDEN } }],
      });
      return;
    }
    handler(req, res, next);
  };
}
