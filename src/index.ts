/**
 * The side-effect-free entry: the element class, its event and data types, and the pure helpers
 * of the data layer. Importing it defines nothing; `offer-wall.ts` does that.
 */
export { OfferWall } from './offer-wall.component.js';
export type {
  OfferClickDetail,
  OfferClickEvent,
  OfferImpressionDetail,
  OfferImpressionEvent,
  OfferSupportDetail,
  OfferSupportEvent,
  OfferWallErrorDetail,
  OfferWallErrorEvent,
  OfferWallLoadDetail,
  OfferWallLoadEvent,
} from './events.js';
export type {
  FeedFormat,
  FeedPage,
  StoreDetails,
  WallItem,
  WallErrorInfo,
  WallErrorKind,
  WallOffer,
  WallQuery,
  WallReward,
  WallStep,
} from './data/types.js';
export { WallError } from './data/types.js';
export type { RewardEntry, RewardStatus } from './data/rewards.js';
export type { Dialect } from './data/dialect.js';
export type { FormatSetting } from './data/dialects.js';
export { DIALECTS, buildQuery, detectDialect, parseFeed } from './data/dialects.js';
// appcharge offers are read once their reader is handed over (the wall does it itself).
export { useAppchargeReader } from './data/appcharge.js';
export { adaptAppchargeOffer } from './data/appcharge-offer.js';
export { formatUsd, type RewardSettings } from './data/format.js';
export { formatReward } from './data/reward-format.js';
export { clickUrl, fillMacros, safeHttpUrl } from './data/urls.js';
export { EN_MESSAGES, type WallMessages } from './messages.js';
