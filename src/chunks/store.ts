/**
 * The store chunk: how appcharge's store looks, beyond the script-tag file: its cards (ladders,
 * sales, countdowns, products), its dialogs (an offer's detail, a pop-up), its styles and its
 * English texts. A wall loads it beside the appcharge chunk (which reads and lists the offers) as
 * soon as its feed is known to be appcharge's (see `controllers/store-controller.ts`).
 */
import type { StoreLooks } from '../controllers/store-view.js';
import { enStore, STORE_AT } from '../i18n/en-store.js';
import { addEnglish } from '../i18n/index.js';
import { storeCard, storeDialog } from '../templates/store.js';
import { storeStyles } from '../templates/store.styles.js';

// Its English texts, which the script-tag file does not carry (the other languages' are in theirs).
addEnglish(enStore, STORE_AT);

const store: StoreLooks = {
  _card: storeCard,
  _dialog: storeDialog,
  _styles: storeStyles,
};

export default store;
