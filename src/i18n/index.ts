/**
 * The wall's languages: the built-in texts for a locale, and the direction it is written in.
 * English is always here (but for the texts of appcharge's store and of the rewards view, which
 * come with their chunks); each other language is a module of its own, loaded when a wall first
 * needs it (in the script-tag build, a chunk beside dist/offer-wall.js: see vite.config.ts). The
 * element merges the publisher's `messages` over `messagesFor(locale)`.
 */
import { en } from './en.js';
import { KEYS, type Texts, type WallMessages } from './texts.js';

export type { WallMessages } from './texts.js';

/** The languages beside English, each loaded on demand. */
const LANGUAGES: Record<string, () => Promise<{ default: Texts }>> = {
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  pt: () => import('./pt.js'),
  fr: () => import('./fr.js'),
  ja: () => import('./ja.js'),
  ar: () => import('./ar.js'),
};

/** The texts loaded so far, by language (English's store's and rewards view's once their chunks are here: `addEnglish`). */
const tables: Record<string, Texts | undefined> = { en: en as unknown as Texts };
/** Loads under way (or done), by language; a failed one is forgotten, so asking again tries again. */
const loads: Record<string, Promise<unknown> | undefined> = {};

// Building the functions and the plural rules costs more than a render should, so once per locale.
const cache = new Map<string, WallMessages>();

/** The language subtag, lower-cased; tolerates `en_US`, which Intl would reject. */
const language = (locale: string | null | undefined): string => `${locale ?? ''}`.toLowerCase().split(/[-_]/)[0]!;

/** The wall's language for a BCP 47 locale (`pt-BR` → `pt`): English for one it does not have. */
export const languageOf = (locale: string | null | undefined): string => {
  const subtag = language(locale);
  return Object.hasOwn(LANGUAGES, subtag) ? subtag : 'en';
};

/** Whether a language's texts are here (English always is). */
export const hasTexts = (lang: string): boolean => !!tables[lang];

/**
 * Loads a language's texts, once (a load that failed is tried again on the next call). Rejects
 * with what the loader threw: in the script-tag build, a `network` WallError naming the file.
 */
export function loadTexts(lang: string): Promise<unknown> {
  return (loads[lang] ??= LANGUAGES[lang]!().then(
    (module) => (tables[lang] = module.default),
    (error: unknown) => {
      loads[lang] = undefined;
      throw error;
    },
  ));
}

/**
 * English texts that a chunk brings (the store's, the rewards view's: the script-tag file does not
 * carry them), put at their place among English's (`at`): its messages are built again with them.
 */
export function addEnglish(texts: readonly string[], at: number): void {
  const all = [...tables.en!];
  texts.forEach((text, i) => (all[at + i] = text));
  tables.en = all as unknown as Texts;
  cache.clear();
}

// A replacer function, not a replacement string: an offer named `Win $1 & $&` stays as written.
const fill =
  (pattern: string) =>
  (...args: string[]): string =>
    pattern.replace(/\{(\d)\}/g, (_, index: string) => args[+index]!);

function plural(pattern: string, rules: Intl.PluralRules): WallMessages['results'] {
  const forms: Record<string, string> = {};
  for (const [, category, form] of pattern.matchAll(/(\w+) \{([^}]*)\}/g)) forms[category!] = form!;
  return (count, formattedCount) => (forms[rules.select(count)] ?? forms.other!).replace('#', () => formattedCount);
}

/**
 * The built-in texts for a BCP 47 locale, chosen by its language (`pt-BR` → Portuguese); English
 * for a language the wall does not have, or whose texts are not loaded (see `loadTexts`). Plural
 * forms follow the locale's own rules.
 */
export function messagesFor(locale: string | null | undefined): WallMessages {
  const subtag = language(locale);
  const lang = hasTexts(languageOf(locale)) ? languageOf(locale) : 'en';
  const key = `${lang} ${locale}`;
  let messages = cache.get(key);
  if (!messages) {
    const texts = tables[lang]!;
    let rules: Intl.PluralRules;
    try {
      // The full locale where it is this language, for regional rules (pt-PT counts 0 as plural).
      rules = new Intl.PluralRules(subtag === lang ? locale! : lang);
    } catch {
      rules = new Intl.PluralRules(lang);
    }
    const built = {} as Record<keyof WallMessages, unknown>;
    // A text with places for values (`{0}`) is a function of them; one of plural forms
    // (`one {# step} other {# steps}`: `results`, `steps`) picks its form.
    KEYS.split(' ').forEach((name, index) => {
      const text = texts[index]!;
      built[name as keyof WallMessages] = /\{\d\}/.test(text) ? fill(text) : /^\w+ \{/.test(text) ? plural(text, rules) : text;
    });
    messages = Object.freeze(built) as WallMessages;
    cache.set(key, messages);
  }
  return messages;
}

/**
 * `rtl` for languages written right to left (Arabic, Hebrew, Persian, Urdu and their
 * neighbours), even those whose texts fall back to English: the page around the wall is RTL.
 */
export const directionOf = (locale: string | null | undefined): 'ltr' | 'rtl' =>
  /^(ar|he|iw|fa|ur|ps|sd|ckb|ug|yi|dv)$/.test(language(locale)) ? 'rtl' : 'ltr';
