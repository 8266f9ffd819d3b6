/**
 * The store chunk: what an appcharge feed needs beyond the script-tag file to show its offers,
 * loaded by a wall as soon as its feed is known to be appcharge's (see
 * `controllers/store-controller.ts`), beside the appcharge chunk (the reader of its offers): the
 * store that lists them and draws their cards and dialogs (ladders, pop-ups, sales, countdowns),
 * and its styles.
 */
import type { WallOffer } from '../data/types.js';
import { StoreView, type StoreHost } from '../controllers/store-view.js';
import { storeStyles } from '../templates/store.styles.js';

const store = {
  _view: (host: StoreHost, offers: () => readonly WallOffer[]) => new StoreView(host, offers),
  _styles: storeStyles,
};

export type StoreChunk = typeof store;

export default store;
