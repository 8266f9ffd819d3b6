/**
 * The wall's texts in its language: English is in the script-tag file; another of its languages
 * is asked for (a chunk) the first time the wall's locale names it, in parallel with the offers.
 * Until it is here the wall shows its loading state without words, and what the feed tells
 * (`offer-wall-load`, `offer-wall-error`) is held back, then told once it shows in that
 * language. A language that cannot be loaded leaves the wall in English, reported once.
 */
import type { ReactiveControllerHost } from 'lit';
import type { WallErrorInfo } from '../data/types.js';
import { hasTexts, loadTexts } from '../i18n/index.js';
import { loadChunk } from '../internal/chunk-load.js';

export type TextsLoader = ReturnType<typeof textsLoader>;

/**
 * The loader of a wall's texts: `lang` is the wall's language now; `failed` hears a language that
 * cannot be loaded.
 */
export function textsLoader(host: ReactiveControllerHost, lang: () => string, failed: (error: WallErrorInfo) => void) {
  /** Languages this wall asked for, and those that could not be loaded (it shows English). */
  const asked = new Set<string>();
  const missing = new Set<string>();
  /** What the feed told, held back while the texts to show it in are on their way. */
  const held: (() => void)[] = [];
  /** Whether the texts of the wall's language are on their way (it then shows no words). */
  const waiting = (): boolean => !hasTexts(lang()) && !missing.has(lang());
  return {
    _waiting: waiting,
    /** Asks for the wall's language when it is neither here nor asked for yet. */
    _ask(): void {
      const wanted = lang();
      if (hasTexts(wanted) || asked.has(wanted)) return;
      asked.add(wanted);
      loadChunk(
        () => loadTexts(wanted),
        () => {
          missing.delete(wanted);
          host.requestUpdate();
        },
        (error) => {
          // English, rather than words that never come.
          missing.add(wanted);
          host.requestUpdate();
          failed(error);
        },
      );
    },
    /** Tells now, or once the wall shows in its language. */
    _whenShown(tell: () => void): void {
      if (waiting()) held.push(tell);
      else tell();
    },
    /** After a render: what was held back is told, when the wall now shows its words. */
    _release(): void {
      if (!waiting()) held.splice(0).forEach((tell) => tell());
    },
  };
}
