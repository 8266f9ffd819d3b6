/**
 * A React 19 component that embeds `<offer-wall>` as an app would: attributes and a property set
 * from props, the wall's events handled in React. The framework tests mount it; docs/frameworks.md's
 * React section shows the same use.
 */
import { useState } from 'react';
import '../../src/offer-wall.js';
import type {} from '../../src/react.js';
import type { WallMessages } from '../../src/messages.js';
import type { WallOffer } from '../../src/data/types.js';
import type { RewardEntry } from '../../src/data/rewards.js';

export interface RewardsWallProps {
  endpoint: string;
  userId: string;
  country?: string;
  messages?: Partial<WallMessages>;
  /** Called instead of the wall opening the link itself: the app decides where the user goes. */
  onOfferPicked: (offer: WallOffer, url: string | null) => void;
  /** The user's rewards: the backend's /rewards and the token the app's server made for this user. */
  rewardsEndpoint?: string;
  userToken?: string;
  supportUrl?: string;
  /** "Report a problem": the app shows its own help instead of the support page. */
  onSupport?: (reward: RewardEntry) => void;
}

export function RewardsWall({ endpoint, userId, country, messages, onOfferPicked, rewardsEndpoint, userToken, supportUrl, onSupport }: RewardsWallProps) {
  const [shown, setShown] = useState<number | null>(null);
  return (
    <section>
      <p role="status">{shown === null ? 'Loading…' : `${shown} offers`}</p>
      <offer-wall
        endpoint={endpoint}
        format="s2s"
        user-id={userId}
        currency-name="Coins"
        currency-rate={1000}
        country={country}
        messages={messages}
        onoffer-wall-load={(event) => setShown(event.detail.offers.length)}
        onoffer-click={(event) => {
          event.preventDefault();
          onOfferPicked(event.detail.offer, event.detail.url);
        }}
        rewards-endpoint={rewardsEndpoint}
        user-token={userToken}
        support-url={supportUrl}
        onoffer-support={(event) => {
          if (!onSupport) return;
          event.preventDefault();
          onSupport(event.detail.reward);
        }}
      />
    </section>
  );
}
