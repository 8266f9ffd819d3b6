/** What the wall reads from the browser it runs in. */

/** `android` or `ios` from the user agent, or `null` when it is neither. */
export function detectOs(nav: Navigator | undefined = globalThis.navigator): 'android' | 'ios' | null {
  if (!nav) return null;
  // Even Chromium's reduced user-agent string keeps "Android".
  const ua = nav.userAgent ?? '';
  if (/android/i.test(ua)) return 'android';
  if (/iphone|ipad|ipod/i.test(ua)) return 'ios';
  // iPadOS reports itself as a Mac; touch points tell them apart.
  if (/macintosh/i.test(ua) && (nav.maxTouchPoints ?? 0) > 1) return 'ios';
  return null;
}

/** Whether `tag` is a well-formed BCP 47 language tag `Intl` accepts. */
export function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length > 0;
  } catch {
    return false;
  }
}
