/**
 * The public surface says the same thing everywhere: the README's generated tables match their
 * sources (`npm run docs` writes them), and custom-elements.json (written by `npm run build`)
 * describes every declared attribute with its type, default and reflection, and every event with
 * its detail's type.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ATTRIBUTES, type AttributeDeclaration } from '../../src/internal/attributes.js';
import { ATTRIBUTE_DOCS } from '../../src/internal/attributes.docs.js';
import { README, TABLES, generated } from '../../scripts/docs.js';

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

describe('the README', () => {
  it('holds every generated table as its source makes it (run `npm run docs` after changing one)', () => {
    const readme = readFileSync(README, 'utf8');
    for (const name of Object.keys(TABLES)) assert.ok(readme.includes(`<!-- ${name}:start -->`), `the ${name} table is in the README`);
    assert.equal(readme, generated(readme));
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

  it('ships its licence, the bundle, the manifest, and every source a source map points at', () => {
    const shipped = files();
    for (const path of ['LICENSE', 'README.md', 'dist/offer-wall.js', 'custom-elements.json', 'dist/esm/offer-wall.js', 'dist/esm/offer-wall.d.ts']) {
      assert.ok(shipped.has(path), `${path} is in the package`);
    }
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
