#!/usr/bin/env node
// Builds the web client (web/ → web/dist) only when its inputs changed since the last build:
// a SHA-256 of the sources, the build configuration, schema.graphql and the lockfile is kept in
// web/dist/.build-hash. `npm start` and `npm test` call this; with nothing changed it takes well
// under a second. `--force` rebuilds anyway.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder, inputsHash, upToDate } from './inputs-hash.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist');
const stamp = path.join(dist, '.build-hash');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function webInputs() {
  return [
    // Not the generated gql/ folder: codegen's output of the rest.
    ...filesUnder(path.join(web, 'src'), [path.join(web, 'src', 'gql')]),
    ...['index.html', 'vite.config.mts', 'codegen.ts', 'tsconfig.json'].map((f) => path.join(web, f)),
    path.join(root, 'schema.graphql'),
    path.join(root, 'package-lock.json'),
  ];
}

const wanted = inputsHash(root, webInputs());
const force = process.argv.includes('--force');
const built = () => upToDate(stamp, wanted, path.join(dist, 'index.html'));
if (!force && built()) process.exit(0);

// One build at a time (parallel test workers may all find the build stale): the others wait for
// it and then find it up to date. A lock older than 5 minutes is a crashed build's.
const lock = path.join(web, '.build-lock');
for (;;) {
  try {
    fs.mkdirSync(lock);
    break;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 5 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
process.on('exit', () => fs.rmSync(lock, { recursive: true, force: true }));
if (!force && built()) process.exit(0);

const started = Date.now();
console.log('web: building the web client (its sources changed since the last build)…');
// A production bundle whatever NODE_ENV the caller has (jest sets 'test', which Vite would honour).
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
run(bin('graphql-codegen'), ['--config', 'web/codegen.ts', '--silent']);
run(bin('vite'), ['build', '--config', 'web/vite.config.mts', '--logLevel', 'warn']);
fs.writeFileSync(stamp, wanted + '\n');
console.log(`web: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
