// subarray/slice share memory, copy ranges, concat with totalLength, compare and equals
const a = Buffer.from('hello world');
const s = a.subarray(0, 5);
s[0] = 0x48;
console.log(a.toString(), a.slice(-5).toString(), a.subarray(3, 1).length);
const target = Buffer.alloc(8, '.');
console.log(a.copy(target, 2, 6, 20), target.toString());
console.log(Buffer.concat([Buffer.from('ab'), Buffer.from('cd')], 3).toString(), Buffer.concat([]).length);
console.log(Buffer.concat([new Uint8Array([65, 66])]).toString());
console.log(Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('b').compare(Buffer.from('a')), a.equals(Buffer.from('Hello world')));
console.log(a.compare(Buffer.from('xxworldxx'), 2, 7, 6, 11));
try { Buffer.concat(['str']); } catch (e) { console.log(e.code, e.message); }
