/**
 * Reads an `<offer-wall>`'s settings from its properties and its place in the page (the `lang`
 * around it, the user agent, the base URL), and warns once per bad value.
 */
import { ATTRIBUTES, attributeOf, type AttributeDeclaration, type AttributeProperty } from './attributes.js';
import { detectDevice, isValidLocale } from './platform.js';
import { resolveSettings, type RawSettings, type Settings } from './settings.js';

/** Whether a changed property is one of the settings (every declared attribute). */
export const isSetting = (name: PropertyKey): boolean => Object.hasOwn(ATTRIBUTES, name);

/** Resolves the settings; each problem is warned about once per `warned` set. */
export function readSettings(wall: Element & RawSettings, warned: Set<string>): Settings {
  const raw: RawSettings = {};
  for (const name in ATTRIBUTES) {
    const value = wall[name as AttributeProperty];
    // A number attribute that did not parse: its own text, for the warning.
    raw[name as AttributeProperty] =
      (ATTRIBUTES[name as AttributeProperty] as AttributeDeclaration).type && Number.isNaN(value)
        ? (wall.getAttribute(attributeOf(name as AttributeProperty)) ?? value)
        : value;
  }
  const { settings, problems } = resolveSettings(raw, {
    os: detectDevice().os,
    // A page's lang can be malformed (`en_US`): the first usable of page, browser, English.
    locale: [wall.closest('[lang]')?.getAttribute('lang'), navigator.language].find((tag) => tag && isValidLocale(tag)) ?? 'en',
    baseUrl: document.baseURI,
  });
  for (const problem of problems) warnOnce(warned, problem.message);
  return settings;
}

/** Warns about `message` in the console, once per `warned` set. */
export function warnOnce(warned: Set<string>, message: string): void {
  if (!warned.has(message)) {
    warned.add(message);
    console.warn(`<offer-wall>: ${message}`);
  }
}
