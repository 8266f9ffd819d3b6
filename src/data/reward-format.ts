/**
 * Any offer's reward as one line of text, whatever its kind: for code that shows offers itself
 * (the wall's own cards use the pieces: `formatPayout` for s2s, the store's for appcharge).
 */
import { formatPayout, type RewardSettings } from './format.js';
import { formatItems, formatPrice } from './store-format.js';
import type { WallReward } from './types.js';

/**
 * The reward line of a card: `3,600 Coins` with a virtual currency, else money (`$1.80`, the users'
 * share of a $3.60 payout at `currency-rate="0.5"`); an appcharge price with its discount
 * (`$4.99 · 20% off`); or what an unpriced offer gives.
 */
export function formatReward(reward: WallReward, settings: RewardSettings): string {
  switch (reward.kind) {
    case 'payout':
      return formatPayout(reward.usd, settings);
    case 'price':
      return formatPrice(reward.usd, reward.discountPercent, settings);
    case 'items':
      return formatItems(reward.items, settings.locale);
  }
}

