// indexOf/lastIndexOf/includes with strings, buffers, numbers, offsets and encodings
const b = Buffer.from('abcabc€abc');
console.log(b.indexOf('bc'), b.indexOf('bc', 2), b.lastIndexOf('abc'), b.lastIndexOf('abc', 5));
console.log(b.indexOf(0x63), b.indexOf(Buffer.from('€')), b.includes('€'), b.indexOf('zz'));
console.log(b.indexOf('6263', 0, 'hex'), b.indexOf(''), b.indexOf('', 100), b.indexOf('a', -4));
console.log(Buffer.from('aaa').lastIndexOf('a', -2), b.indexOf(99.9));
