/**
 * The demo's offer icons, drawn here so the demo stays offline: a rounded square with a gradient
 * and a white glyph for the offer's category (controller, bag, clipboard, coin…), the way app and
 * store icons look in real feeds. Deterministic: the same key always draws the same icon.
 *
 * A key is `<glyph>-<anything>`, e.g. `game-dragon-realms-0`; the colours come from the whole key,
 * so offers of one category still look apart. The msw handlers (demo) and the mock upstream
 * (proxy mode) serve `iconSvg(key)` at `iconUrl(key)`.
 */

/** Gradient pairs, light corner to dark corner; white glyphs keep at least 3:1 on the lighter end. */
const GRADIENTS: ReadonlyArray<readonly [string, string]> = [
  ['#6366f1', '#312e81'],
  ['#16a34a', '#14532d'],
  ['#f59e0b', '#9a3412'],
  ['#ec4899', '#831843'],
  ['#0891b2', '#164e63'],
  ['#a855f7', '#581c87'],
  ['#ef4444', '#7f1d1d'],
  ['#3b82f6', '#1e3a8a'],
  ['#0d9488', '#134e4a'],
  ['#f97316', '#7c2d12'],
];

/** Where holes are cut into a glyph: painted with the background, so they read as see-through. */
const CUT = 'fill="none" stroke="url(#bg)" stroke-linecap="round" stroke-linejoin="round"';
const LINE = 'fill="none" stroke="#fff" stroke-linecap="round" stroke-linejoin="round"';

function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
}

function star(cx: number, cy: number, outer: number, inner: number): string {
  const points = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 ? inner : outer;
    const angle = (Math.PI / 5) * i - Math.PI / 2;
    return `${(cx + r * Math.cos(angle)).toFixed(1)} ${(cy + r * Math.sin(angle)).toFixed(1)}`;
  });
  return `M${points.join('L')}z`;
}

/** Each glyph in a 64×64 box, white; `fill-rule="evenodd"` turns inner sub-paths into holes. */
const GLYPHS: Record<string, string> = {
  game:
    '<path fill-rule="evenodd" d="M21 22h22a10 10 0 0 1 9.7 7.6l3 11.4a5.6 5.6 0 0 1-9.6 5.1L41.5 41h-19l-4.6 5.1a5.6 5.6 0 0 1-9.6-5.1l3-11.4A10 10 0 0 1 21 22z' +
    'M20 28h4v4h4v4h-4v4h-4v-4h-4v-4h4z' +
    `${circle(41, 30.5, 2.4)}${circle(46.5, 35.5, 2.4)}"/>`,
  shopping:
    `<path ${LINE} stroke-width="3.5" d="M25 27v-6a7 7 0 0 1 14 0v6"/>` +
    '<path d="M15.5 25h33l-2.6 23.4a4 4 0 0 1-4 3.6H22.1a4 4 0 0 1-4-3.6z"/>' +
    `<path ${CUT} stroke-width="3" d="M25 31v1M39 31v1"/>`,
  survey:
    '<path fill-rule="evenodd" d="M21 13h22a4 4 0 0 1 4 4v33a4 4 0 0 1-4 4H21a4 4 0 0 1-4-4V17a4 4 0 0 1 4-4z' +
    'M30 27h10v3H30zM30 36h10v3H30zM30 45h7v3h-7z"/>' +
    '<rect x="25" y="9" width="14" height="8" rx="3" fill="#fff" stroke="url(#bg)" stroke-width="2"/>' +
    `<path ${CUT} stroke-width="2.2" d="M22.5 28.5l1.6 1.6 2.8-3.2M22.5 37.5l1.6 1.6 2.8-3.2"/>`,
  finance:
    '<rect x="14" y="38" width="8" height="12" rx="2"/><rect x="26" y="32" width="8" height="18" rx="2"/><rect x="38" y="26" width="8" height="24" rx="2"/>' +
    `<path ${LINE} stroke-width="3.2" d="M13 28l11-8 8 4 15-11M40 13h7v7"/>`,
  coin: `<path fill-rule="evenodd" d="${circle(32, 32, 19)}${circle(32, 32, 15.5)}${circle(32, 32, 13.5)}${star(32, 33, 9, 3.8)}"/>`,
  gem:
    '<path d="M22 16h20l9 11-19 23-19-23z"/>' +
    `<path ${CUT} stroke-width="1.6" stroke-opacity=".55" d="M14 27h36M26 16l-3 11 9 23 9-23-3-11"/>`,
  bolt: '<path d="M36 8L17 36h13l-4 20 21-29H34z" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>',
  tools:
    '<g transform="rotate(-40 32 32)"><rect x="18" y="12" width="28" height="11" rx="2.5"/><rect x="28.5" y="21" width="7" height="32" rx="3.5"/></g>',
  crown:
    '<path d="M14 42l-3-21 11 9 10-15 10 15 11-9-3 21z" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>' +
    '<rect x="14" y="45" width="36" height="6" rx="2"/>' +
    `<path fill-rule="evenodd" d="${circle(32, 34, 3)}"/>`,
  wheel:
    `<path d="${circle(32, 35, 17)}"/>` +
    `<path ${CUT} stroke-width="2.2" d="M32 18v34M15 35h34M20 23l24 24M44 23L20 47"/>` +
    `<path d="${circle(32, 35, 4)}M27 8h10l-5 8z"/>`,
  shirt: '<path d="M24 14l-11 6.5 4.5 9.5 5.5-2.2V50h18V27.8l5.5 2.2 4.5-9.5L40 14c-1.3 3.7-4.3 6-8 6s-6.7-2.3-8-6z" stroke="#fff" stroke-width="1.5" stroke-linejoin="round"/>',
  chest:
    '<path d="M14 30v-5a11 11 0 0 1 11-11h14a11 11 0 0 1 11 11v5z"/><path d="M14 33h36v14a4 4 0 0 1-4 4H18a4 4 0 0 1-4-4z"/>' +
    '<rect x="28" y="27" width="8" height="11" rx="2" fill="#fff" stroke="url(#bg)" stroke-width="2"/>',
  sword:
    '<g transform="rotate(45 32 32)"><path d="M32 5l4.5 6v29h-9V11z"/><rect x="20" y="40" width="24" height="4.5" rx="2.2"/>' +
    `<rect x="29.5" y="44" width="5" height="10" rx="1.5"/><path d="${circle(32, 57, 3)}"/></g>`,
  boost: `<path ${LINE} stroke-width="5.5" d="M18 31l14-13 14 13M18 46l14-13 14 13"/>`,
  health:
    '<path d="M32 51C18 41 11 34 11 25.5a10 10 0 0 1 21-4.8 10 10 0 0 1 21 4.8C53 34 46 41 32 51z"/>' +
    `<path ${CUT} stroke-width="2.6" d="M15 31h9l3-6 5 12 3-6h14"/>`,
  entertainment: `<path fill-rule="evenodd" d="${circle(32, 32, 19)}M27 22v20l16-10z"/>`,
  education:
    '<path d="M32 13l25 11-25 11L7 24z"/><path d="M17 30v9c0 4.4 6.7 8 15 8s15-3.6 15-8v-9l-15 6.5z"/>' +
    `<path ${LINE} stroke-width="2" d="M52 26v11"/><path d="${circle(52, 39, 2.5)}"/>`,
  app: '<rect x="17" y="17" width="13" height="13" rx="3.5"/><rect x="34" y="17" width="13" height="13" rx="3.5"/><rect x="17" y="34" width="13" height="13" rx="3.5"/><rect x="34" y="34" width="13" height="13" rx="3.5" opacity=".7"/>',
};

/** The glyphs there are, for the catalogue to pick from. */
export type Glyph = keyof typeof GLYPHS;

function hash(text: string): number {
  let value = 2166136261;
  for (const ch of text) value = Math.imul(value ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return value;
}

/** A URL-safe icon key: the glyph, then a slug of `seed`. */
export function iconKey(glyph: string, seed: string): string {
  const slug = seed
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${glyph}-${slug}`;
}

export function iconSvg(key: string): string {
  const glyph = GLYPHS[key.split('-')[0]!] ?? GLYPHS['app']!;
  const h = hash(key);
  const [light, dark] = GRADIENTS[h % GRADIENTS.length]!;
  // Which corner is light varies a little, as real icons' lighting does.
  const x1 = (h >> 8) % 2 ? 0 : 1;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    `<defs><linearGradient id="bg" x1="${x1}" y1="0" x2="${1 - x1}" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient>` +
    '<filter id="shadow" x="-20%" y="-20%" width="140%" height="140%"><feDropShadow dx="0" dy="1.5" stdDeviation="1.2" flood-color="#000" flood-opacity=".3"/></filter></defs>' +
    '<rect width="64" height="64" rx="14" fill="url(#bg)"/>' +
    '<path d="M0 14A14 14 0 0 1 14 0h36a14 14 0 0 1 14 14v6C44 28 20 28 0 20z" fill="#fff" opacity=".1"/>' +
    `<g fill="#fff" filter="url(#shadow)">${glyph}</g>` +
    '</svg>'
  );
}
