/**
 * The readers the dialect adapters share. They take `unknown` and never throw: a required field
 * of the wrong type reads as `null` (the adapter then leaves the offer out), an optional one as
 * "absent", because a feed that sends a number where a string is documented is normal, not an
 * error. No schema library: these few checks cost the browser bundle far less than one would.
 */

const NUMERIC_TEXT = /^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/;

/** Whether a feed sent what an id may be: a string or a finite number (not yet whether it is usable). */
export function isIdLike(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** An id as a non-empty string, or `null` (absent, empty, blank, not a string or finite number). */
export function readId(value: unknown): string | null {
  if (!isIdLike(value)) return null;
  const text = String(value).trim();
  return text ? text : null;
}

/** A string trimmed, or `null` when it is not a string: for names, which must be text. */
export function readString(value: unknown): string | null {
  return typeof value === 'string' ? value.trim() : null;
}

/** A non-negative finite amount, or `null`. */
export function readAmount(value: unknown): number | null {
  const n = readNumber(value);
  return n !== null && n >= 0 ? n : null;
}

/** Reads a number or numeric string; anything else is `null`. */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value);
  return null;
}

/** Reads a string (numbers are written out); anything else is the empty string. */
export function readText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** Reads a list of short codes sent as an array or as one comma-separated string. */
export function readCodes(value: unknown): string[] {
  const items: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.map(readText).filter(Boolean);
}

/** The object's own property, when `value` is a plain object. */
export function prop(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
