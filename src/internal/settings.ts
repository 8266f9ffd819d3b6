/**
 * Turns the element's raw attribute values into the settings a load and a render use. Pure:
 * a bad value never throws; it falls back to the default and is reported as a problem that names
 * the attribute, which the element warns about once.
 */
import type { FormatSetting } from '../data/dialects.js';
import {
  COUNTRY_RULE,
  DEFAULT_PAGE_SIZE,
  DEVICE_ID_RULE,
  MAX_PAGE_SIZE,
  OFFER_SUB_TYPE_RULE,
  OFFER_TYPE_RULE,
  OS_RULE,
  USER_ID_RULE,
  type Rule,
} from '../data/rules.js';
import type { WallQuery } from '../data/types.js';
import { clickUrl, isHttp, safeHttpUrl } from '../data/urls.js';
import type { SortOrder, ViewQuery } from '../data/view.js';
import { ATTRIBUTES, attributeOf, type AttributeProperty } from './attributes.js';
import { isValidLocale } from './platform.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The element's properties as a publisher set them. A number attribute that did not parse is
 * passed as its text, for the warning.
 */
export type RawSettings = { [K in AttributeProperty]?: string | number | null };

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
  /** The currency's icon: a safe absolute http(s) URL, or null. */
  currencyIcon: string | null;
  locale: string;
  clickUrlTemplate: string | null;
  timeout: number;
  theme: 'light' | 'dark' | 'auto';
  layout: 'list' | 'grid';
  view: ViewQuery;
  toolbar: boolean;
  headingLevel: number;
  /** The rewards endpoint, or null when rewards are off (no usable endpoint, or no token). */
  _rewardsEndpoint: URL | null;
  _userToken: string | null;
  /** When pending rewards are usually credited, in the publisher's words. */
  _creditHint: string | null;
  /** The support link's template, checked. */
  supportUrl: string | null;
}

/** A bad value, the attribute it came from, and what is used instead. */
export interface SettingProblem {
  attribute: string;
  message: string;
}

function text(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value).trim() || null;
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
  if (!isHttp(url)) {
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
  const bad = (name: AttributeProperty, value: unknown, expected: string) => {
    const attribute = attributeOf(name);
    problems.push({ attribute, message: `${attribute}="${String(value)}" ignored: expected ${expected}.` });
  };
  const textOf = (name: AttributeProperty) => text(raw[name] as string | null | undefined);

  /** One of the attribute's words, in any case; the first is the default. */
  const choice = <K extends AttributeProperty>(name: K): string => {
    const options: readonly string[] = (ATTRIBUTES[name] as { _values: readonly string[] })._values;
    const value = textOf(name)?.toLowerCase();
    if (!value || options.includes(value)) return value ?? options[0]!;
    bad(name, textOf(name), options.join(', '));
    return options[0]!;
  };

  /** A value the request carries, checked by the rule the endpoint's proxy applies to it. */
  const ruled = (name: AttributeProperty, rule: Rule): string | null => {
    const value = textOf(name);
    if (!value) return null;
    const checked = rule.check(value);
    if (checked === null) bad(name, value, rule.expected);
    return checked;
  };

  /** A number in [min, max]; `whole` asks for an integer. */
  const number = (name: AttributeProperty, fallback: number, expected: string, ok: (n: number) => boolean): number => {
    const value = raw[name];
    if (value === null || value === undefined) return fallback;
    const n = Number(value);
    if (ok(n)) return n;
    bad(name, value, expected);
    return fallback;
  };

  const endpoint = resolveEndpoint(textOf('endpoint'), defaults.baseUrl);
  const format = choice('format') as FormatSetting;
  const os = (ruled('os', OS_RULE) as WallQuery['os']) ?? defaults.os;
  const country = ruled('country', COUNTRY_RULE);
  const userId = ruled('userId', USER_ID_RULE);
  const gaid = ruled('gaid', DEVICE_ID_RULE);
  const andid = ruled('andid', DEVICE_ID_RULE);
  const offerType = ruled('offerType', OFFER_TYPE_RULE);
  const offerSubType = ruled('offerSubType', OFFER_SUB_TYPE_RULE);
  if (os === 'android' && !gaid && !andid && format !== 'appcharge') {
    problems.push({ attribute: 'os', message: 'os is android without gaid or andid, which the s2s API requires.' });
  }

  let pageSize = number('pageSize', DEFAULT_PAGE_SIZE, 'a whole number ≥ 1', (n) => Number.isInteger(n) && n >= 1);
  if (pageSize > MAX_PAGE_SIZE) {
    bad('pageSize', pageSize, `at most ${MAX_PAGE_SIZE}`);
    pageSize = MAX_PAGE_SIZE;
  }
  const timeout = number('timeout', DEFAULT_TIMEOUT_MS, 'milliseconds > 0', (n) => Number.isFinite(n) && n > 0);

  // The users' share of a payout, or the rate into the publisher's currency; without one the wall
  // shows the payout itself (see `OfferWall`'s warning).
  const rate = number('currencyRate', NaN, 'a number > 0', (n) => Number.isFinite(n) && n > 0);
  const currencyRate = Number.isNaN(rate) ? null : rate;
  const currencyName = textOf('currencyName');
  const rawIcon = textOf('currencyIcon');
  const currencyIcon = safeHttpUrl(rawIcon);
  if (rawIcon && !currencyIcon) bad('currencyIcon', rawIcon, 'an http(s) URL');

  let locale = defaults.locale;
  const rawLocale = textOf('locale');
  if (rawLocale) {
    if (isValidLocale(rawLocale)) locale = rawLocale;
    else bad('locale', rawLocale, 'a BCP 47 language tag such as en-US');
  }

  const theme = choice('theme') as Settings['theme'];
  const layout = choice('layout') as Settings['layout'];
  const view: ViewQuery = { sort: choice('sort') as SortOrder, filter: textOf('filter') ?? '', search: textOf('search') ?? '' };
  const toolbar = choice('toolbar') === 'on';
  const headingLevel = number('headingLevel', 3, 'a whole number from 2 to 6', (n) => Number.isInteger(n) && n >= 2 && n <= 6);

  let clickUrlTemplate = textOf('clickUrlTemplate');
  if (clickUrlTemplate && !clickUrl(null, clickUrlTemplate, {}, defaults.baseUrl)) {
    bad('clickUrlTemplate', clickUrlTemplate, 'an http(s) URL');
    clickUrlTemplate = null;
  }

  // Rewards are on with an endpoint and a token; a token set later (once the page has it) turns them on then.
  const userToken = textOf('userToken');
  let rewardsEndpoint: URL | null = null;
  const rawRewards = textOf('rewardsEndpoint');
  if (rawRewards) {
    const resolved = resolveEndpoint(rawRewards, defaults.baseUrl);
    if (resolved.url) rewardsEndpoint = userToken ? resolved.url : null;
    else bad('rewardsEndpoint', rawRewards, 'an http(s) URL');
  }
  let supportUrl = textOf('supportUrl');
  if (supportUrl && !clickUrl(null, supportUrl, {}, defaults.baseUrl)) {
    bad('supportUrl', supportUrl, 'an http(s) URL');
    supportUrl = null;
  }

  return {
    settings: {
      endpoint: endpoint.url,
      endpointProblem: endpoint.problem,
      format,
      query: { pageSize, os, country, userId, gaid, andid, offerType, offerSubType },
      currencyName,
      currencyRate,
      currencyIcon,
      locale,
      clickUrlTemplate,
      timeout,
      theme,
      layout,
      view,
      toolbar,
      headingLevel,
      _rewardsEndpoint: rewardsEndpoint,
      _userToken: userToken,
      _creditHint: textOf('creditHint'),
      supportUrl,
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
