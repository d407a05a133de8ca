import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_FILE } from '../src/scripts/print-schema';

// relay-compiler's package ships its binary and hands back its path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RELAY_COMPILER = require('relay-compiler') as string;
const README = path.join(__dirname, '..', 'README.md');

/** The dashboard query as the README shows it (the graphql block after "The dashboard query"). */
function readmeDashboardQuery(): string {
  const readme = fs.readFileSync(README, 'utf8');
  const match = /The dashboard query[\s\S]*?```graphql\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no dashboard query block');
  return match[1];
}

/** Compiles `query` with relay-compiler against `schema` in a project of its own; the exit status and output. */
function compileWithRelay(schema: string, query: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-relay-'));
  try {
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'schema.graphql'), schema);
    fs.writeFileSync(path.join(dir, 'relay.config.json'), JSON.stringify({ src: './src', schema: './schema.graphql', language: 'typescript' }));
    // Relay names operations after their module: DashboardQuery lives in Dashboard.ts.
    fs.writeFileSync(path.join(dir, 'src', 'Dashboard.ts'), `import { graphql } from 'react-relay';\n\nexport const dashboardQuery = graphql\`\n${query}\`;\n`);
    const run = spawnSync(RELAY_COMPILER, [], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const artifact = path.join(dir, 'src', '__generated__', 'DashboardQuery.graphql.ts');
    return { status: run.status, output: `${run.stdout}${run.stderr}`, artifact: fs.existsSync(artifact) ? fs.readFileSync(artifact, 'utf8') : null };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('relay-compiler', () => {
  const schema = fs.readFileSync(SCHEMA_FILE, 'utf8');
  const query = readmeDashboardQuery();

  it("accepts the README's dashboard query with @connection against the committed schema", () => {
    expect(query).toMatch(/@connection\(key: "Dashboard_agreements"\)/);
    const result = compileWithRelay(schema, query);
    expect([result.status, result.output]).toEqual([0, expect.stringContaining('Compilation completed')]);
    // The artifact is the query Relay sends: @connection gone, the cursor and page info it pages with added.
    expect(result.artifact).toMatch(/"connection": \[/);
    expect(result.artifact).not.toMatch(/@connection/);
    expect(result.artifact).toMatch(/cursor/);
  });

  it('rejects the same query against a schema whose PageInfo lacks hasPreviousPage', () => {
    const withoutPrevious = schema.replace(/\n(\s+"""[^"]*"""\n)?\s+hasPreviousPage: Boolean!\n/, '\n');
    expect(withoutPrevious).not.toMatch(/hasPreviousPage/);
    const result = compileWithRelay(withoutPrevious, query);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/pageInfo \{ hasPreviousPage \}/);
    expect(result.artifact).toBeNull();
  });
});
