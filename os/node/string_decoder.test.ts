import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeSD from 'node:string_decoder';
import { StringDecoder } from './string_decoder';

function outcome(fn: () => unknown): unknown {
  try { return { ok: fn() }; } catch (e: any) { return { name: e?.name, code: e?.code, message: e?.message }; }
}

const cases: [string | undefined, number[][], number[] | undefined][] = [
  ['utf8', [[0xe2], [0x82], [0xac, 0x41]], undefined], ['utf8', [[0xe2, 0x82]], undefined], ['utf8', [[0xe2, 0x41]], undefined],
  ['utf8', [[0xf0, 0x9f], [0x98]], undefined], ['utf8', [[0xff, 0xc3]], [0xa9]], ['utf8', [[0xed, 0xa0]], []], ['utf8', [[0xe2], [0x41]], undefined],
  ['utf8', [[0xf0, 0x9f, 0x98, 0x80, 0xf0], [0x9f, 0x98], [0x81]], undefined], ['utf8', [[0x80, 0x80]], undefined], ['utf8', [[0xc3]], [0x28]],
  [undefined, [[0x68, 0x69]], undefined], ['utf16le', [[0x41], [0, 0x3d, 0xd8], [0x00]], [0xde]], ['utf16le', [[0x41]], undefined],
  ['utf16le', [[0x3d, 0xd8]], undefined], ['ucs2', [[0x3d, 0xd8, 0x41, 0]], undefined], ['utf16le', [[0x00, 0xdc, 0x41, 0x00]], undefined],
  ['base64', [[1], [2, 3, 4]], undefined], ['base64url', [[0xfb, 0xff]], undefined], ['base64', [[1, 2]], [3]], ['hex', [[1, 0xab]], undefined],
  ['latin1', [[0xe9]], undefined], ['binary', [[0xe9, 0x80]], undefined], ['ascii', [[0xe9]], undefined],
];

test('decoding chunk sequences matches host Node', () => {
  for (const [enc, chunks, end] of cases) {
    const run = (SD: any) => {
      const d = new SD(enc);
      const out = chunks.map((c) => [d.write(Buffer.from(c)), d.lastNeed, d.lastTotal]);
      out.push([end === undefined ? d.end() : d.end(Buffer.from(end))]);
      return out;
    };
    assert.deepEqual(run(StringDecoder), run(nodeSD.StringDecoder), `${enc} ${JSON.stringify(chunks)}`);
  }
});

test('encodings, arguments and errors match host Node', () => {
  for (const enc of ['utf8', 'UCS-2', undefined, 'binary', 'base64url', 'HEX', 'utf-16le', 'nope', '', 5]) {
    assert.deepEqual(outcome(() => new StringDecoder(enc as any).encoding), outcome(() => (new nodeSD.StringDecoder(enc as any) as any).encoding), String(enc));
  }
  const d = new StringDecoder('utf8');
  const n = new nodeSD.StringDecoder('utf8');
  for (const input of ['str', 5, null, new Uint16Array([0x4141]), new DataView(new ArrayBuffer(1)), {}]) {
    assert.deepEqual(outcome(() => d.write(input as any)), outcome(() => n.write(input as any)));
  }
  d.write(Buffer.from([0xe2]));
  n.write(Buffer.from([0xe2]));
  assert.deepEqual([d.lastNeed, d.lastTotal, [...d.lastChar.subarray(0, 1)]], [(n as any).lastNeed, (n as any).lastTotal, [...(n as any).lastChar.subarray(0, 1)]]);
});

test('random chunkings of random bytes decode chunk by chunk as host Node, in every encoding', async () => {
  const { StringDecoder: Mine } = await import('./string_decoder');
  const { StringDecoder: Theirs } = await import('node:string_decoder');
  let seed = 3;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (const enc of ['utf8', 'utf16le', 'base64', 'base64url', 'hex', 'latin1']) {
    for (let i = 0; i < 1500; i++) {
      const bytes = Buffer.alloc(rand(24));
      for (let k = 0; k < bytes.length; k++) bytes[k] = rand(4) === 0 ? [0xd8, 0xdc, 0xe2, 0xf0, 0x80, 0xc3][rand(6)] : rand(256);
      const a = new Mine(enc);
      const b = new Theirs(enc as BufferEncoding);
      const outA: string[] = [];
      const outB: string[] = [];
      for (let pos = 0; pos < bytes.length;) {
        const n = 1 + rand(4);
        outA.push(a.write(bytes.subarray(pos, pos + n)));
        outB.push(b.write(bytes.subarray(pos, pos + n)));
        pos += n;
      }
      outA.push(a.end());
      outB.push(b.end());
      assert.deepEqual(outA, outB, `${enc} ${bytes.toString('hex')}`);
    }
  }
});
