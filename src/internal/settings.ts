/**
 * Turns the element's raw attribute values into the settings a load and a render use. Pure:
 * a bad value never throws; it falls back to the default and is reported as a problem that names
 * the attribute, which the element warns about once.
 */
import { FORMAT_SETTINGS, type FormatSetting } from '../data/dialects.js';
import type { WallQuery } from '../data/types.js';
import { clickUrl } from '../data/urls.js';
import type { ViewQuery } from '../data/view.js';
import { isValidLocale } from './platform.js';

export const DEFAULT_PAGE_SIZE = 20;
/** The s2s API's documented maximum page size. */
export const MAX_PAGE_SIZE = 10_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The element's properties as a publisher set them. */
export interface RawSettings {
  endpoint: string | null;
  format: string | null;
  os: string | null;
  country: string | null;
  /** A number, or the attribute's text when it did not parse as one (for the warning). */
  pageSize: number | string | null;
  userId: string | null;
  gaid: string | null;
  andid: string | null;
  offerType: string | null;
  offerSubType: string | null;
  currencyName: string | null;
  currencyRate: number | string | null;
  locale: string | null;
  clickUrlTemplate: string | null;
  timeout: number | string | null;
  theme: string | null;
  layout: string | null;
  sort: string | null;
  filter: string | null;
  search: string | null;
  toolbar: string | null;
  headingLevel: number | string | null;
}

/** What the environment supplies when an attribute is absent. */
export interface SettingDefaults {
  os: 'android' | 'ios' | null;
  locale: string;
  baseUrl: string;
}

export interface Settings {
  /** The resolved endpoint URL, or `null` when there is none usable (see `endpointProblem`). */
  endpoint: URL | null;
  endpointProblem: string | null;
  format: FormatSetting;
  query: Omit<WallQuery, 'page'>;
  currencyName: string | null;
  currencyRate: number | null;
  locale: string;
  clickUrlTemplate: string | null;
  timeout: number;
  theme: 'light' | 'dark' | 'auto';
  layout: 'list' | 'grid';
  view: ViewQuery;
  toolbar: boolean;
  headingLevel: number;
}

/** A bad value, the attribute it came from, and what is used instead. */
export interface SettingProblem {
  attribute: string;
  message: string;
}

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

function resolveEndpoint(raw: string | null, baseUrl: string): { url: URL | null; problem: string | null } {
  const value = text(raw);
  if (!value) {
    return { url: null, problem: 'The endpoint attribute is missing: set it to the URL of your offers backend.' };
  }
  let url: URL;
  try {
    url = new URL(value, baseUrl);
  } catch {
    return { url: null, problem: `The endpoint attribute "${value}" is not a URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { url: null, problem: `The endpoint attribute "${value}" must be an http(s) URL.` };
  }
  return { url, problem: null };
}

export function resolveSettings(
  raw: RawSettings,
  defaults: SettingDefaults,
): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  // The message names the attribute, its value and what it takes; the default stands in for it.
  const bad = (attribute: string, value: unknown, expected: string) =>
    problems.push({ attribute, message: `${attribute}="${String(value)}" ignored: expected ${expected}.` });

  const endpoint = resolveEndpoint(raw.endpoint, defaults.baseUrl);

  /** One of a few words, case-insensitive; the first is the default. */
  const choice = <T extends string>(attribute: string, value: string | null, options: readonly T[]): T => {
    const lower = text(value)?.toLowerCase() as T | undefined;
    if (!lower || options.includes(lower)) return lower ?? options[0]!;
    bad(attribute, text(value), options.join(', '));
    return options[0]!;
  };

  const format = choice<FormatSetting>('format', raw.format, FORMAT_SETTINGS);

  let os = defaults.os;
  const rawOs = text(raw.os);
  if (rawOs) {
    const lower = rawOs.toLowerCase();
    if (lower === 'android' || lower === 'ios') os = lower;
    else bad('os', rawOs, 'android or ios');
  }

  let country: string | null = null;
  const rawCountry = text(raw.country);
  if (rawCountry) {
    if (/^[a-z]{2}$/i.test(rawCountry)) country = rawCountry.toUpperCase();
    else bad('country', rawCountry, 'a two-letter ISO 3166-1 code such as US');
  }

  let pageSize = DEFAULT_PAGE_SIZE;
  if (raw.pageSize !== null && raw.pageSize !== undefined) {
    const n = Number(raw.pageSize);
    if (!Number.isInteger(n) || n < 1) bad('page-size', raw.pageSize, 'a whole number ≥ 1');
    else if (n > MAX_PAGE_SIZE) {
      bad('page-size', n, `at most ${MAX_PAGE_SIZE}`);
      pageSize = MAX_PAGE_SIZE;
    } else pageSize = n;
  }

  let timeout = DEFAULT_TIMEOUT_MS;
  if (raw.timeout !== null && raw.timeout !== undefined) {
    const n = Number(raw.timeout);
    if (!Number.isFinite(n) || n <= 0) bad('timeout', raw.timeout, 'milliseconds > 0');
    else timeout = n;
  }

  let currencyName = text(raw.currencyName);
  let currencyRate: number | null = null;
  if (currencyName) {
    const n = raw.currencyRate === null || raw.currencyRate === undefined ? NaN : Number(raw.currencyRate);
    if (Number.isFinite(n) && n > 0) currencyRate = n;
    else {
      bad('currency-rate', raw.currencyRate ?? '', 'a number > 0 with currency-name');
      currencyName = null;
    }
  }

  let locale = defaults.locale;
  const rawLocale = text(raw.locale);
  if (rawLocale) {
    if (isValidLocale(rawLocale)) locale = rawLocale;
    else bad('locale', rawLocale, 'a BCP 47 language tag such as en-US');
  }

  const theme = choice('theme', raw.theme, ['auto', 'light', 'dark']);
  const layout = choice('layout', raw.layout, ['list', 'grid']);
  const view: ViewQuery = { sort: choice('sort', raw.sort, ['feed', 'reward']), filter: text(raw.filter) ?? '', search: text(raw.search) ?? '' };
  const toolbar = choice('toolbar', raw.toolbar, ['on', 'off']) === 'on';
  let headingLevel = 3;
  if (raw.headingLevel !== null && raw.headingLevel !== undefined) {
    const n = Number(raw.headingLevel);
    if (Number.isInteger(n) && n >= 2 && n <= 6) headingLevel = n;
    else bad('heading-level', raw.headingLevel, 'a whole number from 2 to 6');
  }

  let clickUrlTemplate = text(raw.clickUrlTemplate);
  if (clickUrlTemplate && !clickUrl(null, clickUrlTemplate, {}, defaults.baseUrl)) {
    bad('click-url-template', clickUrlTemplate, 'an http(s) URL');
    clickUrlTemplate = null;
  }

  return {
    settings: {
      endpoint: endpoint.url,
      endpointProblem: endpoint.problem,
      format,
      query: {
        pageSize,
        os,
        country,
        userId: text(raw.userId),
        gaid: text(raw.gaid),
        andid: text(raw.andid),
        offerType: text(raw.offerType),
        offerSubType: text(raw.offerSubType),
      },
      currencyName,
      currencyRate,
      locale,
      clickUrlTemplate,
      timeout,
      theme,
      layout,
      view,
      toolbar,
      headingLevel,
    },
    problems,
  };
}

/** The URL of one page's request: the endpoint's own parameters kept, the query's added. */
export function requestUrl(endpoint: URL, params: ReadonlyArray<[string, string]>): string {
  const url = new URL(endpoint.href);
  for (const [name, value] of params) url.searchParams.set(name, value);
  return url.href;
}
