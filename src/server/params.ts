/**
 * Which query parameters may pass upstream, per dialect, and what each may hold. Anything else is
 * dropped; a value that breaks its rule is a 400 that names the parameter. The secrets (`app_id`,
 * the publisher token) are not on any list, so a client can never set them.
 */

export type ProxyFormat = 's2s' | 'appcharge';

interface Rule {
  /** Why a value was refused, or `null` when it is fine. */
  check(value: string): string | null;
}

const int = (min: number, max: number): Rule => ({
  check: (value) =>
    /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max
      ? null
      : `must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}`,
});

const oneOf = (...values: string[]): Rule => ({
  check: (value) => (values.includes(value) ? null : `must be one of ${values.join(', ')}`),
});

const pattern = (re: RegExp, what: string): Rule => ({
  check: (value) => (re.test(value) ? null : `must be ${what}`),
});

/** An id a publisher or device gives: printable ASCII without spaces, at most 128 characters. */
const token = pattern(/^[\x21-\x7e]{1,128}$/, 'printable text without spaces, at most 128 characters');

export const PARAMETERS: Record<ProxyFormat, Record<string, Rule>> = {
  s2s: {
    os: oneOf('android', 'ios'),
    page: int(1, Number.MAX_SAFE_INTEGER),
    page_size: int(1, 10_000),
    country: pattern(/^[A-Za-z]{2}$/, 'a two-letter country code'),
    thirdparty_id: token,
    gaid: token,
    andid: token,
  },
  appcharge: {
    offerType: oneOf('Bundle', 'SpecialOffer', 'PopUp', 'RollingOffer', 'CheckoutLink', 'ProgressBar'),
    offerSubType: pattern(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -, at most 64 characters'),
    recordLimit: int(0, 500),
    offset: int(0, Number.MAX_SAFE_INTEGER),
  },
};

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
 * The allowed parameters of `search`, validated, in a canonical order (so equal queries have
 * equal keys). Throws `ParameterError` for a bad or repeated value.
 */
export function allowedParameters(format: ProxyFormat, search: URLSearchParams): Array<[string, string]> {
  const rules = PARAMETERS[format];
  const kept: Array<[string, string]> = [];
  for (const name of Object.keys(rules)) {
    const values = search.getAll(name);
    if (values.length === 0) continue;
    if (values.length > 1) throw new ParameterError(name, `${name} is given more than once`);
    const value = values[0]!;
    const problem = rules[name]!.check(value);
    if (problem) throw new ParameterError(name, `${name} ${problem}`);
    kept.push([name, name === 'country' ? value.toUpperCase() : value]);
  }
  return kept;
}
