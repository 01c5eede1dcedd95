import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeBuffer from 'node:buffer';
import { inspect as nodeInspect } from 'node:util';
import bufferModule, { Buffer, Blob, File, transcode, isUtf8, isAscii, kMaxLength, kStringMaxLength, constants, atob, btoa } from './buffer';
import { inspect } from './util';
import { bufferOps, runBufferOp } from './testing/buffer-cases';

test('our Buffer is the npm package\'s class, augmented in place', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  assert.equal(Buffer, require('buffer/index.js').Buffer);
  assert.notEqual(Buffer, nodeBuffer.Buffer);
  assert.ok(Buffer.from('a') instanceof Uint8Array);
});

test('every Buffer operation gives host Node\'s result or error', () => {
  const inspectWith = (v: unknown) => nodeInspect(v, { depth: 5, breakLength: Infinity });
  let n = 0;
  for (const [name, op] of Object.entries(bufferOps)) {
    assert.equal(runBufferOp(op, Buffer, inspectWith), runBufferOp(op, nodeBuffer.Buffer, inspectWith), name);
    n++;
  }
  assert.ok(n > 80);
});

test('inspect of Buffers (ours through our util.inspect, Node\'s through its own)', () => {
  const mk = (B: any) => [B.from('abc'), B.alloc(60), B.alloc(0), Object.assign(B.from('ab'), { extra: 1 }), { nested: B.from([1, 2]) }];
  const mine = mk(Buffer);
  const theirs = mk(nodeBuffer.Buffer);
  for (let i = 0; i < mine.length; i++) {
    assert.equal(inspect(mine[i]), nodeInspect(theirs[i]));
    assert.equal(inspect(mine[i], { showHidden: true }), nodeInspect(theirs[i], { showHidden: true }));
  }
  bufferModule.INSPECT_MAX_BYTES = 2;
  try {
    assert.equal(inspect(Buffer.from('abcd')), '<Buffer 61 62 ... 2 more bytes>');
  } finally {
    bufferModule.INSPECT_MAX_BYTES = 50;
  }
});

test('module constants match Node 20', () => {
  assert.equal(kMaxLength, nodeBuffer.kMaxLength);
  assert.equal(kStringMaxLength, nodeBuffer.kStringMaxLength);
  assert.deepEqual(constants, nodeBuffer.constants);
  assert.equal(bufferModule.INSPECT_MAX_BYTES, nodeBuffer.INSPECT_MAX_BYTES);
});

test('transcode, isUtf8, isAscii match Node', () => {
  const cases: [string, string, string, string][] = [['€a', 'utf8', 'utf8', 'ascii'], ['€a', 'utf8', 'utf8', 'latin1'], ['éa', 'utf8', 'utf8', 'ucs2'],
    ['éa', 'latin1', 'latin1', 'utf8'], ['ab', 'ucs2', 'ucs2', 'utf8'], ['𝄞', 'utf8', 'utf8', 'ucs2'], ['x', 'utf8', 'utf8', 'hex']];
  const run = (B: any, t: any, [s, enc, from, to]: [string, string, string, string]) => runBufferOp(() => t(B.from(s, enc), from, to), B, nodeInspect);
  for (const c of cases) assert.equal(run(Buffer, transcode, c), run(nodeBuffer.Buffer, nodeBuffer.transcode, c), c.join(' '));
  assert.equal(runBufferOp(() => transcode('a' as any, 'utf8', 'ascii'), Buffer, nodeInspect), runBufferOp(() => nodeBuffer.transcode('a' as any, 'utf8', 'ascii'), Buffer, nodeInspect));
  for (const bytes of [[0xc3, 0x28], [0xc3, 0xa9], [0x61], [0xe9], [], [0xf4, 0x90, 0x80, 0x80]]) {
    assert.equal(isUtf8(new Uint8Array(bytes)), nodeBuffer.isUtf8(new Uint8Array(bytes)));
    assert.equal(isAscii(new Uint8Array(bytes)), nodeBuffer.isAscii(new Uint8Array(bytes)));
  }
  assert.equal(runBufferOp(() => isUtf8('x' as any), Buffer, nodeInspect), runBufferOp(() => nodeBuffer.isUtf8('x' as any), Buffer, nodeInspect));
});

test('atob/btoa match Node, including errors', () => {
  for (const s of ['aGVsbG8=', 'aGVsbG8', ' aGV sbG8= ', 'a', 'a===', 'ab=c', '*', '', 'YQ==YQ==', 'YQ']) {
    assert.equal(runBufferOp(() => atob(s), Buffer, nodeInspect), runBufferOp(() => nodeBuffer.atob(s), Buffer, nodeInspect), s);
  }
  for (const s of ['hello', '', '\u00ff\u00fe', '\u0100']) {
    assert.equal(runBufferOp(() => btoa(s), Buffer, nodeInspect), runBufferOp(() => nodeBuffer.btoa(s), Buffer, nodeInspect), s);
  }
  assert.equal(runBufferOp(() => (atob as any)(), Buffer, nodeInspect), runBufferOp(() => (nodeBuffer.atob as any)(), Buffer, nodeInspect));
});

test('Blob and File match Node', async () => {
  const mk = (BlobC: any) => new BlobC(['ab', new Uint8Array([99]), { toString() { return 'X'; } }, new BlobC(['z'])], { type: 'Text/Plain' });
  const mine = mk(Blob);
  const theirs = mk(nodeBuffer.Blob);
  assert.equal(inspect(mine), nodeInspect(theirs));
  assert.equal(await mine.text(), await theirs.text());
  assert.deepEqual(new Uint8Array(await mine.arrayBuffer()), new Uint8Array(await theirs.arrayBuffer()));
  for (const args of [[1, -1, 'X'], [2], [-2, 100], [3, 1]] as any[]) {
    assert.equal(await mine.slice(...args).text(), await theirs.slice(...args).text());
    assert.equal(inspect(mine.slice(...args)), nodeInspect(theirs.slice(...args)));
  }
  assert.equal(inspect(new Blob([], { type: 'a\u0100' })), nodeInspect(new nodeBuffer.Blob([], { type: 'a\u0100' })));
  for (const bad of [['abc'], [[], 5], [[], { endings: 'x' }], [null]] as any[]) {
    assert.equal(runBufferOp(() => new (Blob as any)(...bad), Buffer, nodeInspect), runBufferOp(() => new (nodeBuffer.Blob as any)(...bad), Buffer, nodeInspect));
  }
  const f = new File(['x'], 'a.txt', { lastModified: 5 });
  assert.equal(inspect(f), nodeInspect(new nodeBuffer.File(['x'], 'a.txt', { lastModified: 5 })));
  assert.ok(f instanceof Blob);
  assert.equal(runBufferOp(() => new (File as any)(['x']), Buffer, nodeInspect), runBufferOp(() => new (nodeBuffer.File as any)(['x']), Buffer, nodeInspect));
  assert.deepEqual(Object.keys(Blob.prototype), Object.keys(nodeBuffer.Blob.prototype));
});
