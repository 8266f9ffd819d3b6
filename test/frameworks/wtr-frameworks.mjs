// A web-test-runner plugin that lets the framework tests (test/frameworks/) import React and Vue
// the way an app does (`import { useState } from 'react'`, `import { h } from 'vue'`).
//
// React ships only CommonJS, which a browser cannot import. Its entries are bundled once by
// esbuild into ES modules, all in one build with code splitting, so `react-dom/client` and the
// JSX runtime share the single copy of React that hooks need. CommonJS has no static export
// names, so each entry re-exports the names the package really has, read from it by a separate
// Node process (React's development build must not run inside the test runner, whose console it
// would meet).
//
// Vue's default entry is the `esm-bundler` build, which expects a bundler to replace
// `process.env.NODE_ENV`; the `esm-browser` runtime build is the same code ready for a browser.
//
// Test files import a `.tsx` module as `./name.js` (TypeScript's convention); this maps it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const REACT_ENTRIES = ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client'];
const PREFIX = '/__frameworks/';
const outName = (specifier) => specifier.replace(/\//g, '__');

function exportNames(rootDir) {
  const script = `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(REACT_ENTRIES)}.map((m) => [m, Object.keys(require(m))]))))`;
  const env = { ...process.env, NODE_ENV: 'development' };
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: rootDir, env, encoding: 'utf8' }));
}

async function bundleReact(rootDir) {
  const names = exportNames(rootDir);
  const result = await build({
    entryPoints: REACT_ENTRIES.map((specifier) => ({ in: `esm:${specifier}`, out: outName(specifier) })),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    outdir: '/out',
    logLevel: 'silent',
    // The development builds: their warnings (keys, hooks, invalid props) are what a test wants.
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins: [
      {
        name: 'cjs-to-esm-entries',
        setup(b) {
          b.onResolve({ filter: /^esm:/ }, (args) => ({ path: args.path.slice(4), namespace: 'esm' }));
          b.onLoad({ filter: /.*/, namespace: 'esm' }, (args) => {
            const named = names[args.path].filter((name) => name !== 'default');
            const module = JSON.stringify(args.path);
            return {
              contents: `import m from ${module};\nexport const { ${named.join(', ')} } = m;\nexport default m;\n`,
              resolveDir: rootDir,
            };
          });
        },
      },
    ],
  });
  return new Map(result.outputFiles.map((file) => [PREFIX + path.basename(file.path), file.text]));
}

export function frameworks() {
  let rootDir;
  let react;
  return {
    name: 'offer-wall-frameworks',
    serverStart({ config }) {
      rootDir = config.rootDir;
    },
    resolveImport({ source, context }) {
      if (REACT_ENTRIES.includes(source)) return `${PREFIX}${outName(source)}.js`;
      if (source === 'vue') return '/node_modules/vue/dist/vue.runtime.esm-browser.js';
      if (source.startsWith('.') && source.endsWith('.js') && /\.tsx?$/.test(context.path)) {
        const tsx = source.slice(0, -3) + '.tsx';
        if (existsSync(path.join(rootDir, path.dirname(context.path), tsx))) return tsx;
      }
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      react ??= bundleReact(rootDir);
      const body = (await react).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
