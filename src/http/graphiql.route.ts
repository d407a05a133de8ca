import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';

/**
 * GraphiQL for browsers at GET /graphql, entirely from this server's own files, so that it works
 * without the internet and sends nothing anywhere else (Apollo Sandbox, which it replaces, loads its
 * scripts, frames and fonts from Apollo's hosts and reports telemetry).
 *
 * Why these files: graphiql 3 is the last GraphiQL that ships a ready-made browser build
 * (graphiql.min.js + .css, fonts inlined) for React 18's browser builds, which React 18 still ships;
 * graphql-ws ships one too. Serving those as they are needs no bundler and no build step. The page's
 * own script (public/graphiql/jalin-graphiql.js) adds the sign-in panel and the fetcher: HTTP for
 * queries and mutations, the same WebSocket (graphql-transport-ws) for subscriptions, with the token
 * from the Headers tab as `connectionParams.authorization`.
 */
const ASSET_PREFIX = '/graphiql/';

/** The project root: the nearest folder above this file with a package.json (src/http under ts-node, dist/src/http once built). */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('GraphiQL: no package.json above ' + __dirname);
  }
}

/** A file inside an installed package (resolved through its entry point: some packages export no package.json). */
function packageFile(name: string, entry: string, file: string): string {
  const resolved = require.resolve(`${name}/${entry}`);
  const root = resolved.slice(0, resolved.lastIndexOf(`${path.sep}node_modules${path.sep}${name}${path.sep}`) + `${path.sep}node_modules${path.sep}${name}`.length);
  return path.join(root, file);
}

/** The only files served under /graphiql/, by name: nothing else of node_modules is reachable. */
function assetFiles(): Record<string, string> {
  const own = path.join(projectRoot(), 'public', 'graphiql');
  const files: Record<string, string> = {
    'react.production.min.js': packageFile('react', 'package.json', 'umd/react.production.min.js'),
    'react-dom.production.min.js': packageFile('react-dom', 'package.json', 'umd/react-dom.production.min.js'),
    'graphiql.min.js': packageFile('graphiql', 'package.json', 'graphiql.min.js'),
    'graphiql.min.css': packageFile('graphiql', 'package.json', 'graphiql.min.css'),
    'graphql-ws.min.js': packageFile('graphql-ws', 'client', 'umd/graphql-ws.min.js'),
    'jalin-graphiql.js': path.join(own, 'jalin-graphiql.js'),
    'jalin-graphiql.css': path.join(own, 'jalin-graphiql.css'),
  };
  for (const file of Object.values(files)) {
    if (!fs.existsSync(file)) throw new Error(`GraphiQL: ${file} is missing (npm ci installs it)`);
  }
  return files;
}

/**
 * Everything the page may load or reach: its own origin. Inline scripts are not allowed; GraphiQL's
 * fonts and icons are data: URLs inside its CSS, and its editor and menus set inline styles.
 * connect-src 'self' covers this origin's WebSocket too.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Jalin · GraphiQL</title>
<link rel="stylesheet" href="${ASSET_PREFIX}graphiql.min.css">
<link rel="stylesheet" href="${ASSET_PREFIX}jalin-graphiql.css">
</head>
<body>
<div id="graphiql" data-endpoint="/graphql">Loading GraphiQL…</div>
<script src="${ASSET_PREFIX}react.production.min.js"></script>
<script src="${ASSET_PREFIX}react-dom.production.min.js"></script>
<script src="${ASSET_PREFIX}graphiql.min.js"></script>
<script src="${ASSET_PREFIX}graphql-ws.min.js"></script>
<script src="${ASSET_PREFIX}jalin-graphiql.js"></script>
</body>
</html>
`;

function setPageHeaders(res: express.Response) {
  res.set({
    'content-security-policy': GRAPHIQL_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
}

/**
 * Mounts GraphiQL: the page for a browser's GET /graphql (one that prefers text/html to JSON; any
 * other GET goes on to Apollo as a GraphQL request) and its files under /graphiql/. Mount it
 * before the GraphQL middleware.
 */
export function mountGraphiQL(app: express.Express) {
  const files = assetFiles();
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
    setPageHeaders(res);
    res.set('cache-control', 'no-store');
    res.type('html').send(PAGE);
  });
  app.get(`${ASSET_PREFIX}:file`, (req, res, next) => {
    const file = Object.hasOwn(files, req.params.file) ? files[req.params.file] : undefined;
    if (!file) return next();
    setPageHeaders(res);
    // Revalidated on each load (ETag), so a new package version shows at once.
    res.sendFile(file, { maxAge: 0, dotfiles: 'deny' });
  });
}
