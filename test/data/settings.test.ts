import { expect } from '@open-wc/testing';
import { detectDevice } from '../../src/internal/platform.js';
import { resolveSettings, requestUrl, type RawSettings } from '../../src/internal/settings.js';

const none: RawSettings = {
  endpoint: '/api/offers',
  format: null,
  os: null,
  country: null,
  pageSize: null,
  userId: null,
  gaid: null,
  andid: null,
  offerType: null,
  offerSubType: null,
  currencyName: null,
  currencyRate: null,
  locale: null,
  clickUrlTemplate: null,
  timeout: null,
  theme: null,
  layout: null,
  sort: null,
  filter: null,
  search: null,
  toolbar: null,
  headingLevel: null,
};
const defaults = { os: 'ios' as const, locale: 'en-GB', baseUrl: 'https://pub.example/wall/' };

describe('publisher settings', () => {
  it('uses the documented defaults when nothing is set', () => {
    const { settings, problems } = resolveSettings(none, defaults);
    expect(problems).to.deep.equal([]);
    expect(settings.endpoint?.href).to.equal('https://pub.example/api/offers');
    expect(settings).to.deep.include({ format: 'auto', locale: 'en-GB', timeout: 10000, currencyName: null });
    expect(settings.query).to.deep.include({ pageSize: 20, os: 'ios', country: null });
  });

  it('names each bad setting and falls back instead of failing', () => {
    const { settings, problems } = resolveSettings(
      { ...none, format: 'xml', os: 'windows', country: 'USA', pageSize: 0, timeout: -5, currencyName: 'Coins', currencyRate: 'lots', locale: 'not a locale!', clickUrlTemplate: 'javascript:x' },
      defaults,
    );
    expect(problems.map((p) => p.attribute)).to.deep.equal([
      'format',
      'os',
      'country',
      'page-size',
      'timeout',
      'currency-rate',
      'locale',
      'click-url-template',
    ]);
    expect(problems[0]?.message).to.contain('format="xml"');
    expect(problems[5]?.message).to.equal('currency-rate="lots" ignored: expected a number > 0.');
    expect(settings).to.deep.include({ format: 'auto', timeout: 10000, currencyRate: null, locale: 'en-GB', clickUrlTemplate: null });
    expect(settings.query).to.deep.include({ pageSize: 20, os: 'ios', country: null });
  });

  it('takes currency-rate alone as the users\' share of a payout, and a currency name without a rate as no rate', () => {
    expect(resolveSettings({ ...none, currencyRate: 0.4 }, defaults)).to.deep.include({ problems: [] });
    expect(resolveSettings({ ...none, currencyRate: 0.4 }, defaults).settings).to.deep.include({ currencyName: null, currencyRate: 0.4 });
    expect(resolveSettings({ ...none, currencyName: 'Coins' }, defaults).settings).to.deep.include({ currencyName: 'Coins', currencyRate: null });
    expect(resolveSettings({ ...none, currencyRate: 0 }, defaults).problems.map((p) => p.attribute)).to.deep.equal(['currency-rate']);
  });

  it('warns that os android needs gaid or andid for s2s, and not when one is set or the feed is appcharge', () => {
    const android = { ...none, os: 'android' };
    expect(resolveSettings(android, defaults).problems).to.deep.equal([
      { attribute: 'os', message: 'os is android without gaid or andid, which the s2s API requires.' },
    ]);
    // Detected from the device as much as set: the request carries os=android either way.
    expect(resolveSettings(none, { ...defaults, os: 'android' }).problems.map((p) => p.attribute)).to.deep.equal(['os']);
    expect(resolveSettings({ ...android, gaid: 'g-1' }, defaults).problems).to.deep.equal([]);
    expect(resolveSettings({ ...android, andid: 'a-1' }, defaults).problems).to.deep.equal([]);
    expect(resolveSettings({ ...android, format: 'appcharge' }, defaults).problems).to.deep.equal([]);
  });

  it('caps the page size at the s2s maximum of 10,000', () => {
    const { settings, problems } = resolveSettings({ ...none, pageSize: 50000 }, defaults);
    expect(settings.query.pageSize).to.equal(10000);
    expect(problems[0]?.attribute).to.equal('page-size');
  });

  it('normalizes case: country upper, os and format lower', () => {
    const { settings } = resolveSettings({ ...none, format: 'S2S', os: 'Android', country: 'de' }, defaults);
    expect(settings.format).to.equal('s2s');
    expect(settings.query).to.deep.include({ os: 'android', country: 'DE' });
  });

  it('explains a missing or unusable endpoint', () => {
    expect(resolveSettings({ ...none, endpoint: null }, defaults).settings.endpointProblem).to.match(/endpoint attribute is missing/);
    expect(resolveSettings({ ...none, endpoint: 'http://[bad' }, defaults).settings.endpointProblem).to.match(/not a URL/);
    expect(resolveSettings({ ...none, endpoint: 'javascript:alert(1)' }, defaults).settings.endpointProblem).to.match(/http\(s\)/);
  });

  it('keeps the endpoint’s own query parameters and adds the request’s', () => {
    expect(requestUrl(new URL('https://pub.example/offers?wall=main'), [['page', '1'], ['os', 'ios']])).to.equal(
      'https://pub.example/offers?wall=main&page=1&os=ios',
    );
  });

  it('the view settings default to an automatic theme, a list, the feed order, the toolbar and h3 titles', () => {
    const { settings, problems } = resolveSettings(none, defaults);
    expect(problems).to.deep.equal([]);
    expect(settings).to.deep.include({ theme: 'auto', layout: 'list', toolbar: true, headingLevel: 3 });
    expect(settings.view).to.deep.equal({ sort: 'feed', filter: '', search: '' });
  });

  it('view settings are read case-insensitively, and a bad one is named and falls back to its default', () => {
    const good = resolveSettings(
      { ...none, theme: 'DARK', layout: 'Grid', sort: 'reward', filter: ' CPI ', search: 'café', toolbar: 'off', headingLevel: 5 },
      defaults,
    );
    expect(good.problems).to.deep.equal([]);
    expect(good.settings).to.deep.include({ theme: 'dark', layout: 'grid', toolbar: false, headingLevel: 5 });
    expect(good.settings.view).to.deep.equal({ sort: 'reward', filter: 'CPI', search: 'café' });

    const bad = resolveSettings({ ...none, theme: 'sepia', layout: 'masonry', sort: 'name', toolbar: 'yes', headingLevel: 1 }, defaults);
    expect(bad.settings).to.deep.include({ theme: 'auto', layout: 'list', toolbar: true, headingLevel: 3 });
    expect(bad.settings.view.sort).to.equal('feed');
    expect(bad.problems.map((p) => p.attribute)).to.deep.equal(['theme', 'layout', 'sort', 'toolbar', 'heading-level']);
    expect(bad.problems[0]!.message).to.equal('theme="sepia" ignored: expected auto, light, dark.');
    expect(bad.problems[4]!.message).to.contain('heading-level="1"');
  });
});

describe('the device', () => {
  const device = (userAgent: string, maxTouchPoints = 0) => detectDevice({ userAgent, maxTouchPoints } as Navigator);

  it('reads the platform and its version from the user agent, when it tells them', () => {
    expect(device('Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 Chrome/119.0 Mobile Safari/537.36')).to.deep.equal({ os: 'android', version: '13' });
    expect(device('Mozilla/5.0 (Linux; U; Android 4.4.2; en-us) AppleWebKit/534.30')).to.deep.equal({ os: 'android', version: '4.4.2' });
    expect(device('Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148')).to.deep.equal({ os: 'ios', version: '17.2.1' });
    expect(device('Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15')).to.deep.equal({ os: 'ios', version: '16.6' });
  });

  it('knows no version from Chromium\'s reduced user agent (always "Android 10; K") or an iPad that says it is a Mac', () => {
    expect(device('Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120.0.0.0 Mobile Safari/537.36')).to.deep.equal({ os: 'android', version: null });
    expect(device('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15', 5)).to.deep.equal({ os: 'ios', version: null });
    expect(device('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15')).to.deep.equal({ os: null, version: null });
    expect(device('Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0')).to.deep.equal({ os: null, version: null });
  });
});
