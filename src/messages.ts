/**
 * The English texts under the names the wall has always exported. The languages themselves live
 * in `./i18n/`; this module stays so that imports of `EN_MESSAGES` and `WallMessages` keep working.
 */
import { enStore, STORE_AT } from './i18n/en-store.js';
import { enView, VIEW_AT } from './i18n/en-view.js';
import { addEnglish, messagesFor, type WallMessages } from './i18n/index.js';

export type { WallMessages } from './i18n/index.js';

/**
 * The built-in English texts, the rewards view's included (frozen: it is shared by every wall on
 * the page). Unused, as in the script-tag file, it is left out of a build with the view's texts.
 */
export const EN_MESSAGES: WallMessages = /* @__PURE__ */ (() => {
  addEnglish(enStore, STORE_AT);
  addEnglish(enView, VIEW_AT);
  return messagesFor('en');
})();
