/**
 * The incremental reader of feed answers (src/data/json-stream.ts): however an answer is cut into
 * pieces (inside strings, escapes, numbers, multi-byte characters), it hands on the same items, in
 * order, and the same envelope as `JSON.parse` of the whole; malformed or cut-off JSON throws.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { JsonFeedReader } from '../../src/data/json-stream.js';

const LISTS = ['d.data', 'data', 'offers'];

/** Reads `bytes` cut at `cuts` (byte offsets), decoding UTF-8 as a streaming reader does. */
function read(json: string, cuts: number[] = [], lists = LISTS) {
  const bytes = new TextEncoder().encode(json);
  const decoder = new TextDecoder();
  const items: Array<[string, unknown]> = [];
  const starts: string[] = [];
  const reader = new JsonFeedReader(lists, (text, path) => items.push([path, JSON.parse(text)]), (path) => starts.push(path));
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    reader.push(decoder.decode(bytes.subarray(from, cut), { stream: true }));
    from = cut;
  }
  reader.push(decoder.decode(bytes.subarray(from)));
  reader.end();
  return { body: reader.body, items, starts };
}

/** What the reader should give: the items of each list, and the body with those lists emptied. */
function expected(value: unknown) {
  const items: Array<[string, unknown]> = [];
  const copy = structuredClone(value) as Record<string, unknown>;
  const empty = (holder: Record<string, unknown> | undefined, key: string, path: string) => {
    if (holder && typeof holder === 'object' && !Array.isArray(holder) && Array.isArray(holder[key])) {
      for (const item of holder[key] as unknown[]) items.push([path, item]);
      holder[key] = [];
    }
  };
  if (copy && typeof copy === 'object' && !Array.isArray(copy)) {
    empty(copy['d'] as Record<string, unknown> | undefined, 'data', 'd.data');
    empty(copy, 'data', 'data');
    empty(copy, 'offers', 'offers');
  }
  return { body: copy, items };
}

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const offer = fc.dictionary(text, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(text, scalar, { maxKeys: 3 })), { maxKeys: 6 });
const s2s = fc.record({
  c: fc.oneof(fc.constant(0), fc.integer()),
  msg: text,
  d: fc.record({ p: fc.integer(), tot: fc.integer(), n: fc.integer(), data: fc.array(offer, { maxLength: 8 }) }),
});
const bare = fc.record({ tot: fc.integer(), data: fc.array(offer, { maxLength: 8 }) });
const appcharge = fc.record({ offers: fc.array(offer, { maxLength: 8 }), totalCount: fc.integer() });
const answer = fc.oneof(s2s, bare, appcharge, offer);

describe('reading a feed answer as it streams in', () => {
  it('gives the items and envelope of JSON.parse, however the answer is cut', () => {
    fc.assert(
      fc.property(
        answer,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (value, spaced, cuts) => {
          const json = JSON.stringify(value, null, spaced ? 1 : undefined);
          const length = new TextEncoder().encode(json).length;
          const { body, items } = read(json, cuts.map((cut) => cut % (length + 1)));
          const want = expected(JSON.parse(json));
          expect(items).to.deep.equal(want.items);
          expect(body).to.deep.equal(want.body);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts inside strings, escapes, numbers and multi-byte characters, byte by byte', () => {
    const value = {
      c: 0,
      d: {
        p: 1,
        tot: -12.5e3,
        data: [
          { id: 2957231058, name: 'Café "Crème" \\ Brûlée 😀 日本語 عربى', flow: '1.Download\n2.Play\u2028', payout: '3.60' },
          { id: 'x', list: [1, [2, { deep: '}]' }]], nothing: null, yes: true },
        ],
      },
    };
    const json = JSON.stringify(value);
    const bytes = new TextEncoder().encode(json).length;
    const { body, items, starts } = read(json, Array.from({ length: bytes }, (_, i) => i));
    expect(items.map(([, item]) => item)).to.deep.equal(value.d.data);
    expect(body).to.deep.equal({ c: 0, d: { p: 1, tot: -12.5e3, data: [] } });
    expect(starts).to.deep.equal(['d.data']);
  });

  it('reads strings and items longer than many pieces, escapes cut at every piece boundary', () => {
    const long = `${'x'.repeat(997)}\\"é😀\\\\`.repeat(60);
    const json = `{"c":0,"msg":"${long}","d":{"data":[{"id":1,"text":"${long}"},{"id":2}],"tot":2}}`;
    const bytes = new TextEncoder().encode(json).length;
    for (const step of [7, 1000, 4096]) {
      const { body, items } = read(json, Array.from({ length: Math.ceil(bytes / step) }, (_, i) => i * step));
      expect(items.map(([, item]) => item)).to.deep.equal(JSON.parse(json).d.data);
      expect(body).to.deep.equal({ ...JSON.parse(json), d: { data: [], tot: 2 } });
    }
  });

  it('takes no key too long to name a list for the key before it', () => {
    const json = `{"data":1,"${'k'.repeat(300)}":[{"id":1}]}`;
    const cuts = [5, 20, 200, 320];
    expect(read(json, cuts).items).to.deep.equal([]);
    expect(read(json, cuts).body).to.deep.equal(JSON.parse(json));
  });

  it('takes the envelope before or after the list', () => {
    const after = read('{"d":{"data":[{"id":1},{"id":2}],"tot":2,"n":20},"c":0}');
    expect(after.items.map(([, item]) => item)).to.deep.equal([{ id: 1 }, { id: 2 }]);
    expect(after.body).to.deep.equal({ d: { data: [], tot: 2, n: 20 }, c: 0 });
  });

  it('reads a list only where the dialect keeps it, and anything else whole', () => {
    const { items, body } = read('{"meta":{"data":[1,2]},"offers":[],"data":"not a list"}');
    expect(items).to.deep.equal([]);
    expect(body).to.deep.equal({ meta: { data: [1, 2] }, offers: [], data: 'not a list' });
  });

  it('reads the envelope as JSON.parse does, `__proto__` keys included', () => {
    const { body } = read('{"__proto__":{"x":1},"offers":[{"id":1}],"c":0}');
    expect(body).to.deep.equal(JSON.parse('{"__proto__":{"x":1},"offers":[],"c":0}'));
    expect(Object.getPrototypeOf(body)).to.equal(Object.prototype);
  });

  it('hands the items of a list whose key is escaped, and none of a list under an empty key', () => {
    expect(read('{"d\\u0061ta":[{"id":1}]}').items).to.deep.equal([['data', { id: 1 }]]);
    expect(read('{"":{"data":[{"id":1}]}}').items).to.deep.equal([]);
  });

  it('reads a whole answer that is no feed at all', () => {
    expect(read('[1,2,3]').body).to.deep.equal([1, 2, 3]);
    expect(read(' 42 ').body).to.equal(42);
    expect(read('"text"').body).to.equal('text');
  });

  for (const [what, json] of [
    ['cut off inside an item', '{"offers":[{"id":1},{"id":'],
    ['cut off between items', '{"offers":[{"id":1},'],
    ['cut off inside a string', '{"c":0,"d":{"data":[],"msg":"unfinish'],
    ['a missing comma', '{"offers":[{"id":1} {"id":2}]}'],
    ['a missing colon', '{"offers" []}'],
    ['a trailing comma', '{"offers":[{"id":1}],}'],
    ['text after the end', '{"offers":[]} x'],
    ['a key that is no string', '{1:2}'],
    ['an envelope value that is no JSON', '{"c":nul,"offers":[]}'],
    ['nothing', ''],
  ] as const) {
    it(`throws a SyntaxError for ${what}`, () => {
      expect(() => read(json)).to.throw(SyntaxError);
    });
  }
});
