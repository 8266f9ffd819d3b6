/**
 * msw set-up for the wall's endpoint, without importing the element: shared by every test, and the
 * only helper the bundle test (which loads dist/offer-wall.js instead of src/) may use.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';

export const ENDPOINT = '/api/offers';

export const worker = setupWorker();
let started: Promise<unknown> | null = null;

/**
 * The fixtures' icons and links are on hosts that do not exist (`cdn.example.com`, `*.invalid`).
 * Left to the network, each engine fails their lookups in its own time, up to many seconds on a
 * busy machine; answered here with a 404 at once, they fail as they would, and soon.
 */
const nowhere = http.get(/^https?:\/\/[^/]+\.(?:example(?:\.com)?|invalid)(?::\d+)?\//, () => new HttpResponse(null, { status: 404 }));

/**
 * Every test starts with no offer started: the wall keeps those for the page session (a tab's
 * sessionStorage), and the test runner loads one test file after another in the same tab.
 */
beforeEach(() => sessionStorage.removeItem('offer-wall-started'));

/** Starts msw once per test file, with `handlers` for this test. */
export async function mock(...handlers: HttpHandler[]): Promise<void> {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  await started;
  worker.resetHandlers(...handlers, nowhere);
}

/** Answers the wall's endpoint with `body` (a function of the request, or a fixed value). */
export function feed(body: unknown | ((url: URL, request: Request) => unknown)) {
  return http.get(ENDPOINT, async ({ request }) => {
    const url = new URL(request.url);
    const value = typeof body === 'function' ? await (body as (u: URL, r: Request) => unknown)(url, request) : body;
    return value instanceof Response ? value : HttpResponse.json(value as never);
  });
}

