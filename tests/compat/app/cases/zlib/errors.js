// decompression errors: codes, errno and messages for bad headers, truncated data, bad checksums
const zlib = require('zlib');
const t = (name, f) => { try { f(); console.log(name, 'ok'); } catch (e) { console.log(name, e.code, e.errno, e.message); } };
t('bad header', () => zlib.inflateSync(Buffer.from('garbage')));
t('gunzip bad', () => zlib.gunzipSync(Buffer.from('nope nope nope')));
const gz = zlib.gzipSync('some data to compress');
t('truncated', () => zlib.gunzipSync(gz.subarray(0, gz.length - 5)));
const bad = Buffer.from(gz); bad[bad.length - 6] ^= 0xff;
t('crc', () => zlib.gunzipSync(bad));
zlib.inflate(Buffer.from('xx'), (err) => console.log('async', err.code, err.errno, err.message));
t('type', () => zlib.deflateSync(5));
