// Buffer.from and toString across utf8, hex, base64, base64url, latin1, ascii, utf16le, binary
const s = 'héllo wörld €😀';
for (const enc of ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le', 'ucs2', 'binary']) {
  const b = Buffer.from(s, enc === 'hex' || enc.startsWith('base64') ? 'utf8' : enc);
  console.log(enc, b.length, b.toString(enc));
}
console.log(Buffer.from('aGVsbG8', 'base64').toString(), Buffer.from('aGVsbG8-_w', 'base64url'));
console.log(Buffer.from('zz12', 'hex'), Buffer.from('abc', 'hex'));
console.log(Buffer.byteLength('€'), Buffer.byteLength('aGVsbG8=', 'base64'), Buffer.byteLength('abcd', 'hex'));
