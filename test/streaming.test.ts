/**
 * A page shown while its answer arrives: the first cards before the rest of the answer, the same
 * offers in the same order as the whole answer would give, whatever pieces it comes in; an answer
 * that breaks off keeps the offers shown and puts the error with `retry` below them, and `retry`
 * goes on from there without showing any offer twice; a change of request stops the answer being
 * read; a wall removed while a page arrives asks for the rest of it when it comes back.
 */
import { expect, oneEvent } from '@open-wc/testing';
import './fixtures/reader.js';
import { parseFeed, type FormatSetting } from '../src/data/dialects.js';
import type { OfferWallErrorEvent, OfferWallLoadEvent } from '../src/events.js';
import type { OfferWall } from '../src/offer-wall.component.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sOffers, s2sPage } from './fixtures/feeds.js';
import { frames, mountWall, part, parts, streamedFetch, texts, until, type StreamedAnswer } from './helpers.js';

/** The wall's events, as they come. */
function record(wall: OfferWall) {
  const loads: OfferWallLoadEvent['detail'][] = [];
  const errors: OfferWallErrorEvent['detail']['error'][] = [];
  wall.addEventListener('offer-wall-load', (e) => loads.push(e.detail));
  wall.addEventListener('offer-wall-error', (e) => errors.push(e.detail.error));
  return { loads, errors };
}

/** The JSON text of an s2s page, cut after its `count`-th offer (and its comma). */
function cutAfter(json: string, count: number): [string, string] {
  let at = json.indexOf('"data":[') + 8;
  for (let i = 0; i < count; i++) at = json.indexOf('},{', at) + 2;
  return [json.slice(0, at), json.slice(at)];
}

const TRICKY = 'Café "Crème" \\ Brûlée 😀 日本語 عربى [1,{"x":"}"}] \u2028\n end';

describe('a page shown while its answer arrives', () => {
  let fetched: { answers: StreamedAnswer[]; restore: () => void };
  beforeEach(() => (fetched = streamedFetch()));
  afterEach(() => fetched.restore());

  const answer = async (n: number) => {
    await until(() => fetched.answers.length > n, `request ${n + 1}`);
    return fetched.answers[n]!;
  };

  it('shows the first offers while the rest of the page is still on its way, and reports the page once complete', async () => {
    const wall = mountWall({ 'page-size': '50' });
    const { loads } = record(wall);
    const json = JSON.stringify(s2sPage(s2sOffers(1, 50), { total: 50 }));
    const [head, rest] = cutAfter(json, 3);
    const first = await answer(0);
    first.write(head);
    await until(() => parts(wall, 'card').length === 3, 'the first three cards');
    expect(part(wall, 'loading')).to.equal(null);
    expect(loads).to.deep.equal([]);
    // The end of the list tells that more of the page is coming.
    expect(part(wall, 'more')?.getAttribute('aria-disabled')).to.equal('true');
    await expect(wall).to.be.accessible();
    first.write(rest);
    first.end();
    await until(() => loads.length, 'the page reported');
    expect(loads[0]!.offers).to.deep.equal(parseFeed(JSON.parse(json), 's2s').offers);
    expect(loads[0]).to.include({ page: 1, total: 50, rejected: 0 });
    expect(part(wall, 'more')).to.equal(null);
  });

  it('draws the offers in a task after the one that read them, so the two never hold the page together', async () => {
    const wall = mountWall();
    const first = await answer(0);
    first.write(JSON.stringify(s2sPage(s2sOffers(1, 3), { total: 3 })));
    first.end();
    // Every promise of the reading settles in this task; a task is not over before they all have.
    for (let i = 0; i < 200; i++) await Promise.resolve();
    expect(wall._feed.offers.length, 'the offers read in the task the bytes came in').to.equal(3);
    expect(parts(wall, 'card'), 'no card drawn in that task').to.have.length(0);
    await until(() => parts(wall, 'card').length === 3, 'the cards, in a later task');
  });

  for (const [name, format, body] of [
    ['s2s', 's2s', s2sPage([s2sOffer(1, { name: TRICKY, payout: 12.345e-1 }), { name: 'no id' }, s2sOffer(2, { description: TRICKY }), s2sOffer(3)])],
    ['appcharge', 'appcharge', appchargePage([appchargeOffer(1, { name: TRICKY }), appchargeOffer(2, { active: false }), appchargeOffer(3)])],
    ['auto', 'auto', appchargePage([appchargeOffer(1, { description: TRICKY }), appchargeOffer(2)])],
  ] as const) {
    it(`shows the offers of the whole answer, in order, when it comes a few bytes at a time, cut inside strings, escapes, characters and numbers (${name})`, async () => {
      const json = JSON.stringify(body);
      const wall = mountWall({ format });
      const { loads } = record(wall);
      const bytes = new TextEncoder().encode(json);
      const first = await answer(0);
      // Pieces of 1 to 7 bytes: every kind of cut comes up.
      for (let at = 0, size = 1; at < bytes.length; at += size, size = (size % 7) + 1) first.write(bytes.subarray(at, at + size));
      first.end();
      await until(() => loads.length, 'the page');
      const whole = parseFeed(JSON.parse(json), format as FormatSetting);
      expect(loads[0]!.offers).to.deep.equal(whole.offers);
      expect(loads[0]!.rejected).to.equal(whole.rejected);
      expect(parts(wall, 'title').map((title) => title.textContent)).to.deep.equal(whole.offers.map((offer) => offer.name));
    });
  }

  it('shows each offer of a slow answer as it arrives, and takes a total that comes after the offers', async () => {
    const wall = mountWall({ 'page-size': '4' });
    const { loads } = record(wall);
    const first = await answer(0);
    first.write('{"d":{"data":[');
    for (let n = 1; n <= 4; n++) {
      first.write(`${n > 1 ? ',' : ''}${JSON.stringify(s2sOffer(n))}`);
      // An offer is complete at the comma or bracket after it.
      if (n > 1) await until(() => parts(wall, 'card').length === n - 1, `card ${n - 1}`);
    }
    first.write('],"p":1,"n":4,"tot":12},"c":0}');
    first.end();
    await until(() => loads.length, 'the page');
    expect(loads[0]).to.include({ total: 12, page: 1 });
    expect(parts(wall, 'card')).to.have.length(4);
    // The total says more pages exist.
    expect(part(wall, 'more')).to.not.equal(null);
  });

  it('keeps the offers shown when the answer breaks off, with the error and retry below them; retry goes on without showing an offer twice', async () => {
    const wall = mountWall({ 'page-size': '30' });
    const { loads, errors } = record(wall);
    const offers = s2sOffers(1, 30).map((offer, i) => (i === 2 || i === 25 ? { ...offer, id: undefined } : offer));
    const json = JSON.stringify(s2sPage(offers, { total: 30 }));
    const [head] = cutAfter(json, 12);
    const first = await answer(0);
    first.write(head);
    await until(() => parts(wall, 'card').length === 11, 'the first eleven cards');
    first.fail();
    await until(() => errors.length, 'the error');
    await wall.updateComplete;
    expect(errors[0]!.kind).to.equal('network');
    expect(errors[0]!.message).to.match(/^The offers answer broke off/);
    // Not retried on its own: the page would start again under the offers shown.
    await frames(3);
    expect(fetched.answers).to.have.length(1);
    expect(parts(wall, 'card')).to.have.length(11);
    expect(loads).to.deep.equal([]);
    const error = part(wall, 'error')!;
    expect(parts(wall, 'card').at(-1)!.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(part(wall, 'retry')).to.not.equal(null);
    await expect(wall).to.be.accessible();

    part(wall, 'retry')!.click();
    const again = await answer(1);
    expect(again.url.searchParams.get('page')).to.equal('1');
    again.write(json);
    again.end();
    await until(() => loads.length, 'the page, complete');
    expect(part(wall, 'error')).to.equal(null);
    expect(loads[0]!.offers).to.deep.equal(parseFeed(JSON.parse(json), 's2s').offers);
    expect(loads[0]).to.include({ page: 1, rejected: 2 });
    expect(texts(wall, 'title')).to.deep.equal(loads[0]!.offers.map((offer) => offer.name));
  });

  it('calls an answer that stops being JSON midway a payload error, keeping the offers shown', async () => {
    const wall = mountWall();
    const { errors } = record(wall);
    const [head] = cutAfter(JSON.stringify(s2sPage(s2sOffers(1, 10))), 4);
    const first = await answer(0);
    first.write(head);
    await until(() => parts(wall, 'card').length === 4, 'four cards');
    first.write('<html>Bad gateway</html>');
    first.end();
    await until(() => errors.length, 'the error');
    expect(errors[0]).to.deep.equal({ kind: 'payload', message: 'The offers endpoint did not answer with JSON.' });
    await wall.updateComplete;
    expect(parts(wall, 'card')).to.have.length(4);
    expect(part(wall, 'retry')).to.not.equal(null);
  });

  it('stops reading an answer when a request attribute changes, and never shows the rest of it', async () => {
    const wall = mountWall({ country: 'US', 'page-size': '20' });
    const { loads, errors } = record(wall);
    const us = JSON.stringify(s2sPage(s2sOffers(1, 20).map((o) => ({ ...o, name: `US ${o['id']}` }))));
    const [head, rest] = cutAfter(us, 5);
    const first = await answer(0);
    first.write(head);
    await until(() => parts(wall, 'card').length === 5, 'five US cards');
    wall.country = 'FR';
    const second = await answer(1);
    expect(first.signal!.aborted).to.equal(true);
    expect(first.stopped).to.equal(true);
    first.write(rest);
    second.write(JSON.stringify(s2sPage(s2sOffers(100, 3).map((o) => ({ ...o, name: `FR ${o['id']}` })))));
    second.end();
    await until(() => loads.length, 'the FR page');
    await frames(3);
    expect(loads.map((detail) => detail.offers.length)).to.deep.equal([3]);
    expect(texts(wall, 'title')).to.deep.equal(['FR 1100', 'FR 1101', 'FR 1102']);
    expect(errors).to.deep.equal([]);
  });

  it('asks for the rest of a next page cut short by removal once back in the page, each offer once, in feed order', async () => {
    const wall = mountWall({ 'page-size': '20' });
    const { loads } = record(wall);
    const page = (n: number) => JSON.stringify(s2sPage(s2sOffers(n * 100, 20), { page: n, total: 40 }));
    const first = await answer(0);
    first.write(page(1));
    first.end();
    await until(() => loads.length === 1, 'page 1');
    part(wall, 'more')!.click();
    const second = await answer(1);
    const [head] = cutAfter(page(2), 7);
    second.write(head);
    await until(() => parts(wall, 'card').length === 27, 'seven offers of page 2');
    const parent = wall.parentElement!;
    wall.remove();
    await until(() => second.stopped, 'page 2 stopped');
    parent.append(wall);
    await wall.updateComplete;
    expect(parts(wall, 'card')).to.have.length(27);
    part(wall, 'more')!.click();
    const third = await answer(2);
    expect(third.url.searchParams.get('page')).to.equal('2');
    third.write(page(2));
    third.end();
    await until(() => loads.length === 2, 'page 2');
    expect(loads[1]).to.include({ page: 2, rejected: 0 });
    const ids = loads[1]!.offers.map((offer) => offer.id);
    expect(ids).to.deep.equal([...s2sOffers(100, 20), ...s2sOffers(200, 20)].map((offer) => String(offer['id'])));
  });

  it('reads a page to its end without asking again when moved in the page while it arrives', async () => {
    const wall = mountWall({ 'page-size': '20' });
    const { loads } = record(wall);
    const json = JSON.stringify(s2sPage(s2sOffers(1, 20)));
    const [head, rest] = cutAfter(json, 5);
    const first = await answer(0);
    first.write(head);
    await until(() => parts(wall, 'card').length === 5, 'five cards');
    wall.parentElement!.append(wall); // moved: disconnected, then connected again
    await frames();
    expect(first.stopped).to.equal(false);
    first.write(rest);
    first.end();
    await until(() => loads.length, 'the page');
    expect(fetched.answers).to.have.length(1);
    expect(loads[0]!.offers).to.deep.equal(parseFeed(JSON.parse(json), 's2s').offers);
  });

  it('waits for a scroll before the next page when only its first cards had left the end of the list within reach', async () => {
    const wall = mountWall({ 'page-size': '30' });
    const { loads } = record(wall);
    const json = JSON.stringify(s2sPage(s2sOffers(1, 30), { total: 90 }));
    const [head, rest] = cutAfter(json, 3);
    const first = await answer(0);
    // Three cards are painted first, with the end of the list in view; the rest of the page is
    // already here when they are, and puts the end far below the viewport and its reach.
    first.write(head);
    first.write(rest);
    first.end();
    await until(() => loads.length, 'the page');
    await frames(3);
    expect(parts(wall, 'card')).to.have.length(30);
    expect(fetched.answers).to.have.length(1);

    parts(wall, 'card').at(-1)!.scrollIntoView();
    const second = await answer(1);
    expect(second.url.searchParams.get('page')).to.equal('2');
  });

  it('retries an answer that breaks off before its first offer, then shows the error alone after the retries', async () => {
    const wall = mountWall();
    const { errors } = record(wall);
    for (let n = 0; n < 3; n++) {
      const attempt = await answer(n);
      attempt.write('{"c":0,"d":{"p":1,"data":[{"id":1,"na');
      attempt.fail();
    }
    await until(() => errors.length, 'the error');
    expect(errors[0]!.kind).to.equal('network');
    await wall.updateComplete;
    expect(parts(wall, 'card')).to.have.length(0);
    expect(part(wall, 'error')).to.not.equal(null);
    // `retry` then starts the load over.
    part(wall, 'retry')!.click();
    const fourth = await answer(3);
    fourth.write(JSON.stringify(s2sPage(s2sOffers(1, 2))));
    fourth.end();
    await oneEvent(wall, 'offer-wall-load');
    expect(parts(wall, 'card')).to.have.length(2);
  });
});
