/**
 * Reads a feed's JSON as it arrives, text chunk by text chunk, without waiting for the end: each
 * item of the offer lists is handed on, as its JSON text, the moment its last character is in; the
 * rest of the answer (its envelope: `c`, `d.tot`, `totalCount`, …) is built as a plain value, with
 * each list left empty. The wall shows the first offers of a big page while the rest is still on
 * the network; the proxy decides from the envelope whether an answer is a feed without holding
 * the whole answer as objects. Both then read the envelope with the dialect's own `open()`.
 *
 * It checks the structure it walks (brackets, quotes, colons, commas); each item and envelope
 * value is checked by `JSON.parse` of its text (the items by whoever takes them). Malformed text
 * throws a `SyntaxError`; so does `end()` when the answer stopped before its JSON did.
 */

/** How a value is read: as a list whose items go out one by one, as an object built key by key, or whole. */
const LIST = 1;
const OBJECT = 2;

// What a frame expects next.
const KEY_OR_CLOSE = 0;
const COLON = 1;
const VALUE = 2;
const COMMA_OR_CLOSE = 3;
const KEY = 4;

// Where a value read whole goes.
const TO_ITEM = 0;
const TO_KEY = 1;
const TO_VALUE = 2;

interface Frame {
  kind: typeof LIST | typeof OBJECT;
  path: string;
  value: Record<string, unknown> | unknown[];
  state: number;
  key: string;
}

/** A string's special characters: its end, and escapes. */
const STRING_STOP = /["\\]/g;

const broken = (what: string) => new SyntaxError(`The answer is not well-formed JSON: ${what}.`);

export class JsonFeedReader {
  /** The answer without the lists' items; whole once `end()` has returned. */
  body: unknown;
  private _text = '';
  /** The next character to read in `_text`. */
  private _at = 0;
  private _frames: Frame[] = [];
  private _done = false;
  // The value being read whole: where it starts in `_text` (-1: none), where it goes, its nesting.
  private _start = -1;
  private _to = TO_VALUE;
  private _depth = 0;
  private _inString = false;
  private _objects: ReadonlySet<string>;

  /**
   * @param _lists the dotted paths of the offer lists (`d.data`, `offers`)
   * @param _onItem takes each item's JSON text, and the list's path
   * @param _onList is told when a list starts (its path), before its first item
   */
  constructor(
    private readonly _lists: readonly string[],
    private readonly _onItem: (text: string, path: string) => void,
    private readonly _onList?: (path: string) => void,
  ) {
    // Objects on the way to a list are built key by key; everything else is read whole.
    const objects = new Set<string>();
    for (const list of _lists) {
      const keys = list.split('.');
      for (let i = 0; i < keys.length; i++) objects.add(keys.slice(0, i).join('.'));
    }
    this._objects = objects;
  }

  /** Reads the next piece of the answer. */
  push(text: string): void {
    this._text += text;
    this._scan();
    // Keep only what is still needed: the value being read whole, or nothing.
    const keep = this._start >= 0 ? this._start : this._at;
    if (keep > 0) {
      this._text = this._text.slice(keep);
      this._at -= keep;
      if (this._start >= 0) this._start = 0;
    }
  }

  /** The answer is complete: throws when its JSON is not. */
  end(): void {
    // A number or literal at the very end has nothing after it to end it.
    if (this._start >= 0 && !this._inString && this._depth === 0 && !this._frames.length) {
      this._at = this._text.length;
      this._finish();
    }
    if (!this._done || this._start >= 0 || /[^\s\ufeff]/.test(this._text.slice(this._at))) throw broken('it ends too early');
  }

  private _scan(): void {
    const text = this._text;
    for (;;) {
      if (this._start >= 0) {
        if (!this._skip()) return;
        this._finish();
        continue;
      }
      // The next character that is not white space.
      let at = this._at;
      let c = 0;
      while (at < text.length && ((c = text.charCodeAt(at)) <= 32 || c === 0xfeff)) at++;
      this._at = at;
      if (at >= text.length) return;
      const frame = this._frames[this._frames.length - 1];
      if (!frame) {
        if (this._done) throw broken('text follows the end');
        this._begin(c, '');
        continue;
      }
      const closer = frame.kind === LIST ? 93 : 125;
      switch (frame.state) {
        case KEY_OR_CLOSE:
        case KEY:
          if (c === closer && frame.state === KEY_OR_CLOSE) {
            this._close();
          } else if (frame.kind === LIST) {
            frame.state = COMMA_OR_CLOSE;
            this._read(at, TO_ITEM);
          } else if (c === 34) {
            frame.state = COLON;
            this._read(at, TO_KEY);
          } else {
            throw broken('a key is missing');
          }
          break;
        case COLON:
          if (c !== 58) throw broken('a colon is missing');
          frame.state = VALUE;
          this._at++;
          break;
        case VALUE:
          frame.state = COMMA_OR_CLOSE;
          this._begin(c, frame.path ? `${frame.path}.${frame.key}` : frame.key);
          break;
        default:
          if (c === closer) this._close();
          else if (c === 44) {
            frame.state = KEY;
            this._at++;
          } else throw broken('a comma is missing');
      }
    }
  }

  /** A value starts at `_at` with character `c`, at `path`: a list, an object on the way to one, or a value read whole. */
  private _begin(c: number, path: string): void {
    const list = c === 91 && this._lists.includes(path);
    if (list || (c === 123 && this._objects.has(path))) {
      const value = list ? [] : {};
      this._assign(value);
      this._frames.push({ kind: list ? LIST : OBJECT, path, value, state: KEY_OR_CLOSE, key: '' });
      this._at++;
      if (list) this._onList?.(path);
    } else {
      this._read(this._at, TO_VALUE);
    }
  }

  private _read(at: number, to: number): void {
    this._start = at;
    this._to = to;
    this._depth = 0;
    this._inString = false;
  }

  /** Puts a value where the innermost frame expects it (or makes it the answer). */
  private _assign(value: unknown): void {
    const frame = this._frames[this._frames.length - 1];
    if (frame) (frame.value as Record<string, unknown>)[frame.key] = value;
    else this.body = value;
  }

  private _close(): void {
    this._frames.pop();
    this._at++;
    this._done = !this._frames.length;
  }

  /** The value read whole is complete: hands it on. */
  private _finish(): void {
    const text = this._text.slice(this._start, this._at);
    this._start = -1;
    if (this._to === TO_ITEM) return this._onItem(text, this._frames[this._frames.length - 1]!.path);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw broken(`"${text.slice(0, 20)}" is not a value`);
    }
    if (this._to === TO_KEY) {
      if (typeof value !== 'string') throw broken('a key is not a string');
      this._frames[this._frames.length - 1]!.key = value;
    } else {
      this._assign(value);
      this._done = !this._frames.length;
    }
  }

  /** Moves `_at` through the value read whole; `true` once it has ended. */
  private _skip(): boolean {
    const text = this._text;
    let at = this._at;
    let depth = this._depth;
    const ended = (end: number) => {
      this._at = end;
      this._depth = 0;
      return true;
    };
    while (at < text.length) {
      if (this._inString) {
        STRING_STOP.lastIndex = at;
        const stop = STRING_STOP.exec(text);
        if (!stop) {
          at = text.length;
          break;
        }
        at = stop.index;
        if (text.charCodeAt(at) === 92) {
          // An escape: its next character is part of the string, whatever it is.
          if (at + 1 >= text.length) break;
          at += 2;
          continue;
        }
        this._inString = false;
        at++;
        if (depth === 0) return ended(at);
        continue;
      }
      const c = text.charCodeAt(at);
      if (c === 34) {
        this._inString = true;
        at++;
      } else if (c === 123 || c === 91) {
        depth++;
        at++;
      } else if (c === 125 || c === 93) {
        // A scalar ends at its container's closer; a nested value closes.
        if (depth === 0) return ended(at);
        at++;
        if (--depth === 0) return ended(at);
      } else if (depth === 0 && (c === 44 || c <= 32)) {
        return ended(at);
      } else at++;
    }
    this._at = at;
    this._depth = depth;
    return false;
  }
}
