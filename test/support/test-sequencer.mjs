// jest's default order: files that failed last time first, then the longest first by the durations of
// the last run in jest's cache; a file with no duration there runs before them, larger files first.
// A clean clone (CI) has no cache, so every file is ordered by size, and a slow short file (e.g. 8
// clients co-editing a board) could start last and leave one worker running alone at the end. This
// sequencer falls back on the durations committed in test-durations.json (seconds; only their order
// matters), so the slow files start first; a new file, known to neither, still runs before them.
// Refresh the list from a full run's `jest --json --outputFile=run.json`:
//   node test/support/test-sequencer.mjs run.json > durations.json && mv durations.json test/support/test-durations.json
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import jestSequencer from '@jest/test-sequencer';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(here, '..', '..');
const relative = (file) => path.relative(ROOT, file).split(path.sep).join('/');
const DefaultSequencer = jestSequencer.default ?? jestSequencer;

export default class KnownDurationsSequencer extends DefaultSequencer {
  known = JSON.parse(fs.readFileSync(path.join(here, 'test-durations.json'), 'utf8'));

  time(test) {
    const cached = super.time(test);
    if (cached != null) return cached;
    const seconds = this.known[relative(test.path)];
    // jest's cache keeps milliseconds.
    return seconds == null ? undefined : seconds * 1000;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const run = JSON.parse(fs.readFileSync(path.resolve(process.argv[2]), 'utf8'));
  const durations = run.testResults
    .map((file) => [relative(file.name), Math.round((file.endTime - file.startTime) / 100) / 10])
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  process.stdout.write(`${JSON.stringify(Object.fromEntries(durations), null, 2)}\n`);
}
