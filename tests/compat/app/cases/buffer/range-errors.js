// out-of-range reads and writes: ERR_OUT_OF_RANGE, ERR_BUFFER_OUT_OF_BOUNDS, ERR_INVALID_ARG_TYPE
const b = Buffer.alloc(4);
const t = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => b.readUInt32LE(1));
t(() => b.readUInt8(4));
t(() => b.writeUInt8(256, 0));
t(() => b.writeInt8(-129, 0));
t(() => b.readUInt16BE(-1));
t(() => b.readUInt16BE(1.5));
t(() => b.readUInt16BE('1'));
t(() => b.writeUInt32BE(2 ** 32, 0));
t(() => Buffer.alloc(8).writeBigInt64LE(2n ** 63n));
t(() => b.readUIntBE(0, 7));
