/**
 * Schemas and readers shared by the dialect adapters. Required fields are checked with zod/mini;
 * optional fields are read leniently (a wrong type reads as "absent"), because a feed that sends
 * a number where a string is documented is normal, not an error.
 */
import * as z from 'zod/mini';

const NUMERIC_TEXT = /^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/;

/** What a feed may send as an id: a string or a number. `readId` normalizes it. */
export const IdLike = z.union([z.string(), z.number()]);

/** What a feed may send as an amount: a number or a numeric string. `readAmount` normalizes it. */
export const AmountLike = z.union([z.number(), z.string()]);

/** An id as a non-empty string, or `null` (empty, blank, or not a finite number). */
export function readId(value: string | number | undefined): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  const text = value?.trim();
  return text ? text : null;
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
