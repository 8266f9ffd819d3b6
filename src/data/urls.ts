/**
 * URL safety and macro filling. Every URL that comes from a feed passes through `safeHttpUrl`
 * before the view or a click may use it.
 */

/** Whether a parsed URL's scheme is `http:` or `https:`. */
export const isHttp = (url: URL): boolean => /^https?:$/.test(url.protocol);

/**
 * Returns the normalized `href` of `value` when it parses as an absolute `http:` or `https:` URL,
 * else `null`. Disguises such as ` JaVa\tScript:` are normalized by the URL parser first, so the
 * scheme check sees the real scheme. Relative and protocol-relative URLs are refused: a feed's
 * links must not depend on the page that happens to embed the wall.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  // Protocol-relative (`//host`) and relative URLs have no scheme of their own; URL() without a
  // base rejects them, which is what we want.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return isHttp(url) && url.hostname ? url.href : null;
}

/**
 * Puts values in place of `{name}` macros in a link, URL-encoding each value. Macros may appear as
 * `{name}` or, after a URL parser touched the link, as `%7Bname%7D`. Unknown macros are left as
 * they are: the tracking server may fill them itself. A value of `null` becomes the empty string.
 */
export function fillMacros(template: string, values: Readonly<Record<string, string | null>>): string {
  return template.replace(/(?:\{|%7B)([a-z_][a-z0-9_]*)(?:\}|%7D)/gi, (whole, name: string) => {
    const key = name.toLowerCase();
    if (!Object.hasOwn(values, key)) return whole;
    return encodeURIComponent(values[key] ?? '');
  });
}

/**
 * The link an offer's click opens, macros filled: the feed's tracking link (which must be an
 * absolute http(s) URL), or else the publisher's `click-url-template`, which may be relative to
 * `baseUrl`. Returns `null` when there is nothing safe to open.
 */
export function clickUrl(
  trackingUrl: string | null,
  template: string | null,
  macros: Readonly<Record<string, string | null>>,
  baseUrl: string,
): string | null {
  if (trackingUrl) return safeHttpUrl(fillMacros(trackingUrl, macros));
  if (!template) return null;
  try {
    const url = new URL(fillMacros(template, macros), baseUrl);
    return isHttp(url) ? url.href : null;
  } catch {
    return null;
  }
}

/** A fresh id for `{click_id}`, unique per click. */
export function newClickId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
