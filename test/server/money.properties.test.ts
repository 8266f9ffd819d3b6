/**
 * The money rule as a property, for every profile: whatever the values of a genuine postback
 * (with `:`, `&`, `=`, `%`, `-`, NUL, characters beyond the BMP and digits in them; a lone surrogate cannot
 * travel in a URL, and money.test.ts sends one in a JSON body) and whatever an attacker
 * who saw it changes (a value, text moved between neighbouring fields, parameters appended after
 * the signature or put in a body, the sending address), a postback the receiver accepts credits
 * or reverses nothing but the user, amount and transaction the network signed. Checked on the
 * receiver's own reader (`judgePostback`), which decides every value before the ledger sees it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAddressList, PROFILE_NAMES, PROFILES, type ProfileName } from '../../src/server/index.js';
import { judgePostback, type IncomingPostback } from '../../src/server/rewards/postbacks/judge.js';
import { weakness } from '../../src/server/rewards/postbacks/profile.js';
import { NETWORKS, request, SECRET, type Pairs } from './networks.js';

const NETWORK_ADDRESS = '198.51.100.7';
const ATTACKER = '203.0.113.66';

/** Text with the characters that separate, escape or cannot be stored. */
const nasty = fc.string({ unit: fc.constantFrom('a', 'b', '1', '2', '0', ':', '&', '=', '%', '-', '+', ' ', '.', '\u0000', '\ud83d\ude00', 'é'), minLength: 1, maxLength: 12 });
/** Mostly values a network really sends, so that most genuine postbacks are accepted and the attacks have something to change. */
const id = fc.oneof({ weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'x', '1', '2', '9', '_'), minLength: 1, maxLength: 10 }) }, { weight: 1, arbitrary: nasty });
const amount = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 99 })).map(([whole, cents]) => (cents ? `${whole}.${String(cents).padStart(2, '0')}` : String(whole))) },
  { weight: 1, arbitrary: nasty },
);

type Mutation =
  | { kind: 'value'; field: number; value: string }
  | { kind: 'move'; field: number; count: number }
  | { kind: 'after'; name: string; value: string }
  | { kind: 'body'; name: string; value: string }
  | { kind: 'address' };

function incoming(call: { url: string; init: RequestInit }, address: string): IncomingPostback {
  const url = new URL(call.url);
  const headers = new Headers(call.init.headers);
  return {
    query: url.search.slice(1),
    body: typeof call.init.body === 'string' ? call.init.body : '',
    contentType: headers.get('Content-Type'),
    header: (name) => headers.get(name),
    urls: [call.url],
    address,
  };
}

/** What a mutation makes of a genuine call's parameters (the signature stays the genuine one). */
function mutate(pairs: Pairs, mutation: Mutation): { pairs: Pairs; after: Pairs; body?: Pairs; address: string } {
  const copy: Pairs = pairs.map(([name, value]) => [name, value]);
  switch (mutation.kind) {
    case 'value':
      copy[mutation.field % copy.length]![1] = mutation.value;
      return { pairs: copy, after: [], address: ATTACKER };
    case 'move': {
      // The last characters of one value become the first of the next.
      const at = mutation.field % Math.max(1, copy.length - 1);
      const from = copy[at]!;
      const to = copy[at + 1];
      if (!to) return { pairs: copy, after: [], address: ATTACKER };
      // By characters, not UTF-16 units: half of a pair cannot travel in a URL.
      const characters = Array.from(from[1]);
      const count = Math.min(mutation.count, characters.length);
      to[1] = characters.slice(characters.length - count).join('') + to[1];
      from[1] = characters.slice(0, characters.length - count).join('');
      return { pairs: copy, after: [], address: ATTACKER };
    }
    case 'after':
      return { pairs: copy, after: [[mutation.name, mutation.value]], address: ATTACKER };
    case 'body':
      return { pairs: copy, after: [], body: [[mutation.name, mutation.value]], address: ATTACKER };
    case 'address':
      return { pairs: copy, after: [], address: ATTACKER };
  }
}

describe('no accepted postback credits anything but the signed user and amount', () => {
  for (const profile of PROFILE_NAMES) {
    it(`${profile}: whatever an attacker changes of a genuine postback`, async () => {
      const network = NETWORKS[profile];
      const names = Object.values(network.fields);
      const settings = {
        name: profile as ProfileName,
        profile: PROFILES[profile],
        secret: SECRET,
        senders: weakness(PROFILES[profile]) ? parseAddressList(NETWORK_ADDRESS) : null,
      };
      const mutation: fc.Arbitrary<Mutation> = fc.oneof(
        fc.record({ kind: fc.constant('value' as const), field: fc.nat(), value: fc.oneof(nasty, amount) }),
        fc.record({ kind: fc.constant('move' as const), field: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
        fc.record({ kind: fc.constant('after' as const), name: fc.constantFrom(...names, 'TYPE', 'status', 'is_chargeback', 'state'), value: fc.oneof(nasty, fc.constantFrom('RECONCILIATION', '2', 'reversal', '1', 'rejected', '-5')) }),
        fc.record({ kind: fc.constant('body' as const), name: fc.constantFrom(...names, 'is_chargeback', 'status'), value: fc.oneof(nasty, fc.constantFrom('1', '2', 'reversal')) }),
        fc.constant({ kind: 'address' as const }),
      );
      await fc.assert(
        fc.asyncProperty(id, id, amount, mutation, async (user, tx, value, change) => {
          const pairs = network.pairs(user, tx, value);
          const signature = network.sign(pairs, SECRET);
          const changed = mutate(pairs, change);
          const verdict = await judgePostback(incoming(request(changed.pairs, signature, { after: changed.after, ...(changed.body ? { body: changed.body } : {}) }), changed.address), settings);
          if (verdict.kind !== 'record') return;
          // Accepted: it must be the network's own postback, value for value, and mean what it meant.
          const own = await judgePostback(incoming(request(pairs, signature), NETWORK_ADDRESS), settings);
          assert.equal(own.kind, 'record', 'what the network itself would not get accepted, nobody does');
          const { record } = verdict;
          const expected = (own as Extract<typeof own, { kind: 'record' }>).record;
          assert.deepEqual([record.kind, record.userId, record.amount, record.transactionId], [expected.kind, expected.userId, expected.amount, expected.transactionId]);
          assert.equal(record.userId, user);
          assert.equal(Number(record.amount), Math.abs(Number(value)));
          assert.ok(Number(record.amount) > 0, 'more than 0');
          if (record.kind === 'credit') assert.ok(!value.startsWith('-'), 'a negative amount is never a credit');
          // A reversal names its transaction as the network signed it (ayeT's `r-`, BitLabs' `or` aside).
          assert.ok([tx, tx.replace(/^r-/, ''), tx.replace(/^or/, 'o')].includes(record.transactionId), 'the signed transaction');
        }),
        { numRuns: 1000 },
      );
    });
  }
});

describe('each profile declares exactly what its network signs', () => {
  /** What the networks' documentation says each signature covers (the weak ones need their senders listed). */
  const DOCUMENTED: Record<ProfileName, { signed: Array<'user' | 'amount' | 'transaction'>; weak: boolean }> = {
    generic: { signed: ['user', 'amount', 'transaction'], weak: false },
    ayet: { signed: ['user', 'amount', 'transaction'], weak: false },
    adgem: { signed: ['user', 'amount', 'transaction'], weak: false },
    bitlabs: { signed: ['user', 'amount', 'transaction'], weak: false },
    tapjoy: { signed: ['user', 'amount', 'transaction'], weak: false },
    kiwiwall: { signed: ['user', 'amount'], weak: true },
    torox: { signed: ['user'], weak: true },
    lootably: { signed: ['user', 'amount'], weak: true },
    fyber: { signed: ['user', 'amount', 'transaction'], weak: true },
    adgate: { signed: [], weak: true },
  };

  for (const profile of PROFILE_NAMES) {
    it(`${profile}: a signed field changed is refused, an unsigned one is not covered (and its senders must then prove the call)`, async () => {
      const network = NETWORKS[profile];
      const documented = DOCUMENTED[profile];
      assert.equal(weakness(PROFILES[profile]) !== null, documented.weak, 'weak as documented');
      // From the network's own address: only the signature can refuse a changed value here.
      const settings = { name: profile, profile: PROFILES[profile], secret: SECRET, senders: parseAddressList(NETWORK_ADDRESS) };
      const pairs = network.pairs('player-1', 'tx-100', '120');
      const signature = network.sign(pairs, SECRET);
      const genuine = await judgePostback(incoming(request(pairs, signature), NETWORK_ADDRESS), settings);
      assert.equal(genuine.kind, 'record', 'the documented formula is accepted');
      for (const field of ['user', 'amount', 'transaction'] as const) {
        const name = network.fields[field];
        const changed = pairs.map(([key, value]): [string, string] => [key, key === name ? (field === 'amount' ? '121' : `${value}9`) : value]);
        const verdict = await judgePostback(incoming(request(changed, signature), NETWORK_ADDRESS), settings);
        if (documented.signed.includes(field)) assert.equal(verdict.kind, 'forbidden', `${field} is signed`);
        else assert.equal(verdict.kind, 'record', `${field} is not signed: only the sender's address proves it`);
      }
    });
  }
});
