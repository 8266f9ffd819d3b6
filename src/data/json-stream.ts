/**
 * Reads a feed's JSON as it arrives, text chunk by text chunk, without waiting for the end: each
 * item of the offer lists is handed on, as its JSON text, as soon as it is complete (at the comma
 * or bracket after it); the rest of the answer (its envelope: `c`, `d.tot`, `totalCount`, …) is
 * kept as text, with each list left empty, and read as a plain value. The wall shows the first
 * offers of a big page while the rest is still on the network; the proxy decides from the envelope
 * whether an answer is a feed without holding the whole answer as objects. Both then read the
 * envelope with the dialect's own `open()`.
 *
 * It follows only strings, brackets, and the keys down to the lists' depth; `JSON.parse` checks
 * the rest: the envelope (up to a list when the list starts, whole at the end), and each item (by
 * whoever takes it). Malformed text throws a `SyntaxError`; so does `end()` when the answer stopped
 * before its JSON did. It holds the envelope and the item being read, never the items before.
 *
 * Each chunk is scanned once, from where the last one stopped (its state, in a string or after an
 * escape, carries over): an item or a string longer than a chunk is kept as the chunks' pieces and
 * joined once at its end, so reading costs time in proportion to the answer's length, however
 * long its longest string.
 */

/** A string's special characters: its end, and escapes. */
const STRING_STOP = /["\\]/g;


export class JsonFeedReader {
  /** The envelope so far, each list left empty. */
  private _env = '';
  /** The item being read: its text in earlier chunks. */
  private _item = '';
  /** In a string; just after a backslash in one. */
  private _str = false;
  private _esc = false;
  /** The string being read, when it may be a key: its text in earlier chunks (from its quote), or null. */
  private _key: string | null = null;
  /** How many objects and arrays are open, and which (`{`, `[`) down to the lists' depth. */
  private _depth = 0;
  private _open = '';
  /** The last string met at each depth down to the lists': the keys of the path to here. */
  private _keys: string[] = [];
  /** The list being read (its path, '' when none), how deep its items are, whether one has gone. */
  private _list = '';
  private _itemDepth = 0;
  private _handed = false;
  /** The envelope up to the latest list, closed there, until `body` decodes it. */
  private _head = '';
  private _body: unknown;
  private readonly _maxDepth: number;

  /**
   * @param _lists the dotted paths of the offer lists (`d.data`, `offers`), through objects only
   * @param _onItem takes each item's JSON text, and the list's path
   * @param _onList is told when a list starts (its path), before its first item
   */
  constructor(
    private readonly _lists: readonly string[],
    private readonly _onItem: (text: string, path: string) => void,
    private readonly _onList?: (path: string) => void,
  ) {
    this._maxDepth = Math.max(0, ..._lists.map((list) => list.split('.').length));
  }

  /** The answer without the lists' items: whole once `end()` has returned; up to the latest list after one started. */
  get body(): unknown {
    if (this._head) {
      this._body = JSON.parse(this._head);
      this._head = '';
    }
    return this._body;
  }

  /** Reads the next piece of the answer. */
  push(text: string): void {
    const length = text.length;
    // Where, in `text`, the item being read or the envelope not yet kept aside starts; and the
    // key being read, when it started in this piece.
    let from = 0;
    let key = 0;
    let at = 0;
    while (at < length) {
      if (this._str) {
        if (this._esc) {
          // The character after a backslash is part of the string, whatever it is.
          this._esc = false;
          at++;
          continue;
        }
        STRING_STOP.lastIndex = at;
        const stop = STRING_STOP.exec(text);
        if (!stop) break;
        at = stop.index + 1;
        if (text.charCodeAt(at - 1) === 92) this._esc = true;
        else {
          this._str = false;
          // Where a list may start, the last string before it is its key (`"data": [`).
          if (this._key !== null) this._keys[this._depth] = JSON.parse(this._key + text.slice(key, at));
        }
        continue;
      }
      const c = text.charCodeAt(at);
      if (c === 34) {
        this._str = true;
        this._key = !this._list && this._depth <= this._maxDepth ? '' : null;
        key = at;
      } else if (c === 123 || c === 91) {
        const depth = this._depth++;
        if (depth < this._maxDepth) this._open = this._open.slice(0, depth) + text[at];
        // A list: the value of a key at one of the paths, in objects only.
        if (c === 91 && depth && !this._list && depth <= this._maxDepth && !this._open.slice(0, depth).includes('[')) {
          const path = this._keys.slice(1, depth + 1).join('.');
          if (this._lists.includes(path)) {
            this._env += text.slice(from, at + 1);
            from = at + 1;
            this._list = path;
            this._itemDepth = depth + 1;
            this._handed = false;
            this._head = `${this._env}]${'}'.repeat(depth)}`;
            this._onList?.(path);
          }
        }
      } else if (this._list && this._depth === this._itemDepth && (c === 44 || c === 93 || c === 125)) {
        // The end of an item; or of the list, after its last item (or none: `[]`).
        const item = this._item + text.slice(from, at);
        this._item = '';
        if (c === 44 || this._handed || /\S/.test(item)) this._onItem(item, this._list);
        this._handed = true;
        from = at + 1;
        if (c !== 44) {
          // The envelope goes on from the list's closer.
          this._list = '';
          from = at;
          this._depth--;
        }
      } else if (c === 125 || c === 93) {
        this._depth--;
      }
      at++;
    }
    // What is left of this piece is kept aside: the item's start, or the envelope.
    if (this._list) this._item += text.slice(from);
    else this._env += text.slice(from);
    if (this._str && this._key !== null) this._key += text.slice(key);
  }

  /** The answer is complete: throws when its JSON is not. */
  end(): void {
    this._head = '';
    // A list still open is a cut answer: its envelope alone ends in `[`, which no parse accepts.
    this._body = JSON.parse(this._env);
  }
}
