/**
 * JSX typing of `<offer-wall>` for React 19 (`import type {} from 'offer-wall/react'`, or list it
 * in tsconfig `types`). Types only: it compiles to an empty module, so it never adds a byte to
 * `dist/offer-wall.js` or to an app's bundle.
 *
 * React 19 hands a custom element each prop as a property when the element has one (`endpoint`,
 * `country`, `messages`, `pageSize`) and as an attribute otherwise (`user-id`), and an `on<event>`
 * prop whose value is a function becomes `addEventListener('<event>')` with the name kept as
 * written: hence `onoffer-click`, not `onOfferClick`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  OfferClickEvent,
  OfferImpressionEvent,
  OfferWallErrorEvent,
  OfferWallLoadEvent,
} from './events.js';
import type { FormatSetting } from './data/dialects.js';
import type { WallMessages } from './messages.js';
import type { OfferWall } from './offer-wall.component.js';

/** A number attribute: React writes numbers into attributes as their decimal text. */
type NumberAttribute = number | `${number}`;

/** The attributes of CONTRACT section 2, as a page writes them (kebab-case). */
export interface OfferWallAttributes {
  endpoint?: string | null;
  format?: FormatSetting;
  os?: 'android' | 'ios' | null;
  country?: string | null;
  'page-size'?: NumberAttribute;
  'user-id'?: string | null;
  gaid?: string | null;
  andid?: string | null;
  'offer-type'?: string | null;
  'offer-sub-type'?: string | null;
  'currency-name'?: string | null;
  'currency-rate'?: NumberAttribute;
  locale?: string | null;
  'click-url-template'?: string | null;
  timeout?: NumberAttribute;
  theme?: 'light' | 'dark' | 'auto';
  layout?: 'list' | 'grid';
  sort?: 'feed' | 'reward';
  filter?: string | null;
  search?: string | null;
  toolbar?: 'on' | 'off';
  'heading-level'?: 2 | 3 | 4 | 5 | 6 | '2' | '3' | '4' | '5' | '6';
}

/** Properties without an attribute, and the camelCase names React sets as properties. */
export interface OfferWallProperties {
  /** Overrides for any built-in text. Property only: set it as a prop, never as a string. */
  messages?: Partial<WallMessages>;
  pageSize?: number | null;
  userId?: string | null;
  currencyName?: string | null;
  currencyRate?: number | null;
  clickUrlTemplate?: string | null;
  offerType?: string | null;
  offerSubType?: string | null;
}

/** The wall's events as React 19 props: `on` followed by the event's exact name. */
export interface OfferWallEventProps {
  /** Cancelable: call `event.preventDefault()` to open `event.detail.url` yourself, or not at all. */
  'onoffer-click'?: (event: OfferClickEvent) => void;
  'onoffer-impression'?: (event: OfferImpressionEvent) => void;
  'onoffer-wall-load'?: (event: OfferWallLoadEvent) => void;
  'onoffer-wall-error'?: (event: OfferWallErrorEvent) => void;
}

/** Everything `<offer-wall>` accepts in JSX: the HTML attributes, `ref` to the element, and its own. */
export type OfferWallJsxProps = DetailedHTMLProps<HTMLAttributes<OfferWall>, OfferWall> &
  OfferWallAttributes &
  OfferWallProperties &
  OfferWallEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'offer-wall': OfferWallJsxProps;
    }
  }
}
