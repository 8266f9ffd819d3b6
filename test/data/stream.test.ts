/**
 * Reading a page as it arrives (`streamFeed`): however the answer is cut into pieces (inside
 * strings, escapes, multi-byte characters, numbers), in either dialect or `auto`, its offers come
 * out in batches that add up to what the whole-body reader (`parseFeed`) makes of the whole answer,
 * in order; the envelope may come before or after the list; a failure once offers were handed on
 * is not retried; the time limit covers the body.
 */
import { expect } from '@open-wc/testing';
import '../fixtures/reader.js';
import fc from 'fast-check';
import { APPCHARGE_SEED, S2S_SEED } from '../../demo/mocks/seeds.js';
import { parseFeed, type FormatSetting } from '../../src/data/dialects.js';
import { streamFeed, type FeedBatch, type StreamFeedOptions } from '../../src/data/request.js';
import { WallError } from '../../src/data/types.js';
import { appchargeOffer, appchargePage, s2sOffer, s2sPage } from '../fixtures/feeds.js';
import { ENDPOINT, sleep, streamedFetch, until, type StreamedAnswer } from '../helpers.js';

/** Text that takes every path through a reader: escapes, quotes, brackets and 2-, 3- and 4-byte characters. */
const TRICKY = 'Café "Crème" \\ Brûlée 😀 日本語 عربى [1,{"x":"}"}] \u2028\t\n\u0000 end';

const feeds: Array<[string, FormatSetting, unknown]> = [
  ['s2s seed', 's2s', S2S_SEED],
  ['appcharge seed', 'appcharge', APPCHARGE_SEED],
  [
    's2s with tricky text, numbers and left-out offers',
    'auto',
    s2sPage([
      s2sOffer(1, { name: TRICKY, payout: 12.345e-1, id: 2957231058 }),
      { name: 'no id' },
      'junk',
      s2sOffer(2, { description: TRICKY, payout: '0.5', conversion_flow: '1.\\u00e9\n2.😀' }),
      s2sOffer(3, { payout: -0, countries: [] }),
    ]),
  ],
  ['appcharge with tricky text', 'auto', appchargePage([appchargeOffer(1, { name: TRICKY }), appchargeOffer(2, { active: false }), appchargeOffer(3)], 99)],
];

/** Reads `url`'s answer, cut at `cuts` (byte offsets), through `streamFeed`; the batches it yields. */
async function readCut(json: string, format: FormatSetting, cuts: number[], options: Partial<StreamFeedOptions> = {}) {
  const { answers, restore } = streamedFetch();
  try {
    const batches: FeedBatch[] = [];
    const reading = (async () => {
      for await (const batch of streamFeed(ENDPOINT, { signal: new AbortController().signal, timeout: 5000, format, ...options })) {
        batches.push(batch);
      }
    })();
    await until(() => answers.length, 'the request');
    const bytes = new TextEncoder().encode(json);
    let from = 0;
    for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
      answers[0]!.write(bytes.subarray(from, cut));
      from = cut;
    }
    answers[0]!.write(bytes.subarray(from));
    answers[0]!.end();
    await reading;
    return batches;
  } finally {
    restore();
  }
}

/** What the batches add up to. */
function whole(batches: FeedBatch[]) {
  const last = batches.at(-1)!;
  return {
    format: last.dialect.format,
    offers: batches.flatMap((batch) => batch.offers),
    received: batches.reduce((sum, batch) => sum + batch.items, 0),
    total: last.total,
  };
}

function expected(json: string, format: FormatSetting) {
  const { format: dialect, offers, received, total } = parseFeed(JSON.parse(json), format);
  return { format: dialect, offers, received, total };
}

describe('reading a page as it arrives', () => {
  for (const [name, format, body] of feeds) {
    it(`gives the offers of the whole answer, in order, however it is cut: ${name}`, async () => {
      const json = JSON.stringify(body);
      const length = new TextEncoder().encode(json).length;
      const want = expected(json, format);
      // Every byte on its own, then random cuts.
      expect(whole(await readCut(json, format, Array.from({ length }, (_, i) => i)))).to.deep.equal(want);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(length), { maxLength: 40 }), async (cuts) => {
          expect(whole(await readCut(json, format, cuts))).to.deep.equal(want);
        }),
        { numRuns: 25 },
      );
    });
  }

  it('hands on the first offers before the rest of the answer has arrived', async () => {
    const { answers, restore } = streamedFetch();
    try {
      const stream = streamFeed(ENDPOINT, { signal: new AbortController().signal, timeout: 5000, format: 's2s' });
      const first = stream.next();
      await until(() => answers.length, 'the request');
      answers[0]!.write(`{"c":0,"d":{"p":1,"n":20,"tot":40,"data":[${JSON.stringify(s2sOffer(1))},${JSON.stringify(s2sOffer(2))},{"id":`);
      const { value } = (await first) as IteratorYieldResult<FeedBatch>;
      expect(value.offers.map((offer) => offer.name)).to.deep.equal(['Offer 1', 'Offer 2']);
      expect(value.items).to.equal(2);
      answers[0]!.write(`1003,"name":"Offer 3"}]}}`);
      answers[0]!.end();
      const rest: FeedBatch[] = [];
      for await (const batch of { [Symbol.asyncIterator]: () => stream }) rest.push(batch);
      expect(rest.reduce((sum, batch) => sum + batch.items, 0)).to.equal(1);
      expect(rest.at(-1)!.total).to.equal(40);
    } finally {
      restore();
    }
  });

  it('takes a total, or an error code, that comes after the list', async () => {
    const offers = `[${JSON.stringify(s2sOffer(1))}]`;
    expect(whole(await readCut(`{"d":{"data":${offers},"p":1,"n":1,"tot":60},"c":0}`, 's2s', [20])).total).to.equal(60);
    expect(whole(await readCut(`{"offers":[${JSON.stringify(appchargeOffer(1))}],"totalCount":7}`, 'auto', [3])).total).to.equal(7);
    const failure = await readCut(`{"d":{"data":${offers}},"c":1003,"msg":"invalid app_id"}`, 's2s', [30]).catch((e: unknown) => e);
    expect(failure).to.be.instanceOf(WallError);
    expect((failure as WallError).kind).to.equal('payload');
    expect((failure as WallError).message).to.contain('1003: invalid app_id');
  });

  it('calls an answer that is not a feed, or not JSON, a payload error, before or after its first offers', async () => {
    const broken = `{"d":{"data":[${JSON.stringify(s2sOffer(1))},{"id":nul}]}}`;
    for (const [json, cut] of [
      ['{"c":1001,"msg":"no","d":{"data":[]}}', 5],
      ['{"hello":"world"}', 5],
      ['<html>', 5],
      [broken, broken.indexOf('{"id":nul')],
    ] as const) {
      const failure = await readCut(json, 's2s', [cut]).catch((e: unknown) => e);
      expect(failure, json).to.be.instanceOf(WallError);
      expect((failure as WallError).kind, json).to.equal('payload');
    }
  });

  it('passes over the items an earlier answer already gave, counting only the rest', async () => {
    const json = JSON.stringify(s2sPage([s2sOffer(1), { name: 'no id' }, s2sOffer(2), s2sOffer(3)]));
    const batches = await readCut(json, 's2s', [100, 600], { skip: 2 });
    expect(whole(batches).offers.map((offer) => offer.name)).to.deep.equal(['Offer 2', 'Offer 3']);
    expect(whole(batches).received).to.equal(2);
  });

  describe('failures', () => {
    let fetched: { answers: StreamedAnswer[]; restore: () => void };
    beforeEach(() => (fetched = streamedFetch()));
    afterEach(() => fetched.restore());

    const options = (timeout = 5000): StreamFeedOptions => ({ signal: new AbortController().signal, timeout, format: 's2s', retryDelays: [10, 10] });

    it('retries an answer that breaks off before its first offer', async () => {
      const batches: FeedBatch[] = [];
      const reading = (async () => {
        for await (const batch of streamFeed(ENDPOINT, options())) batches.push(batch);
      })();
      await until(() => fetched.answers.length === 1, 'the request');
      fetched.answers[0]!.write('{"c":0,"d":{"data":[{"id":1');
      fetched.answers[0]!.fail();
      await until(() => fetched.answers.length === 2, 'the retry');
      fetched.answers[1]!.write(JSON.stringify(s2sPage([s2sOffer(1)])));
      fetched.answers[1]!.end();
      await reading;
      expect(whole(batches).offers).to.have.length(1);
    });

    it('does not retry an answer that breaks off after offers were handed on: a network error saying so', async () => {
      const batches: FeedBatch[] = [];
      const reading = (async () => {
        for await (const batch of streamFeed(ENDPOINT, options())) batches.push(batch);
      })().catch((e: unknown) => e);
      await until(() => fetched.answers.length === 1, 'the request');
      fetched.answers[0]!.write(`{"c":0,"d":{"data":[${JSON.stringify(s2sOffer(1))},`);
      await until(() => batches.length === 1, 'the first offer');
      fetched.answers[0]!.fail();
      const failure = (await reading) as WallError;
      expect(failure).to.be.instanceOf(WallError);
      expect(failure.kind).to.equal('network');
      expect(failure.message).to.match(/^The offers answer broke off/);
      expect(fetched.answers).to.have.length(1);
    });

    it('gives up an answer still arriving at the time limit, with what it gave kept (kind timeout)', async () => {
      const batches: FeedBatch[] = [];
      const reading = (async () => {
        for await (const batch of streamFeed(ENDPOINT, options(300))) batches.push(batch);
      })().catch((e: unknown) => e);
      await until(() => fetched.answers.length === 1, 'the request');
      fetched.answers[0]!.write(`{"c":0,"d":{"data":[${JSON.stringify(s2sOffer(1))},`);
      const failure = (await reading) as WallError;
      expect(failure.kind).to.equal('timeout');
      expect(batches).to.have.length(1);
      expect(fetched.answers).to.have.length(1);
      expect(fetched.answers[0]!.stopped).to.equal(true);
    });

    it('does not count the time its reader takes with the batches once the whole answer is in', async () => {
      const batches: FeedBatch[] = [];
      const json = JSON.stringify(s2sPage([s2sOffer(1), s2sOffer(2)]));
      const reading = (async () => {
        for await (const batch of streamFeed(ENDPOINT, options(150))) {
          batches.push(batch);
          // A reader slower than the time limit (a busy page, a slow phone): the network was not.
          await sleep(200);
        }
      })();
      await until(() => fetched.answers.length === 1, 'the request');
      const [head, rest] = [json.slice(0, json.indexOf('},{') + 2), json.slice(json.indexOf('},{') + 2)];
      fetched.answers[0]!.write(head);
      fetched.answers[0]!.write(rest);
      fetched.answers[0]!.end();
      await reading;
      expect(whole(batches).offers).to.have.length(2);
    });

    it('stops reading the body when aborted, rejecting with the abort', async () => {
      const controller = new AbortController();
      const reading = (async () => {
        for await (const batch of streamFeed(ENDPOINT, { ...options(), signal: controller.signal })) void batch;
      })().catch((e: unknown) => e);
      await until(() => fetched.answers.length === 1, 'the request');
      fetched.answers[0]!.write(`{"c":0,"d":{"data":[${JSON.stringify(s2sOffer(1))},`);
      controller.abort(new DOMException('changed', 'AbortError'));
      const failure = (await reading) as DOMException;
      expect(failure).to.not.be.instanceOf(WallError);
      expect(failure.name).to.equal('AbortError');
      expect(fetched.answers[0]!.stopped).to.equal(true);
    });

    it('cancels the body when the reader stops taking batches', async () => {
      const stream = streamFeed(ENDPOINT, options());
      const first = stream.next();
      await until(() => fetched.answers.length === 1, 'the request');
      fetched.answers[0]!.write(`{"c":0,"d":{"data":[${JSON.stringify(s2sOffer(1))},`);
      await first;
      await stream.return(undefined);
      await until(() => fetched.answers[0]!.stopped, 'the body cancelled');
    });
  });
});
