import fs from 'node:fs';
import path from 'node:path';
import { SETTING_NAMES } from '../src/config';

const ROOT = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text of a `## ` section of a Markdown file, up to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section "## ${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The variables named in the first column of a table: rows such as "| `PORT` | `4000` | …". */
const tableRows = (markdown: string) => [...markdown.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);

/**
 * An operator reads the settings in docs/OPERATIONS.md (and the README's table): every variable
 * that config.ts reads is listed there, and nothing is listed that it no longer reads.
 */
describe('the settings in the docs', () => {
  it('reads a known number of variables (the list itself works)', () => {
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL', 'METRICS_TOKEN', 'RESPONSE_CACHE']));
    expect(SETTING_NAMES.length).toBeGreaterThan(40);
  });

  it.each([
    ['docs/OPERATIONS.md', () => tableRows(section(read('docs/OPERATIONS.md'), 'Settings'))],
    ['README.md', () => tableRows(section(read('README.md'), 'Configuration'))],
  ])('%s lists every setting once, and only settings that exist', (_file, rows) => {
    const listed = rows();
    expect(SETTING_NAMES.filter((name) => !listed.includes(name))).toEqual([]);
    expect(listed.filter((name) => !SETTING_NAMES.includes(name))).toEqual([]);
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });
});
