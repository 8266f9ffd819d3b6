/**
 * Reads an `<offer-wall>`'s settings from its properties and its place in the page (the `lang`
 * around it, the user agent, the base URL), and warns once per bad value. Which properties change
 * the request, and so reload the offers, is listed here too.
 */
import type { ReactiveElement } from 'lit';
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

/** Whether a changed property is one of the settings: every declared property but `messages`. */
export const isSetting = (name: PropertyKey): boolean => name !== 'messages';

/** Resolves the settings; each problem is warned about once per `warned` set. */
export function readSettings(wall: ReactiveElement, warned: Set<string>): Settings {
  const raw: Record<string, unknown> = {};
  for (const [name, options] of (wall.constructor as typeof ReactiveElement).elementProperties) {
    if (!isSetting(name)) continue;
    const value = (wall as unknown as Record<PropertyKey, unknown>)[name];
    // A number attribute that did not parse: its own text, for the warning.
    const attribute = typeof options.attribute === 'string' ? options.attribute : (name as string);
    raw[name as string] = options.type === Number && Number.isNaN(value) ? (wall.getAttribute(attribute) ?? value) : value;
  }
  const { settings, problems } = resolveSettings(raw as unknown as RawSettings, {
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
