/**
 * How a wall loads a chunk (the code or texts most walls never use, in files of their own beside
 * the script-tag file: see `chunks.ts`), and survives one that cannot be loaded.
 */
import { WallError, type WallErrorInfo } from '../data/types.js';

/**
 * Calls `load()` (a dynamic import) and hands `done` what it brings. When it fails, `failed` hears
 * why, as a `network` error that names the file (the wall goes on without it), and the load is
 * tried once more when the page comes back online.
 */
export function loadChunk<T>(load: () => Promise<T>, done: (value: T) => void, failed: (error: WallErrorInfo) => void, again?: 1): void {
  load().then(done, (error: unknown) => {
    // In the script-tag build the loader names the file; a bundler's says what it says.
    failed({ kind: 'network', message: error instanceof WallError ? error.message : String(error) });
    if (!again) addEventListener('online', () => loadChunk(load, done, failed, 1), { once: true });
  });
}
