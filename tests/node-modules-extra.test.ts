// The modules of this area in a real VM: crypto (digests, HMAC, KDFs, subtle.digest, the global
// crypto), zlib (callback and sync forms, errors, crc32), tty, v8, vm, worker_threads,
// child_process, diagnostics_channel and readline print what host Node prints; what Nephos does
// not support (ciphers, subprocesses) fails with ERR_NOT_SUPPORTED_ON_NEPHOS on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { hostNode, makeApp, removeApp, run } from './helpers';

const APP = `const crypto = require('crypto');
const zlib = require('zlib');
const tty = require('tty');
const v8 = require('v8');
const vm = require('vm');
const readline = require('readline');
const { PassThrough } = require('stream');
const wt = require('worker_threads');
const cp = require('child_process');
const dc = require('diagnostics_channel');
const { promisify } = require('util');
const out = [];
const log = (...a) => out.push(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '));
(async () => {
  log('sha256', crypto.createHash('sha256').update('nephos').digest('hex'));
  log('md5 base64', crypto.createHash('md5').update(Buffer.from([1, 2, 3])).digest('base64'));
  log('hmac', crypto.createHmac('sha1', 'key').update('data').digest('hex'));
  log('pbkdf2', (await promisify(crypto.pbkdf2)('pw', 'salt', 100, 16, 'sha256')).toString('hex'));
  log('scrypt', crypto.scryptSync('pw', 'salt', 16, { N: 1024 }).toString('hex'));
  log('subtle', Buffer.from(await crypto.subtle.digest('SHA-1', Buffer.from('x'))).toString('hex'));
  log('global crypto subtle', Buffer.from(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array([1]))).toString('hex'));
  log('getHashes has sha512', crypto.getHashes().includes('sha512'));
  try { crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12)); } catch (e) { console.error('unsupported', e.code, e.message); }
  const big = Buffer.from('hello world '.repeat(1000));
  const gz = await promisify(zlib.gzip)(big);
  log('gzip round trip', zlib.gunzipSync(gz).equals(big), gz.length < big.length);
  log('deflate stored', zlib.deflateSync('abc', { level: 0 }).toString('hex'));
  try { zlib.inflateSync(Buffer.from('nope')); } catch (e) { log('inflate error', e.code, e.errno, e.message); }
  log('crc32', zlib.crc32('nephos'));
  log('isatty', tty.isatty(0), typeof tty.WriteStream);
  log('v8', v8.serialize({ a: [1, 'b'] }).toString('hex'), v8.deserialize(v8.serialize(new Map([[1, 2]]))).get(1));
  log('v8 heap', typeof v8.getHeapStatistics().used_heap_size);
  log('vm', vm.runInThisContext('6 * 7'), new vm.Script('typeof globalThis').runInThisContext());
  log('worker', wt.isMainThread, wt.threadId);
  const execErr = await new Promise((resolve) => cp.exec('true', (err) => resolve(err)));
  if (execErr) console.error('unsupported', execErr.code, execErr.message);
  const c = dc.channel('app');
  c.subscribe((m) => log('dc message', m));
  c.publish({ ok: 1 });
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const lines = [];
  rl.on('line', (l) => lines.push(l));
  await new Promise((resolve) => { rl.on('close', resolve); input.end('a\\nb\\r\\nc'); });
  log('readline', lines);
  console.log(out.join('\\n'));
})();
`;

test('crypto, zlib, tty, v8, vm, worker_threads, child_process, diagnostics_channel, readline in a VM', { timeout: 300_000 }, async () => {
  const app = makeApp({ 'index.js': APP });
  try {
    const expected = hostNode(join(app, 'index.js'));
    assert.equal(expected.code, 0, expected.stderr);
    const r = await run(app, [], [], { timeoutMs: 240_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, expected.stdout);
    assert.match(r.stderr, /unsupported ERR_NOT_SUPPORTED_ON_NEPHOS crypto\.createCipheriv is not supported on Nephos yet/);
    assert.match(r.stderr, /unsupported ERR_NOT_SUPPORTED_ON_NEPHOS child_process\.exec is not supported on Nephos yet/);
  } finally {
    removeApp(app);
  }
});
