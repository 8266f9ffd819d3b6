/**
 * The feed of the wall's benchmark (`bench-wall.ts`, and the streaming upstream of
 * `bench-servers.ts`): an s2s page of `n` seed-shaped offers, about 456 bytes each.
 */
const feeds = new Map<number, string>();

export function benchFeed(n: number): string {
  let body = feeds.get(n);
  if (!body) {
    const data = Array.from({ length: n }, (_, i) => ({
      id: 4_000_000_000 + i,
      icon: '',
      name: `Offer ${i + 1}: ${['Dragon Realms', 'Budget Buddy', 'Word Crush', 'FitNow'][i % 4]}`,
      conversion_flow: '1.Download and open the app\n2.Sign up for the app\n3.Reach level 10',
      tracking_link: `https://track.example.com/click?offer=${i}&sub={user_id}&cid={click_id}`,
      payout: ((i % 900) / 100 + 0.25).toFixed(2),
      preview_url: `https://play.example.com/store/apps/details?id=com.bench.app${i}`,
      package: `com.bench.app${i}`,
      offer_type: ['CPI', 'CPA', 'CPL'][i % 3],
      payout_type: 'fixed',
      os: 'android',
      countries: ['US', 'GB', 'DE'],
      os_version: '',
    }));
    body = JSON.stringify({ c: 0, d: { p: 1, tot: n, n, data } });
    feeds.set(n, body);
  }
  return body;
}
