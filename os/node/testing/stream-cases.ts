// Stream scenarios that log events and data; run against ours and host Node's stream module (or
// on the engine) and compare the logs. They avoid depending on the relative order of
// process.nextTick and promise callbacks, which a test process shim cannot reproduce.

type Log = (...parts: unknown[]) => void;

export const streamScenarios: Record<string, (stream: any, consumers: any, log: Log) => Promise<void>> = {
  async readableBasics(stream, _c, log) {
    const r = stream.Readable.from(['a', 'b', 'c']);
    const got: unknown[] = [];
    for await (const chunk of r) got.push(chunk);
    log('from', got.join(','), r.readableEnded, r.destroyed);
    const r2 = new stream.Readable({ read() {} });
    r2.push('x');
    r2.push('y');
    r2.push(null);
    r2.setEncoding('utf8');
    let data = '';
    await new Promise<void>((resolve) => { r2.on('data', (d: string) => { data += d; }); r2.on('end', resolve); });
    log('push', data, r2.readableLength, r2.readableHighWaterMark, r2.readableObjectMode);
    log('hwm', stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
  },
  async writableBasics(stream, _c, log) {
    const chunks: string[] = [];
    const w = new stream.Writable({
      write(chunk: Buffer, enc: string, cb: () => void) { chunks.push(`${chunk.toString()}:${enc}`); cb(); },
    });
    log('write', w.write('one'), w.write(Buffer.from('two')), w.writableLength);
    await new Promise<void>((resolve) => w.end('three', resolve));
    log('chunks', chunks.join(' '), w.writableFinished, w.writableEnded);
    const err: any = await new Promise((resolve) => w.write('late', resolve));
    log('late error', err?.code, err?.message);
    const small = new stream.Writable({ highWaterMark: 3, write(_c: unknown, _e: unknown, cb: () => void) { setTimeoutLike(cb); } });
    log('backpressure', small.write('abcd'), small.writableNeedDrain);
    await new Promise((resolve) => small.once('drain', resolve));
    log('drained', small.writableLength);
  },
  async transformAndPipeline(stream, _c, log) {
    const upper = new stream.Transform({
      transform(chunk: Buffer, _e: string, cb: (e: unknown, d?: unknown) => void) { cb(null, chunk.toString().toUpperCase()); },
    });
    const out: string[] = [];
    const sink = new stream.Writable({ write(c: Buffer, _e: string, cb: () => void) { out.push(c.toString()); cb(); } });
    await new Promise<void>((resolve, reject) => stream.pipeline(stream.Readable.from(['ab', 'cd']), upper, sink, (err: unknown) => (err ? reject(err) : resolve())));
    log('pipeline', out.join('|'));
    await stream.promises.pipeline(stream.Readable.from(['x']), new stream.PassThrough(), new stream.Writable({ write(c: Buffer, _e: string, cb: () => void) { log('pt', c.toString()); cb(); } }));
    const failing = new stream.Transform({ transform(_c: unknown, _e: string, cb: (e: unknown) => void) { cb(new Error('transform failed')); } });
    try {
      await stream.promises.pipeline(stream.Readable.from(['x']), failing, new stream.PassThrough());
    } catch (e: any) { log('pipeline error', e.message, failing.destroyed); }
    const r = new stream.PassThrough();
    setTimeoutLike(() => r.destroy(new Error('gone')));
    await new Promise<void>((resolve) => stream.finished(r, (err: any) => { log('finished', err?.message); resolve(); }));
    log('predicates', stream.isReadable(r), stream.isErrored(r), stream.isDisturbed(r), stream.isDestroyed ? stream.isDestroyed(r) : 'n/a');
  },
  async objectModeAndOperators(stream, _c, log) {
    const r = stream.Readable.from([1, 2, 3, 4]);
    const mapped = await r.map((x: number) => x * 2).filter((x: number) => x > 2).toArray();
    log('operators', JSON.stringify(mapped));
    const d = new stream.Duplex({ objectMode: true, read() {}, write(c: unknown, _e: unknown, cb: () => void) { this.push(c); cb(); } });
    d.write({ a: 1 });
    const [obj] = await new Promise<unknown[]>((resolve) => d.once('data', (x: unknown) => resolve([x])));
    log('duplex', JSON.stringify(obj));
    const ac = new AbortController();
    const aborted = stream.addAbortSignal(ac.signal, new stream.PassThrough());
    const errP = new Promise((resolve) => aborted.on('error', resolve));
    ac.abort();
    const e: any = await errP;
    log('abort', e.name, e.code);
  },
  async consumers(stream, consumers, log) {
    log('text', await consumers.text(stream.Readable.from([Buffer.from([0xe2, 0x82]), Buffer.from([0xac]), 'x'])));
    log('json', JSON.stringify(await consumers.json(stream.Readable.from(['{"a":', '[1,2]}']))));
    const b = await consumers.buffer(stream.Readable.from([Buffer.from('ab'), Buffer.from('c')]));
    log('buffer', b.toString(), b.length);
    log('arrayBuffer', (await consumers.arrayBuffer(stream.Readable.from([Buffer.from('abcd')]))).byteLength);
    log('blob', (await consumers.blob(stream.Readable.from([Buffer.from('xyz')]))).size);
  },
  async legacy(stream, _c, log) {
    log('shape', typeof stream, typeof stream.Stream, stream.Stream === stream, typeof stream.Readable.prototype.pipe);
    const r = new stream.Readable({ read() {} });
    log('instanceof', r instanceof stream.Stream, r instanceof stream.Readable);
    const [a, b] = stream.duplexPair();
    a.write('ping');
    const got = await new Promise((resolve) => b.once('data', (c: Buffer) => resolve(c.toString())));
    log('duplexPair', got);
  },
};

let scheduler: (fn: () => void) => void = (fn) => { Promise.resolve().then(fn); };
function setTimeoutLike(fn: () => void): void { scheduler(fn); }
export function setStreamScheduler(s: (fn: () => void) => void): void { scheduler = s; }
