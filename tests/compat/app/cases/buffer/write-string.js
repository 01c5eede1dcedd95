// write(string, offset, length, encoding) returns bytes written and never splits a character
const b = Buffer.alloc(5);
console.log(b.write('€€'), b);
console.log(Buffer.alloc(10).write('abcdef', 2, 3), Buffer.alloc(4).write('ffee', 'hex'));
const c = Buffer.alloc(6);
console.log(c.write('xy', 4, 'latin1'), c.toString('latin1'));
try { c.write('a', 7); } catch (e) { console.log(e.code, e.message); }
console.log(Buffer.alloc(3).write('😀'), Buffer.from('😀').length);
