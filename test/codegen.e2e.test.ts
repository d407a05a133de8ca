import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describeEachDatabase } from './support/each-database';
import { startTestServer, type TestServer } from './support/test-server';

/** GraphQL Code Generator's `generate`, run in a process of its own (see codegen.process.mjs). */
async function generate(config: Record<string, unknown>): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'support', 'codegen.process.mjs'), JSON.stringify(config)], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1' },
  });
  return JSON.parse(stdout) as string[];
}

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** The README's dashboard query (its ```graphql block) and its board subscription (in the client code). */
function readmeDocuments() {
  // The README writes it as Relay does; a client without Relay sends it without `@connection`.
  const dashboard = /```graphql\n(query DashboardQuery\b[\s\S]*?)```/.exec(README)?.[1]?.replace(/ @connection\([^)]*\)/, '');
  const boardEvents = /`(subscription BoardEvents\b[^`]*)`/.exec(README)?.[1];
  if (!dashboard || !boardEvents) throw new Error('README no longer holds the dashboard query and the BoardEvents subscription');
  return { dashboard, boardEvents };
}

/** Code a client team would write against the generated types; a wrong field must not compile. */
const USAGE = `
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  DashboardQueryDocument, type DashboardQuery, type DashboardQueryVariables, type AgreementStatus,
  BoardEventsDocument, type BoardEventsSubscription, type BoardEventsSubscriptionVariables,
} from './graphql';

export const dashboard: TypedDocumentNode<DashboardQuery, DashboardQueryVariables> = DashboardQueryDocument;
export const boardEvents: TypedDocumentNode<BoardEventsSubscription, BoardEventsSubscriptionVariables> = BoardEventsDocument;
export const page: DashboardQueryVariables = { after: null };
export const resume: BoardEventsSubscriptionVariables = { id: 'any id', after: 12 };

export function titles(data: DashboardQuery): string[] {
  return data.agreements.edges.map((edge) => edge.node.title + edge.node.partnerCity.country.code);
}
export function drafting(data: DashboardQuery): boolean {
  return data.agreements.edges.every((edge) => edge.node.status === 'PLAN_DRAFTING');
}
export function applied(data: BoardEventsSubscription): [number, string | undefined] {
  const event = data.boardEvents;
  return [event.seq, event.kind === 'RESYNC' ? undefined : event.activity?.position];
}
// @ts-expect-error the dashboard query does not select budgetEstimate
export const notSelected = (data: DashboardQuery) => data.agreements.edges[0].node.activities[0].budgetEstimate;
// @ts-expect-error not a status
export const unknownStatus: AgreementStatus = 'SIGNED';
// @ts-expect-error afterSeq is an Int
export const wrongVariable: BoardEventsSubscriptionVariables = { id: '1', after: 'twelve' };
`;

describeEachDatabase('GraphQL Code Generator against the running server', (dialect) => {
  let t: TestServer;
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('generates typed documents for the README operations from the introspected schema, and they compile', async () => {
    // The default limits: the standard introspection query that codegen sends must pass them.
    t = await startTestServer(dialect, 'codegen');
    const token = await t.login('viewer@jalin.local');
    // Under node_modules so the generated code resolves its imports from the project's packages.
    const cache = path.join(__dirname, '..', 'node_modules', '.cache');
    fs.mkdirSync(cache, { recursive: true });
    dir = fs.mkdtempSync(path.join(cache, 'jalin-codegen-'));
    const { dashboard, boardEvents } = readmeDocuments();
    fs.writeFileSync(path.join(dir, 'dashboard.graphql'), dashboard);
    fs.writeFileSync(path.join(dir, 'board-events.graphql'), boardEvents);
    const output = path.join(dir, 'graphql.ts');

    const files = await generate({
      schema: { [t.url]: { headers: { authorization: `Bearer ${token}` } } },
      documents: [path.join(dir, '*.graphql')],
      generates: {
        [output]: {
          plugins: ['typescript-operations', 'typed-document-node'],
          // typescript-operations (6) writes the enums and inputs the documents use: no `typescript` plugin.
          config: { useTypeImports: true, dedupeOperationSuffix: true, scalars: { DateTimeISO: 'string', LocalDate: 'string' } },
        },
      },
      silent: true,
    });
    expect(files).toEqual([output]);
    const generated = fs.readFileSync(output, 'utf8');
    expect(generated).toMatch(/export const DashboardQueryDocument = .* as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;/);
    expect(generated).toMatch(/export const BoardEventsDocument = .* as unknown as DocumentNode<BoardEventsSubscription, BoardEventsSubscriptionVariables>;/);
    expect(generated).toMatch(/export type DashboardQuery = \{/);
    expect(generated).toMatch(/export type BoardEventsSubscription = \{/);

    fs.writeFileSync(path.join(dir, 'usage.ts'), USAGE);
    const program = ts.createProgram([output, path.join(dir, 'usage.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
