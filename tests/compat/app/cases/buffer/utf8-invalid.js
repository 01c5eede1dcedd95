// invalid UTF-8 decodes to U+FFFD as WHATWG says; lone surrogates encode to EF BF BD
console.log(JSON.stringify(Buffer.from([0xff, 0x41, 0xc3]).toString()));
console.log(JSON.stringify(Buffer.from([0xe2, 0x82]).toString()), JSON.stringify(Buffer.from([0xf0, 0x9f, 0x98]).toString('utf8')));
console.log(JSON.stringify(Buffer.from([0xed, 0xa0, 0x80]).toString()));
console.log(Buffer.from('\ud800x'), Buffer.from('a\udc00'));
console.log(Buffer.from('\ud83d\ude00').toString('hex'), Buffer.from('😀', 'utf16le'));
console.log(Buffer.from([0x41, 0x00, 0x3d, 0xd8]).toString('utf16le').length);
