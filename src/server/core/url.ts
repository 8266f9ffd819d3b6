/** URLs in the server's settings: which are http(s), and how one is printed without what it may hide. */

export function httpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** A URL as it may be printed: scheme, host and path, never a user, password, query or fragment. */
export function shownUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    // Not a URL at all: shown up to anything that could hold a secret.
    return text.replace(/[?#@].*$/s, '…');
  }
}
