/**
 * Reads an `<offer-wall>`'s settings from its properties and its place in the page (the `lang`
 * around it, the user agent, the base URL), and warns once per bad value. Which properties change
 * the request, and so reload the offers, is listed here too.
 */
import { detectOs, isValidLocale } from './platform.js';
import { resolveSettings, type RawSettings, type Settings } from './settings.js';

/** Properties whose change alters the request: changing one reloads from the first page. */
export const REQUEST_PROPERTIES = [
  'endpoint',
  'format',
  'os',
  'country',
  'pageSize',
  'userId',
  'gaid',
  'andid',
  'offerType',
  'offerSubType',
] as const;

/** Every property that `readSettings` reads. */
export const SETTING_PROPERTIES = [
  ...REQUEST_PROPERTIES,
  'currencyName',
  'currencyRate',
  'locale',
  'clickUrlTemplate',
  'timeout',
  'theme',
  'layout',
  'sort',
  'filter',
  'search',
  'toolbar',
  'headingLevel',
] as const;

type Numeric = 'pageSize' | 'currencyRate' | 'timeout' | 'headingLevel';

/** The element as this module sees it: its setting properties, as a publisher set them. */
export type SettingsSource = Element & { [K in Exclude<keyof RawSettings, Numeric>]: RawSettings[K] } & {
  [K in Numeric]: number | null;
};

const ATTRIBUTES: Record<Numeric, string> = {
  pageSize: 'page-size',
  currencyRate: 'currency-rate',
  timeout: 'timeout',
  headingLevel: 'heading-level',
};

/** A numeric property, or its attribute's own text when that did not parse, for warnings. */
function numeric(wall: SettingsSource, name: Numeric): number | string | null {
  const value = wall[name];
  return typeof value === 'number' && Number.isNaN(value) ? (wall.getAttribute(ATTRIBUTES[name]) ?? value) : value;
}

/** Resolves the settings; each problem is warned about once per `warned` set. */
export function readSettings(wall: SettingsSource, warned: Set<string>): Settings {
  const raw = {} as Record<keyof RawSettings, unknown>;
  for (const name of SETTING_PROPERTIES) raw[name] = name in ATTRIBUTES ? numeric(wall, name as Numeric) : wall[name];
  const { settings, problems } = resolveSettings(raw as RawSettings, {
    os: detectOs(),
    // A page's lang can be malformed (`en_US`): the first usable of page, browser, English.
    locale: [wall.closest('[lang]')?.getAttribute('lang'), navigator.language].find((tag) => tag && isValidLocale(tag)) ?? 'en',
    baseUrl: document.baseURI,
  });
  for (const problem of problems) {
    if (!warned.has(problem.message)) {
      warned.add(problem.message);
      console.warn(`<offer-wall>: ${problem.message}`);
    }
  }
  return settings;
}
