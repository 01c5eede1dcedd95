// Buffer.from(arrayBuffer, offset, length) shares memory; from typed arrays copies; instanceof Uint8Array
const ab = new ArrayBuffer(8);
const view = new Uint8Array(ab);
const b = Buffer.from(ab, 2, 4);
b[0] = 9;
console.log(view[2], b.byteOffset, b.length, b.buffer === ab);
const u16 = new Uint16Array([1, 256]);
console.log(Buffer.from(u16), Buffer.from(u16.buffer));
console.log(b instanceof Uint8Array, Buffer.isBuffer(b), Buffer.isBuffer(view), Buffer.isEncoding('UTF-8'), Buffer.isEncoding('nope'));
console.log(Buffer.from([257, -1, 3.7, '4']));
console.log(Buffer.from({ length: 2, 0: 1, 1: 2 }), Buffer.from(Buffer.from('copy')).toString());
try { Buffer.from(5); } catch (e) { console.log(e.code, e.message); }
try { Buffer.from(ab, 10); } catch (e) { console.log(e.code, e.message); }
