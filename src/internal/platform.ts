/** What the wall reads from the browser it runs in. */

import type { Device } from '../data/types.js';

/** The device from the user agent: `android` or `ios` (else `null`), and its version when told. */
export function detectDevice(nav: Navigator | undefined = globalThis.navigator): Device {
  // Even Chromium's reduced user-agent string keeps "Android", but always as "Android 10; K",
  // whatever the version: that tells none.
  const ua = nav?.userAgent ?? '';
  const android = /android(?: ([\d.]+)(; K\))?)?/i.exec(ua);
  if (android) return { os: 'android', version: android[2] ? null : (android[1] ?? null) };
  const ios = /OS (\d+)_(\d+)(?:_(\d+))? like Mac/.exec(ua);
  // iPadOS reports itself as a Mac; touch points tell them apart (its version is then not told).
  return /iphone|ipad|ipod/i.test(ua) || (/macintosh/i.test(ua) && (nav?.maxTouchPoints ?? 0) > 1)
    ? { os: 'ios', version: ios ? ios.slice(1).filter(Boolean).join('.') : null }
    : { os: null, version: null };
}

/** Whether `tag` is a well-formed BCP 47 language tag `Intl` accepts. */
export function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length > 0;
  } catch {
    return false;
  }
}
