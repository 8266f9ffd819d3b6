/**
 * Realistic demo feeds, built around the upstreams' own examples (seeds.ts): about sixty s2s
 * offers across countries and platforms, and a dozen appcharge store offers. Everything is
 * generated locally so the demo runs offline. The offers carry icons as real feeds do: SVGs drawn
 * by icons.ts for each offer's category or product, served by the mock too. The seeds themselves
 * stay as the upstreams sent them (no icons); only the catalogue's copies get one.
 */
import { iconKey, type Glyph } from './icons.js';
import { APPCHARGE_SEED_POPUP, APPCHARGE_SEED_ROLLING, S2S_SEED_OFFER } from './seeds.js';

export { iconSvg } from './icons.js';

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
  ['Opinion Pulse: Paid Surveys', 'survey', ['Create your profile', 'Complete your first 3 surveys']],
] as const satisfies ReadonlyArray<readonly [string, Glyph, readonly string[]]>;

/** Each store product's picture. */
const PRODUCT_GLYPHS: Record<string, Glyph> = {
  Gems: 'gem',
  Gold: 'coin',
  Energy: 'bolt',
  Hammers: 'tools',
  'VIP days': 'crown',
  Spins: 'wheel',
  Skins: 'shirt',
  Sword: 'sword',
  Boost: 'boost',
};

const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'ES', 'BR', 'JP', 'IN'];

/** Where icons are served: the page itself in the msw demo, the mock upstream in proxy mode. */
let iconBase = typeof location === 'undefined' ? '' : `${location.origin}/demo-assets/icons`;

export function setIconBase(base: string): void {
  iconBase = base;
}

/**
 * The absolute URL of an icon the mock answers with an SVG: the wall takes only absolute http(s)
 * icons, hence the origin in `iconBase`.
 */
export function iconUrl(glyph: Glyph, seed: string): string {
  return `${iconBase}/${iconKey(glyph, seed)}.svg`;
}

function productImage(name: string) {
  return [{ type: 'product', url: iconUrl(PRODUCT_GLYPHS[name] ?? 'app', name) }];
}

/** The s2s catalogue: the seed offer first (given a tracking link), then `count` generated offers. */
export function s2sCatalog(count = 60): Record<string, unknown>[] {
  const offers: Record<string, unknown>[] = [
    {
      ...S2S_SEED_OFFER,
      icon: iconUrl('finance', 'plus500'),
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
      // Now and then an empty icon, as real feeds send: the wall shows its placeholder.
      icon: i % 11 === 5 ? '' : iconUrl(kind, `${name} ${round}`),
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
            ? { publisherProductId: product, name: product, displayName: product, quantity, images: productImage(product) }
            : { product: { publisherProductId: product, name: product, displayName: product, quantity, images: productImage(product) } },
        ),
        ...(cents === null ? {} : { priceInUsdCents: cents }),
      },
    ],
    priority: n + 3,
    ...(n % 3 === 0 ? { priceDiscount: { type: 'percentage', discount: 20 + (n % 4) * 10 } } : {}),
  };
}

/** A product as Appcharge documents it: its quantity beside it, the product wrapped, a picture. */
function product(name: string, quantity: number | null, extra: Record<string, unknown> = {}) {
  return { ...(quantity === null ? {} : { quantity }), product: { publisherProductId: name, name, displayName: name, images: productImage(name), ...extra } };
}

/**
 * The appcharge catalogue: the seed offers, a live rolling offer with a free step, offers for a
 * player segment, a sale, a flash sale whose time frame ends in 2 h 14 min, a progress reward
 * whose product has no name, and generated bundles; `priority` orders them.
 */
export function appchargeCatalog(): Record<string, unknown>[] {
  const now = Date.now();
  const frame = (from: number, to: number) => ({
    permanent: false,
    timeFrames: [{ startTime: new Date(now + from).toISOString(), endTime: new Date(now + to).toISOString() }],
  });
  return [
    {
      ...APPCHARGE_SEED_POPUP,
      offerUi: { ...APPCHARGE_SEED_POPUP.offerUi, backgroundImage: iconUrl('chest', 'treasure-art') },
      productsSequence: APPCHARGE_SEED_POPUP.productsSequence.map((step) => ({
        ...step,
        products: step.products.map((p) => ({ quantity: 5, product: { ...p.product, images: [{ type: 'product', url: iconUrl('chest', 'treasure') }] } })),
      })),
    },
    // The seed's own rolling offer is scheduled in the past: the wall leaves it out.
    APPCHARGE_SEED_ROLLING,
    {
      ...APPCHARGE_SEED_ROLLING,
      publisherOfferId: 'rolling-offer-live',
      name: 'Weekend Rolling Offer',
      displayName: 'Weekend Rolling Offer',
      description: 'Buy a step to unlock the next one. Every other step is free.',
      segments: [],
      priority: 2,
      // The seed's product images are on Appcharge's CDN, out of reach offline.
      productsSequence: [
        { index: 1, products: [product('Gems', 500, { priority: 'Main' }), product('Gold', 10000, { priority: 'Sub' })], priceInUsdCents: 499 },
        { index: 2, products: [product('Energy', 50, { priority: 'Main', textFontColorHex: '#bfc6e8' })], priceInUsdCents: 0 },
        { index: 3, products: [product('Sword', 1, { priority: 'Main', textFontColorHex: '#f60404', prefix: 'x' })], priceInUsdCents: 999 },
        { index: 4, products: [product('Boost', 3, { priority: 'Sub', prefix: '+', suffix: '🎉' })], priceInUsdCents: 0 },
      ],
      productSale: null,
      schedule: frame(-86400e3, 2 * 86400e3),
    },
    {
      ...bundle(10, 'Flash Sale: Gem Crate', 'SpecialOffer', 799, [['Gems', 1200]]),
      priority: 1,
      offerUi: { backgroundImage: iconUrl('gem', 'flash-art') },
      productSale: { type: 'percentage', sale: 100 },
      schedule: frame(-3600e3, (2 * 60 + 14) * 60e3 + 30e3),
    },
    { ...bundle(11, 'New Player Pack', 'Bundle', 99, [['Gems', 300], ['Energy', 20]]), segments: ['New User'], priority: 3 },
    { ...bundle(12, 'VIP Chest', 'SpecialOffer', 2999, [['Gems', 6000], ['Skins', 2]]), segments: ['VIP'], priority: 3 },
    bundle(1, 'Starter Pack', 'Bundle', 499, [['Gems', 500], ['Gold', 10000]]),
    bundle(2, 'Daily Bonus', 'PopUp', null, [['Energy', 50]]),
    { ...bundle(3, 'Mega Gem Chest', 'SpecialOffer', 1999, [['Gems', 2500]]), productSale: { type: 'percentage', sale: 50 } },
    bundle(4, 'Builder Bundle', 'Bundle', 999, [['Hammers', 20], ['Gold', 50000]]),
    bundle(5, 'VIP Pass (30 days)', 'SpecialOffer', 1499, [['VIP days', 30]]),
    bundle(6, 'Lucky Spin Pack', 'Bundle', 299, [['Spins', 25]]),
    { ...bundle(7, 'Retired Pack', 'Bundle', 199, [['Gems', 100]]), active: false },
    bundle(8, 'Halloween Chest', 'SpecialOffer', 2499, [['Gems', 4000], ['Skins', 3]]),
    {
      ...bundle(9, 'Progress Reward', 'ProgressBar', null, []),
      // A product with no name: its quantity and picture say what it is.
      productsSequence: [{ index: 1, products: [{ quantity: 2500, product: { publisherProductId: 'gold', images: productImage('Gold') } }] }],
    },
  ];
}
