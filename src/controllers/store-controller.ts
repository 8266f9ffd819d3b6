/**
 * Appcharge's store, the part in the script-tag file: loads its two chunks, the appcharge chunk
 * (the reader of appcharge offers and the store that lists them) and the store chunk (its cards,
 * dialogs and styles), both at once, when a feed turns out to be appcharge's (see
 * `StreamFeedOptions.prepare`), once for every wall of the page, and gives each wall its store.
 * A chunk that failed is asked again by the next attempt to read a feed.
 */
import type { CSSResult } from 'lit';
import type { AppchargeChunk } from '../chunks/appcharge.js';
import { useAppchargeReader } from '../data/appcharge.js';
import type { FeedFormat, WallOffer } from '../data/types.js';
import type { StoreHost, StoreLooks, StoreView } from './store-view.js';

let chunks: Promise<[{ default: AppchargeChunk }, { default: StoreLooks }]> | undefined;

/** Both chunks, asked for together. */
const loadStore = () =>
  (chunks ??= Promise.all([import('../chunks/appcharge.js'), import('../chunks/store.js')]).catch((error: unknown) => {
    chunks = undefined;
    throw error;
  }));

/**
 * A wall's store, once its chunks are here: `_prepare` is the feed's `prepare`; `_arrived` hears the
 * store's styles.
 */
export function storeLoader(host: StoreHost, offers: () => readonly WallOffer[], arrived: (styles: CSSResult) => void) {
  const loader = {
    _view: null as StoreView | null,
    _prepare: (format: FeedFormat) =>
      format === 'appcharge'
        ? loadStore().then(([{ default: appcharge }, { default: looks }]) => {
            if (!loader._view) {
              useAppchargeReader(appcharge._adapt);
              loader._view = appcharge._view(host, offers, looks);
              arrived(looks._styles);
            }
          })
        : undefined,
  };
  return loader;
}
