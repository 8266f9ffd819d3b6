/**
 * The wall's languages: the built-in texts for a locale, and the direction it is written in.
 * Pure; the element merges the publisher's `messages` over `messagesFor(locale)`.
 */
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { pt } from './pt.js';
import { KEYS, type Texts, type WallMessages } from './texts.js';

export type { WallMessages } from './texts.js';

const LANGUAGES: Record<string, Texts> = { en, de, es, pt, fr, ja, ar };

// Building the functions and the plural rules costs more than a render should, so once per locale.
const cache = new Map<string, WallMessages>();

/** The language subtag, lower-cased; tolerates `en_US`, which Intl would reject. */
const language = (locale: string | null | undefined): string => `${locale ?? ''}`.toLowerCase().split(/[-_]/)[0]!;

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
 * for a language the wall does not have. Plural forms follow the locale's own rules.
 */
export function messagesFor(locale: string | null | undefined): WallMessages {
  const key = `${locale}`;
  let messages = cache.get(key);
  if (!messages) {
    const subtag = language(locale);
    const lang = Object.hasOwn(LANGUAGES, subtag) ? subtag : 'en';
    const texts = LANGUAGES[lang]!;
    let rules: Intl.PluralRules;
    try {
      // The full locale where it is this language, for regional rules (pt-PT counts 0 as plural).
      rules = new Intl.PluralRules(subtag === lang ? locale! : lang);
    } catch {
      rules = new Intl.PluralRules(lang);
    }
    const built = {} as Record<keyof WallMessages, string>;
    KEYS.split(' ').forEach((name, index) => (built[name as keyof WallMessages] = texts[index]!));
    messages = Object.freeze({
      ...built,
      startLabel: fill(built.startLabel),
      buyLabel: fill(built.buyLabel),
      discount: fill(built.discount),
      results: plural(built.results, rules),
    });
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
