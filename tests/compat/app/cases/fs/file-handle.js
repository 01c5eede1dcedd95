// FileHandle: open, write, read into a buffer at positions, stat, truncate, close; double close
const fsp = require('fs/promises');
const { p, cleanup } = require('../_lib/tmp');
(async () => {
  const fh = await fsp.open(p('h.txt'), 'w+');
  console.log(typeof fh.fd, (await fh.write('0123456789')).bytesWritten);
  const buf = Buffer.alloc(4);
  const r = await fh.read(buf, 0, 4, 3);
  console.log(r.bytesRead, buf.toString());
  await fh.truncate(5);
  console.log((await fh.stat()).size, (await fh.readFile({ encoding: 'utf8' })));
  await fh.close();
  try { await fh.close(); console.log('second close ok'); } catch (e) { console.log(e.code); }
  try { await fh.read(buf, 0, 1, 0); } catch (e) { console.log(e.code, e.message); }
  cleanup();
})();
