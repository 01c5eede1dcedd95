import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeUtil from 'node:util';
import { TextDecoder, TextEncoder } from './encoding';
import { inspect } from '../util';

function outcome(fn: () => unknown): unknown {
  try { return { ok: fn() }; } catch (e: any) { return { name: e?.name, code: e?.code, message: e?.message }; }
}

const decodeCases: [string, object | undefined, number[][], boolean[]][] = [
  ['utf-8', undefined, [[0xef, 0xbb, 0xbf, 0x61]], [false]], ['utf-8', { ignoreBOM: true }, [[0xef, 0xbb, 0xbf, 0x61]], [false]],
  ['utf-8', undefined, [[0xef, 0xbb], [0xbf, 0x62]], [true, false]], ['utf-8', undefined, [[0xe2, 0x82], [0xac]], [true, false]],
  ['utf-8', undefined, [[0xf0, 0x9f], [0x98, 0x80, 0xff]], [true, false]], ['utf-8', undefined, [[0xe2, 0x82]], [false]], ['utf-8', undefined, [[0xc0, 0xaf, 0xed, 0xa0, 0x80]], [false]],
  ['utf-8', { fatal: true }, [[0x61, 0xff]], [false]], ['utf-8', { fatal: true }, [[0xe2, 0x82], [0xac]], [true, false]], ['utf-8', { fatal: true }, [[0xe2, 0x82]], [false]],
  ['utf-16le', undefined, [[0xff, 0xfe, 0x61, 0x00]], [false]], ['utf-16le', undefined, [[0x61], [0x00, 0x3d, 0xd8], [0x00, 0xde]], [true, true, false]],
  ['utf-16le', undefined, [[0x00, 0xdc, 0x61, 0x00]], [false]], ['utf-16le', undefined, [[0x61]], [false]], ['utf-16le', { fatal: true }, [[0x00, 0xd8]], [false]],
  ['utf-16be', undefined, [[0x00, 0x61, 0xd8, 0x3d, 0xde, 0x00]], [false]], ['latin1', undefined, [[0x80, 0xe9, 0xff]], [false]], ['ascii', undefined, [[0x41, 0x9f]], [false]],
];

test('TextDecoder matches host Node (BOM, streaming, fatal, UTF-16, windows-1252 labels)', () => {
  for (const [label, opts, chunks, streams] of decodeCases) {
    const run = (D: any) => outcome(() => {
      const d = new D(label, opts);
      return [d.encoding, d.fatal, d.ignoreBOM, ...chunks.map((c, i) => d.decode(new Uint8Array(c), { stream: streams[i] }))];
    });
    assert.deepEqual(run(TextDecoder), run(nodeUtil.TextDecoder), `${label} ${JSON.stringify(opts)} ${JSON.stringify(chunks)}`);
  }
  for (const label of ['UTF8', ' utf-8 ', 'unicode-1-1-utf-8', 'utf-16', 'ucs-2', 'unicodefffe', 'latin1', 'iso-8859-1', 'us-ascii', 'cp1252', 'x-cp1252', 'foo', '', 'iso-8859-2']) {
    assert.deepEqual(outcome(() => new TextDecoder(label).encoding), label === 'iso-8859-2' ? outcome(() => { throw Object.assign(new RangeError(`The "${label}" encoding is not supported`), { code: 'ERR_ENCODING_NOT_SUPPORTED' }); }) : outcome(() => new nodeUtil.TextDecoder(label).encoding), label);
  }
  for (const input of ['str', 5, null, {}, new ArrayBuffer(1), new DataView(new ArrayBuffer(2)), new Uint16Array([0x4141])]) {
    assert.deepEqual(outcome(() => new TextDecoder().decode(input as any)), outcome(() => new nodeUtil.TextDecoder().decode(input as any)), String(input));
  }
  assert.deepEqual(outcome(() => new TextDecoder('utf-8', 5 as any)), outcome(() => new nodeUtil.TextDecoder('utf-8', 5 as any)));
  assert.equal(inspect(new TextDecoder('latin1', { fatal: true })), nodeUtil.inspect(new nodeUtil.TextDecoder('latin1', { fatal: true })));
});

test('TextEncoder matches host Node', () => {
  for (const s of ['', 'abc', 'h€llo 😀', '\ud800x', 'x\udc00', undefined, null, 5]) {
    assert.deepEqual([...new TextEncoder().encode(s as any)], [...new nodeUtil.TextEncoder().encode(s as any)], String(s));
    for (const size of [0, 1, 3, 4, 10]) {
      assert.deepEqual(new TextEncoder().encodeInto(String(s), new Uint8Array(size)), new nodeUtil.TextEncoder().encodeInto(String(s), new Uint8Array(size)), `${s} into ${size}`);
    }
  }
  assert.deepEqual(outcome(() => new TextEncoder().encodeInto('a', [] as any)), outcome(() => new nodeUtil.TextEncoder().encodeInto('a', [] as any)));
  assert.equal(new TextEncoder().encoding, 'utf-8');
  assert.equal(inspect(new TextEncoder()), nodeUtil.inspect(new nodeUtil.TextEncoder()));
});
