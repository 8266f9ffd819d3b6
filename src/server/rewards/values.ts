/**
 * What the ledger will store, checked before it gets there: text the database can hold (no NUL,
 * no lone surrogate) within a length, and amounts as exact decimals. A value that fails is named
 * in a 400, never a 500 that a network would retry for days.
 */

/** The longest id (user, transaction, offer, click, goal) and the longest name kept. */
export const MAX_ID = 128;
export const MAX_NAME = 256;
/** The longest value of any other parameter kept with a postback, for support. */
export const MAX_PARAM = 2048;

/** A NUL, or half of a surrogate pair without its other half. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored as a value of at most `max` characters, or null when it can. */
export function textProblem(text: string, max: number): string | null {
  if (UNSTORABLE.test(text)) return 'holds a character that cannot be stored (NUL or a lone surrogate)';
  if (text.length > max) return `is longer than ${max} characters`;
  return null;
}

/**
 * A decimal amount as the networks write it: digits, at most 12 before the point and 12 after,
 * optionally negative. Exact: it is kept as text here and as `numeric` in the database.
 */
const DECIMAL = /^(-?)(\d{1,12})(?:\.(\d{1,12}))?$/;

export interface Amount {
  /** The amount's magnitude, normalized (`007.50` is `7.5`), never negative, never zero. */
  value: string;
  negative: boolean;
}

/** An amount read exactly, or why it is none: malformed, too large, or zero. */
export function readAmount(text: string): Amount | string {
  const match = DECIMAL.exec(text);
  if (!match) return /^-?\d{13,}(\.\d*)?$/.test(text) ? 'has more than 12 digits before the point' : 'must be a decimal number (digits, one optional point)';
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (/^0+$/.test(whole) && !fraction) return 'must be more than 0';
  return { value: fraction ? `${whole}.${fraction}` : whole, negative: match[1] === '-' };
}

/** A decimal text (as `numeric::text` writes it) as a JSON number token, exact; null when it is none. */
export function decimalToken(text: string | null): string {
  return text !== null && /^-?\d+(\.\d+)?$/.test(text) ? text : 'null';
}
