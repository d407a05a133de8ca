import fs from 'node:fs';
import { renderSchema, SCHEMA_FILE } from '../src/scripts/print-schema';

describe('schema.graphql', () => {
  it('is the schema that type-graphql generates from the code (run `npm run schema:print` when this fails)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await renderSchema());
  });
});
