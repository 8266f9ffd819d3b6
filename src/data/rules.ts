/**
 * What a request to the publisher's endpoint may carry, written once for both ends of it: the
 * wall checks a publisher's setting against these rules before it asks (a value that breaks one
 * is named in a warning and left out), and the reference proxy validates each query parameter
 * with the same rule (a value that breaks one is a 400 naming the parameter). So the wall never
 * sends what its own proxy would refuse, and a new rule is one line here.
 *
 * A rule is a check that returns the value to use (normalized: `de` → `DE`) or `null`, and the
 * words that say what it takes, used in both the wall's warning and the proxy's 400.
 */

export interface Rule {
  /** The value to use, normalized, or `null` when the value breaks the rule. */
  check(value: string): string | null;
  /** What the rule takes, as the end of "expected …" / "must be …". */
  expected: string;
}

const pattern = (regex: RegExp, expected: string): Rule => ({
  check: (value) => (regex.test(value) ? value : null),
  expected,
});

/** One of `values`, matched case-insensitively and written as the list spells it. */
const oneOf = (values: readonly string[]): Rule => ({
  check: (value) => values.find((known) => known.toLowerCase() === value.toLowerCase()) ?? null,
  expected: `one of ${values.join(', ')}`,
});

/**
 * A whole number written in at most nine digits (so it stays exact), from `min` to `max`. Marked
 * free of side effects: the rules built with it are the proxy's alone, and the browser bundle
 * then drops the calls along with them.
 */
export const wholeNumber = /* @__NO_SIDE_EFFECTS__ */ (min: number, max = 999_999_999): Rule => ({
  check: (value) => (/^\d{1,9}$/.test(value) && +value >= min && +value <= max ? value : null),
  expected: max < 999_999_999 ? `a whole number from ${min} to ${max}` : `a whole number from ${min} up`,
});

/** The s2s API's largest `page_size` (its documentation: "no greater than 10000"). */
export const MAX_PAGE_SIZE = 10_000;
export const DEFAULT_PAGE_SIZE = 20;
/** Appcharge's largest `recordLimit`. */
export const APPCHARGE_MAX_RECORDS = 500;

export const OS_VALUES = ['android', 'ios'] as const;
/** Appcharge's `offerType` values, as its API spells them. */
export const OFFER_TYPES = ['Bundle', 'SpecialOffer', 'PopUp', 'RollingOffer', 'CheckoutLink', 'ProgressBar'] as const;

// Each rule is its own export, so the browser bundle carries only those the wall checks.
export const OS_RULE = oneOf(OS_VALUES);
export const COUNTRY_RULE: Rule = {
  check: (value) => (/^[a-z]{2}$/i.test(value) ? value.toUpperCase() : null),
  expected: 'a two-letter ISO 3166-1 country code such as US',
};
/**
 * The publisher's id for a user is whatever their own system uses: spaces and any script are
 * fine; only control characters (which no id needs, and which would break logs) and absurd
 * lengths are not.
 */
export const USER_ID_RULE = pattern(/^[^\p{Cc}]{1,256}$/u, 'text of 1 to 256 characters without control characters');
/** Advertising and Android ids: printable ASCII without spaces. */
export const DEVICE_ID_RULE = pattern(/^[\x21-\x7e]{1,128}$/, 'printable text without spaces, at most 128 characters');
export const OFFER_TYPE_RULE = oneOf(OFFER_TYPES);
export const OFFER_SUB_TYPE_RULE = pattern(/^[\w-]{1,64}$/, 'letters, digits, _ or -, at most 64 characters');
