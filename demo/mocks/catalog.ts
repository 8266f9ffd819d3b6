/**
 * Realistic demo feeds, built around the upstreams' own examples (seeds.ts): about sixty s2s
 * offers across countries and platforms, and a dozen appcharge store offers. Everything is
 * generated locally so the demo runs offline; icons are small SVGs served by the mock too.
 */
import { APPCHARGE_SEED_POPUP, APPCHARGE_SEED_ROLLING, S2S_SEED_OFFER } from './seeds.js';

const APPS = [
  ['Dragon Realms: Idle RPG', 'game', ['Install and open the game', 'Reach castle level 10 within 14 days']],
  ['Budget Buddy – Money Tracker', 'finance', ['Install the app', 'Link a bank account', 'Stay subscribed past the free trial']],
  ['Word Crush Deluxe', 'game', ['Install and play', 'Complete 150 levels']],
  ['FitNow: Home Workouts', 'health', ['Download the app', 'Finish your first 3 workouts']],
  ['Solitaire Journey', 'game', ['Install', 'Win 25 games']],
  ['QuickShop Grocery', 'shopping', ['Sign up with a new account', 'Place a first order of $20 or more']],
  ['Merge Mansion Tales', 'game', ['Install', 'Unlock the garden area']],
  ['StreamMax Video', 'entertainment', ['Start a free trial', 'Keep it for 7 days']],
  ['Tower Siege 3D', 'game', ['Install and open', 'Reach player level 25']],
  ['CryptoLite Wallet', 'finance', ['Create an account', 'Verify your identity', 'Deposit $50']],
  ['Puzzle Paradise', 'game', ['Install', 'Finish chapter 4']],
  ['LinguaLeap Languages', 'education', ['Install the app', 'Complete a 5-day streak']],
] as const;

const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'ES', 'BR', 'JP', 'IN'];
const PALETTE = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#9d174d'];

/** Where icons are served: the page itself in the msw demo, the mock upstream in proxy mode. */
let iconBase = typeof location === 'undefined' ? '' : `${location.origin}/demo-assets/icons`;

export function setIconBase(base: string): void {
  iconBase = base;
}

/** An icon URL the mock answers with an SVG. */
export function iconUrl(key: string): string {
  return `${iconBase}/${encodeURIComponent(key)}.svg`;
}

export function iconSvg(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  const colour = PALETTE[hash % PALETTE.length];
  const letter = (key.replace(/[^a-z]/gi, '')[0] ?? '?').toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${colour}"/><text x="32" y="42" font-family="system-ui,sans-serif" font-size="30" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text></svg>`;
}

/** The s2s catalogue: the seed offer first (given a tracking link), then `count` generated offers. */
export function s2sCatalog(count = 60): Record<string, unknown>[] {
  const offers: Record<string, unknown>[] = [
    {
      ...S2S_SEED_OFFER,
      icon: iconUrl('plus500'),
      tracking_link: 'https://track.offer-wall.test/click?offer=2957231058&sub={user_id}&cid={click_id}',
    },
  ];
  for (let i = 0; i < count; i++) {
    const [name, kind, steps] = APPS[i % APPS.length]!;
    const round = Math.floor(i / APPS.length);
    const id = 3100000000 + i * 7919;
    const os = i % 3 === 0 ? 'ios' : 'android';
    offers.push({
      // Real feeds mix numbers and strings for ids and payouts.
      id: i % 2 ? id : String(id),
      icon: i % 11 === 5 ? '' : iconUrl(`${name}-${round}`),
      name: round ? `${name} (${['Season 2', 'Pro', 'Plus', 'Gold'][round - 1] ?? `#${round + 1}`})` : name,
      conversion_flow: steps.map((s, n) => `${n + 1}.${s}`).join('\n'),
      tracking_link: `https://track.offer-wall.test/click?offer=${id}&sub={user_id}&cid={click_id}`,
      payout: i % 2 ? ((i * 37) % 900) / 100 + 0.25 : (((i * 37) % 900) / 100 + 0.25).toFixed(2),
      preview_url: `https://play.offer-wall.test/store/apps/details?id=com.demo.app${i}`,
      package: `com.demo.app${i}`,
      offer_type: ['app', 'CPI', 'CPA', 'CPL'][i % 4],
      payout_type: 'fixed',
      os,
      countries: COUNTRIES.filter((_, c) => (i + c) % 3 !== 0),
      os_version: '',
      category: kind,
    });
  }
  return offers;
}

function bundle(n: number, name: string, type: string, cents: number | null, items: Array<[string, number]>) {
  return {
    publisherId: 'demo-publisher',
    publisherOfferId: `${type.toLowerCase()}-${n}`,
    offerId: `demo${n}`,
    name,
    displayName: name,
    description: `${name}: limited-time value for loyal players.`,
    type,
    active: true,
    segments: [],
    offerUi: null,
    productsSequence: [
      {
        index: 1,
        products: items.map(([product, quantity], k) =>
          // Products come wrapped and bare, as the real feed sends them.
          k % 2
            ? { publisherProductId: product, name: product, displayName: product, quantity, images: [{ type: 'product', url: iconUrl(product) }] }
            : { product: { publisherProductId: product, name: product, displayName: product, quantity, images: [{ type: 'product', url: iconUrl(product) }] } },
        ),
        ...(cents === null ? {} : { priceInUsdCents: cents }),
      },
    ],
    priority: n,
    ...(n % 3 === 0 ? { priceDiscount: { type: 'percentage', discount: 20 + (n % 4) * 10 } } : {}),
  };
}

/** The appcharge catalogue: the seed offers, a live rolling offer, and generated bundles. */
export function appchargeCatalog(): Record<string, unknown>[] {
  const now = Date.now();
  return [
    {
      ...APPCHARGE_SEED_POPUP,
      productsSequence: APPCHARGE_SEED_POPUP.productsSequence.map((step) => ({
        ...step,
        products: step.products.map((p) => ({ product: { ...p.product, images: [{ type: 'product', url: iconUrl('treasure') }] } })),
      })),
    },
    // The seed's own rolling offer is scheduled in the past: the wall leaves it out.
    APPCHARGE_SEED_ROLLING,
    {
      ...APPCHARGE_SEED_ROLLING,
      publisherOfferId: 'rolling-offer-live',
      name: 'Weekend Rolling Offer',
      displayName: 'Weekend Rolling Offer',
      schedule: {
        permanent: false,
        timeFrames: [{ startTime: new Date(now - 86400e3).toISOString(), endTime: new Date(now + 2 * 86400e3).toISOString() }],
      },
    },
    bundle(1, 'Starter Pack', 'Bundle', 499, [['Gems', 500], ['Gold', 10000]]),
    bundle(2, 'Daily Bonus', 'PopUp', null, [['Energy', 50]]),
    bundle(3, 'Mega Gem Chest', 'SpecialOffer', 1999, [['Gems', 2500]]),
    bundle(4, 'Builder Bundle', 'Bundle', 999, [['Hammers', 20], ['Gold', 50000]]),
    bundle(5, 'VIP Pass (30 days)', 'SpecialOffer', 1499, [['VIP days', 30]]),
    bundle(6, 'Lucky Spin Pack', 'Bundle', 299, [['Spins', 25]]),
    { ...bundle(7, 'Retired Pack', 'Bundle', 199, [['Gems', 100]]), active: false },
    bundle(8, 'Halloween Chest', 'SpecialOffer', 2499, [['Gems', 4000], ['Skins', 3]]),
    bundle(9, 'Progress Reward', 'ProgressBar', null, [['Gold', 2500]]),
  ];
}
