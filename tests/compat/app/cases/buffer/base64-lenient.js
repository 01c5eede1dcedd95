// base64 decoding is lenient: whitespace, missing padding, url alphabet, junk stops
console.log(Buffer.from('aGVs bG8=', 'base64').toString(), Buffer.from('aGVsbG8', 'base64').toString());
console.log(Buffer.from('a-_b', 'base64'), Buffer.from('a+/b', 'base64url'));
console.log(Buffer.from('aGk=aGk=', 'base64').toString(), Buffer.from('=', 'base64').length);
console.log(Buffer.from([0xfb, 0xff]).toString('base64'), Buffer.from([0xfb, 0xff]).toString('base64url'));
console.log(Buffer.from('YQ', 'base64'), Buffer.from('Y', 'base64'));
