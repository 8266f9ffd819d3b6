/**
 * The defining entry: importing it (or loading `dist/offer-wall.js`) registers `<offer-wall>`.
 * Loading it twice on one page warns and keeps the first definition.
 */
import { OfferWall } from './offer-wall.component.js';
import { defineOnce } from './internal/define.js';

export * from './index.js';

defineOnce('offer-wall', OfferWall);

declare global {
  interface HTMLElementTagNameMap {
    'offer-wall': OfferWall;
  }
}
