import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * The layers' dependency rule, checked on every import of src/ (type-only imports and re-exports
 * included: they tie the code together just the same). Dependencies point one way:
 *
 *   resolvers, http ──▶ services ──▶ entities, events
 *   subscriptions (the WebSocket transport), realtime (the board's read side) ──▶ events
 *
 * Events never depend on the services or on what listens to them; services know no topic, PubSub,
 * feed or transport; the transport reaches the services only through what server.ts hands it.
 */

const SRC = path.join(__dirname, '..', 'src');

/** Where a module lives, as the name of its layer: the first folder under src/, or the file's own name. */
function layerOf(file: string): string {
  const relative = path.relative(SRC, file).split(path.sep);
  return relative.length > 1 ? relative[0] : relative[0].replace(/\.ts$/, '');
}

/** Every relative import of every .ts file under src/, resolved to the file it names. */
function imports(): { from: string; to: string; specifier: string }[] {
  const edges: { from: string; to: string; specifier: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        for (const { fileName } of ts.preProcessFile(fs.readFileSync(full, 'utf8'), true, true).importedFiles) {
          if (!fileName.startsWith('.')) continue;
          const base = path.resolve(path.dirname(full), fileName);
          const to = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate)) ?? base;
          edges.push({ from: full, to, specifier: fileName });
        }
      }
    }
  };
  walk(SRC);
  return edges;
}

/** For each layer, the layers it must not import. */
const FORBIDDEN: Record<string, string[]> = {
  entities: ['services', 'events', 'resolvers', 'http', 'realtime', 'subscriptions', 'server', 'context'],
  events: ['services', 'resolvers', 'http', 'realtime', 'subscriptions', 'server', 'context'],
  services: ['resolvers', 'http', 'realtime', 'subscriptions', 'server', 'context'],
  realtime: ['services', 'resolvers', 'http', 'subscriptions', 'server'],
  subscriptions: ['services', 'resolvers', 'http', 'server'],
  resolvers: ['subscriptions', 'http', 'server'],
  // How operations run serves both transports and knows neither, nor what the resolvers do.
  'graphql-execution': ['services', 'resolvers', 'http', 'realtime', 'subscriptions', 'server', 'context'],
};

/** Within events/, services may use the unit of work and the event types, not the transport of events. */
const EVENT_TRANSPORT = ['pubsub.ts', 'topics.ts', 'topic-bridge.ts'].map((name) => path.join(SRC, 'events', name));

describe('dependency direction', () => {
  const edges = imports();
  const show = ({ from, specifier }: { from: string; specifier: string }) => `${path.relative(SRC, from)} imports ${specifier}`;

  it('finds the imports it checks (the scan itself works)', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges.some((edge) => layerOf(edge.from) === 'services' && layerOf(edge.to) === 'events')).toBe(true);
    expect(edges.some((edge) => layerOf(edge.from) === 'realtime' && layerOf(edge.to) === 'events')).toBe(true);
  });

  it.each(Object.entries(FORBIDDEN))('%s imports none of the layers above it', (layer, forbidden) => {
    const wrong = edges.filter((edge) => layerOf(edge.from) === layer && forbidden.includes(layerOf(edge.to)));
    expect(wrong.map(show)).toEqual([]);
  });

  it('services record events on the unit of work and never touch topics or the PubSub', () => {
    const wrong = edges.filter((edge) => layerOf(edge.from) === 'services' && EVENT_TRANSPORT.includes(edge.to));
    expect(wrong.map(show)).toEqual([]);
  });

  it('would catch a wrong import (the rule is not vacuous)', () => {
    const sample = { from: path.join(SRC, 'services', 'x.ts'), to: path.join(SRC, 'subscriptions', 'websocket-server.ts'), specifier: '../subscriptions/websocket-server' };
    expect(FORBIDDEN[layerOf(sample.from)]).toContain(layerOf(sample.to));
  });
});
