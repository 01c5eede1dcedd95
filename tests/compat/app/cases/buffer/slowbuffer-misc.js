// Buffer properties: constructor name, parent/offset, Symbol.toStringTag, inspect custom, INSPECT_MAX_BYTES
// @differs: Buffer.from(string) does not slice small buffers out of an 8 KiB pool as Node does: their byteOffset (.offset) is 0, not the position in the pool
const buffer = require('buffer');
const b = Buffer.from('abc');
console.log(b.constructor.name, Object.prototype.toString.call(b), typeof b.parent, b.offset);
console.log(buffer.INSPECT_MAX_BYTES, typeof buffer.SlowBuffer, typeof buffer.File);
console.log(Buffer.of(1, 2, 3), Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype);
console.log(b.toLocaleString === b.toString, b.readUint8 === b.readUInt8);
console.log(Buffer.compare.length, Buffer.from.length, Buffer.alloc.length);
