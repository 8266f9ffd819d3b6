/**
 * Compile-time checks of `<offer-wall>` in React's JSX (run by `npm run typecheck`, never
 * executed): the typing shipped as `offer-wall/react` accepts what the element takes, types each
 * event prop with its event's detail, and rejects what it does not take.
 */
import { useRef } from 'react';
import type {} from '../src/react.js';
import type { OfferWall } from '../src/offer-wall.component.js';
import type { WallOffer } from '../src/data/types.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T = true as T): void {}

export function Accepted() {
  const ref = useRef<OfferWall>(null);
  return (
    <>
      <offer-wall endpoint="/x" onoffer-click={(e) => e.detail.url} />
      {/* Every camelCase property React may set as a property, headingLevel included. */}
      <offer-wall endpoint="/x" pageSize={10} userId="u 1" headingLevel={4} rewardsEndpoint="/r" userToken="t" supportUrl="/s" offerType="Bundle" offerSubType="DailyBonus" clickUrlTemplate="/c" currencyName="Coins" currencyRate={10} />
      <offer-wall
        ref={ref}
        id="wall"
        className="wall"
        endpoint="/api/offers"
        format="s2s"
        os="android"
        country="DE"
        page-size={50}
        user-id="u1"
        currency-name="Coins"
        currency-rate="1000"
        locale="ar-EG"
        click-url-template="https://store.example/{offer_id}"
        timeout={5000}
        theme="dark"
        layout="grid"
        sort="reward"
        filter="CPI"
        search="dragon"
        toolbar="off"
        heading-level={2}
        rewards-endpoint="/api/rewards"
        user-token="token"
        support-url="https://help.example/?c={click_id}"
        messages={{ start: 'Go', startLabel: (name, reward) => `${name}: ${reward}` }}
        onoffer-click={(event) => {
          assertType<Equal<typeof event.detail.url, string | null>>();
          assertType<Equal<typeof event.detail.offer, WallOffer>>();
          event.preventDefault();
        }}
        onoffer-impression={(event) => assertType<Equal<typeof event.detail.offer, WallOffer>>()}
        onoffer-wall-load={(event) => {
          assertType<Equal<typeof event.detail.offers, WallOffer[]>>();
          assertType<Equal<typeof event.detail.total, number | null>>();
        }}
        onoffer-wall-error={(event) => event.detail.error.kind satisfies 'config' | 'network' | 'timeout' | 'http' | 'payload' | 'rewards'}
        onoffer-support={(event) => event.detail.reward.status satisfies 'pending' | 'credited' | 'reversed' | 'adjusted' | 'expired'}
      >
        <h2 slot="header">Earn coins</h2>
      </offer-wall>
    </>
  );
}

export function Rejected() {
  return (
    <>
      {/* @ts-expect-error an unknown camelCase prop is a typo, not an attribute */}
      <offer-wall endpoint="/x" pagesize={5} />
      {/* @ts-expect-error format is one of s2s, appcharge, auto */}
      <offer-wall endpoint="/x" format="xml" />
      {/* @ts-expect-error messages is an object property, never a string attribute */}
      <offer-wall endpoint="/x" messages="Go" />
      {/* @ts-expect-error an unknown message key */}
      <offer-wall endpoint="/x" messages={{ begin: 'Go' }} />
      {/* @ts-expect-error offer-click's detail has no such field */}
      <offer-wall endpoint="/x" onoffer-click={(e) => e.detail.link} />
      {/* @ts-expect-error the offer-wall-load handler receives the load event, not a click */}
      <offer-wall endpoint="/x" onoffer-wall-load={(e: CustomEvent<{ url: string }>) => e.detail.url} />
      {/* @ts-expect-error heading-level is 2 to 6 */}
      <offer-wall endpoint="/x" heading-level={1} />
    </>
  );
}
