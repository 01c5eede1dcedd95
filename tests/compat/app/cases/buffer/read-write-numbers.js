// read/write integers and floats, both endians, offsets, BigInt64, readUIntBE variable width
const b = Buffer.alloc(16);
b.writeUInt16LE(0xbeef, 0);
b.writeInt32BE(-2, 2);
b.writeFloatLE(1.5, 6);
b.writeDoubleBE(Math.PI, 8);
console.log(b.toString('hex'));
console.log(b.readUInt16LE(0), b.readInt32BE(2), b.readFloatLE(6), b.readDoubleBE(8));
console.log(b.readUIntBE(0, 3), b.readIntLE(0, 6), b.readUInt8(1), b.readInt8(1));
b.writeBigInt64LE(-5n, 0);
b.writeBigUInt64BE(2n ** 63n, 8);
console.log(b.readBigInt64LE(0), b.readBigUInt64BE(8), b.toString('hex'));
console.log(b.writeUInt32LE(1, 12), b.writeUIntBE(0x123456, 0, 3));
