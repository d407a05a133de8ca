import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, Kind, type DefinitionNode, type DocumentNode } from 'graphql';

/**
 * Every GraphQL operation that the README shows a reader must be valid against the committed
 * schema: the `graphql` blocks, inline `query …` / `mutation …` / `subscription …` spans, the
 * operations inside the shell sessions (curl bodies and the `gql` helper) and the TypeScript
 * examples. A schema change that breaks an example fails here, not in a reader's terminal.
 */
const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
// Relay's client-side directive, which the README's dashboard query carries (Relay strips it before sending).
const RELAY_DIRECTIVES = 'directive @connection(key: String!, filters: [String]) on FIELD\n';
const schema = buildSchema(RELAY_DIRECTIVES + fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

interface Example {
  kind: 'graphql block' | 'inline code' | 'curl body' | 'gql call' | 'ts block';
  where: string;
  text: string;
}

const OPERATION_START = /^(query|mutation|subscription)\b|^\{\s*\w/;

function fencedBlocks(language: string): { line: number; body: string }[] {
  const blocks: { line: number; body: string }[] = [];
  const fence = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g');
  for (const match of README.matchAll(fence)) blocks.push({ line: README.slice(0, match.index).split('\n').length, body: match[1] });
  return blocks;
}

/** A shell argument's text with the session's `$VARIABLES` standing for ids. */
const withIdsFilledIn = (text: string) => text.replace(/\$[A-Z][A-Z0-9_]*/g, 'QWdyZWVtZW50OjE=');

function examples(): Example[] {
  const found: Example[] = [];
  for (const { line, body } of fencedBlocks('graphql')) {
    // The block that shows a connection's shape uses "…" for "your fields": prose, not an operation.
    if (body.includes('…')) continue;
    found.push({ kind: 'graphql block', where: `graphql block at line ${line}`, text: body });
  }
  for (const match of README.matchAll(/`((?:query|mutation|subscription)\b[^`]*\{[^`]*\})`/g)) {
    found.push({ kind: 'inline code', where: `inline code at line ${README.slice(0, match.index).split('\n').length}`, text: match[1] });
  }
  for (const { line, body } of fencedBlocks('sh')) {
    for (const match of body.matchAll(/"query":"((?:[^"\\]|\\.)*)"/g)) {
      const text = JSON.parse(`"${match[1]}"`) as string;
      if (!text.includes('\\"$1\\"')) found.push({ kind: 'curl body', where: `curl body in the sh block at line ${line}`, text });
    }
    for (const match of body.matchAll(/\bgql "\$\w+" (?:'([^']*)'|"((?:[^"\\]|\\.)*)")/g)) {
      const text = match[1] ?? match[2].replace(/\\"/g, '"');
      found.push({ kind: 'gql call', where: `gql call in the sh block at line ${line}`, text: withIdsFilledIn(text) });
    }
  }
  for (const { line, body } of fencedBlocks('ts')) {
    for (const match of body.matchAll(/`((?:query|mutation|subscription)\b[^`]*)`/g)) found.push({ kind: 'ts block', where: `ts block at line ${line}`, text: match[1] });
  }
  return found;
}

/** Each operation of a document on its own (a README block may show several anonymous ones), with the fragments. */
function operationsOf(document: DocumentNode): DocumentNode[] {
  const fragments: DefinitionNode[] = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return document.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }));
}

describe('the operations in the README', () => {
  const all = examples();

  it('are found (the extraction itself works)', () => {
    expect([...new Set(all.map((example) => example.kind))].sort()).toEqual(['curl body', 'gql call', 'graphql block', 'inline code', 'ts block']);
    expect(all.length).toBeGreaterThanOrEqual(19);
    expect(all.every((example) => OPERATION_START.test(example.text.replace(/^(\s*#.*\n)*/, '').trim()))).toBe(true);
  });

  it('all parse and validate against the committed schema', () => {
    const problems: string[] = [];
    let operations = 0;
    for (const example of all) {
      let document: DocumentNode;
      try {
        document = parse(example.text);
      } catch (error) {
        problems.push(`${example.where}: ${(error as Error).message}\n${example.text}`);
        continue;
      }
      for (const operation of operationsOf(document)) {
        operations++;
        for (const error of validate(schema, operation)) problems.push(`${example.where}: ${error.message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(operations).toBeGreaterThanOrEqual(all.length);
  });

  it('notices an operation that does not fit the schema (the check can fail)', () => {
    expect(validate(schema, parse('{ agreements { edges { node { noSuchField } } } }'))).not.toHaveLength(0);
  });
});
