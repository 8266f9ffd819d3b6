/**
 * Which query parameters may pass upstream, per dialect, and what each may hold: one zod schema
 * per dialect. Anything else is dropped; a value that breaks its rule is a 400 that names the
 * parameter, taken from the zod issue's path. The secrets (`app_id`, the publisher token) are in
 * no schema, so a client can never set them.
 */
import * as z from 'zod';

export type ProxyFormat = 's2s' | 'appcharge';

/**
 * One query value that must satisfy `rule`. A parameter sent twice reaches the schema as a list:
 * it is refused rather than guessed between (the upstream might read the other one).
 */
function single(rule: string) {
  return z.string({ error: (issue) => (Array.isArray(issue.input) ? 'is given more than once' : rule) });
}

function oneOf(...values: [string, ...string[]]) {
  const rule = `must be one of ${values.join(', ')}`;
  return single(rule).refine((value) => values.includes(value), rule);
}

// Nine digits at most: the number stays exact, and the upstream gets the digits as they were sent.
function wholeNumber(min: number, max?: number) {
  const rule = max === undefined ? `must be a whole number from ${min} up` : `must be a whole number from ${min} to ${max}`;
  return single(rule).refine((value) => /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= (max ?? Infinity), rule);
}

function matching(pattern: RegExp, rule: string) {
  return single(rule).regex(pattern, rule);
}

/** An id a publisher or device gives: printable ASCII without spaces, at most 128 characters. */
const token = () => matching(/^[\x21-\x7e]{1,128}$/, 'must be printable text without spaces, at most 128 characters');

export const PARAMETERS = {
  s2s: z.object({
    os: oneOf('android', 'ios').optional(),
    page: wholeNumber(1).optional(),
    page_size: wholeNumber(1, 10_000).optional(),
    country: matching(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
      .transform((code) => code.toUpperCase())
      .optional(),
    thirdparty_id: token().optional(),
    gaid: token().optional(),
    andid: token().optional(),
  }),
  appcharge: z.object({
    offerType: oneOf('Bundle', 'SpecialOffer', 'PopUp', 'RollingOffer', 'CheckoutLink', 'ProgressBar').optional(),
    offerSubType: matching(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, _ or -, at most 64 characters').optional(),
    recordLimit: wholeNumber(0, 500).optional(),
    offset: wholeNumber(0).optional(),
  }),
} satisfies Record<ProxyFormat, z.ZodObject>;

export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

/**
 * The allowed parameters of `search`, validated, in the schema's order (so equal queries have
 * equal keys). Throws `ParameterError` for a bad or repeated value.
 */
export function allowedParameters(format: ProxyFormat, search: URLSearchParams): Array<[string, string]> {
  const schema: z.ZodObject = PARAMETERS[format];
  const names = Object.keys(schema.shape);
  // Only the schema's own names are read: unknown parameters never reach it.
  const input: Record<string, string | string[]> = {};
  for (const name of names) {
    const values = search.getAll(name);
    if (values.length > 0) input[name] = values.length === 1 ? values[0]! : values;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const parameter = String(issue.path[0]);
    throw new ParameterError(parameter, `${parameter} ${issue.message}`);
  }
  const valid = result.data as Record<string, string | undefined>;
  const kept: Array<[string, string]> = [];
  for (const name of names) {
    const value = valid[name];
    if (value !== undefined) kept.push([name, value]);
  }
  return kept;
}
