/**
 * Where the script-tag file finds its chunks. In the sources every `import('…')` is an ordinary
 * dynamic import (a bundler splits it); the script-tag build (vite.config.ts) makes each module so
 * imported a chunk, `offer-wall.<name>.<hash>.js` beside dist/offer-wall.js, and puts a call to
 * `fromFolder` in place of the import. A classic script has no `import.meta.url`, so the folder is
 * read while this file runs: the `data-chunks` attribute of its script tag (a publisher whose
 * chunks live elsewhere), else the tag's own `src`; a module script has no `currentScript`, so
 * then the page's script with `data-chunks`, else the one whose `src` names `offer-wall.js`.
 */
import { WallError } from '../data/types.js';
import { host } from './host.js';

const folder = ((script = document.currentScript as HTMLScriptElement | null): string => {
  script ??= document.querySelector('script[data-chunks]') ?? document.querySelector('script[src*="offer-wall.js"]');
  const named = script?.getAttribute('data-chunks');
  // A folder named without its last slash is still that folder.
  return new URL(named ? named.replace(/\/?$/, '/') : script?.src || '', document.baseURI).href;
})();

/** Failed loads: a module that failed stays failed at its URL, so the next try asks another. */
let failures = 0;

/**
 * Loads a chunk from the wall's folder: its exports, or, for a chunk that takes what the main file
 * hands over (`host.ts`), what its registration returns. Rejects with a `network` WallError naming
 * the file.
 */
export async function fromFolder(file: string, register?: 1): Promise<unknown> {
  const url = new URL(file, folder).href + (failures ? `?retry=${failures}` : '');
  try {
    const module = await import(url);
    return register ? { default: module.default(host) } : module;
  } catch {
    failures++;
    throw new WallError('network', `The wall could not load ${url}.`);
  }
}
