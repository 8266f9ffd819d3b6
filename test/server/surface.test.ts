/**
 * The public surface says the same thing everywhere: the docs pages' generated tables match their
 * sources (`npm run docs` writes them), every link between the README and the docs pages lands on
 * a page and a heading that exist, and custom-elements.json (written by `npm run build`) describes
 * every declared attribute with its type, default and reflection, and every event with its
 * detail's type.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ATTRIBUTES, type AttributeDeclaration } from '../../src/internal/attributes.js';
import { ATTRIBUTE_DOCS } from '../../src/internal/attributes.docs.js';
import { PAGES, TABLES, generated } from '../../scripts/docs.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MANIFEST = join(ROOT, 'custom-elements.json');

interface ManifestEntry {
  name: string;
  type?: { text: string };
  default?: string;
  reflects?: boolean;
  attribute?: string;
  kind?: string;
}

/** The Markdown a reader follows links through: the root's pages and every page of docs/. */
const DOCS = ['README.md', 'CHANGELOG.md', 'BENCHMARKS.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors of a Markdown page's headings (outside code blocks), repeats numbered as GitHub does. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of text.replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
    const heading = /^#{1,6} (.+)$/.exec(line)?.[1];
    if (!heading) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** Every link and image target of a Markdown page, outside code blocks and code spans. */
function links(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

describe('the docs', () => {
  it('hold every generated table as its source makes it (run `npm run docs` after changing one)', () => {
    for (const [name, { page }] of Object.entries(TABLES)) {
      assert.ok(readFileSync(join(ROOT, page), 'utf8').includes(`<!-- ${name}:start -->`), `the ${name} table is in ${page}`);
    }
    for (const page of PAGES) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      assert.equal(text, generated(page, text), `${page}'s generated tables are out of date`);
    }
  });

  it('link only to pages, files and headings that exist (README, CHANGELOG and BENCHMARKS too)', () => {
    const broken: string[] = [];
    for (const page of DOCS) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      for (const target of links(text)) {
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto: and the like
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path ? normalize(join(dirname(page), path)) : page;
        if (!existsSync(join(ROOT, file))) {
          broken.push(`${page}: ${target} (no ${file})`);
        } else if (anchor && file.endsWith('.md') && !anchors(readFileSync(join(ROOT, file), 'utf8')).has(anchor)) {
          broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('list every page of docs/ in their index, docs/README.md', () => {
    const index = readFileSync(join(ROOT, 'docs/README.md'), 'utf8');
    const listed = new Set(links(index).map((target) => target.split('#')[0]));
    const pages = DOCS.filter((page) => page.startsWith('docs/') && page !== 'docs/README.md').map((page) => page.slice('docs/'.length));
    assert.deepEqual(pages.filter((page) => !listed.has(page)), []);
  });

  it('keep the README short enough to read at once (at most 400 lines), the rest in docs/', () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length;
    assert.ok(lines <= 400, `README.md has ${lines} lines`);
  });
});

describe('custom-elements.json', () => {
  it('is built (npm run build writes it; npm test builds first)', () => {
    assert.ok(existsSync(MANIFEST), `${MANIFEST} is missing`);
  });

  it('describes every attribute with its type and default, and the reflecting ones as such', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
      modules: Array<{ declarations?: Array<{ tagName?: string; attributes?: ManifestEntry[]; members?: ManifestEntry[]; events?: ManifestEntry[] }> }>;
    };
    const wall = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((d) => d.tagName === 'offer-wall');
    assert.ok(wall, 'offer-wall is declared');
    const declared = Object.entries(ATTRIBUTES) as Array<[keyof typeof ATTRIBUTES, AttributeDeclaration]>;
    assert.deepEqual(
      wall.attributes!.map((a) => a.name),
      declared.map(([property, declaration]) => declaration.attribute ?? property),
    );
    for (const [property, declaration] of declared) {
      const doc = ATTRIBUTE_DOCS[property];
      const field: ManifestEntry | undefined = wall.members!.find((m) => m.name === property);
      assert.ok(field, `${property} is a member`);
      assert.equal(field.attribute, declaration.attribute ?? property);
      assert.ok(field.type?.text.startsWith(doc.type), `${property}'s type`);
      assert.equal(field.reflects === true, declaration.reflect === true, `${property} reflects`);
      const literal = /^`([^`]+)`$/.exec(doc.default)?.[1];
      if (literal !== undefined) assert.equal(field.default?.replace(/'/g, ''), literal, `${property}'s default`);
    }
    assert.deepEqual(
      wall.events!.map((e) => [e.name, e.type?.text]),
      [
        ['offer-click', 'OfferClickEvent'],
        ['offer-impression', 'OfferImpressionEvent'],
        ['offer-wall-load', 'OfferWallLoadEvent'],
        ['offer-wall-error', 'OfferWallErrorEvent'],
        ['offer-support', 'OfferSupportEvent'],
      ],
    );
  });
});

describe('the npm package', () => {
  const files = () => {
    // What `npm publish` would ship, without running prepack (npm test has built already).
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as Array<{
      files: Array<{ path: string }>;
    }>;
    return new Set(pack!.files.map((file) => file.path));
  };

  it('ships its licence, the script-tag files with every chunk they load, the manifest, and every source a source map points at', () => {
    const shipped = files();
    for (const path of ['LICENSE', 'README.md', 'dist/offer-wall.js', 'dist/offer-wall.full.js', 'custom-elements.json', 'dist/esm/offer-wall.js', 'dist/esm/offer-wall.d.ts']) {
      assert.ok(shipped.has(path), `${path} is in the package`);
    }
    const chunks = [...readFileSync(join(ROOT, 'dist/offer-wall.js'), 'latin1').matchAll(/offer-wall\.[a-z0-9-]+\.[0-9a-f]{8}\.js/g)];
    assert.equal(chunks.length, 10, 'six languages, the offer detail, the rewards view and appcharge\'s two (reader, store)');
    for (const [chunk] of chunks) assert.ok(shipped.has(`dist/${chunk}`), `dist/${chunk} is in the package`);
    const maps = [...shipped].filter((path) => path.endsWith('.map'));
    assert.ok(maps.length > 0);
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(ROOT, map), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        const path = normalize(join(dirname(map), source));
        assert.ok(shipped.has(path), `${map} points at ${path}, which the package must ship`);
      }
    }
  });
});

describe('the server in the package', () => {
  /** Every module a module imports, relatively, transitively. */
  const reach = (entry: string, pattern: RegExp) => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(pattern)) {
        const target = join(dirname(file), specifier!);
        // Declarations import each other by their modules' .js names.
        if (specifier!.startsWith('.')) visit(file.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : target);
        else bare.add(specifier!);
      }
    };
    visit(entry);
    return bare;
  };
  const IMPORTS = /(?:from|import)\s*\(?\s*["']([^"']+)["']/g;

  it('depends on Lit alone: browser-only users install nothing of the server', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional: boolean }> };
    assert.deepEqual(Object.keys(pkg.dependencies), ['lit']);
    for (const peer of ['@electric-sql/pglite', 'pg', '@types/node', '@types/react']) assert.equal(pkg.peerDependenciesMeta[peer]?.optional, true, peer);
  });

  it('offer-wall/server imports nothing of Node, and its types reach no package it does not ship', () => {
    assert.deepEqual([...reach(join(ROOT, 'dist/server/index.js'), IMPORTS)], []);
    for (const types of ['dist/types/server/index.d.ts', 'dist/types/server/node.d.ts']) {
      const packages = [...reach(join(ROOT, types), IMPORTS)].filter((name) => !name.startsWith('node:'));
      assert.deepEqual(packages, [], `${types} reaches ${packages.join(', ')}`);
    }
  });

  it('runs offer-wall-proxy from the bundle alone, with no node_modules around it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offer-wall-bin-'));
    try {
      cpSync(join(ROOT, 'dist/server'), dir, { recursive: true });
      const child = spawn(process.execPath, [join(dir, 'cli.js')], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '', OFFER_WALL_FORMAT: 's2s', OFFER_WALL_UPSTREAM: 'https://u.example/s2s', OFFER_WALL_APP_ID: 'x', PORT: '0' },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const found = /listening on (http:\/\/[^/\s]+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.on('exit', () => reject(new Error(output)));
      });
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      // A bad setting is refused by the bundled zod, naming the variable.
      child.kill('SIGTERM');
      const bad = spawn(process.execPath, [join(dir, 'cli.js')], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', OFFER_WALL_FORMAT: 'xml' } });
      let said = '';
      bad.stderr.on('data', (chunk) => (said += chunk));
      assert.equal(await new Promise((resolve) => bad.on('exit', resolve)), 2);
      assert.match(said, /OFFER_WALL_FORMAT="xml" must be s2s or appcharge/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
