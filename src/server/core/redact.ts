/**
 * Keeps the upstream's secret out of everything the proxy sends back. An upstream that echoes its
 * own request (a paging `next` link, a debug field) may carry the secret in any of the ways a URL
 * or JSON writes text: as it is, URL-encoded (`%2F` or `%2f`, `+` or `%20` for a space),
 * JSON-escaped (`\/`, `\u00e9`), or both. Every such spelling is replaced by `[redacted]`, in a
 * whole answer or in one that streams (a spelling cut between two pieces is still found).
 */

const REPLACEMENT = new TextEncoder().encode('[redacted]');

const hex = (code: number) => code.toString(16).padStart(4, '0');

/** Every spelling of `secret` an answer could carry, longest first, each once. */
export function secretSpellings(secret: string): string[] {
  const urlEncoded = encodeURIComponent(secret);
  const spellings = new Set<string>();
  const add = (text: string) => {
    spellings.add(text);
    // JSON writes a string with its quotes and backslashes escaped, `/` optionally as `\/`, and
    // anything outside ASCII either as it is or as \uXXXX.
    const json = JSON.stringify(text).slice(1, -1);
    spellings.add(json);
    spellings.add(json.replace(/\//g, '\\/'));
    const ascii = json.replace(/[^\x20-\x7e]/g, (c) => `\\u${hex(c.charCodeAt(0))}`);
    spellings.add(ascii);
    spellings.add(ascii.replace(/\//g, '\\/'));
  };
  add(secret);
  add(urlEncoded);
  add(urlEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  // Form encoding (`URLSearchParams`): a space is `+`, and more characters are escaped.
  add(new URLSearchParams([['', secret]]).toString().slice(1));
  add(urlEncoded.replace(/%20/g, '+'));
  spellings.delete('');
  return [...spellings].sort((a, b) => b.length - a.length);
}

export interface Redactor {
  /** A whole text with every spelling of the secret replaced. */
  text(text: string): string;
  /**
   * A redacting pass over a body that arrives in pieces: `push` returns what may be sent so far
   * (holding back a tail that could be the start of a spelling), `end` the rest.
   */
  stream(): { push(chunk: Uint8Array): Uint8Array; end(): Uint8Array };
}

export function createRedactor(secret: string): Redactor {
  const spellings = secretSpellings(secret);
  const encoder = new TextEncoder();
  const patterns = spellings.map((spelling) => encoder.encode(spelling));
  const longest = patterns.reduce((most, pattern) => Math.max(most, pattern.length), 0);

  /** Where a spelling starts at `at` in `bytes`, its length; else 0. */
  const matchAt = (bytes: Uint8Array, at: number): number => {
    for (const pattern of patterns) {
      if (at + pattern.length > bytes.length) continue;
      let i = 0;
      while (i < pattern.length && bytes[at + i] === pattern[i]) i++;
      if (i === pattern.length) return pattern.length;
    }
    return 0;
  };
  const firsts = [...new Set(patterns.map((pattern) => pattern[0]!))];

  /**
   * Replaces the spellings in `bytes[0, limit)` (a spelling may run past `limit` into the bytes
   * after it); returns the result and where it stopped reading.
   */
  function replace(bytes: Uint8Array, limit: number): { out: Uint8Array; read: number } {
    const parts: Uint8Array[] = [];
    let from = 0;
    let at = 0;
    // Where each first byte is next found (each looked for again only once passed: linear time).
    const ahead = firsts.map(() => -1);
    while (at < limit) {
      // The next byte that can start a spelling.
      let next = limit;
      for (let i = 0; i < firsts.length; i++) {
        if (ahead[i]! < at && ahead[i] !== Infinity) ahead[i] = bytes.indexOf(firsts[i]!, at);
        if (ahead[i] === -1) ahead[i] = Infinity;
        if (ahead[i]! < next) next = ahead[i]!;
      }
      if (next >= limit) break;
      const length = matchAt(bytes, next);
      if (length) {
        parts.push(bytes.subarray(from, next), REPLACEMENT);
        at = from = next + length;
      } else at = next + 1;
    }
    const read = Math.max(from, limit);
    if (!parts.length) return { out: bytes.subarray(0, read), read };
    parts.push(bytes.subarray(from, read));
    return { out: concat(parts), read };
  }

  return {
    text: (text) => spellings.reduce((result, spelling) => (result.includes(spelling) ? result.split(spelling).join('[redacted]') : result), text),
    stream() {
      let held: Uint8Array = new Uint8Array(0);
      return {
        push(chunk) {
          const bytes = held.length ? concat([held, chunk]) : chunk;
          // The last longest-1 bytes may begin a spelling that the next piece completes.
          const { out, read } = replace(bytes, Math.max(0, bytes.length - (longest - 1)));
          held = bytes.slice(read);
          return out;
        },
        end() {
          const { out } = replace(held, held.length);
          held = new Uint8Array(0);
          return out;
        },
      };
    },
  };
}

export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
