/**
 * Appcharge's store, the part in the script-tag file: loads the store chunk (the reader of
 * appcharge offers, the store's cards, dialogs and styles) when a feed turns out to be appcharge's
 * (see `StreamFeedOptions.prepare`), once for every wall of the page, and gives each wall its
 * store. A chunk that failed is asked again by the next attempt to read a feed.
 */
import type { CSSResult } from 'lit';
import type { StoreChunk } from '../chunks/store.js';
import { useAppchargeReader } from '../data/appcharge.js';
import type { FeedFormat, WallOffer } from '../data/types.js';
import type { StoreHost, StoreView } from './store-view.js';

let chunk: Promise<StoreChunk> | undefined;

/** Both chunks, asked for together: the reader handed over, then the store. */
const loadStore = (): Promise<StoreChunk> =>
  (chunk ??= Promise.all([import('../chunks/appcharge.js'), import('../chunks/store.js')]).then(
    ([{ default: read }, { default: store }]) => (useAppchargeReader(read), store),
    (error: unknown) => {
      chunk = undefined;
      throw error;
    },
  ));

/**
 * A wall's store, once its chunk is here: `_prepare` is the feed's `prepare`; `_arrived` hears the
 * chunk's styles.
 */
export function storeLoader(host: StoreHost, offers: () => readonly WallOffer[], arrived: (styles: CSSResult) => void) {
  const loader = {
    _view: null as StoreView | null,
    _prepare: (format: FeedFormat) =>
      format === 'appcharge'
        ? loadStore().then((store) => {
            if (!loader._view) {
              loader._view = store._view(host, offers);
              arrived(store._styles);
            }
          })
        : undefined,
  };
  return loader;
}
