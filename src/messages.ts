/**
 * The English texts under the names the wall has always exported. The languages themselves live
 * in `./i18n/`; this module stays so that imports of `EN_MESSAGES` and `WallMessages` keep working.
 */
import { messagesFor, type WallMessages } from './i18n/index.js';

export type { WallMessages } from './i18n/index.js';

/** The built-in English texts (frozen: it is shared by every wall on the page). */
export const EN_MESSAGES: WallMessages = /* @__PURE__ */ messagesFor('en');
