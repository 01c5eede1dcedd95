// v8.serialize()/deserialize(): V8's ValueSerializer wire format, version 15 (v8/src/objects/
// value-serializer.cc), for what structured clone covers in practice: primitives, strings, plain
// objects, dense and sparse arrays, Date, RegExp, Map, Set, ArrayBuffer, typed arrays and Buffers
// (Node's host-object encoding: view type index, byte length, bytes), BigInt, boxed primitives,
// errors, and repeated objects (back-references by id). Bytes equal host Node's for these.
// Functions, symbols, WeakMaps, promises and the like fail as V8 fails ("... could not be cloned.").
// deserialize() reads untrusted bytes through a bounds-checked cursor: anything malformed is
// Error('Unable to deserialize cloned data.'), never a crash or a read past the end.
import { Buffer } from '../buffer';
import { decodeUtf8 } from '../../core/utf8';

const VERSION = 15;

// Node's order (lib/v8.js arrayBufferViewTypes, with FastBuffer at 10).
const VIEW_TYPES = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'DataView', 'Buffer', 'BigInt64Array', 'BigUint64Array'];

const ERROR_PROTOS: [string, number][] = [['EvalError', 0x45], ['RangeError', 0x52], ['ReferenceError', 0x46], ['SyntaxError', 0x53], ['TypeError', 0x54], ['URIError', 0x55]];
const REGEXP_FLAGS = 'gimyusd';

function cloneError(value: unknown): Error {
  let shown: string;
  if (typeof value === 'function') shown = String(value);
  else if (typeof value === 'symbol') shown = value.toString();
  else shown = `#<${(value as object)?.constructor?.name ?? 'Object'}>`;
  return new Error(`${shown} could not be cloned.`);
}

class Writer {
  private buf = new Uint8Array(64);
  private len = 0;
  private readonly ids = new Map<object, number>();
  private nextId = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  varint(v: number): void {
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) b |= 0x80;
      this.byte(b);
    } while (v > 0);
  }
  zigzag(v: number): void {
    this.varint(((v << 1) ^ (v >> 31)) >>> 0);
  }
  double(v: number): void {
    this.ensure(8);
    new DataView(this.buf.buffer).setFloat64(this.len, v, true);
    this.len += 8;
  }
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  string(s: string): void {
    let oneByte = true;
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) { oneByte = false; break; }
    if (oneByte) {
      this.byte(0x22); // '"'
      this.varint(s.length);
      this.ensure(s.length);
      for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
    } else {
      this.byte(0x63); // 'c'
      this.varint(s.length * 2);
      this.ensure(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        this.buf[this.len++] = c & 0xff;
        this.buf[this.len++] = c >>> 8;
      }
    }
  }

  private bigintBody(v: bigint): void {
    const negative = v < 0n;
    let mag = negative ? -v : v;
    const words: bigint[] = [];
    while (mag > 0n) {
      words.push(mag & 0xffffffffffffffffn);
      mag >>= 64n;
    }
    this.varint(words.length * 8 * 2 + (negative ? 1 : 0));
    for (const w of words) {
      let x = w;
      for (let i = 0; i < 8; i++) {
        this.byte(Number(x & 0xffn));
        x >>= 8n;
      }
    }
  }

  /** A property key: array indices as numbers, other keys as strings (V8 does the same). */
  private key(k: string): void {
    const n = Number(k);
    if (String(n >>> 0) === k && n !== 0xffffffff) this.number(n);
    else this.string(k);
  }

  private number(v: number): void {
    if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0)) {
      this.byte(0x49); // 'I'
      this.zigzag(v);
    } else {
      this.byte(0x4e); // 'N'
      this.double(v);
    }
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'undefined': this.byte(0x5f); return;
      case 'boolean': this.byte(v ? 0x54 : 0x46); return;
      case 'number': this.number(v); return;
      case 'string': this.string(v); return;
      case 'bigint': this.byte(0x5a); this.bigintBody(v); return;
      case 'object': if (v === null) { this.byte(0x30); return; } break;
      default: throw cloneError(v);
    }
    const o = v as object;
    const id = this.ids.get(o);
    if (id !== undefined) {
      this.byte(0x5e); // '^'
      this.varint(id);
      return;
    }
    this.ids.set(o, this.nextId++);
    this.object(o);
  }

  private properties(o: object, skipIndices: boolean): number {
    let n = 0;
    for (const k of Object.keys(o)) {
      if (skipIndices && String(Number(k) >>> 0) === k) continue;
      this.key(k);
      this.value((o as Record<string, unknown>)[k]);
      n++;
    }
    return n;
  }

  private object(o: object): void {
    const tag = Object.prototype.toString.call(o);
    if (Array.isArray(o)) {
      const arr = o as unknown[];
      let holes = false;
      for (let i = 0; i < arr.length; i++) if (!(i in arr)) { holes = true; break; }
      if (!holes) {
        this.byte(0x41); // 'A' dense
        this.varint(arr.length);
        for (let i = 0; i < arr.length; i++) this.value(arr[i]);
        const n = this.properties(arr, true);
        this.byte(0x24); // '$'
        this.varint(n);
        this.varint(arr.length);
      } else {
        this.byte(0x61); // 'a' sparse
        this.varint(arr.length);
        const n = this.properties(arr, false);
        this.byte(0x40); // '@'
        this.varint(n);
        this.varint(arr.length);
      }
      return;
    }
    if (ArrayBuffer.isView(o)) {
      // Node writes its Buffer class (not other Uint8Arrays) as type 10.
      const isBuffer = Buffer.isBuffer(o) || (o as { constructor?: { name?: string } }).constructor?.name === 'Buffer';
      const name = isBuffer ? 'Buffer' : tag === '[object DataView]' ? 'DataView' : tag.slice(8, -1);
      const index = VIEW_TYPES.indexOf(name);
      if (index < 0) throw cloneError(o);
      this.byte(0x5c); // '\\' host object
      this.varint(index);
      this.varint(o.byteLength);
      this.raw(new Uint8Array(o.buffer, o.byteOffset, o.byteLength));
      return;
    }
    switch (tag) {
      case '[object Date]': this.byte(0x44); this.double((o as Date).getTime()); return;
      case '[object RegExp]': {
        const re = o as RegExp;
        this.byte(0x52);
        this.string(re.source);
        let flags = 0;
        for (const f of re.flags) {
          const i = REGEXP_FLAGS.indexOf(f);
          if (i >= 0) flags |= 1 << (f === 's' ? 5 : f === 'd' ? 7 : i);
        }
        this.varint(flags);
        return;
      }
      case '[object Map]': {
        this.byte(0x3b);
        let n = 0;
        for (const [k, val] of o as Map<unknown, unknown>) {
          this.value(k);
          this.value(val);
          n += 2;
        }
        this.byte(0x3a);
        this.varint(n);
        return;
      }
      case '[object Set]': {
        this.byte(0x27);
        let n = 0;
        for (const k of o as Set<unknown>) {
          this.value(k);
          n++;
        }
        this.byte(0x2c);
        this.varint(n);
        return;
      }
      case '[object ArrayBuffer]': {
        const ab = o as ArrayBuffer;
        this.byte(0x42);
        this.varint(ab.byteLength);
        this.raw(new Uint8Array(ab));
        return;
      }
      case '[object Number]': this.byte(0x6e); this.double(Number(o.valueOf())); return;
      case '[object String]': this.byte(0x73); this.string(String(o.valueOf())); return;
      case '[object Boolean]': this.byte(o.valueOf() ? 0x79 : 0x78); return;
      case '[object BigInt]': this.byte(0x7a); this.bigintBody(o.valueOf() as bigint); return;
      case '[object Error]': {
        const e = o as Error & { cause?: unknown };
        this.byte(0x72);
        const proto = ERROR_PROTOS.find(([n]) => n === e.name);
        if (proto) this.byte(proto[1]);
        const message = Object.getOwnPropertyDescriptor(e, 'message');
        if (message && typeof message.value === 'string') {
          this.byte(0x6d);
          this.string(message.value);
        }
        if (Object.prototype.hasOwnProperty.call(e, 'cause')) {
          this.byte(0x63);
          this.value(e.cause);
        }
        if (typeof e.stack === 'string') {
          this.byte(0x73);
          this.string(e.stack);
        }
        this.byte(0x2e);
        return;
      }
      case '[object Object]': {
        if (typeof (o as { then?: unknown }).then === 'function' && o instanceof Promise) throw cloneError(o);
        this.byte(0x6f);
        const n = this.properties(o, false);
        this.byte(0x7b);
        this.varint(n);
        return;
      }
      default:
        throw cloneError(o);
    }
  }
}

export function serialize(value: unknown): Buffer {
  const w = new Writer();
  w.byte(0xff);
  w.varint(VERSION);
  w.value(value);
  const bytes = w.result();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

class Malformed extends Error {}

class Reader {
  pos = 0;
  private readonly objects: unknown[] = [];
  constructor(private readonly b: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.b.length) throw new Malformed();
    return this.b[this.pos++];
  }
  peek(): number {
    if (this.pos >= this.b.length) throw new Malformed();
    return this.b[this.pos];
  }
  varint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      v += (b & 0x7f) * scale;
      if (!(b & 0x80)) return v;
      scale *= 128;
    }
    throw new Malformed();
  }
  bytes(n: number): Uint8Array {
    if (n > this.b.length - this.pos) throw new Malformed();
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  double(): number {
    const raw = this.bytes(8);
    return new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, true);
  }
  private remember<T>(v: T): T {
    this.objects.push(v);
    return v;
  }
  private bigint(): bigint {
    const bits = this.varint();
    const raw = this.bytes(Math.floor(bits / 2));
    let v = 0n;
    for (let i = raw.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(raw[i]);
    return bits & 1 ? -v : v;
  }
  private string(tag: number): string {
    const n = this.varint();
    const raw = this.bytes(n);
    if (tag === 0x22) {
      let s = '';
      for (let i = 0; i < raw.length; i++) s += String.fromCharCode(raw[i]);
      return s;
    }
    if (tag === 0x53) return decodeUtf8(raw);
    if (n % 2) throw new Malformed();
    let s = '';
    for (let i = 0; i < raw.length; i += 2) s += String.fromCharCode(raw[i] | (raw[i + 1] << 8));
    return s;
  }
  private readString(): string {
    const tag = this.byte();
    if (tag !== 0x22 && tag !== 0x63 && tag !== 0x53) throw new Malformed();
    return this.string(tag);
  }
  private props(target: Record<string | number, unknown>, end: number): number {
    let n = 0;
    while (this.peek() !== end) {
      const k = this.value();
      if (typeof k !== 'string' && typeof k !== 'number') throw new Malformed();
      target[k] = this.value();
      n++;
    }
    this.pos++;
    return n;
  }

  value(): unknown {
    let tag = this.byte();
    while (tag === 0x00) tag = this.byte(); // padding
    switch (tag) {
      case 0x5f: return undefined;
      case 0x30: return null;
      case 0x54: return true;
      case 0x46: return false;
      case 0x49: { const z = this.varint(); return (z % 2 ? -(z + 1) / 2 : z / 2) | 0; }
      case 0x55: return this.varint();
      case 0x4e: return this.double();
      case 0x5a: return this.bigint();
      case 0x22: case 0x63: case 0x53: return this.string(tag);
      case 0x5e: {
        const id = this.varint();
        if (id >= this.objects.length) throw new Malformed();
        return this.objects[id];
      }
      case 0x6f: {
        const o = this.remember({} as Record<string, unknown>);
        const n = this.props(o, 0x7b);
        if (this.varint() !== n) throw new Malformed();
        return o;
      }
      case 0x41: {
        const length = this.varint();
        if (length > this.b.length) throw new Malformed();
        // Filled by push, so the engine keeps the array packed (V8 re-serializes it as dense).
        const a: unknown[] = this.remember([]);
        for (let i = 0; i < length; i++) {
          if (this.peek() === 0x2d) { // '-' hole
            this.pos++;
            a.length = i + 1;
            continue;
          }
          a.push(this.value());
        }
        this.props(a as unknown as Record<string, unknown>, 0x24);
        this.varint();
        this.varint();
        return a;
      }
      case 0x61: {
        const length = this.varint();
        if (length > 2 ** 32 - 1) throw new Malformed();
        const a = this.remember(new Array(length));
        this.props(a as unknown as Record<string, unknown>, 0x40);
        this.varint();
        this.varint();
        return a;
      }
      case 0x44: return this.remember(new Date(this.double()));
      case 0x52: {
        const source = this.readString();
        const bits = this.varint();
        let flags = '';
        const order: [string, number][] = [['d', 7], ['g', 0], ['i', 1], ['m', 2], ['s', 5], ['u', 4], ['y', 3]];
        for (const [f, bit] of order) if (bits & (1 << bit)) flags += f;
        try {
          return this.remember(new RegExp(source, flags));
        } catch {
          throw new Malformed();
        }
      }
      case 0x3b: {
        const m = this.remember(new Map<unknown, unknown>());
        while (this.peek() !== 0x3a) m.set(this.value(), this.value());
        this.pos++;
        this.varint();
        return m;
      }
      case 0x27: {
        const s = this.remember(new Set<unknown>());
        while (this.peek() !== 0x2c) s.add(this.value());
        this.pos++;
        this.varint();
        return s;
      }
      case 0x42: {
        const n = this.varint();
        const ab = this.bytes(n).slice().buffer;
        return this.remember(ab);
      }
      case 0x5c: {
        const index = this.varint();
        const n = this.varint();
        const type = VIEW_TYPES[index];
        if (!type) throw new Malformed();
        const copy = this.bytes(n).slice();
        if (type === 'Buffer') return this.remember(Buffer.from(copy.buffer, 0, n));
        const Ctor = (globalThis as any)[type];
        const size = Ctor.BYTES_PER_ELEMENT ?? 1;
        if (n % size) throw new Malformed();
        return this.remember(type === 'DataView' ? new DataView(copy.buffer) : new Ctor(copy.buffer, 0, n / size));
      }
      case 0x6e: return this.remember(Object(this.double()));
      case 0x73: return this.remember(Object(this.readString()));
      case 0x79: return this.remember(Object(true));
      case 0x78: return this.remember(Object(false));
      case 0x7a: return this.remember(Object(this.bigint()));
      case 0x72: {
        let Ctor: ErrorConstructor = Error;
        let message: string | undefined;
        let stack: string | undefined;
        let cause: unknown;
        let hasCause = false;
        for (;;) {
          const t = this.byte();
          if (t === 0x2e) break;
          const proto = ERROR_PROTOS.find(([, code]) => code === t);
          if (proto) Ctor = (globalThis as any)[proto[0]];
          else if (t === 0x6d) message = this.readString();
          else if (t === 0x73) stack = this.readString();
          else if (t === 0x63) { cause = this.value(); hasCause = true; }
          else throw new Malformed();
        }
        const e = this.remember(message === undefined ? new Ctor() : new Ctor(message));
        if (hasCause) Object.defineProperty(e, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
        if (stack !== undefined) Object.defineProperty(e, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
        return e;
      }
      default:
        throw new Malformed();
    }
  }
}

export function deserialize(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  try {
    if (r.peek() === 0xff) {
      r.pos++;
      const version = r.varint();
      if (version > VERSION || version < 13) throw new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
    } else {
      throw new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
    }
    return r.value();
  } catch (e) {
    if (e instanceof Malformed || e instanceof RangeError) throw new Error('Unable to deserialize cloned data.');
    throw e;
  }
}
