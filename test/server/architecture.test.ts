/**
 * The source tree's shape, as the next engineer to open it relies on: the server is features over
 * one core with thin adapters, every dependency points down, nothing imports in a circle, the
 * browser's code never reaches the server's, and no file is so long that it needs a table of
 * contents. These read the TypeScript sources themselves (src/), not the build.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../../../src/', import.meta.url));
const SERVER = join(SRC, 'server');

/** Every .ts file under `dir`, as paths relative to src/. */
function sources(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(relative(SRC, path));
  }
  return found;
}

const IMPORT = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The project files a source imports (relative imports only), as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    if (!specifier?.startsWith('.')) continue;
    const target = resolve(dirname(join(SRC, file)), specifier).replace(/\.js$/, '.ts');
    found.push(relative(SRC, target));
  }
  return found;
}

const FILES = sources(SRC);
const GRAPH = new Map(FILES.map((file) => [file, importsOf(file)]));

/**
 * The server's layers, lowest first: a file may import its own folder (a feature's insides), and
 * anything in a lower layer, never a higher one; the features never import each other.
 */
function layerOf(file: string): { rank: number; room: string } {
  const path = relative('server', file);
  const [top, ...rest] = path.split('/');
  if (!rest.length) {
    // The entries (`index.ts`, `node.ts`, `cli.ts`) stand on everything; the composition below them.
    return ['index.ts', 'node.ts', 'cli.ts'].includes(top!) ? { rank: 5, room: 'entries' } : { rank: 2, room: 'root' };
  }
  switch (top) {
    case 'core':
      return { rank: 0, room: 'core' };
    case 'offers':
    case 'rewards':
      return { rank: 1, room: top };
    case 'adapters':
      return { rank: 3, room: 'adapters' };
    case 'cli':
      return { rank: 4, room: 'cli' };
    default:
      throw new Error(`${file} is in no known room of src/server`);
  }
}

describe('the source tree', () => {
  it('imports nothing in a circle', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of GRAPH.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of FILES) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('has no source file over 350 lines', () => {
    const long = FILES.map((file) => [file, readFileSync(join(SRC, file), 'utf8').split('\n').length - 1] as const).filter(([, lines]) => lines > 350);
    assert.deepEqual(long, []);
  });

  it('keeps the browser away from the server: nothing outside src/server imports it', () => {
    const reaching = FILES.filter((file) => !file.startsWith('server/')).flatMap((file) => GRAPH.get(file)!.filter((target) => target.startsWith('server/')).map((target) => `${file} → ${target}`));
    assert.deepEqual(reaching, []);
  });
});

describe('the server tree', () => {
  const server = FILES.filter((file) => file.startsWith('server/'));

  it('has at most 8 files at its root, the rest in core/, offers/, rewards/, adapters/ and cli/', () => {
    const root = readdirSync(SERVER).filter((name) => statSync(join(SERVER, name)).isFile());
    assert.ok(root.length <= 8, `src/server holds ${root.length} files: ${root.join(', ')}`);
    for (const file of server) layerOf(file);
  });

  it('points every dependency down: core imports no feature, a feature no other feature, nothing an adapter or the program', () => {
    const upward: string[] = [];
    for (const file of server) {
      const from = layerOf(file);
      for (const target of GRAPH.get(file)!) {
        if (!target.startsWith('server/')) {
          // Outside the server, only the wall's data layer (dialects, rules, wire shapes).
          if (!target.startsWith('data/')) upward.push(`${file} → ${target} (outside src/server and src/data)`);
          else if (from.room === 'core') upward.push(`${file} → ${target} (core needs nothing of the wall)`);
          continue;
        }
        const to = layerOf(target);
        if (to.room === from.room) continue;
        if (to.rank >= from.rank) upward.push(`${file} → ${target}`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it('keeps the fetch entry free of Node: offer-wall/server reaches no node: module', () => {
    const seen = new Set<string>();
    const node: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (/from\s+['"]node:/.test(readFileSync(join(SRC, file), 'utf8'))) node.push(file);
      for (const next of GRAPH.get(file) ?? []) visit(next);
    };
    visit('server/index.ts');
    assert.deepEqual(node, []);
  });
});
