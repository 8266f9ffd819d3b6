/**
 * The whole path in a real browser: a wall on the test page's origin loads offers from the
 * reference proxy on another origin (CORS), which calls the mock upstream with the secret.
 * The test server starts both (see web-test-runner.config.mjs).
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { OfferWallLoadEvent } from '../src/events.js';
import { mountWall, parts, texts } from './helpers.js';

describe('through the reference proxy', () => {
  it('loads a wall on another origin through the proxy, with the secret never in the page', async () => {
    const { url } = (await (await fetch('/__proxy.json')).json()) as { url: string };
    expect(new URL(url).origin).to.not.equal(location.origin);

    const wall = mountWall({ endpoint: `${url}/offers`, format: 's2s', country: 'US', 'page-size': '5', locale: 'en-US' });
    const { detail } = (await oneEvent(wall, 'offer-wall-load')) as OfferWallLoadEvent;
    expect(detail.offers).to.have.length(5);
    expect(detail.total).to.be.greaterThan(5);
    expect(texts(wall, 'title')[0]).to.equal('Plus500: CFD Online Trading on Forex and Stocks');
    expect(parts(wall, 'card')).to.have.length(5);
    expect(JSON.stringify(detail.offers)).to.not.contain('wtr-app-id');
  });

  it('lets the page read the proxy’s 400 naming the bad parameter: CORS covers error answers too', async () => {
    const { url } = (await (await fetch('/__proxy.json')).json()) as { url: string };
    const response = await fetch(`${url}/offers?page_size=0`);
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { error: { parameter: string } }).error.parameter).to.equal('page_size');
  });
});
