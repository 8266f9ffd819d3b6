/**
 * The rewards' digests and signatures give the same bytes on every runtime: with `node:crypto`
 * (where the runtime hands it out) and with Web Crypto alone (an edge runtime), each checked
 * against Node's own crypto for texts a network may send (non-ASCII, a lone surrogate, empty).
 */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';

type CryptoModule = typeof import('../../src/server/core/crypto.js');

/** The module as a runtime without `process.getBuiltinModule` loads it: Web Crypto only. */
async function webCryptoOnly(): Promise<CryptoModule> {
  const saved = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');
  Object.defineProperty(process, 'getBuiltinModule', { value: undefined, configurable: true, writable: true });
  try {
    // Another instance of the module (its own URL), which reads the runtime as it is now.
    const specifier = '../../src/server/core/crypto.js?web-crypto-only';
    return (await import(specifier)) as CryptoModule;
  } finally {
    if (saved) Object.defineProperty(process, 'getBuiltinModule', saved);
    else delete (process as { getBuiltinModule?: unknown }).getBuiltinModule;
  }
}

const TEXTS = ['', 'tx-1:user-1:offer-1:100:', 'ünïcödé ☃ 🎉', 'lone \ud800 surrogate', 'x'.repeat(5000)];
const KEYS = ['network-secret-0123456789', 'ключ 🔑'];

describe('digests and signatures', () => {
  for (const [name, load] of [
    ['with node:crypto', async () => (await import('../../src/server/core/crypto.js')) as CryptoModule],
    ['with Web Crypto alone', webCryptoOnly],
  ] as const) {
    it(`are Node's own, ${name}`, async () => {
      const mod = await load();
      for (const text of TEXTS) {
        for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
          assert.equal(await mod.digestHex(algorithm, text), createHash(algorithm).update(text, 'utf8').digest('hex'), `${algorithm} of ${JSON.stringify(text.slice(0, 20))}`);
        }
        for (const key of KEYS) {
          for (const algorithm of ['sha1', 'sha256'] as const) {
            const expected = createHmac(algorithm, key).update(text, 'utf8').digest('hex');
            assert.equal(await mod.hmacHex(algorithm, key, text), expected);
            assert.equal(Buffer.from(await mod.hmac(algorithm, key, text)).toString('hex'), expected);
          }
        }
      }
    });
  }
});
