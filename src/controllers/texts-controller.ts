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

export class TextsController {
  /** Languages this wall asked for, and those that could not be loaded (it shows English). */
  private _asked = new Set<string>();
  private _missing = new Set<string>();
  /** What the feed told, held back while the texts to show it in are on their way. */
  private _held: (() => void)[] = [];

  constructor(
    private readonly _host: ReactiveControllerHost,
    /** The wall's language now. */
    private readonly _lang: () => string,
    private readonly _failed: (error: WallErrorInfo) => void,
  ) {}

  /** Asks for the wall's language when it is neither here nor asked for yet. */
  _ask(): void {
    const lang = this._lang();
    if (hasTexts(lang) || this._asked.has(lang)) return;
    this._asked.add(lang);
    loadChunk(
      () => loadTexts(lang),
      () => {
        this._missing.delete(lang);
        this._host.requestUpdate();
      },
      (error) => {
        // English, rather than words that never come.
        this._missing.add(lang);
        this._host.requestUpdate();
        this._failed(error);
      },
    );
  }

  /** Whether the texts of the wall's language are on their way (it then shows no words). */
  _waiting(): boolean {
    const lang = this._lang();
    return !hasTexts(lang) && !this._missing.has(lang);
  }

  /** Tells now, or once the wall shows in its language. */
  _whenShown(tell: () => void): void {
    if (this._waiting()) this._held.push(tell);
    else tell();
  }

  /** After a render: what was held back is told, when the wall now shows its words. */
  _release(): void {
    if (!this._waiting()) this._held.splice(0).forEach((tell) => tell());
  }
}
