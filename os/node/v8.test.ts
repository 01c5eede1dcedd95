// node:v8's serialize/deserialize byte for byte against host Node (V8's own serializer), round
// trips, corrupt input (clean errors, never a crash), and heap statistics' shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostV8 from 'node:v8';
import { createV8 } from './v8';

const ours = createV8({ heap: () => ({ total: 1 << 30, used: 5 << 20, peak: 6 << 20, external: 0 }) }) as any;

function values(): unknown[] {
  const shared = { s: 1 };
  const arr: any = [1, 2];
  arr.p = 3;
  const err = new TypeError('bad');
  err.stack = 'TypeError: bad\n    at x';
  const withCause = new Error('outer', { cause: 'inner' });
  withCause.stack = 'S';
  return [
    undefined, null, true, false, 0, 1, -1, 2 ** 30, -(2 ** 31), 2 ** 31, 1.5, -0, NaN, Infinity, 2 ** 53,
    '', 'abc', 'héllo', '日本語', 'mixed ascii and ✓', 'a'.repeat(200),
    {}, { a: 1, b: 'x' }, { 1: 'a', b: 2, 10: 'c' }, { nested: { deeper: [1, { x: null }] } },
    [], [1, 2, 3], [1, , 3], [, 1], arr, [shared, shared, { shared }], new Array(5),
    new Date(0), new Date(1700000000000), /ab+c/gi, /x/msuy, new RegExp('a/b', 'g'),
    new Map<unknown, unknown>([[1, 2], ['a', { b: 3 }]]), new Set([1, 'x', null]), new Map(), new Set(),
    10n, -5n, 0n, 2n ** 64n, -(2n ** 70n) + 3n,
    Buffer.from('hi'), new Uint8Array([1, 2, 3]), new Uint16Array([1, 65535]), new Int32Array([-1]), new Float64Array([1.5]),
    new Float32Array([0.5]), new BigInt64Array([-1n]), new BigUint64Array([1n]), new Int8Array(0), new Uint8ClampedArray([255]),
    new DataView(new ArrayBuffer(4)), new ArrayBuffer(3), Buffer.from('abcdef').subarray(2, 4),
    Object(1), Object('s'), Object(true), Object(false), Object(5n),
    err, withCause, new RangeError('r'),
  ];
}

test('serialize() writes the bytes V8 writes', () => {
  for (const v of values()) {
    if (v instanceof Error && v.stack === undefined) continue;
    const expected = hostV8.serialize(v).toString('hex');
    assert.equal(ours.serialize(v).toString('hex'), expected, `value ${String(v).slice(0, 40)}`);
  }
});

test('deserialize() reads what V8 writes and what we write', () => {
  for (const v of values()) {
    const fromHost = ours.deserialize(hostV8.serialize(v));
    assert.deepEqual(ours.serialize(fromHost).toString('hex'), hostV8.serialize(v).toString('hex'), `ours reading host: ${String(v).slice(0, 40)}`);
    assert.deepEqual(ours.serialize(ours.deserialize(ours.serialize(v))).toString('hex'), ours.serialize(v).toString('hex'), `our round trip: ${String(v).slice(0, 40)}`);
  }
  const shared = {};
  const back = ours.deserialize(ours.serialize([shared, shared])) as object[];
  assert.equal(back[0], back[1]);
  const buf = ours.deserialize(hostV8.serialize(Buffer.from('xyz')));
  assert.equal(Buffer.isBuffer(buf) || buf instanceof Uint8Array, true);
  assert.equal(Buffer.from(buf).toString(), 'xyz');
});

test('uncloneable values and corrupt input fail as V8 does', () => {
  for (const v of [() => 1, Symbol('s'), new WeakMap(), Promise.resolve()]) {
    const a = (() => { try { ours.serialize(v); return 'ok'; } catch (e: any) { return e.message; } })();
    const b = (() => { try { hostV8.serialize(v); return 'ok'; } catch (e: any) { return e.message; } })();
    assert.equal(a, b);
  }
  assert.throws(() => ours.deserialize(Buffer.from('0102', 'hex')), { message: 'Unable to deserialize cloned data due to invalid or unsupported version.' });
  assert.throws(() => ours.deserialize(Buffer.from('ff0f99', 'hex')), { message: 'Unable to deserialize cloned data.' });
  assert.throws(() => ours.deserialize('x'), { code: 'ERR_INVALID_ARG_TYPE', message: 'buffer must be a TypedArray or a DataView' });
  // Random corruption of valid encodings: a value or a clean error, never anything else.
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const v of values()) {
    const good = ours.serialize(v);
    for (let k = 0; k < 20; k++) {
      const bad = Buffer.from(good);
      const cut = rand() < 0.5;
      if (cut) {
        const n = 2 + ((rand() * (bad.length - 2)) | 0);
        try { ours.deserialize(bad.subarray(0, n)); } catch (e: any) { assert.match(e.message, /^Unable to deserialize cloned data/); }
      } else {
        bad[2 + ((rand() * (bad.length - 2)) | 0)] = (rand() * 256) | 0;
        try { ours.deserialize(bad); } catch (e: any) { assert.match(e.message, /^Unable to deserialize cloned data|Invalid regular expression/); }
      }
    }
  }
});

test('heap statistics have V8\'s fields; flags are accepted', () => {
  const stats = ours.getHeapStatistics();
  assert.deepEqual(Object.keys(stats), Object.keys(hostV8.getHeapStatistics()));
  assert.equal(stats.heap_size_limit, 1 << 30);
  assert.equal(stats.used_heap_size, 5 << 20);
  assert.equal(ours.setFlagsFromString('--max-old-space-size=100'), undefined);
  assert.throws(() => ours.setFlagsFromString(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => ours.getHeapSnapshot(), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  for (const k of Object.keys(hostV8)) if (k !== 'default') assert.ok(k in ours, k);
});
