/**
 * Compile-time checks of the public types (run by `npm run typecheck`, never executed): the
 * events are in the global event map with typed details, and the tag is in the tag-name map.
 */
import type { OfferWall } from '../src/offer-wall.component.js';
import type { WallErrorKind, WallOffer } from '../src/data/types.js';
import '../src/offer-wall.js';
import { fire } from '../src/events.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T = true as T): void {}

declare const wall: HTMLElementTagNameMap['offer-wall'];
assertType<Equal<typeof wall, OfferWall>>();

wall.addEventListener('offer-click', (event) => {
  assertType<Equal<typeof event.detail.url, string | null>>();
  assertType<Equal<typeof event.detail.offer, WallOffer>>();
  event.preventDefault();
});
wall.addEventListener('offer-impression', (event) => assertType<Equal<typeof event.detail.offer, WallOffer>>());
wall.addEventListener('offer-wall-load', (event) => {
  assertType<Equal<typeof event.detail.offers, WallOffer[]>>();
  assertType<Equal<typeof event.detail.total, number | null>>();
  assertType<Equal<typeof event.detail.page, number>>();
  assertType<Equal<typeof event.detail.rejected, number>>();
});
document.addEventListener('offer-wall-error', (event) => {
  assertType<Equal<typeof event.detail.error.kind, WallErrorKind>>();
  assertType<Equal<typeof event.detail.error.message, string>>();
});

// Properties mirror the attributes, in camelCase.
wall.pageSize = 50;
wall.currencyRate = 1000;
wall.clickUrlTemplate = 'https://example.com/{offer_id}';
// @ts-expect-error page-size is a number property
wall.pageSize = 'fifty';
wall.headingLevel = 2;
wall.userId = 'user 42';
// @ts-expect-error every attribute is a property, and there is no `pageSise`
wall.pageSise = 5;

// The wall fires its events through one function typed against the event map: a wrong or missing
// detail does not compile.
declare const offer: WallOffer;
fire(wall, 'offer-click', { offer, url: null, step: null }, true);
fire(wall, 'offer-wall-error', { error: { kind: 'http', message: 'HTTP 503' } });
// @ts-expect-error offer-click's detail has a url and a step
fire(wall, 'offer-click', { offer });
// @ts-expect-error offer-click's step is a number or null
fire(wall, 'offer-click', { offer, url: null, step: '1' });
// @ts-expect-error offer-wall-error's kind is one of the declared kinds
fire(wall, 'offer-wall-error', { error: { kind: 'oops', message: 'x' } });
// @ts-expect-error there is no such event
fire(wall, 'offer-wall-loaded', { offers: [] });
