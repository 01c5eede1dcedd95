// The engine check for crypto, zlib, async_hooks, diagnostics_channel, readline and v8: one line
// per result, printed on the host build of the guest engine (with our modules) and on host Node
// (with its own); extra-modules.engine.test.ts compares the two. Only deterministic output.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import dc from 'node:diagnostics_channel';
import readline from 'node:readline';
import v8 from 'node:v8';
import { PassThrough } from 'node:stream';
import { Buffer } from 'node:buffer';

declare const __print: (line: string) => void;
const out = (section: string, name: string, value: unknown) => __print(`${section} ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
const attempt = (fn: () => unknown) => { try { return fn(); } catch (e: any) { return `THROW ${e?.name} ${e?.code} ${e?.errno} ${e?.message}`; } };

function data(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = i % 7 < 3 ? 97 + ((x >>> 24) % 6) : x >>> 24;
  }
  return b;
}

function cryptoSection(): void {
  const algos = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256', 'RSA-SHA256'];
  for (const algo of algos) {
    for (const n of [0, 3, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000]) {
      out('crypto', `${algo} ${n}`, crypto.createHash(algo).update(data(n, n + 1)).digest('hex'));
    }
    out('crypto', `hmac ${algo}`, crypto.createHmac(algo, data(70, 5)).update('message').digest('base64'));
    const h = crypto.createHash(algo).update('abc');
    const copy = h.copy();
    out('crypto', `copy ${algo}`, [h.update('d').digest('hex'), copy.digest('hex')]);
  }
  out('crypto', 'utf8 input', crypto.createHash('sha256').update('héllo ✓ 😀').digest('hex'));
  out('crypto', 'latin1 digest', crypto.createHash('md5').update('x').digest('latin1' as any));
  out('crypto', 'pbkdf2', crypto.pbkdf2Sync('password', 'salt', 1000, 40, 'sha256').toString('hex'));
  out('crypto', 'hkdf', Buffer.from(crypto.hkdfSync('sha512', 'key', 'salt', 'info', 80)).toString('hex'));
  out('crypto', 'scrypt', crypto.scryptSync('password', 'NaCl', 32, { N: 64, r: 4, p: 2 }).toString('hex'));
  out('crypto', 'hash()', crypto.hash('sha1', 'one-shot'));
  out('crypto', 'timingSafeEqual', [crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac'))]);
  out('crypto', 'error digest twice', attempt(() => { const h = crypto.createHash('sha1'); h.digest(); h.digest(); }));
  out('crypto', 'error invalid digest', attempt(() => crypto.createHmac('nope', 'k')));
  out('crypto', 'error update type', attempt(() => crypto.createHash('sha1').update(5 as any)));
  out('crypto', 'error pbkdf2 iterations', attempt(() => crypto.pbkdf2Sync('p', 's', 0, 1, 'sha1')));
  out('crypto', 'error scrypt N', attempt(() => crypto.scryptSync('p', 's', 1, { N: 3 })));
  out('crypto', 'randomUUID shape', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
}

async function cryptoAsync(): Promise<void> {
  const key = await new Promise<Buffer>((resolve, reject) => crypto.pbkdf2('p', 's', 10, 16, 'sha512', (e, k) => (e ? reject(e) : resolve(k))));
  out('crypto', 'pbkdf2 callback', key.toString('hex'));
  const digest = await crypto.webcrypto.subtle.digest('SHA-256', Buffer.from('web'));
  out('crypto', 'subtle.digest', Buffer.from(digest).toString('hex'));
  const streamed = await new Promise<string>((resolve) => {
    const h = crypto.createHash('sha256');
    h.setEncoding('hex');
    h.on('data', (d: string) => resolve(d));
    h.write('stream ');
    h.end('input');
  });
  out('crypto', 'hash stream', streamed);
}

function zlibSection(): void {
  for (const n of [0, 1, 100, 5000, 70000]) {
    const input = data(n, n + 7);
    for (const [c, d] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync']] as const) {
      const packed = (zlib as any)[c](input);
      out('zlib', `${c} ${n} round trip`, (zlib as any)[d](packed).equals(input));
      // Node's zlib (Chromium's fork) may choose other matches on larger inputs: compare small ones.
      if (n <= 100) out('zlib', `${c} ${n} crc`, zlib.crc32(packed));
    }
    out('zlib', `unzip ${n}`, zlib.unzipSync(zlib.gzipSync(input)).equals(input));
  }
  out('zlib', 'stored bytes', zlib.deflateSync('hello hello hello', { level: 0 }).toString('hex'));
  out('zlib', 'empty gzip', zlib.gzipSync('').toString('hex'));
  out('zlib', 'concatenated', zlib.gunzipSync(Buffer.concat([zlib.gzipSync('a'), zlib.gzipSync('b')])).toString());
  const dictionary = Buffer.from('dictionary');
  out('zlib', 'dictionary', zlib.inflateSync(zlib.deflateSync('dictionary words', { dictionary }), { dictionary }).toString());
  out('zlib', 'error header', attempt(() => zlib.inflateSync(Buffer.from('not deflate'))));
  out('zlib', 'error truncated', attempt(() => zlib.gunzipSync(zlib.gzipSync('truncate me').subarray(0, 15))));
  out('zlib', 'error dictionary', attempt(() => zlib.inflateSync(zlib.deflateSync('x', { dictionary }))));
  out('zlib', 'error level', attempt(() => zlib.gzipSync('x', { level: 42 })));
  out('zlib', 'crc32 string', zlib.crc32('héllo'));
}

async function zlibAsync(): Promise<void> {
  const input = data(40000, 3);
  const packed = await new Promise<Buffer>((resolve, reject) => zlib.gzip(input, (e, r) => (e ? reject(e) : resolve(r))));
  out('zlib', 'gzip callback round trip', zlib.gunzipSync(packed).equals(input));
  const err = await new Promise<any>((resolve) => zlib.inflate(Buffer.from('bad'), (e) => resolve(e)));
  out('zlib', 'inflate callback error', [err.code, err.errno, err.message]);
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    const gz = zlib.createGzip({ chunkSize: 1024 });
    gz.on('data', (c: Buffer) => chunks.push(c));
    gz.on('end', resolve);
    for (let i = 0; i < input.length; i += 7000) gz.write(input.subarray(i, i + 7000));
    gz.end();
  });
  out('zlib', 'stream chunks bounded', chunks.every((c) => c.length <= 1024));
  out('zlib', 'stream round trip', zlib.gunzipSync(Buffer.concat(chunks)).equals(input));
}

async function asyncHooksSection(): Promise<void> {
  const als = new AsyncLocalStorage<string>();
  const seen: string[] = [];
  const work = async (tag: string) => {
    seen.push(`${tag} start ${als.getStore()}`);
    await null;
    seen.push(`${tag} after await ${als.getStore()}`);
    await Promise.all([Promise.resolve(1), new Promise((r) => r(2))]);
    seen.push(`${tag} after all ${als.getStore()}`);
    await { then(r: () => void) { seen.push(`${tag} thenable ${als.getStore()}`); r(); } };
    for await (const x of (async function* () { yield 1; await null; yield 2; })()) seen.push(`${tag} gen ${x} ${als.getStore()}`);
  };
  let resolveLater!: () => void;
  const later = new Promise<void>((r) => (resolveLater = r));
  const registered = als.run('then-time', () => later.then(() => seen.push(`then ${als.getStore()}`)));
  await Promise.all([als.run('A', () => work('a')), als.run('B', () => work('b')), (resolveLater(), registered)]);
  seen.push(`outside ${als.getStore()}`);
  als.run('X', () => {
    als.exit(() => seen.push(`exit ${als.getStore()}`));
    const bound = AsyncResource.bind(() => als.getStore());
    seen.push(`bound ${als.run('Y', bound)}`);
  });
  await als.run('E', async () => {
    als.enterWith('entered');
    await null;
    seen.push(`enterWith ${als.getStore()}`);
  });
  seen.push(`after enterWith ${als.getStore()}`);
  for (const line of seen) out('async_hooks', line.split(' ').slice(0, 3).join(' '), line);
}

function diagnosticsSection(): void {
  const c = dc.channel('engine-check');
  const got: unknown[] = [];
  out('dc', 'inactive', c.hasSubscribers);
  c.subscribe((m) => got.push(m));
  c.publish({ a: 1 });
  out('dc', 'published', got);
  const tc = dc.tracingChannel('engine-op');
  const events: string[] = [];
  tc.subscribe({ start: () => events.push('start'), end: () => events.push('end'), error: () => events.push('error'), asyncStart: () => events.push('asyncStart'), asyncEnd: () => events.push('asyncEnd') });
  tc.traceSync(() => 1);
  attempt(() => tc.traceSync(() => { throw new Error('x'); }));
  out('dc', 'trace events', events);
}

async function readlineSection(): Promise<void> {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const lines: string[] = [];
  const done = (async () => { for await (const l of rl) lines.push(l); })();
  input.write('first\r\nsec');
  input.write('ond\rthird\n日本');
  input.end('語');
  await done;
  out('readline', 'lines', lines);
}

function v8Section(): void {
  const shared = { s: 1 };
  const values: unknown[] = [undefined, null, true, 7, -7, 2 ** 31, 1.25, 'ascii', 'ünï', '日本', { a: 1, b: [1, 2, 3] }, [1, , 3],
    new Date(86400000), /re+/gi, new Map([[1, 'a']]), new Set(['x']), 12345678901234567890n, Buffer.from('buf'), new Uint16Array([1, 2]),
    [shared, shared]];
  for (const [i, v] of values.entries()) {
    const bytes = v8.serialize(v);
    out('v8', `serialize ${i}`, bytes.toString('hex'));
    // (V8 deserializes arrays as holey ones, which it then writes in the sparse form: skip those.)
    if (!JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? 0 : x))?.includes('[')) {
      out('v8', `round trip ${i}`, v8.serialize(v8.deserialize(bytes)).toString('hex') === bytes.toString('hex'));
    }
  }
  out('v8', 'error', attempt(() => v8.deserialize(Buffer.from([0xff, 0x0f, 0x99]))));
}

async function main(): Promise<void> {
  const sections: [string, () => unknown][] = [
    ['crypto', cryptoSection], ['crypto-async', cryptoAsync], ['zlib', zlibSection], ['zlib-async', zlibAsync],
    ['async_hooks', asyncHooksSection], ['dc', diagnosticsSection], ['readline', readlineSection], ['v8', v8Section],
  ];
  for (const [name, fn] of sections) {
    try {
      await fn();
    } catch (e: any) {
      __print(`section-failed ${name}: ${e?.stack ?? e}`);
    }
  }
  __print('done');
}

main();
