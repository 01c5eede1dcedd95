// Booting real VMs: the hello example, exit codes, arguments, event-loop ordering against host
// Node, both file systems, the clock, memory (reuse and out-of-memory), crash reports, image
// integrity and the machine models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { hostNode, makeApp, nephos, removeApp, ROOT, run } from './helpers';

const HELLO = join(ROOT, 'examples', 'hello');

test('examples/hello prints its greeting and exits 0', async () => {
  const r = await run(HELLO, ['--name', 'world']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Hello, world!\nevents: nextTick, promise, timeout; waited at least 20 ms\n');
});

test('the application\'s exit code is nephos run\'s exit code (3), and process.env arrives', async () => {
  const r = await run(HELLO, ['--name', 'x', '--exit', '3'], ['-e', 'GREETING_SUFFIX=from Nephos']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /^Hello, x! from Nephos\n/);
});

test('an uncaught exception prints like Node and exits 1', async () => {
  const app = makeApp({ 'index.js': "setTimeout(() => { throw new Error('kaboom'); }, 1);\n" });
  try {
    const r = await run(app);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error: kaboom\n/);
    assert.match(r.stderr, /\n\nNode\.js v\d+\.\d+\.\d+\n$/);
  } finally {
    removeApp(app);
  }
});

test('an unhandled rejection is fatal (Node 20 default) with exit 1, unless a listener takes it', async () => {
  const app = makeApp({
    'index.js': "if (process.argv[2] === 'listen') process.on('unhandledRejection', (r) => console.log('caught', r.message));\nPromise.reject(new Error('nope'));\n",
  });
  try {
    const fatal = await run(app);
    assert.equal(fatal.code, 1);
    assert.match(fatal.stderr, /Error: nope/);
    const handled = await run(app, ['listen']);
    assert.equal(handled.code, 0, handled.stderr);
    assert.equal(handled.stdout, 'caught nope\n');
  } finally {
    removeApp(app);
  }
});

test('arguments keep their exact bytes: spaces, quotes, unicode, empty strings', async () => {
  const app = makeApp({ 'index.js': 'console.log(JSON.stringify(process.argv.slice(2)));\n' });
  const args = ['a b', '"quoted"', "it's", 'ünïcødé ✓ 日本', '', '--flag=x y', '$HOME', 'tab\there'];
  try {
    const r = await run(app, args);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), args);
  } finally {
    removeApp(app);
  }
});

const ORDERING = `
const log = [];
const out = (s) => log.push(s);
process.on('exit', () => console.log(log.join('\\n')));
out('main start');
setTimeout(() => {
  out('timeout 1');
  process.nextTick(() => out('tick in timeout 1'));
  Promise.resolve().then(() => out('promise in timeout 1'));
  setTimeout(() => out('timeout 0 set in timeout 1'), 0);
  setImmediate(() => out('immediate set in timeout 1'));
}, 1);
setTimeout(() => out('timeout 2 (same list)'), 1);
setImmediate(() => {
  out('immediate 1');
  setImmediate(() => out('immediate set in immediate'));
  process.nextTick(() => out('tick in immediate'));
  // 2 ms busy: the 0 ms timer set in timeout 1 is due at the next timers phase on any machine.
  const t0 = Date.now();
  while (Date.now() - t0 < 2);
});
setImmediate(() => out('immediate 2'));
process.nextTick(() => {
  out('tick 1');
  process.nextTick(() => out('tick set in tick'));
  Promise.resolve().then(() => out('promise set in tick'));
});
Promise.resolve().then(() => {
  out('promise 1');
  process.nextTick(() => out('tick set in promise'));
  queueMicrotask(() => out('microtask set in promise'));
});
queueMicrotask(() => out('microtask 1'));
(async () => {
  out('async start');
  await null;
  out('after await');
  await new Promise((r) => setTimeout(r, 30));
  out('after sleep');
  const t = setInterval(() => {
    out('interval');
    if (++n === 3) clearInterval(t);
  }, 5);
  let n = 0;
})();
const unrefd = setTimeout(() => out('never: unref'), 100000);
unrefd.unref();
process.on('beforeExit', () => {
  if (!globalThis.done) {
    globalThis.done = true;
    out('beforeExit');
    setTimeout(() => out('timer from beforeExit'), 1);
  }
});
out('main end');
// Busy for 5 ms so the 1 ms timers are due at the first timers phase on any machine (otherwise
// timers-versus-immediates on the first turn is a race in Node too).
const start = Date.now();
while (Date.now() - start < 5);
`;

test('event-loop ordering (nextTick, microtasks, timers, immediates, beforeExit) equals host Node\'s', async () => {
  const app = makeApp({ 'index.js': ORDERING });
  try {
    const expected = hostNode(join(app, 'index.js'));
    assert.equal(expected.code, 0);
    const r = await run(app);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, expected.stdout);
  } finally {
    removeApp(app);
  }
});

test('file systems: the image is read-only (EROFS), /tmp is writable, both readable', async () => {
  const app = makeApp({
    'index.js': `
const fs = require('fs');
const path = require('path');
const out = [];
out.push(fs.readFileSync(path.join(__dirname, 'data', 'note.txt'), 'utf8').trim());
out.push(fs.readdirSync(__dirname).sort().join(','));
try { fs.writeFileSync(path.join(__dirname, 'x.txt'), 'no'); } catch (e) { out.push(e.code + ' ' + e.syscall); }
try { fs.unlinkSync(path.join(__dirname, 'index.js')); } catch (e) { out.push(e.code); }
fs.mkdirSync('/tmp/a/b', { recursive: true });
fs.writeFileSync('/tmp/a/b/f.bin', Buffer.from([0, 1, 2, 255]));
fs.appendFileSync('/tmp/a/b/f.bin', Buffer.from([7]));
out.push([...fs.readFileSync('/tmp/a/b/f.bin')].join(':'));
fs.renameSync('/tmp/a/b/f.bin', '/tmp/a/g.bin');
out.push(fs.existsSync('/tmp/a/b/f.bin') + ' ' + fs.statSync('/tmp/a/g.bin').size);
try { fs.readFileSync('/tmp/missing'); } catch (e) { out.push(e.message); }
fs.promises.readFile('/tmp/a/g.bin').then((b) => {
  out.push('promise ' + b.length);
  fs.readFile(path.join(__dirname, 'data', 'note.txt'), 'utf8', (err, s) => {
    out.push('callback ' + (err ? err.code : s.trim()));
    console.log(out.join('\\n'));
  });
});
`,
    'data/note.txt': 'packed in the image\n',
  });
  try {
    const r = await run(app);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [
      'packed in the image', 'data,index.js', 'EROFS open', 'EROFS', '0:1:2:255:7', 'false 5',
      "ENOENT: no such file or directory, open '/tmp/missing'", 'promise 5', 'callback packed in the image', '',
    ].join('\n'));
  } finally {
    removeApp(app);
  }
});

test('new Date() is within 2 s of the host clock', async () => {
  const app = makeApp({ 'index.js': 'console.log(Date.now());\n' });
  try {
    const before = Date.now();
    const r = await run(app);
    const after = Date.now();
    assert.equal(r.code, 0, r.stderr);
    const guest = Number(r.stdout.trim());
    assert.ok(guest >= before - 2000 && guest <= after + 2000, `guest ${guest}, host ${before}..${after}`);
  } finally {
    removeApp(app);
  }
});

test('200 MB allocated and freed twice in a 256 MB VM; then past RAM, a clean out-of-memory exit', async () => {
  const app = makeApp({
    'index.js': `
for (let round = 0; round < 2; round++) {
  let chunks = [];
  for (let i = 0; i < 200; i++) { const b = new Uint8Array(1 << 20); b[i] = 1; chunks.push(b); }
  console.log('round ' + round + ': ' + chunks.length + ' MB');
  chunks = null;
}
if (process.argv[2] === 'exhaust') {
  const keep = [];
  for (;;) keep.push({ n: keep.length, s: 'x'.repeat(64) + keep.length });
}
`,
  });
  try {
    const ok = await run(app, [], ['-m', '256M']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, 'round 0: 200 MB\nround 1: 200 MB\n');
    const oom = await run(app, ['exhaust'], ['-m', '256M']);
    assert.equal(oom.code, 137, oom.stderr);
    assert.match(oom.stderr, /nephos: out of memory: cannot allocate \d+ bytes/);
    assert.match(oom.stderr, /Give the VM more memory \(nephos run -m SIZE\)/);
  } finally {
    removeApp(app);
  }
});

test('hello runs in 16 MB of memory', async () => {
  const r = await run(HELLO, ['--name', 'small'], ['-m', '16M']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Hello, small!/);
});

for (const kind of ['fault', 'abort', 'stack']) {
  test(`a ${kind === 'fault' ? 'CPU exception' : kind === 'abort' ? 'engine abort' : 'C stack overflow'} prints the registers/reason and the JavaScript stack, exit 134`, async () => {
    const app = makeApp({ 'index.js': 'setTimeout(() => {}, 1000);\n' });
    try {
      const r = await run(app, [], [], { env: { NEPHOS_KERNEL_ARGS: `nephos.selftest=${kind}` } });
      assert.equal(r.code, 134, r.stderr);
      assert.match(r.stderr, /nephos: panic: /);
      if (kind !== 'abort') assert.match(r.stderr, /rip=0x[0-9a-f]{16} rsp=0x[0-9a-f]{16}/);
      if (kind === 'fault') assert.match(r.stderr, /NULL pointer dereference/);
      if (kind === 'stack') assert.match(r.stderr, /stack overflow/);
      assert.match(r.stderr, /JavaScript stack:\n\s+at op_debug_crash \(native\)\n\s+at selftestCrash/);
    } finally {
      removeApp(app);
    }
  });
}

test('a corrupted image is refused with a checksum error before booting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-img-'));
  const img = join(dir, 'hello.img');
  const b = await nephos(['build', HELLO, '-o', img]);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(b.stdout.trim(), img);
  const bytes = readFileSync(img);
  bytes[bytes.length - 100] ^= 0xff;
  const bad = join(dir, 'bad.img');
  writeFileSync(bad, bytes);
  const r = await run(bad);
  assert.equal(r.code, 125);
  assert.match(r.stderr, /^nephos: .*checksum/m);
  assert.equal(r.stdout, '');
  const copy = join(dir, 'copy.img');
  copyFileSync(img, copy);
  const good = await run(copy, ['--name', 'image']);
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /^Hello, image!/);
});
