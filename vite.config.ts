/**
 * `npm run demo` serves `demo/` (msw answers the wall's endpoint, offline);
 * `npm run build` writes the script-tag files into `dist/`:
 * - `offer-wall.js`, the classic script a publisher loads: Lit, the element and English;
 * - its chunks beside it, `offer-wall.<name>.<hash>.js`: every module that `src/` imports with a
 *   dynamic `import('…')` (the six other languages, the rewards view, appcharge's store in two:
 *   `src/chunks/appcharge.ts` and `src/chunks/store.ts`), which the wall loads from
 *   its own folder when it needs one (src/internal/chunks.ts);
 * - `offer-wall.full.js`, the same wall in one file with every chunk inside, for Subresource
 *   Integrity.
 * The ES modules and declarations for bundler users come from `tsc -p tsconfig.build.json`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify, type MinifyOptions } from 'terser';
import { minifyHTMLLiterals } from 'minify-literals';
import { build, defineConfig, minify as minifyOxc, type Plugin, type Rolldown } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SRC = here('./src');
const ENTRY = `${SRC}/bundle.ts`;
/** The module that loads chunks (`fromFolder`), and the one whose imports are handed to them. */
const LOADER = `${SRC}/internal/chunks.ts`;
const HOST = `${SRC}/internal/host.ts`;
/** What a chunk that takes the main file's exports calls them inside its registration function. */
const HOST_PARAMETER = '__offerWallHost';
const CHUNK_FILE = /^offer-wall\.[a-z0-9-]+\.[0-9a-f]{8}\.js$/;
/** Rolldown's own minifier stays off: terser's output is the file (`terse`). */
const ROLLDOWN = { checks: { pluginTimings: false }, output: { minify: false } } as const;
/** The members' short names, shared by the main file and its chunks (see `terse`). */
const sharedNames = {};

/** Every TypeScript file under src/ but the server's. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return path === `${SRC}/server` ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A relative import's file: `./de.js` next to `importer` → `…/de.ts`. */
const sourceOf = (importer: string, specifier: string) => resolve(dirname(importer), specifier.replace(/\.js$/, '.ts'));

/** `import('./de.js')` with a literal, relative specifier, as the sources write a chunk's import. */
const DYNAMIC_IMPORT = /\bimport\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*\)/g;

/** Serves msw's service worker at the site root without copying it into the repository. */
function mockServiceWorker(): Plugin {
  const file = here('./node_modules/msw/lib/mockServiceWorker.js');
  return {
    name: 'offer-wall:msw-worker',
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** Collapses the whitespace of Lit's `html` and `css` templates in the build (about 1 KB gzip). */
function minifyTemplates(): Plugin {
  return {
    name: 'offer-wall:minify-templates',
    apply: 'build',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      // Unquoted attribute values (`part=cta`) are plain HTML, and Lit binds `x=${…}` unquoted too.
      // Entities stay entities: a template's text cannot be escaped for an ASCII file otherwise.
      const result = await minifyHTMLLiterals(code, { fileName: id, minifyOptions: { removeAttributeQuotes: true, decodeEntities: false } });
      return result ? { code: result.code, map: result.map?.toString() ?? null } : null;
    },
  };
}

/**
 * Lit's production build still carries what only other set-ups use: the hooks of its polyfills
 * and of server-side rendering, the version lists it pushes onto `globalThis`, the metadata
 * standard decorators store properties in and their initializers (the element declares its
 * properties without decorators), the checks for the ShadyCSS polyfill and for constructable
 * style sheets with the <style> elements of engines without them (no engine that lacks them can
 * run this file), and the texts of errors only a wrong use of its API throws (about 500 B gzip). Each is cut here, and the build
 * fails if one is no longer found, so a new Lit is looked at rather than shipped whole.
 */
function trimLit(): Plugin {
  const cuts: Array<[file: string, pattern: RegExp, replacement: string]> = [
    // Constructable style sheets, which every engine that runs this file has (its class static
    // blocks need Safari 16.4, Chrome 94, Firefox 93; style sheets: 16.4, 73, 101).
    ['@lit/reactive-element/css-tag.js', /(\w+)=\w+\.ShadowRoot&&\(void 0===\w+\.ShadyCSS\|\|\w+\.ShadyCSS\.nativeShadow\)&&"adoptedStyleSheets"in Document\.prototype&&"replace"in CSSStyleSheet\.prototype,/, '$1=!0,'],
    ['@lit/reactive-element/css-tag.js', /Error\("CSSResult is not constructable[^"]*"\)/, 'Error()'],
    ['@lit/reactive-element/css-tag.js', /Error\("Value passed to 'css' function[^"]*"\+\w+\+"[^"]*"\)/, 'Error()'],
    ['@lit/reactive-element/reactive-element.js', /(\w+)=\w+\.reactiveElementPolyfillSupport/, '$1=0'],
    ['@lit/reactive-element/reactive-element.js', /,\w+\?\.\(\{ReactiveElement:\w+\}\),\(\w+\.reactiveElementVersions\?\?=\[\]\)\.push\("[\d.]+"\)/, ''],
    ['@lit/reactive-element/reactive-element.js', /Symbol\.metadata\?\?=Symbol\("metadata"\),\w+\.litPropertyMetadata\?\?=new WeakMap;/, ''],
    ['@lit/reactive-element/reactive-element.js', /const (\w+)=this\[Symbol\.metadata\];if\(null!==\1\)\{[^{}]*\}/, ''],
    // addInitializer, which decorators use to run code in each new element.
    ['@lit/reactive-element/reactive-element.js', /static addInitializer\(\w+\)\{[^{}]*\}/, ''],
    ['@lit/reactive-element/reactive-element.js', /void 0!==(\w+)\.l&&\(this\.l=\[\.\.\.\1\.l\]\),/, ''],
    ['@lit/reactive-element/reactive-element.js', /,this\.constructor\.l\?\.forEach\(\w+=>\w+\(this\)\)/, ''],
    ['lit-html/lit-html.js', /Error\("invalid template strings array"\)/, 'Error()'],
    ['lit-html/lit-html.js', /,(\w+)=\w+\.litHtmlPolyfillSupport;\1\?\.\(\w+,\w+\),\(\w+\.litHtmlVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ';'],
    ['lit-element/lit-element.js', /,\w+\.litElementHydrateSupport\?\.\(\{LitElement:\w+\}\);const (\w+)=\w+\.litElementPolyfillSupport;\1\?\.\(\{LitElement:\w+\}\);/, ';'],
    ['lit-element/lit-element.js', /\(\w+\.litElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ''],
  ];
  return {
    name: 'offer-wall:trim-lit',
    apply: 'build',
    transform(code, id) {
      const mine = cuts.filter(([file]) => id.endsWith(`/node_modules/${file}`));
      if (!mine.length) return null;
      for (const [file, pattern, replacement] of mine) {
        if (!pattern.test(code)) this.error(`${file} no longer has ${pattern}: look at what this Lit ships, then cut again`);
        code = code.replace(pattern, replacement);
      }
      return { code, map: null };
    },
  };
}

/**
 * Our own internal members, which a minifier cannot shorten on its own (about 0.4 KB gzip): those
 * declared `private _name`, and those the package's modules share with a leading underscore
 * (`feed._loadMore()`). Only names declared so in src/ are touched, so Lit's internals (`_$…`)
 * are left exactly as they are.
 */
function internalMembers(): RegExp {
  const names = new Set<string>();
  for (const path of sources()) {
    // `private _x`, and the package's internals shared between its modules: a member, field or
    // key declared at the start of a line as `_x` (`_loadMore()`, `_revealed = …`, `_rewards: …`).
    for (const match of readFileSync(path, 'utf8').matchAll(/\bprivate (?:readonly |async )?(_[a-z]\w*)|^\s+(?:readonly |get )?(_[a-z]\w*)\b/gm)) {
      names.add((match[1] ?? match[2])!);
    }
  }
  return new RegExp(`^(?:${[...names].join('|')})$`);
}

/** The files of Lit that the builds bundle (`lit`'s own imports); each build checks it has no other. */
const LIT_FILES = [
  'lit/index.js',
  'lit-html/lit-html.js',
  'lit-html/is-server.js',
  'lit-element/lit-element.js',
  '@lit/reactive-element/reactive-element.js',
  '@lit/reactive-element/css-tag.js',
];

/**
 * The short names (three characters at most) that the sources or Lit's files use as properties:
 * read (`.C`), defined in a class (`}C(`) or in an object (`{C:`). No internal member is given
 * one of them: the name cache is shared by files built one after the other, so a name chosen in a
 * chunk, where nothing else uses it, would otherwise be given in the main file too, where Lit's
 * own minified members may already have it (`this.C(…)`, one of ReactiveElement's).
 */
function propertiesInUse(): string[] {
  const names = new Set<string>();
  for (const path of [...sources(), ...LIT_FILES.map((file) => here(`./node_modules/${file}`))]) {
    const code = readFileSync(path, 'utf8');
    for (const [, name] of code.matchAll(/\.([A-Za-z_$][\w$]{0,2})(?![\w$])/g)) names.add(name!);
    for (const [, name] of code.matchAll(/[{},]\s*([A-Za-z_$][\w$]{0,2})\s*[(:]/g)) names.add(name!);
  }
  return [...names];
}

/**
 * Minifies with terser and shortens the internal members (see `internalMembers`). The main file
 * and its chunks share one name cache, so a member that one sets and the other reads (the rewards
 * view's list, read by the main file's tabs) has one short name in both.
 */
function terse(options: { module: boolean; ascii: boolean; cache?: object }): Plugin {
  const members = internalMembers();
  const reserved = propertiesInUse();
  return {
    name: 'offer-wall:terser',
    apply: 'build',
    async renderChunk(code, chunk) {
      const other = Object.keys(chunk.modules).find((id) => id.includes('/node_modules/') && !LIT_FILES.some((file) => id.endsWith(`/node_modules/${file}`)));
      if (other) this.error(`${other} is bundled, but its property names are not reserved: add it to LIT_FILES`);
      // oxc first, then terser: each finds savings the other misses (about 200 B gzip), and
      // terser, last, can keep the file ASCII.
      const oxc = await minifyOxc(chunk.fileName, code, { module: options.module, sourcemap: true });
      // terser rather than esbuild here: three compress passes save about 300 B gzip more, and its
      // unsafe rewrites (String(x) as ""+x, functions without `this` as arrows, unused parameters
      // dropped: nothing here calls a function with new, reads its length, or passes a Symbol) 90 B.
      const settings: MinifyOptions = {
        ecma: 2020,
        module: options.module,
        compress: { passes: 3, unsafe: true, unsafe_arrows: true, unsafe_methods: true, keep_fargs: false },
        mangle: { properties: { regex: members, reserved } },
        // A classic script is read in the page's encoding, which may not be UTF-8 (a page without
        // `<meta charset>`): every other character escaped. A module is always read as UTF-8.
        format: { ascii_only: options.ascii },
        sourceMap: { content: oxc.map as never },
      };
      if (options.cache) settings.nameCache = options.cache;
      const result = await minify(oxc.code, settings);
      return { code: result.code!, map: result.map as string };
    },
  };
}

/**
 * In a chunk's build: each import of a module whose exports the main file hands over
 * (src/internal/host.ts) is answered with those, read from the registration function's
 * parameter; the chunk is then wrapped in that function (see `registration`).
 */
function handOver(): Plugin {
  // `import { a, b } from 'spec';` in host.ts: what it hands over from each module, each name
  // under its own in `export const host = { a, b, … }`.
  const source = readFileSync(HOST, 'utf8');
  const imports = [...source.matchAll(/^import \{([^}]*)\} from '([^']+)';/gm)].map(([, names, specifier]) => ({
    names: names!.split(',').map((name) => name.trim()).filter(Boolean),
    specifier: specifier!,
  }));
  const listed = new Set((/export const host = \{([^}]*)\}/.exec(source)?.[1] ?? '').split(',').map((name) => name.trim()));
  const handed = new Map<string, string[]>();
  return {
    name: 'offer-wall:hand-over',
    // Before Vite's own resolver, which would answer every import first.
    enforce: 'pre',
    async buildStart() {
      for (const { names, specifier } of imports) {
        const unlisted = names.filter((name) => !listed.has(name));
        if (unlisted.length) this.error(`host.ts imports ${unlisted.join(', ')} but does not hand it over in \`host\``);
        const resolved = await this.resolve(specifier, HOST);
        if (!resolved) this.error(`host.ts imports ${specifier}, which cannot be resolved`);
        handed.set(resolved.id, [...(handed.get(resolved.id) ?? []), ...names]);
      }
    },
    async resolveId(source, importer) {
      if (!importer || importer.startsWith('\0')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved && handed.has(resolved.id) ? `\0offer-wall-host:${resolved.id}` : null;
    },
    load(id) {
      if (!id.startsWith('\0offer-wall-host:')) return null;
      return handed
        .get(id.slice('\0offer-wall-host:'.length))!
        .map((name) => `export const ${name} = /* @__PURE__ */ (() => ${HOST_PARAMETER}.${name})();`)
        .join('\n');
    },
  };
}

/**
 * A chunk that takes what the main file hands over becomes one function, `export default (host)
 * => exports`, which the main file calls with its own exports (src/internal/chunks.ts): nothing of
 * the chunk runs before it has them.
 */
function registration(wrapped: { register?: boolean }): Plugin {
  return {
    name: 'offer-wall:registration',
    renderChunk(code) {
      if (!code.includes(HOST_PARAMETER)) return null;
      wrapped.register = true;
      const exported = /\nexport \{ (\w+) as default \};\s*$/.exec(code) ?? /\nexport default (\w+);\s*$/.exec(code);
      if (!exported || /^\s*(?:import|export)\b/m.test(code.slice(0, exported.index))) {
        this.error('a chunk must have one default export and no other imports or exports');
      }
      return `export default (${HOST_PARAMETER}) => {\n${code.slice(0, exported.index)}\nreturn ${exported[1]};\n};\n`;
    },
  };
}

type Rendered = Record<string, string[] | null>;

/**
 * The one-file build: each chunk's `import('…')` becomes its default export, already here (a
 * chunk's module is then one more module of the file, without the wrapper a bundler puts around a
 * module it may have to start later).
 */
function inlineChunks(): Plugin {
  return {
    name: 'offer-wall:inline-chunks',
    transform(code, id) {
      if (!id.startsWith(`${SRC}/`)) return null;
      const imports: string[] = [];
      const replaced = code.replace(DYNAMIC_IMPORT, (_whole, _quote, specifier: string) => {
        imports.push(`import __offerWallChunk${imports.length} from ${JSON.stringify(sourceOf(id, specifier))};`);
        return `Promise.resolve({ default: __offerWallChunk${imports.length - 1} })`;
      });
      return imports.length ? { code: `${imports.join('\n')}\n${replaced}`, map: null } : null;
    },
  };
}

interface Chunk {
  name: string;
  file: string;
  code: string;
  /** Whether it takes the main file's exports (is a registration function). */
  register: boolean;
  /** Its modules, and the exports each rendered (null: it rendered code, but no export). */
  modules: Rendered;
}

/**
 * The script-tag build: the chunks first (each its own build), then the main file with a call to
 * `fromFolder(file)` in place of each chunk's import, then the one-file build.
 */
function scriptTagFiles(): Plugin {
  const chunks = new Map<string, Chunk>();
  let outDir = '';
  /** Whether the main file was written: only then the one-file build follows. */
  let written = false;
  const modulesOf = (output: Rolldown.OutputChunk): Rendered =>
    Object.fromEntries(
      Object.entries(output.modules)
        .filter(([, module]) => module.renderedLength > 0)
        .map(([id, module]) => [id, module.renderedExports.length ? module.renderedExports : null]),
    );
  return {
    name: 'offer-wall:script-tag-files',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async buildStart() {
      // The chunks of an earlier build go: a stale file would be shipped with the package.
      for (const file of existsSync(outDir) ? readdirSync(outDir) : []) {
        if (CHUNK_FILE.test(file)) rmSync(`${outDir}/${file}`);
      }
      const entries = new Set<string>();
      for (const path of sources()) {
        for (const match of readFileSync(path, 'utf8').matchAll(DYNAMIC_IMPORT)) entries.add(sourceOf(path, match[2]!));
      }
      for (const entry of [...entries].sort()) {
        const name = basename(entry, '.ts');
        if ([...chunks.values()].some((chunk) => chunk.name === name)) this.error(`two chunks are named ${name}`);
        const wrapped: { register?: boolean } = {};
        const result = (await build({
          configFile: false,
          logLevel: 'warn',
          plugins: [minifyTemplates(), trimLit(), handOver(), registration(wrapped), terse({ module: true, ascii: false, cache: sharedNames })],
          build: {
            write: false,
            emptyOutDir: false,
            target: 'es2022',
            lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
            rolldownOptions: ROLLDOWN,
          },
        })) as Rolldown.RolldownOutput[];
        const output = result[0]!.output[0];
        const hash = createHash('sha256').update(output.code).digest('hex').slice(0, 8);
        chunks.set(entry, {
          name,
          file: `offer-wall.${name}.${hash}.js`,
          code: output.code,
          register: !!wrapped.register,
          modules: modulesOf(output),
        });
      }
    },
    transform(code, id) {
      if (!id.startsWith(`${SRC}/`) || id === LOADER) return null;
      let found = false;
      const replaced = code.replace(DYNAMIC_IMPORT, (_whole, _quote, specifier: string) => {
        const chunk = chunks.get(sourceOf(id, specifier));
        if (!chunk) this.error(`${id}: import('${specifier}') is not a chunk`);
        found = true;
        return `__offerWallFromFolder(${JSON.stringify(chunk.file)}${chunk.register ? ', 1' : ''})`;
      });
      return found ? { code: `import { fromFolder as __offerWallFromFolder } from ${JSON.stringify(LOADER)};\n${replaced}`, map: null } : null;
    },
    generateBundle(_options, bundle) {
      const main = Object.values(bundle).find((output): output is Rolldown.OutputChunk => output.type === 'chunk')!;
      const mainModules = modulesOf(main);
      for (const chunk of chunks.values()) {
        // Code in both files is paid twice, and a second Lit would not work. A module may give
        // each file different exports (the rewards data: the tap's record, the list's reader).
        const twice = Object.entries(chunk.modules).filter(([id, names]) => {
          const theirs = mainModules[id];
          return theirs !== undefined && (!names || !theirs || names.some((name) => theirs.includes(name)));
        });
        if (twice.length) {
          this.error(`${chunk.file} repeats code of the main file: ${twice.map(([id, names]) => `${id} (${names ?? 'its code'})`).join(', ')}. Hand over what the chunk needs in src/internal/host.ts.`);
        }
        this.emitFile({ type: 'asset', fileName: chunk.file, source: chunk.code });
      }
    },
    writeBundle() {
      written = true;
    },
    async closeBundle() {
      if (!written) return;
      await build({
        configFile: false,
        logLevel: 'warn',
        plugins: [minifyTemplates(), trimLit(), inlineChunks(), terse({ module: false, ascii: true })],
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          lib: { entry: ENTRY, name: 'OfferWall', formats: ['iife'], fileName: () => 'offer-wall.full.js' },
          rolldownOptions: ROLLDOWN,
        },
      });
    },
  };
}

export default defineConfig({
  root: here('./demo'),
  plugins: [mockServiceWorker(), minifyTemplates(), trimLit(), scriptTagFiles(), terse({ module: false, ascii: true, cache: sharedNames })],
  server: { port: 5173 },
  build: {
    outDir: here('./dist'),
    emptyOutDir: false,
    target: 'es2022',
    rolldownOptions: ROLLDOWN,
    lib: {
      entry: ENTRY,
      // Required for an IIFE; the entry exports nothing, so no global is created.
      name: 'OfferWall',
      formats: ['iife'],
      fileName: () => 'offer-wall.js',
    },
  },
});
