// stream/promises pipeline and finished; async generator stages in a pipeline
const { pipeline, finished } = require('stream/promises');
const { Readable, Writable, PassThrough } = require('stream');
(async () => {
  const out = [];
  await pipeline(
    Readable.from([1, 2, 3]),
    async function* (source) { for await (const n of source) yield String(n * 10); },
    new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } }),
  );
  console.log('pipeline', out);
  const p = new PassThrough();
  setImmediate(() => p.end('data'));
  p.resume();
  await finished(p);
  console.log('finished', p.readableEnded);
  try {
    await pipeline(Readable.from(['x']), async function* (s) { for await (const c of s) throw new Error('gen ' + c); }, new PassThrough());
  } catch (e) { console.log('rejected', e.message); }
})();
