// The fast paths of utf8.ts (taken in the guest with native ops) must give the same results as the
// TypeScript loops: here the "native" functions are stand-ins built from the loops themselves, and
// the streaming split (completeEnd) is checked against the pure streaming decoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8Partial, encodeUtf8, useNativeUtf8 } from './utf8';

function pureDecode(bytes: Uint8Array, fatal: boolean, stream: boolean) {
  useNativeUtf8(undefined, undefined);
  try {
    return decodeUtf8Partial(bytes, fatal, stream);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

test('streaming decode with a native decoder stops at the same incomplete tail as the TypeScript one', () => {
  const samples = ['héllo wörld ünïcødé ✓ 日本語 🙂🙃 plain ascii text here', 'x'.repeat(20) + '\u{1F600}', 'é'.repeat(30)];
  for (const text of samples) {
    const all = Buffer.from(text, 'utf8');
    for (let cut = 16; cut <= all.length; cut++) {
      const part = new Uint8Array(all.subarray(0, cut));
      const expected = pureDecode(part, false, true);
      useNativeUtf8((s) => new Uint8Array(Buffer.from(s, 'utf8')).buffer, (b, s, e) => Buffer.from(b.subarray(s, e)).toString('utf8'));
      const got = decodeUtf8Partial(part, false, true);
      useNativeUtf8(undefined, undefined);
      assert.deepEqual(got, expected, `cut ${cut} of ${JSON.stringify(text)}`);
    }
  }
});

test('invalid sequences at the end are not held back as incomplete', () => {
  const bad = new Uint8Array([...Buffer.from('a'.repeat(20)), 0xff, 0xc0]);
  const expected = pureDecode(bad, false, true);
  useNativeUtf8((s) => new Uint8Array(Buffer.from(s, 'utf8')).buffer, (b, s, e) => Buffer.from(b.subarray(s, e)).toString('utf8'));
  assert.deepEqual(decodeUtf8Partial(bad, false, true), expected);
  assert.equal(encodeUtf8('x'.repeat(40)).length, 40);
  useNativeUtf8(undefined, undefined);
});
