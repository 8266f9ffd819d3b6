/**
 * The digests and signatures the rewards need, runtime-neutral: Web Crypto's SHA and HMAC (in
 * Node, Deno, Bun and edge runtimes alike), MD5 written here (three networks still sign with it
 * and Web Crypto has none), base64url, and a comparison whose time does not depend on where two
 * signatures differ. Where the runtime offers `node:crypto` without an import
 * (`process.getBuiltinModule`: Node 20.16 and later, and the runtimes that follow it), SHA and
 * HMAC are computed with it: Web Crypto's are asynchronous jobs that cost a postback about 45 µs
 * of CPU each, `node:crypto`'s about 4 (measured on Node 20: BENCHMARKS.md).
 */

const encoder = new TextEncoder();

interface Digest {
  digest(): Uint8Array;
  digest(encoding: 'hex'): string;
}

/** What is used of `node:crypto`. */
interface NodeCrypto {
  createHash(algorithm: string): { update(text: string, encoding: 'utf8'): Digest };
  createHmac(algorithm: string, key: string): { update(text: string, encoding: 'utf8'): Digest };
}

/** `node:crypto`, where the runtime hands it out without an import; otherwise null (Web Crypto is used). */
const nodeCrypto: NodeCrypto | null = (() => {
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const module = runtime?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return typeof module?.createHmac === 'function' && typeof module.createHash === 'function' ? module : null;
  } catch {
    return null;
  }
})();

export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256';

const SUBTLE_NAMES: Record<Exclude<DigestAlgorithm, 'md5'>, string> = { sha1: 'SHA-1', sha256: 'SHA-256' };

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The digest of a text (UTF-8), in lowercase hex. */
export async function digestHex(algorithm: DigestAlgorithm, text: string): Promise<string> {
  if (algorithm !== 'md5' && nodeCrypto) return nodeCrypto.createHash(algorithm).update(text, 'utf8').digest('hex');
  const bytes = encoder.encode(text);
  if (algorithm === 'md5') return toHex(md5(bytes));
  return toHex(new Uint8Array(await crypto.subtle.digest(SUBTLE_NAMES[algorithm], bytes)));
}

const hmacKeys = new Map<string, ReturnType<typeof crypto.subtle.importKey>>();

/** HMAC of a text under a key (both UTF-8), as bytes. Keys are imported once. */
export async function hmac(algorithm: 'sha1' | 'sha256', key: string, text: string): Promise<Uint8Array> {
  if (nodeCrypto) return nodeCrypto.createHmac(algorithm, key).update(text, 'utf8').digest();
  const id = `${algorithm}\u0000${key}`;
  let imported = hmacKeys.get(id);
  if (!imported) {
    imported = crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: SUBTLE_NAMES[algorithm] }, false, ['sign']);
    hmacKeys.set(id, imported);
  }
  return new Uint8Array(await crypto.subtle.sign('HMAC', await imported, encoder.encode(text)));
}

export const hmacHex = async (algorithm: 'sha1' | 'sha256', key: string, text: string) =>
  nodeCrypto ? nodeCrypto.createHmac(algorithm, key).update(text, 'utf8').digest('hex') : toHex(await hmac(algorithm, key, text));

/**
 * Whether two texts are equal, in a time that depends on their lengths only, never on where they
 * first differ: a signature checked this way leaks nothing of the right one to a forger timing it.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let difference = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) difference |= x[i]! ^ (y[i % (y.length || 1)] ?? 0);
  return difference === 0;
}

/** base64url without padding, of bytes or of a text's UTF-8. */
export function base64url(value: Uint8Array | string): string {
  const bytes = typeof value === 'string' ? encoder.encode(value) : value;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text a base64url string holds, or null when it is none. */
export function fromBase64url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

// MD5 (RFC 1321): four rounds of sixteen steps over 512-bit blocks.
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const SINES = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export function md5(input: Uint8Array): Uint8Array {
  const length = input.length;
  const blocks = ((length + 8) >>> 6) + 1;
  const words = new Uint32Array(blocks * 16);
  for (let i = 0; i < length; i++) words[i >>> 2]! |= input[i]! << ((i % 4) * 8);
  words[length >>> 2]! |= 0x80 << ((length % 4) * 8);
  // The message's length in bits, as a 64-bit little-endian number.
  words[blocks * 16 - 2] = (length * 8) >>> 0;
  words[blocks * 16 - 1] = Math.floor(length / 0x20000000);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  for (let block = 0; block < blocks; block++) {
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      const round = i >>> 4;
      let f: number;
      let g: number;
      if (round === 0) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (round === 1) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (round === 2) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const sum = (a + f + SINES[i]! + words[block * 16 + g]!) >>> 0;
      const shift = SHIFTS[round * 4 + (i % 4)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new Uint8Array(16);
  [a0, b0, c0, d0].forEach((word, i) => {
    for (let j = 0; j < 4; j++) out[i * 4 + j] = (word >>> (8 * j)) & 0xff;
  });
  return out;
}
