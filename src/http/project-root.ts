import fs from 'node:fs';
import path from 'node:path';

/** The project root: the nearest folder above this file with a package.json (src/http under ts-node, dist/src/http once built). */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('no package.json above ' + __dirname);
  }
}
