/**
 * The wall and its proxy apply one set of rules (src/data/rules.ts) to what the wall asks: whatever
 * a publisher sets, the query the wall builds from it is one the reference proxy accepts, so a
 * publisher's value never ends in a 400 and an error panel; and the values publishers really use
 * (user ids with spaces or in any script, offer types in any case) pass both.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildQuery, type FormatSetting } from '../../src/data/dialects.js';
import { resolveSettings, type RawSettings } from '../../src/internal/settings.js';
import { REQUEST_PROPERTIES } from '../../src/internal/attributes.js';
import { ParameterError, allowedParameters } from '../../src/server/offers/params.js';

const defaults = { os: null, locale: 'en', baseUrl: 'https://pub.example/' };
const FORMATS: FormatSetting[] = ['auto', 's2s', 'appcharge'];

/** What the wall would send for these settings, page by page, in each format. */
function queriesFor(raw: RawSettings, pages = [1, 2, 1000]) {
  const { settings } = resolveSettings({ endpoint: '/offers', ...raw }, defaults);
  return FORMATS.flatMap((format) => pages.map((page) => new URLSearchParams(buildQuery(format, { ...settings.query, page }))));
}

function proxyRefusal(search: URLSearchParams): string | null {
  for (const format of ['s2s', 'appcharge'] as const) {
    try {
      allowedParameters(format, search);
    } catch (error) {
      if (error instanceof ParameterError) return `${format}: ${error.message}`;
      throw error;
    }
  }
  return null;
}

/** Text as publishers' pages hold it: any string, often a plausible value. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('android', 'IOS', 'de', 'USA', 'bundle', 'PopUp', 'Daily Bonus', 'user 42', 'ユーザー', '', ' ', '0', '-1', '1e3', '10001'),
);
const anyNumber = fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.double(), anyText);

describe('what the wall sends, the proxy accepts', () => {
  it('for any request attributes a publisher can set', () => {
    const arbitraries: Record<string, fc.Arbitrary<unknown>> = {};
    for (const name of REQUEST_PROPERTIES) arbitraries[name] = name === 'pageSize' ? anyNumber : anyText;
    fc.assert(
      fc.property(fc.record(arbitraries, { requiredKeys: [] }), (raw) => {
        for (const search of queriesFor(raw as RawSettings)) {
          const refusal = proxyRefusal(search);
          assert.equal(refusal, null, `${search} → ${refusal}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('passes a user id with spaces, accents or another script, as the publisher wrote it', () => {
    for (const userId of ['user 42', 'José Núñez', 'ユーザー42', 'مستخدم ٤٢', 'a@b.example', 'u'.repeat(256)]) {
      const { settings, problems } = resolveSettings({ endpoint: '/offers', userId }, defaults);
      assert.deepEqual(problems, []);
      const search = new URLSearchParams(buildQuery('s2s', { ...settings.query, page: 1 }));
      assert.equal(search.get('thirdparty_id'), userId);
      assert.deepEqual(allowedParameters('s2s', search).find(([name]) => name === 'thirdparty_id'), ['thirdparty_id', userId]);
    }
  });

  it('sends an appcharge offer type written in any case with the spelling the API wants', () => {
    const { settings, problems } = resolveSettings({ endpoint: '/offers', offerType: 'bundle' }, defaults);
    assert.deepEqual(problems, []);
    assert.equal(settings.query.offerType, 'Bundle');
  });

  it('names the attribute, and sends nothing for it, when a value breaks the rule the proxy applies', () => {
    const { settings, problems } = resolveSettings(
      { endpoint: '/offers', offerType: 'Everything', userId: 'line\nbreak', gaid: 'has space', offerSubType: '<script>', country: 'USA' },
      defaults,
    );
    assert.deepEqual(
      problems.map((problem) => problem.attribute),
      ['country', 'user-id', 'gaid', 'offer-type', 'offer-sub-type'],
    );
    assert.match(problems.find((p) => p.attribute === 'offer-type')!.message, /offer-type="Everything" ignored: expected one of Bundle, SpecialOffer/);
    assert.deepEqual(
      [settings.query.offerType, settings.query.userId, settings.query.gaid, settings.query.offerSubType, settings.query.country],
      [null, null, null, null, null],
    );
  });
});
