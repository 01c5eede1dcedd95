// net.BlockList and net.SocketAddress (Node 20's lib/internal/blocklist.js and socketaddress.js):
// rules on single addresses, ranges and subnets of either family, checked in JS. IPv4-mapped
// IPv6 addresses match IPv4 rules, as Node's SocketAddressBlockList does. `rules` lists the
// newest rule first, in Node's text form.

import { codes } from '../../../core/errors';
import { parseIpv4 } from '../../../net/wire/ipv4';
import { parseIpv6 } from '../../../net/wire/ipv6';
import { invalidArgType, validateOneOf, validateInteger } from '../validators';
import { isIPv4, isIPv6 } from './address';

type Family = 'ipv4' | 'ipv6';

/** Addresses as 16-byte values (IPv4 mapped to ::ffff:a.b.c.d) so both families compare alike. */
function toBytes(address: string, family: Family): Uint8Array | undefined {
  if (family === 'ipv4') {
    if (!isIPv4(address)) return undefined;
    const v = parseIpv4(address)!;
    const b = new Uint8Array(16);
    b[10] = 0xff; b[11] = 0xff;
    b[12] = v >>> 24; b[13] = (v >>> 16) & 0xff; b[14] = (v >>> 8) & 0xff; b[15] = v & 0xff;
    return b;
  }
  if (!isIPv6(address)) return undefined;
  return parseIpv6(address.replace(/%.*$/, ''));
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function inPrefix(a: Uint8Array, net: Uint8Array, bits: number): boolean {
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i] & mask) !== (net[i] & mask)) return false;
  }
  return true;
}

function normalizeFamily(family: unknown): Family {
  if (typeof family !== 'string') throw invalidArgType('family', 'string', family);
  const f = family.toLowerCase();
  validateOneOf(f, 'family', ['ipv4', 'ipv6']);
  return f as Family;
}

interface Rule {
  check(a: Uint8Array): boolean;
  text: string;
}

export class SocketAddress {
  readonly #address: string;
  readonly #port: number;
  readonly #family: Family;
  readonly #flowlabel: number;

  constructor(options: { address?: string; port?: number; family?: string; flowlabel?: number } = {}) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'Object', options);
    const family = normalizeFamily(options.family ?? 'ipv4');
    const address = options.address ?? (family === 'ipv4' ? '127.0.0.1' : '::');
    const port = options.port ?? 0;
    const flowlabel = options.flowlabel ?? 0;
    if (typeof address !== 'string') throw invalidArgType('options.address', 'string', address);
    validateInteger(port, 'options.port', 0, 65535);
    validateInteger(flowlabel, 'options.flowlabel', 0, 0xfffff);
    if (!toBytes(address, family)) throw new codes.ERR_INVALID_ARG_VALUE('options.address', address);
    this.#address = address;
    this.#port = port;
    this.#family = family;
    this.#flowlabel = flowlabel;
  }

  get address(): string { return this.#address; }
  get port(): number { return this.#port; }
  get family(): Family { return this.#family; }
  get flowlabel(): number { return this.#flowlabel; }

  static isSocketAddress(value: unknown): value is SocketAddress {
    return value instanceof SocketAddress;
  }

  toJSON(): { address: string; port: number; family: Family; flowlabel: number } {
    return { address: this.#address, port: this.#port, family: this.#family, flowlabel: this.#flowlabel };
  }
}

export class BlockList {
  readonly #rules: Rule[] = [];

  static isBlockList(value: unknown): value is BlockList {
    return value instanceof BlockList;
  }

  #parse(address: unknown, family: unknown, name = 'address'): { bytes: Uint8Array; text: string; family: Family } {
    if (address instanceof SocketAddress) {
      return { bytes: toBytes(address.address, address.family)!, text: address.address, family: address.family };
    }
    if (typeof address !== 'string') throw invalidArgType(name, ['string', 'SocketAddress'], address);
    const f = normalizeFamily(family);
    const bytes = toBytes(address, f);
    if (!bytes) throw new codes.ERR_INVALID_ARG_VALUE(name, address);
    return { bytes, text: address, family: f };
  }

  addAddress(address: string | SocketAddress, family: string = 'ipv4'): void {
    const a = this.#parse(address, family);
    this.#rules.unshift({ check: (x) => compare(x, a.bytes) === 0, text: `Address: ${a.family === 'ipv4' ? 'IPv4' : 'IPv6'} ${a.text}` });
  }

  addRange(start: string | SocketAddress, end: string | SocketAddress, family: string = 'ipv4'): void {
    const s = this.#parse(start, family, 'start');
    const e = this.#parse(end, family, 'end');
    if (compare(s.bytes, e.bytes) > 0) throw new codes.ERR_INVALID_ARG_VALUE('start', start, 'must come before end');
    this.#rules.unshift({
      check: (x) => compare(x, s.bytes) >= 0 && compare(x, e.bytes) <= 0,
      text: `Range: ${s.family === 'ipv4' ? 'IPv4' : 'IPv6'} ${s.text}-${e.text}`,
    });
  }

  addSubnet(network: string | SocketAddress, prefix: number, family: string = 'ipv4'): void {
    const n = this.#parse(network, family, 'network');
    validateInteger(prefix, 'prefix', 0, n.family === 'ipv4' ? 32 : 128);
    const bits = n.family === 'ipv4' ? 96 + prefix : prefix;
    this.#rules.unshift({ check: (x) => inPrefix(x, n.bytes, bits), text: `Subnet: ${n.family === 'ipv4' ? 'IPv4' : 'IPv6'} ${n.text}/${prefix}` });
  }

  check(address: string | SocketAddress, family: string = 'ipv4'): boolean {
    let a: { bytes: Uint8Array };
    try {
      a = this.#parse(address, family);
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_INVALID_ARG_VALUE') return false;
      throw err;
    }
    for (const r of this.#rules) if (r.check(a.bytes)) return true;
    return false;
  }

  get rules(): string[] {
    return this.#rules.map((r) => r.text);
  }
}
