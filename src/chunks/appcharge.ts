/**
 * The appcharge chunk, what an appcharge feed needs beyond the script-tag file to read and list its
 * offers: the reader of one offer (`adaptAppchargeOffer`), and the wall's store, which says which
 * offers the list shows and in which order, the step a rolling offer is at, which PopUp an event
 * opens, and when a countdown or a time frame changes the list. Its cards, dialogs and styles are
 * the store chunk's. A wall asks for both as soon as its feed is known to be appcharge's, in
 * parallel with the first page (see `controllers/store-controller.ts`).
 */
import { adaptAppchargeOffer } from '../data/appcharge-offer.js';
import { StoreView, type StoreHost, type StoreLooks } from '../controllers/store-view.js';
import type { WallOffer } from '../data/types.js';

const appcharge = {
  _adapt: adaptAppchargeOffer,
  _view: (host: StoreHost, offers: () => readonly WallOffer[], looks: StoreLooks) => new StoreView(host, offers, looks),
};

export type AppchargeChunk = typeof appcharge;

export default appcharge;
