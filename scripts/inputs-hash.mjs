// What `npm start` builds (the server with tsc, the web client with Vite) is rebuilt only when its
// inputs changed: a SHA-256 over their paths and contents, kept next to the output as a stamp.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every file under dir, sorted, skipping the folders in `skip` (full paths). */
export function filesUnder(dir, skip = []) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(full)) out.push(...filesUnder(full, skip));
    } else out.push(full);
  }
  return out.sort();
}

/** One hash of the files' paths (relative to root) and contents; a missing file counts as empty. */
export function inputsHash(root, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stamp holds this hash and the build's main output is there: nothing to do. */
export function upToDate(stamp, wanted, output) {
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === wanted && fs.existsSync(output);
}
