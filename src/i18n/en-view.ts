/** English: the rewards view's texts, which come with its chunk (see `KEYS` in texts.ts). */
import type { ViewAt, ViewTexts } from './texts.js';

/** Where they go among English's texts. */
export const VIEW_AT: ViewAt = 43;

export const enView: ViewTexts = [
  'Balance', // balance
  'Credited', // credited
  'Reversed', // reversed
  'Nothing yet: start an offer.', // nothingYet
  'Report a problem', // report
  'Your rewards can’t load right now.', // rewardsError
  'Adjusted', // adjusted
  'Expired', // expired
  'Offer {0}', // unknownOffer
  '', // creditHint
];
