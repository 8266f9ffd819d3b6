/**
 * Schemas and readers shared by the dialect adapters. Required fields are checked with zod/mini;
 * optional fields are read leniently (a wrong type reads as "absent"), because a feed that sends
 * a number where a string is documented is normal, not an error.
 */
import * as z from 'zod/mini';

const NUMERIC_TEXT = /^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/;

/** An id: a non-empty string or a finite number, read as a string. */
export const Id = z.pipe(
  z.union([z.string().check(z.trim(), z.minLength(1)), z.number()]),
  z.transform((value) => String(value)),
);

/** A number, or a string holding one (`"3.60"`), read as a finite number. */
export const Numeric = z.pipe(
  z.union([z.number(), z.string().check(z.regex(NUMERIC_TEXT))]),
  z.transform((value) => Number(value)),
);

/** A non-negative amount of money. */
export const Amount = Numeric.check(z.refine((n) => Number.isFinite(n) && n >= 0, 'must be ≥ 0'));

/** A non-empty display text. */
export const Name = z.string().check(z.trim(), z.minLength(1));

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
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const codes: string[] = [];
  for (const item of items) {
    const code = readText(item);
    if (code) codes.push(code);
  }
  return codes;
}

/** The object's own property, when `value` is a plain object. */
export function prop(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
