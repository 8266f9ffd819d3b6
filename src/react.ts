/**
 * JSX typing of `<offer-wall>` for React 19 (`import type {} from 'offer-wall/react'`, or list it
 * in tsconfig `types`). Types only: it compiles to an empty module, so it never adds a byte to
 * `dist/offer-wall.js` or to an app's bundle.
 *
 * React 19 hands a custom element each prop as a property when the element has one (`endpoint`,
 * `country`, `messages`, `progress`, `pageSize`) and as an attribute otherwise (`user-id`), and an `on<event>`
 * prop whose value is a function becomes `addEventListener('<event>')` with the name kept as
 * written: hence `onoffer-click`, not `onOfferClick`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  OfferClickEvent,
  OfferImpressionEvent,
  OfferSupportEvent,
  OfferWallErrorEvent,
  OfferWallLoadEvent,
} from './events.js';
import type { ATTRIBUTES, AttributeName, AttributeProperty, AttributeWord, PropertyValue } from './internal/attributes.js';
import type { WallMessages } from './messages.js';
import type { OfferWall } from './offer-wall.component.js';

/** A number attribute: React writes numbers into attributes as their decimal text. */
type NumberAttribute = number | `${number}`;

/** Ranges the declaration checks in code rather than as a list of words. */
interface Narrowed {
  headingLevel: 2 | 3 | 4 | 5 | 6 | '2' | '3' | '4' | '5' | '6';
}

/** What JSX may give an attribute: one of its words, a number, or text. */
type AttributeValue<K extends AttributeProperty> = K extends keyof Narrowed
  ? Narrowed[K]
  : [AttributeWord<K>] extends [never]
    ? (typeof ATTRIBUTES)[K] extends { type: NumberConstructor }
      ? NumberAttribute
      : string | null
    : AttributeWord<K> | null;

/**
 * The attributes of CONTRACT section 2, as a page writes them (kebab-case), derived from the one
 * declaration of the element's attributes (`internal/attributes.ts`), so they cannot drift apart.
 */
export type OfferWallAttributes = { [K in AttributeProperty as AttributeName<K>]?: AttributeValue<K> };

/**
 * Properties without an attribute (`messages`), and the camelCase properties whose attribute has
 * another name (`pageSize` for `page-size`), which React sets as properties.
 */
export type OfferWallProperties = { [K in AttributeProperty as AttributeName<K> extends K ? never : K]?: PropertyValue<K> } & {
  /** Overrides for any built-in text. Property only: set it as a prop, never as a string. */
  messages?: Partial<WallMessages>;
  /** The steps each appcharge RollingOffer's player has done, by `publisherOfferId`. Property only. */
  progress?: Record<string, number> | null;
};

/** The wall's events as React 19 props: `on` followed by the event's exact name. */
export interface OfferWallEventProps {
  /** Cancelable: call `event.preventDefault()` to open `event.detail.url` yourself, or not at all. */
  'onoffer-click'?: (event: OfferClickEvent) => void;
  'onoffer-impression'?: (event: OfferImpressionEvent) => void;
  'onoffer-wall-load'?: (event: OfferWallLoadEvent) => void;
  'onoffer-wall-error'?: (event: OfferWallErrorEvent) => void;
  /** Cancelable: call `event.preventDefault()` to handle "Report a problem" yourself instead of opening `support-url`. */
  'onoffer-support'?: (event: OfferSupportEvent) => void;
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
