/**
 * The shape of the wall's built-in texts: `WallMessages` is what the element reads and what a
 * publisher's `messages` property overrides; `Texts` is how a language file stores them.
 */

/**
 * Every text the wall shows or announces. Override any of them with the element's `messages`
 * property; the function-valued ones are called with the values they name, already formatted for
 * the locale (numbers and money through `Intl`).
 */
export interface WallMessages {
  /** The list's accessible name. */
  listLabel: string;
  /** While a page of offers, or the user's rewards, load. */
  loading: string;
  empty: string;
  /** The error panel's text, in the user's words (the technical reason is in `offer-wall-error`). */
  errorTitle: string;
  retry: string;
  /** The button that loads the next page of offers, or of the user's rewards. */
  more: string;
  /** The detail's call to action (a card's shows the reward). */
  start: string;
  /** The call to action's accessible name, naming the offer and its reward. */
  startLabel: (name: string, reward: string) => string;
  /** The discount beside an appcharge price, `20%` → `20% off`. */
  discount: (percent: string) => string;
  /** The detail's heading over the steps. */
  stepsLabel: string;
  /** The accessible name of the group of type filter chips. */
  filterLabel: string;
  sortLabel: string;
  /** Sort option: the feed's own order. */
  sortFeed: string;
  /** Sort option: highest reward first. */
  sortReward: string;
  /** Sort option for appcharge offers: lowest price first. */
  sortPrice: string;
  /** The search box's accessible name, also its placeholder. */
  searchLabel: string;
  /** How many offers are shown, `12 offers`: `count` picks the plural form, `formattedCount` is written. */
  results: (count: number, formattedCount: string) => string;
  /** Shown when filter or search leave nothing. */
  noMatches: string;
  clearFilters: string;
  close: string;
  /** The detail's facts: the offer's platform and the countries it is open in. */
  platform: string;
  countries: string;
  /** The preview link's text (the offer's app store page). */
  preview: string;
  /** The type filter that shows every offer. */
  all: string;
  /**
   * The type filters in the user's words: s2s `app` and `CPI` (installs), `CPA` (tasks), `CPL`
   * (sign-ups); appcharge `Bundle`, and its other store offers (`SpecialOffer`, `PopUp`, …). A type
   * the wall does not know shows as the feed writes it.
   */
  typeApps: string;
  typeTasks: string;
  typeSignups: string;
  typeBundles: string;
  typeDeals: string;
  /** Under `errorTitle` when the endpoint cannot be reached or does not answer in time. */
  errorOffline: string;
  /** On the card of an offer the user has started (tapped, or pending in their rewards) until it is credited. */
  started: string;
  /**
   * How many steps an offer has, on its card before the first one (`3 steps · Download the app`):
   * `count` picks the plural form, `formattedCount` is written.
   */
  steps: (count: number, formattedCount: string) => string;
  /** The detail's heading over what a store offer (appcharge) gives, instead of `stepsLabel`. */
  whatYouGet: string;
  /** A store offer's call to action, its accessible name: the offer's name and its price. */
  buyLabel: (name: string, price: string) => string;
  /** The tab of the user's rewards, and their list's accessible name. */
  myRewards: string;
  /** Beside the user's balance, over their rewards. */
  balance: string;
  /** A reward's status: the network has not confirmed it yet; also after the tab's count of them, and beside their total under the balance. */
  pending: string;
  /** A reward's status: confirmed and added to the balance. */
  credited: string;
  /** A reward's status: taken back by the network (a chargeback). */
  reversed: string;
  /** The rewards view with none yet. */
  nothingYet: string;
  /** The button (part `support`) beside a reward pending for more than a day. */
  report: string;
  /** The rewards view's error panel (the reason is in `offer-wall-error`, kind `rewards`). */
  rewardsError: string;
  /** A store offer, or a step of a rolling offer, that costs nothing: in place of its price. */
  free: string;
  /** The call to action of what costs nothing. */
  claim: string;
  /** Its accessible name: the offer's name, and `free` or what it gives. */
  claimLabel: (name: string, what: string) => string;
  /** A rolling offer's step not reached yet (announced before its price). */
  locked: string;
  /** A store offer's sale ribbon: how much more its products give, `100%` → `+100% more`. */
  saleMore: (percent: string) => string;
  /** A store offer's time left, under a day: `Ends in 2 h 14 min` (hours and minutes written for the locale). */
  endsIn: (hours: string, minutes: string) => string;
  /** The same under an hour: `Ends in 14 min`. */
  endsSoon: (minutes: string) => string;
  /** A reward's status: a manual credit or debit by support; also the name of such an entry. */
  adjusted: string;
  /** A reward's status: still pending 30 days after the tap (a late credit still credits it). */
  expired: string;
  /** The name of a reward whose offer the ledger cannot name (a conversion with no tap behind it), `Offer 999`. */
  unknownOffer: (id: string) => string;
  /**
   * Beside the pending total: when pending rewards are usually credited (`usually within 24
   * hours`). None by default; the `credit-hint` attribute sets it too (this text, when set, wins).
   */
  creditHint: string;
}

/**
 * The order in which a language file lists its texts (`KEYS`). One string rather than an array
 * because it is the only copy of the key names in the bundle and a string is the smallest way to
 * ship it.
 */
const MAIN_KEYS = 'listLabel loading empty errorTitle retry more start startLabel discount stepsLabel filterLabel sortLabel sortFeed sortReward sortPrice searchLabel results noMatches clearFilters close platform countries preview all typeApps typeTasks typeSignups typeBundles typeDeals errorOffline started steps myRewards pending';
/** The keys of the texts that only appcharge's store shows: English keeps them in its chunk (`en-store.ts`). */
const STORE_KEYS = 'free claim claimLabel locked saleMore endsIn endsSoon whatYouGet buyLabel';
/** The keys of the texts that only the rewards view shows: last, so that English keeps them in the rewards chunk (`en-view.ts`). */
const VIEW_KEYS = 'balance credited reversed nothingYet report rewardsError adjusted expired unknownOffer creditHint';
export const KEYS = `${MAIN_KEYS} ${STORE_KEYS} ${VIEW_KEYS}` as const;

type Split<S extends string, Done extends string[] = []> = S extends `${infer Key} ${infer Rest}`
  ? Split<Rest, [...Done, Key]>
  : [...Done, S];

type Key = Split<typeof KEYS>[number];

/** Fails to compile when `KEYS` and `WallMessages` do not name the same keys. */
export type KeysMatchMessages = [Exclude<Key, keyof WallMessages>, Exclude<keyof WallMessages, Key>] extends [never, never]
  ? true
  : never;
true satisfies KeysMatchMessages;

/**
 * A language's texts as stored: one string per key, in the order of `KEYS` (each language file
 * names the key beside its text). Arrays rather than objects keep seven copies of every key name
 * out of the bundle (about 350 bytes gzip). The function-valued messages are stored as patterns:
 * `{0}`, `{1}` stand for the arguments in order (a text with `{0}` is a function); `results` and
 * `steps` give a form per plural category of the language (`one {# offer} other {# offers}`, `#`
 * standing for the formatted count; a
 * category without a form uses `other`).
 */
export type Texts = Strings<Split<typeof KEYS>>;
/** English's texts in the script-tag file: all but the rewards view's. */
export type MainTexts = Strings<Split<typeof MAIN_KEYS>>;
/** The rewards view's English texts, in its chunk. */
export type ViewTexts = Strings<Split<typeof VIEW_KEYS>>;
/** Appcharge's store's English texts, in its chunk. */
export type StoreTexts = Strings<Split<typeof STORE_KEYS>>;
/** Where the store's texts start in a language's, and the rewards view's (checked by the compiler). */
export type StoreAt = Split<typeof MAIN_KEYS>['length'];
export type ViewAt = [...Split<typeof MAIN_KEYS>, ...Split<typeof STORE_KEYS>]['length'];

type Strings<T> = { [I in keyof T]: string };
