/** What a publisher sees: both feeds rendered as cards, rewards formatted, bad offers left out. */
import { expect, oneEvent } from '@open-wc/testing';
import { APPCHARGE_SEED, S2S_SEED, S2S_SEED_OFFER } from '../demo/mocks/seeds.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sPage } from './fixtures/feeds.js';
import { feed, loadedWall, mock, openDetail, part, parts, texts, until } from './helpers.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('<offer-wall> rendering', () => {
  it('shows an s2s feed as cards with icon, name and reward, and the conversion flow as ordered steps in the detail', async () => {
    await mock(feed(s2sPage([{ ...S2S_SEED_OFFER, tracking_link: 'https://track.example.com/c?o=1' }, s2sOffer(2)])));
    const { wall, detail } = await loadedWall({ format: 's2s', locale: 'en-US' });

    expect(parts(wall, 'card')).to.have.length(2);
    expect(texts(wall, 'title')).to.deep.equal(['Plus500: CFD Online Trading on Forex and Stocks', 'Offer 2']);
    expect(texts(wall, 'payout')).to.deep.equal(['$3.60', '$2.50']);
    // The seed's empty icon shows a placeholder; a good icon is an <img>.
    const [placeholder, icon] = parts(wall, 'icon');
    expect(placeholder!.tagName).to.equal('SPAN');
    expect(icon!.tagName).to.equal('IMG');
    expect(icon!.getAttribute('src')).to.equal('https://cdn.example.com/icons/2.png');
    expect(detail).to.deep.include({ page: 1, total: 2, rejected: 0 });
    expect(detail.offers.map((o) => o.id)).to.deep.equal(['2957231058', '1002']);
    await expect(wall).to.be.accessible();
    // The steps are the detail's: a card stays compact.
    expect(parts(wall, 'steps')).to.have.length(0);
    await openDetail(wall);
    const steps = parts(wall, 'steps')[0]!;
    expect(steps.tagName).to.equal('OL');
    expect([...steps.querySelectorAll('[part~="step"]')].map((li) => li.textContent)).to.deep.equal([
      'Download and open the app',
      'Sign up for the app and try for a loan',
      'Redeem your points! Attention: New Users Only!',
    ]);
  });

  it('leaves out the s2s seed offer, which has no tracking link, and counts it as rejected', async () => {
    await mock(feed({ ...S2S_SEED, d: { ...S2S_SEED.d, data: [S2S_SEED_OFFER, s2sOffer(1)] } }));
    const { wall, detail } = await loadedWall();
    expect(texts(wall, 'title')).to.deep.equal(['Offer 1']);
    expect(detail.rejected).to.equal(1);
  });

  it('shows an appcharge feed for the player: PopUps left for their event, segments honoured, a ladder with its steps', async () => {
    const now = Date.now();
    const live = {
      permanent: false,
      timeFrames: [{ startTime: new Date(now - 3600e3).toISOString(), endTime: new Date(now + 3 * 86400e3).toISOString() }],
    };
    await mock(
      feed(
        appchargePage(
          [
            ...APPCHARGE_SEED.offers,
            { ...APPCHARGE_SEED.offers[1], publisherOfferId: 'rolling-live', schedule: live },
            appchargeOffer(3, { active: false }),
          ],
          9,
        ),
      ),
    );
    const { wall, detail } = await loadedWall({ format: 'appcharge', locale: 'en-US', segments: 'New User' });

    // The seed's PopUp waits for its event; the live rolling offer is for "New User".
    expect(texts(wall, 'title')).to.deep.equal(['My Rolling Offer']);
    expect(texts(wall, 'payout').map(plain)).to.deep.equal(['$50.00 · 20% off']);
    // The seed rolling offer is out of schedule and one is inactive.
    expect(detail).to.deep.include({ rejected: 2, total: 9 });
    expect(part(wall, 'more')).to.not.equal(null);
    await expect(wall).to.be.accessible();
    const rolling = await openDetail(wall, 0);
    const rollingSteps = [...rolling.querySelectorAll('[part~="step"]')].map((li) => li.textContent!.trim().replace(/\s+/g, ' '));
    expect(rollingSteps).to.deep.equal(['Sword', 'Locked $30.00']);
  });

  it('shows rewards in the publisher’s virtual currency, grouped for the locale', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '3.60' }), s2sOffer(2, { payout: 0.0125 })])));
    const en = await loadedWall({ 'currency-name': 'Coins', 'currency-rate': '1000', locale: 'en-US' });
    expect(texts(en.wall, 'payout')).to.deep.equal(['3,600 Coins', '13 Coins']);
    const de = await loadedWall({ 'currency-name': 'Münzen', 'currency-rate': '1000', locale: 'de-DE' });
    expect(texts(de.wall, 'payout')).to.deep.equal(['3.600 Münzen', '13 Münzen']);
  });

  it('shows money for the locale, and re-formats when the locale changes, without reloading', async () => {
    let requests = 0;
    await mock(
      feed(() => {
        requests++;
        return s2sPage([s2sOffer(1, { payout: '1234.5' })]);
      }),
    );
    const { wall } = await loadedWall({ locale: 'en-US' });
    expect(texts(wall, 'payout')).to.deep.equal(['$1,234.50']);
    // A language's texts load when a wall first needs them: the cards show again once they are here.
    wall.locale = 'de-DE';
    await wall.updateComplete;
    await until(() => part(wall, 'payout'), 'the cards in German');
    expect(texts(wall, 'payout').map(plain)).to.deep.equal(['1.234,50 $']);
    wall.setAttribute('locale', 'ja-JP');
    await wall.updateComplete;
    await until(() => part(wall, 'payout'), 'the cards in Japanese');
    expect(texts(wall, 'payout')).to.deep.equal(['$1,234.50']);
    expect(requests).to.equal(1);
  });

  it('follows the page’s lang, and survives a malformed one such as en_US', async () => {
    await mock(feed(s2sPage([s2sOffer(1, { payout: '1234.5' })])));
    for (const [lang, expected] of [
      ['de-DE', '1.234,50 $'],
      ['en_US', null],
    ] as const) {
      const holder = document.createElement('div');
      holder.lang = lang;
      document.body.append(holder);
      try {
        const wall = document.createElement('offer-wall');
        wall.setAttribute('endpoint', '/api/offers');
        const loaded = oneEvent(wall, 'offer-wall-load');
        holder.append(wall);
        await loaded;
        const payout = plain(texts(wall, 'payout')[0]!);
        if (expected) expect(payout).to.equal(expected);
        else expect(payout).to.match(/1.?234/);
      } finally {
        holder.remove();
      }
    }
  });

  it('keeps showing the valid offers when some are invalid, and counts those left out', async () => {
    await mock(
      feed(
        s2sPage([
          s2sOffer(1),
          s2sOffer(2, { id: undefined }),
          s2sOffer(3, { name: { en: 'object' } }),
          s2sOffer(4, { payout: 'lots' }),
          s2sOffer(5, { tracking_link: 'javascript:alert(1)' }),
          'not an offer',
          s2sOffer(6, { id: '6', payout: 1, offer_type: 'brand-new-type', extra: [1, 2] }),
        ]),
      ),
    );
    const { wall, detail } = await loadedWall();
    expect(texts(wall, 'title')).to.deep.equal(['Offer 1', 'Offer 6']);
    expect(detail.rejected).to.equal(5);
  });

  it('shows feed text as text, never as markup', async () => {
    await mock(
      feed(
        s2sPage([
          s2sOffer(1, {
            name: '<img src=x onerror="window.__pwned=1"><b>Bold</b>',
            conversion_flow: '1.<script>window.__pwned=1</script>',
          }),
        ]),
      ),
    );
    const { wall } = await loadedWall();
    expect(texts(wall, 'title')).to.deep.equal(['<img src=x onerror="window.__pwned=1"><b>Bold</b>']);
    expect(wall.shadowRoot!.querySelector('b, script, img[src="x"]')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows a placeholder for an icon that is unsafe or fails to load', async () => {
    await mock(
      feed(
        s2sPage([
          s2sOffer(1, { icon: 'javascript:alert(1)' }),
          s2sOffer(2, { icon: 'http://127.0.0.1:9/missing.png' }),
        ]),
      ),
    );
    const { wall } = await loadedWall();
    expect(parts(wall, 'icon')[0]!.tagName).to.equal('SPAN');
    await new Promise<void>((resolve) => {
      const check = () => (parts(wall, 'icon')[1]!.tagName === 'SPAN' ? resolve() : setTimeout(check, 20));
      check();
    });
    expect(parts(wall, 'icon').map((el) => el.tagName)).to.deep.equal(['SPAN', 'SPAN']);
  });
});
