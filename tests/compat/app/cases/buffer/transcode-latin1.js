// latin1/ascii handling of chars above 0xFF, hex of odd-length input, buffer.transcode
const buffer = require('buffer');
console.log(Buffer.from('ÿĀ€', 'latin1'), Buffer.from('é', 'ascii'), Buffer.from([0xe9, 0x80]).toString('ascii'));
console.log(Buffer.from('abc', 'hex'), Buffer.from('a', 'hex'), Buffer.from('0g', 'hex'));
console.log(buffer.transcode(Buffer.from('héllo'), 'utf8', 'latin1'), buffer.transcode(Buffer.from('hi'), 'utf8', 'ucs2'));
console.log(Buffer.from('€', 'binary'), Buffer.from('ab', 'utf-16le'), Buffer.from('ab', 'UCS-2'));
