import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { projectRoot } from './project-root';

/**
 * The web client (web/, built by scripts/build-web.mjs to web/dist) at `/`: its hashed assets as
 * static files, and index.html for every client route (/masuk, /perjanjian/…, /laporan, …) so that
 * a reload or a shared link opens the right page. Paths that belong to the server are never
 * answered with the page: /graphql (API and GraphiQL), /graphiql/, /reports/, /audit/, /agreements/
 * (document downloads), /healthz, /readyz, /metrics; and a request that does not name HTML in its
 * Accept header (a browser's navigation does; `*\/*` from a script or a probe does not) gets a plain 404.
 */
const SERVER_PATHS = /^\/(graphql|graphiql|reports|audit|agreements|healthz|readyz|metrics)(\/|$)/;

/**
 * What the page may load or reach: its own origin only (API and WebSocket included). Mantine sets
 * inline styles; the built app has no inline script.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function webDistDir(): string {
  return path.join(projectRoot(), 'web', 'dist');
}

export function mountWebApp(app: express.Express) {
  const dist = webDistDir();
  const indexFile = path.join(dist, 'index.html');

  // Hashed file names (assets/index-3f2a….js) never change content: cache them for a year.
  app.use(
    '/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
  );

  app.get(/.*/, (req, res, next) => {
    if (SERVER_PATHS.test(req.path) || !(req.get('accept') ?? '').includes('text/html')) return next();
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The web client is not built yet: run `npm start` (or `node scripts/build-web.mjs`).\n');
      return;
    }
    // index.html is read at each request (small), so a rebuild while the server runs is picked up.
    res.set({ 'content-security-policy': WEB_APP_CSP, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.type('html').send(fs.readFileSync(indexFile));
  });
}
