import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePath, writeNewc, type CpioEntry } from './cpio';

/** An independent newc reader (the rules of buffer-format.rst, applied strictly). */
function readNewc(bytes: Uint8Array) {
  const text = (a: number, b: number) => Buffer.from(bytes.subarray(a, b)).toString('latin1');
  const out: { name: string; mode: number; nlink: number; size: number; rdev: [number, number]; data: Buffer; ino: number }[] = [];
  let at = 0;
  for (;;) {
    assert.equal(at % 4, 0, 'headers start on 4-byte boundaries');
    assert.equal(text(at, at + 6), '070701');
    const field = (i: number) => parseInt(text(at + 6 + i * 8, at + 14 + i * 8), 16);
    const namesize = field(11);
    const size = field(6);
    const name = text(at + 110, at + 110 + namesize - 1);
    assert.equal(bytes[at + 110 + namesize - 1], 0, 'name is NUL-terminated');
    let data = at + 110 + namesize;
    data += (4 - (data % 4)) % 4;
    const entry = { name, ino: field(0), mode: field(1), nlink: field(4), size, rdev: [field(9), field(10)] as [number, number], data: Buffer.from(bytes.subarray(data, data + size)) };
    assert.equal(field(12), 0, 'check field is 0 for newc');
    assert.equal(field(5), 0, 'mtime 0');
    at = data + size;
    at += (4 - (at % 4)) % 4;
    if (name === 'TRAILER!!!') {
      assert.equal(at, bytes.length, 'nothing after the trailer');
      return out;
    }
    out.push(entry);
  }
}

function archive(entries: CpioEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const n = writeNewc(entries, (c) => chunks.push(c));
  const all = Buffer.concat(chunks);
  assert.equal(all.length, n, 'returned length is the bytes written');
  return all;
}

test('a file entry has the exact newc header bytes', () => {
  const a = archive([{ path: 'init', type: 'file', mode: 0o755, data: Buffer.from('abc') }]);
  const expected =
    '070701' + '00000001' + '000081ed' + '00000000' + '00000000' + '00000001' + '00000000' + '00000003' +
    '00000000' + '00000000' + '00000000' + '00000000' + '00000005' + '00000000';
  assert.equal(Buffer.from(a.subarray(0, 110)).toString('latin1'), expected);
  // name "init\0" ends at 115; data starts at 116; "abc" + 1 pad byte; then the trailer.
  assert.equal(Buffer.from(a.subarray(110, 116)).toString('latin1'), 'init\0\0');
  assert.equal(Buffer.from(a.subarray(116, 120)).toString('latin1'), 'abc\0');
  assert.equal(Buffer.from(a.subarray(120, 126)).toString('latin1'), '070701');
});

test('round trip: files, directories, symlinks and device nodes, with parents added first', () => {
  const big = Buffer.alloc(4099, 7);
  const entries = readNewc(archive([
    { path: '/dev/console', type: 'char', major: 5, minor: 1 },
    { path: 'usr/bin/node', type: 'file', mode: 0o755, data: big },
    { path: 'lib64', type: 'dir' },
    { path: 'lib64/ld.so', type: 'symlink', target: '/lib/x86_64-linux-gnu/ld.so' },
    { path: 'tmp', type: 'dir', mode: 0o1777 },
    { path: 'empty', type: 'file', data: new Uint8Array(0) },
  ]));
  assert.deepEqual(entries.map((e) => e.name), ['dev', 'dev/console', 'usr', 'usr/bin', 'usr/bin/node', 'lib64', 'lib64/ld.so', 'tmp', 'empty']);
  const by = new Map(entries.map((e) => [e.name, e]));
  assert.equal(by.get('dev')!.mode, 0o040755);
  assert.equal(by.get('dev/console')!.mode, 0o020600);
  assert.deepEqual(by.get('dev/console')!.rdev, [5, 1]);
  assert.equal(by.get('usr/bin/node')!.mode, 0o100755);
  assert.equal(by.get('usr/bin/node')!.nlink, 1);
  assert.ok(by.get('usr/bin/node')!.data.equals(big));
  assert.equal(by.get('lib64/ld.so')!.mode, 0o120777);
  assert.equal(by.get('lib64/ld.so')!.data.toString(), '/lib/x86_64-linux-gnu/ld.so');
  assert.equal(by.get('tmp')!.mode, 0o041777);
  assert.equal(by.get('empty')!.size, 0);
  assert.equal(new Set(entries.map((e) => e.ino)).size, entries.length, 'inode numbers are distinct');
});

test('the same entries give the same bytes', () => {
  const make = () => archive([{ path: 'a/b', type: 'file', data: Buffer.from('x') }]);
  assert.deepEqual(make(), make());
});

test('bad paths and duplicates are refused', () => {
  assert.throws(() => normalizePath('usr/../etc'), /"\.\." component/);
  assert.throws(() => normalizePath('/'), /empty path/);
  assert.equal(normalizePath('//usr//bin/'), 'usr/bin');
  assert.throws(() => archive([{ path: 'a', type: 'dir' }, { path: '/a', type: 'dir' }]), /written twice/);
});
