/**
 * What each attribute of `<offer-wall>` means and its default, in words for people: the other half
 * of the declaration in `attributes.ts` (which the bundle carries), kept apart so that none of
 * these sentences is paid for on a publisher's page. `custom-elements.json` takes its attribute
 * entries from here and the declaration (see custom-elements-manifest.config.mjs), the attribute
 * table of docs/embedding.md is generated from here (`npm run docs`), and tests fail when they drift.
 * `satisfies` below makes a missing or extra attribute a compile error.
 */
import type { AttributeProperty } from './attributes.js';

export interface AttributeDoc {
  /** The value's type as TypeScript writes it (for the manifest). */
  type: string;
  /** The default, in words when there is no literal one. */
  default: string;
  description: string;
}

export const ATTRIBUTE_DOCS = {
  endpoint: {
    type: 'string',
    default: 'none: the wall shows a configuration error and fires `offer-wall-error` (kind `config`)',
    description: 'URL of your backend endpoint that returns offers (absolute or relative)',
  },
  format: {
    type: "'auto' | 's2s' | 'appcharge'",
    default: '`auto`',
    description: 'the dialect the endpoint speaks: `s2s`, `appcharge`, or `auto` (detected from the answer\'s shape)',
  },
  os: {
    type: "'android' | 'ios'",
    default: 'from the user agent; omitted when unknown',
    description: '`android` or `ios`, sent upstream (s2s)',
  },
  country: {
    type: 'string',
    default: "none (the upstream uses the IP's country)",
    description: 'ISO 3166-1 alpha-2 country filter, sent upstream (s2s)',
  },
  pageSize: {
    type: 'number',
    default: '`20`',
    description: 'offers per page (s2s up to 10,000; appcharge `recordLimit` at most 500)',
  },
  userId: {
    type: 'string',
    default: 'none',
    description:
      'your id for the user (any text up to 256 characters, spaces and any script included): sent as `thirdparty_id` (s2s), put in place of `{user_id}` in links',
  },
  gaid: { type: 'string', default: 'none', description: 'Android advertising id, passed upstream (s2s)' },
  andid: { type: 'string', default: 'none', description: 'Android id, passed upstream (s2s)' },
  offerType: {
    type: 'string',
    default: 'none',
    description:
      'appcharge `offerType` filter: `Bundle`, `SpecialOffer`, `PopUp`, `RollingOffer`, `CheckoutLink` or `ProgressBar` (any case)',
  },
  offerSubType: {
    type: 'string',
    default: 'none',
    description: 'appcharge `offerSubType` filter (letters, digits, `_` and `-`, such as `DailyBonus`)',
  },
  currencyName: {
    type: 'string',
    default: 'none: payouts are shown as money (USD)',
    description: 'the name of your virtual currency (`Coins`); with `currency-rate`, s2s payouts are shown in it',
  },
  currencyRate: {
    type: 'number',
    default:
      'none: the payout itself is shown as money, and a console warning says it is your revenue',
    description:
      "what users get of an s2s payout (which is your revenue): payout × rate, shown as money (`0.5`: half of it), or with `currency-name` in your currency, rounded (`1000` shows $3.60 as 3,600 Coins)",
  },
  currencyIcon: {
    type: 'string',
    default: 'none',
    description: "URL of your currency's icon, shown beside reward amounts (only an absolute `http(s)` URL; another value is ignored with a console warning)",
  },
  locale: {
    type: 'string',
    default: "the nearest `lang`, else the browser's",
    description: 'BCP 47 locale for numbers and built-in texts',
  },
  clickUrlTemplate: {
    type: 'string',
    default: 'none: such offers fire `offer-click` with `url: null`',
    description: 'link for offers without a tracking link (appcharge); `{offer_id}` and `{user_id}` are filled in, URL-encoded',
  },
  timeout: { type: 'number', default: '`10000`', description: 'milliseconds one attempt at the endpoint may take' },
  theme: {
    type: "'auto' | 'light' | 'dark'",
    default: '`auto`',
    description: "`light`, `dark`, or `auto` (follows the user's `prefers-color-scheme`)",
  },
  layout: {
    type: "'list' | 'grid'",
    default: '`list`',
    description: '`list` (one column) or `grid` (responsive columns, each at least 240 px)',
  },
  sort: {
    type: "'feed' | 'reward'",
    default: '`feed`',
    description: "`feed` (the feed's order) or `reward` (highest reward first; appcharge: lowest price first)",
  },
  filter: {
    type: 'string',
    default: 'none',
    description: 'show only offers of this type (`offer_type` / `type`, any case), or of these types, comma-separated (`app,CPI`); empty shows all',
  },
  search: {
    type: 'string',
    default: 'none',
    description: 'show only offers whose name or description contains this text (any case, accents ignored)',
  },
  toolbar: {
    type: "'on' | 'off'",
    default: '`on`',
    description: '`on` shows the bar with type filters, sort and search above the offers; `off` hides it (the three attributes above still apply)',
  },
  headingLevel: {
    type: '2 | 3 | 4 | 5 | 6',
    default: '`3`',
    description: "the level (2 to 6) of each card's title heading, to fit your page's outline",
  },
  segments: {
    type: 'string',
    default: 'none: offers that name segments are not shown',
    description:
      "the player's segments (a comma list, any case), for appcharge offers that name `segments`: such an offer shows only when one of its segments is in this list",
  },
  rewardsEndpoint: {
    type: 'string',
    default: 'none: no rewards view, taps are not recorded',
    description:
      "URL of the reference backend's `/rewards` (absolute or relative); with `user-token`, taps are recorded and the toolbar offers \"My rewards\"",
  },
  userToken: {
    type: 'string',
    default: 'none: as for `rewards-endpoint`',
    description: "the user's token, made by your server (`createUserToken`), sent as `Authorization: Bearer`",
  },
  creditHint: {
    type: 'string',
    default: 'none',
    description:
      'a short text shown beside the pending total in "My rewards": when pending rewards are usually credited (`usually within 24 hours`); `messages.creditHint` overrides it',
  },
  supportUrl: {
    type: 'string',
    default: 'none: no \"Report a problem\" button',
    description:
      'your support page for a reward pending over a day; `{click_id}`, `{offer_id}` and `{user_id}` are filled in, URL-encoded',
  },
} satisfies Record<AttributeProperty, AttributeDoc>;
