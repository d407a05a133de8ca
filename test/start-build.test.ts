import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * `npm start` builds the server and the web client only when their sources changed since the
 * last build (scripts/build-server.mjs, scripts/build-web.mjs): that is what keeps a later start
 * short. The server's script runs here on a small project of its own (real tsc), through a first
 * build, a start with nothing changed, a changed and an added source, and a removed one
 * (`npm run build` adds --force: always from scratch).
 */

const ROOT = path.join(__dirname, '..');

function run(root: string, script: string, ...args: string[]) {
  return execFileSync(process.execPath, [path.join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8' });
}

describe('npm start builds only what changed', () => {
  let project: string;
  const main = () => path.join(project, 'dist', 'src', 'main.js');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), text);
  };
  /** Marks the build's output, so that a later build (which starts from an empty dist/) loses the mark. */
  const mark = () => fs.writeFileSync(path.join(project, 'dist', 'marker'), '');
  const rebuilt = () => !fs.existsSync(path.join(project, 'dist', 'marker'));

  beforeAll(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'jalin-start-build-'));
    fs.mkdirSync(path.join(project, 'scripts'));
    for (const script of ['build-server.mjs', 'inputs-hash.mjs']) fs.copyFileSync(path.join(ROOT, 'scripts', script), path.join(project, 'scripts', script));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
    write('tsconfig.build.json', JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.', module: 'commonjs', target: 'ES2022', types: [] }, include: ['src'] }));
    write('src/main.ts', 'export const greeting: string = "halo";\n');
    write('bench/.keep', '');
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('builds the server on the first start, not on a start with nothing changed, and again after any change', () => {
    run(project, 'build-server.mjs');
    expect(fs.readFileSync(main(), 'utf8')).toContain('halo');

    mark();
    run(project, 'build-server.mjs');
    expect(rebuilt()).toBe(false);

    write('src/main.ts', 'export const greeting: string = "selamat pagi";\n');
    write('src/extra.ts', 'export const extra = 1;\n');
    run(project, 'build-server.mjs');
    expect(rebuilt()).toBe(true);
    expect(fs.readFileSync(main(), 'utf8')).toContain('selamat pagi');
    expect(fs.existsSync(path.join(project, 'dist', 'src', 'extra.js'))).toBe(true);

    // A removed source leaves no output behind (the build starts from an empty dist/).
    mark();
    fs.rmSync(path.join(project, 'src', 'extra.ts'));
    run(project, 'build-server.mjs');
    expect(rebuilt()).toBe(true);
    expect(fs.existsSync(path.join(project, 'dist', 'src', 'extra.js'))).toBe(false);
  });

  it('finds the checkout built by `npm test` up to date: neither the server nor the web client is rebuilt', () => {
    const outputs = [path.join(ROOT, 'dist', 'src', 'main.js'), path.join(ROOT, 'web', 'dist', 'index.html')];
    const before = outputs.map((file) => fs.statSync(file).mtimeMs);
    expect(run(ROOT, 'build-server.mjs')).toBe('');
    expect(run(ROOT, 'build-web.mjs')).toBe('');
    expect(outputs.map((file) => fs.statSync(file).mtimeMs)).toEqual(before);
  });
});
