#!/usr/bin/env node
// Builds the server (src/, bench/, ormconfig.ts → dist/ with tsc) only when its inputs changed
// since the last build: their hash is kept in dist/.build-hash. `npm start` calls this, so a later
// start skips tsc's ~12 s of CPU; `npm run build` passes `--force` and always builds from scratch
// (dist/ removed first, so no output of a deleted source file survives).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder, inputsHash, upToDate } from './inputs-hash.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-hash');

const wanted = inputsHash(root, [
  ...filesUnder(path.join(root, 'src')),
  ...filesUnder(path.join(root, 'bench')),
  ...['ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => path.join(root, f)),
]);
if (!process.argv.includes('--force') && upToDate(stamp, wanted, path.join(dist, 'src', 'main.js'))) process.exit(0);

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
fs.writeFileSync(stamp, wanted + '\n');
