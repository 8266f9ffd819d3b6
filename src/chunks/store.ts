/**
 * The store chunk: how appcharge's store looks, beyond the script-tag file: its cards (ladders,
 * sales, countdowns, products), its dialogs (an offer's detail, a pop-up), and its styles. A wall
 * loads it beside the appcharge chunk (which reads and lists the offers) as soon as its feed is
 * known to be appcharge's (see `controllers/store-controller.ts`).
 */
import type { StoreLooks } from '../controllers/store-view.js';
import { storeCard, storeDialog } from '../templates/store.js';
import { storeStyles } from '../templates/store.styles.js';

const store: StoreLooks = {
  _card: storeCard,
  _dialog: storeDialog,
  _styles: storeStyles,
};

export default store;
