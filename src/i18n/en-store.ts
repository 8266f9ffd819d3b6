/** English: appcharge's store's texts, which come with its chunk (see `KEYS` in texts.ts). */
import type { StoreAt, StoreTexts } from './texts.js';

/** Where they go among English's texts. */
export const STORE_AT: StoreAt = 34;

export const enStore: StoreTexts = [
  'Free', // free
  'Claim', // claim
  'Claim {0}, {1}', // claimLabel
  'Locked', // locked
  '+{0} more', // saleMore
  'Ends in {0} h {1} min', // endsIn
  'Ends in {0} min', // endsSoon
  'What you get', // whatYouGet
  'Buy {0}, {1}', // buyLabel
];
