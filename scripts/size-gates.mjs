// The script-tag files' budgets (CONTRACT.md section 1), checked on the built dist/ by
// `npm run size` (and so by CI) and by `npm test` after its build. Sizes are gzip at level 9, as
// size-limit and `npm run bench:wall` measure them. It fails when:
// - dist/offer-wall.js is over MAIN, or not ASCII (a classic script is read in the page's
//   encoding: a page without <meta charset> would garble any other byte);
// - a language chunk is over LANGUAGE, any other chunk over CHUNK;
// - the main file with all a wall can load (the largest language and every other chunk) is over
//   ONE_WALL;
// - dist/offer-wall.full.js is over FULL, not ASCII, or loads a chunk;
// - the main file names a chunk that is not in dist/, or dist/ holds a chunk it does not name.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const MAIN = 21_900;
const LANGUAGE = 800;
const CHUNK = 3_000;
const ONE_WALL = 25_000;
const FULL = 25_500;
const LANGUAGES = ['de', 'es', 'pt', 'fr', 'ja', 'ar'];

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const read = (file) => readFileSync(dist + file);
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const ascii = (bytes) => bytes.every((byte) => byte < 0x80);
const CHUNK_FILE = /^offer-wall\.([a-z0-9-]+)\.[0-9a-f]{8}\.js$/;

const failures = [];
const rows = [];
const check = (what, size, limit) => {
  rows.push([what, size, limit]);
  if (size > limit) failures.push(`${what}: ${size} B gzip, over its ${limit} B`);
};

const main = read('offer-wall.js');
const full = read('offer-wall.full.js');
check('dist/offer-wall.js', gzip(main), MAIN);
if (!ascii(main)) failures.push('dist/offer-wall.js is not ASCII');

const chunks = readdirSync(dist).filter((file) => CHUNK_FILE.test(file));
const named = new Set([...main.toString('latin1').matchAll(/offer-wall\.[a-z0-9-]+\.[0-9a-f]{8}\.js/g)].map(([file]) => file));
for (const file of named) if (!chunks.includes(file)) failures.push(`dist/offer-wall.js loads ${file}, which is not in dist/`);
for (const file of chunks) if (!named.has(file)) failures.push(`dist/${file} is not loaded by dist/offer-wall.js (left from an earlier build?)`);

let largestLanguage = 0;
let others = 0;
for (const file of chunks.sort()) {
  const name = CHUNK_FILE.exec(file)[1];
  const size = gzip(read(file));
  if (LANGUAGES.includes(name)) {
    check(`dist/${file} (language)`, size, LANGUAGE);
    largestLanguage = Math.max(largestLanguage, size);
  } else {
    check(`dist/${file}`, size, CHUNK);
    others += size;
  }
}
check('dist/offer-wall.js + the largest language + every other chunk', gzip(main) + largestLanguage + others, ONE_WALL);

check('dist/offer-wall.full.js', gzip(full), FULL);
if (!ascii(full)) failures.push('dist/offer-wall.full.js is not ASCII');
if (/\bimport\(/.test(full.toString('latin1'))) failures.push('dist/offer-wall.full.js loads a file (it must hold every chunk)');

const width = Math.max(...rows.map(([what]) => what.length));
for (const [what, size, limit] of rows) {
  console.log(`${what.padEnd(width)}  ${String(size).padStart(6)} B  (limit ${limit} B)${size > limit ? '  OVER' : ''}`);
}
if (failures.length) {
  console.error(`\nSize gates failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('\nSize gates: all within budget.');
