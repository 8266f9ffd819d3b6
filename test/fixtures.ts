/** Feed builders for the tests, shaped like the upstreams' real answers (see demo/mocks/seeds.ts). */

export function s2sOffer(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1000 + n,
    icon: `https://cdn.example.com/icons/${n}.png`,
    name: `Offer ${n}`,
    conversion_flow: `1.Install offer ${n}\n2.Reach level 5`,
    tracking_link: `https://track.example.com/click?offer=${1000 + n}&sub={user_id}&cid={click_id}`,
    payout: (n + 0.5).toFixed(2),
    preview_url: `https://play.example.com/store/apps/details?id=com.example.app${n}`,
    package: `com.example.app${n}`,
    offer_type: 'app',
    payout_type: 'fixed',
    os: 'android',
    countries: ['US'],
    os_version: '',
    ...overrides,
  };
}

export function s2sPage(data: unknown[], { page = 1, total = data.length, size = data.length } = {}) {
  return { c: 0, d: { p: page, tot: total, n: size, data } };
}

export function s2sOffers(from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => s2sOffer(from + i));
}

export function appchargeOffer(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    publisherId: 'pub-1',
    publisherOfferId: `bundle-${n}`,
    offerId: `ac${n}`,
    name: `Bundle ${n}`,
    displayName: `Bundle ${n}`,
    description: `Bundle number ${n}.`,
    type: 'Bundle',
    active: true,
    productsSequence: [
      {
        index: 1,
        products: [{ product: { publisherProductId: `gems-${n}`, name: 'Gems', displayName: 'Gems', quantity: 100 * n } }],
        priceInUsdCents: 499,
      },
    ],
    ...overrides,
  };
}

export function appchargePage(offers: unknown[], totalCount = offers.length) {
  return { totalCount, offers };
}
