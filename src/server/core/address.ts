/**
 * Network addresses: whose address a request carries when proxies stand in front of the server
 * (`X-Forwarded-For`, believed only as far as it is trusted), and whether an address is in a list
 * of addresses and CIDR ranges (for trusted proxies, and for the networks allowed to send
 * postbacks). IPv4 and IPv6, runtime-neutral.
 */

/** How far `X-Forwarded-For` is believed: a number of proxy hops, or the proxies' addresses and ranges. */
export type TrustProxy = number | AddressList;

/** A parsed list of addresses and CIDR ranges. */
export interface AddressList {
  /** The list as written, for messages. */
  readonly text: string;
  has(address: string): boolean;
}

/** An address as 16 bytes (IPv4 as IPv4-mapped IPv6), or null when it is none. */
export function addressBytes(text: string): Uint8Array | null {
  let value = text.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((octet) => octet > 255)) return null;
    return new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...octets]);
  }
  if (!value.includes(':') || !/^[0-9a-f:.]+$/i.test(value)) return null;
  // An IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (tail) {
    const v4bytes = addressBytes(tail[1]!);
    if (!v4bytes) return null;
    const groups = [(v4bytes[12]! << 8) | v4bytes[13]!, (v4bytes[14]! << 8) | v4bytes[15]!].map((g) => g.toString(16));
    value = value.slice(0, -tail[1]!.length) + groups.join(':');
  }
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const split = (half: string) => (half ? half.split(':') : []);
  const head = split(halves[0]!);
  const rest = halves.length === 2 ? split(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const group = groups[i]!;
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    const n = parseInt(group, 16);
    bytes[2 * i] = n >> 8;
    bytes[2 * i + 1] = n & 0xff;
  }
  return bytes;
}

/** Parses `a, b/24, c:d::/64`; throws a `TypeError` naming the first entry that is no address or range. */
export function parseAddressList(text: string): AddressList {
  const ranges: Array<{ bytes: Uint8Array; bits: number }> = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split('/');
    const bytes = addressBytes(address!);
    const isV4 = !!bytes && !address!.includes(':');
    const max = isV4 ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!bytes || !(bits >= 0 && bits <= max)) throw new TypeError(`"${entry}" is not an address or a CIDR range`);
    ranges.push({ bytes, bits: isV4 ? bits + 96 : bits });
  }
  return {
    text,
    has(address) {
      const bytes = addressBytes(address);
      if (!bytes) return false;
      return ranges.some((range) => {
        for (let bit = 0; bit < range.bits; bit += 8) {
          const mask = range.bits - bit >= 8 ? 0xff : (0xff << (8 - (range.bits - bit))) & 0xff;
          const i = bit >> 3;
          if ((bytes[i]! & mask) !== (range.bytes[i]! & mask)) return false;
        }
        return true;
      });
    },
  };
}

/** `OFFER_WALL_TRUST_PROXY`: a hop count (`1`) or a list of addresses and ranges. */
export function parseTrustProxy(text: string): TrustProxy {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : parseAddressList(text);
}

/**
 * The client's address: the peer's own, unless the peer is a trusted proxy, in which case the
 * `X-Forwarded-For` entries are walked from the right (the nearest proxy first) for as long as
 * they are trusted: `trust` hops, or addresses in the trusted list. A header nobody trusted is
 * ignored, so a client cannot choose its own address.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, trust: TrustProxy | undefined): string | null {
  const own = peer?.trim() || null;
  if (!trust || !own) return own;
  const chain = [...(forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean), own];
  let at = chain.length - 1;
  if (typeof trust === 'number') at = Math.max(0, at - trust);
  else while (at > 0 && trust.has(chain[at]!)) at--;
  const found = chain[at]!;
  // A malformed entry is no address to send upstream or to key a cache by: none is known.
  return addressBytes(found) ? found : null;
}
