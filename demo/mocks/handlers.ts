/**
 * msw handlers that stand in for a publisher's backend endpoint in the demo: `/api/s2s/offers`
 * answers like the s2s API, `/api/appcharge/offers` like Appcharge. They honour the real query
 * parameters (os, country, page, page_size; offerType, recordLimit, offset), and a "network"
 * setting lets the demo show slow answers, failures and broken feeds.
 */
import { delay, http, HttpResponse } from 'msw';
import { appchargeCatalog, iconSvg, s2sCatalog } from './catalog.js';

export type NetworkMode = 'normal' | 'slow' | 'error' | 'broken' | 'empty';

export const demoNetwork = { mode: 'normal' as NetworkMode, large: false };

const catalogs = new Map<number, Record<string, unknown>[]>();
function s2sOffers(count: number) {
  let catalog = catalogs.get(count);
  if (!catalog) catalogs.set(count, (catalog = s2sCatalog(count)));
  return catalog;
}

async function misbehave(): Promise<Response | null> {
  switch (demoNetwork.mode) {
    case 'slow':
      await delay(2500);
      return null;
    case 'error':
      await delay(200);
      return HttpResponse.json({ error: 'upstream unavailable' }, { status: 503 });
    case 'broken':
      return new HttpResponse('<html><body>502 Bad Gateway</body></html>', { headers: { 'Content-Type': 'text/html' } });
    default:
      await delay(250);
      return null;
  }
}

export const handlers = [
  http.get('/demo-assets/icons/:key', ({ params }) =>
    new HttpResponse(iconSvg(String(params['key']).replace(/\.svg$/, '')), {
      headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' },
    }),
  ),

  http.get('/api/s2s/offers', async ({ request }) => {
    const failure = await misbehave();
    if (failure) return failure;
    const q = new URL(request.url).searchParams;
    const os = q.get('os');
    const country = q.get('country');
    const page = Math.max(1, Number(q.get('page') ?? 1));
    const size = Math.min(10000, Math.max(1, Number(q.get('page_size') ?? 20)));
    const matching =
      demoNetwork.mode === 'empty'
        ? []
        : s2sOffers(demoNetwork.large ? 10_000 : 60).filter(
            (o) => (!os || o['os'] === os) && (!country || (o['countries'] as string[]).includes(country)),
          );
    const data = matching.slice((page - 1) * size, page * size);
    return HttpResponse.json({ c: 0, d: { p: page, tot: matching.length, n: size, data } });
  }),

  http.get('/api/appcharge/offers', async ({ request }) => {
    const failure = await misbehave();
    if (failure) return failure;
    const q = new URL(request.url).searchParams;
    const type = q.get('offerType');
    const limit = Math.min(500, Math.max(0, Number(q.get('recordLimit') ?? 100)));
    const offset = Math.max(0, Number(q.get('offset') ?? 0));
    const matching = demoNetwork.mode === 'empty' ? [] : appchargeCatalog().filter((o) => !type || o['type'] === type);
    return HttpResponse.json({ totalCount: matching.length, offers: matching.slice(offset, offset + limit) });
  }),
];
