import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { loadConfig, parseDatabaseUrl } from '../config';
import { startServer } from '../server';

/*
 * npm run docs:examples: starts the API on a fresh SQLite database seeded with the demo data, signs
 * in as the demo viewer, lists Perth's documents through GraphQL and downloads the minutes (a draft:
 * the article's meeting is in progress) and the activity annex through their HTTP routes, into
 * docs/examples/ with the text of each beside it (.txt, for review in a diff).
 */

const OUT = path.join(__dirname, '..', '..', 'docs', 'examples');

async function paragraphs(body: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
  const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join('')).filter(Boolean);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-doc-examples-'));
  const server = await startServer({
    ...loadConfig({ NODE_ENV: 'development' }),
    port: 0,
    host: '127.0.0.1',
    database: parseDatabaseUrl(`sqlite:${path.join(dir, 'demo.sqlite')}`),
    redisUrl: null,
    jwtSecret: 'doc-examples-secret-that-is-long-enough-0123456789',
    logLevel: 'warn',
    seedDemoData: true,
  });
  try {
    const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: T; errors?: unknown };
      if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { login } = await gql<{ login: { token: string } }>('mutation { login(email: "viewer@jalin.local", password: "jalin-demo") { token } }');
    const { agreements } = await gql<{ agreements: { edges: { node: { partnerCity: { name: string }; generatedDocuments: { kind: string; url: string }[] } }[] } }>(
      '{ agreements(first: 50) { edges { node { partnerCity { name } generatedDocuments { kind url } } } } }',
      {},
      login.token,
    );
    const perth = agreements.edges.find((e) => e.node.partnerCity.name === 'Perth')!.node;
    fs.mkdirSync(OUT, { recursive: true });
    for (const [kind, file] of [['MINUTES', 'perth-berita-acara-rapat'], ['ACTIVITY_ANNEX', 'perth-lampiran-rencana-kegiatan']]) {
      const url = perth.generatedDocuments.find((d) => d.kind === kind)!.url;
      const response = await fetch(new URL(url, server.url), { headers: { authorization: `Bearer ${login.token}` } });
      if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      fs.writeFileSync(path.join(OUT, `${file}.docx`), body);
      fs.writeFileSync(path.join(OUT, `${file}.txt`), `${(await paragraphs(body)).join('\n')}\n`);
      console.log(`wrote docs/examples/${file}.docx (+ .txt)`);
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
