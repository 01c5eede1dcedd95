// CRC-32 as gzip and zlib.crc32() compute it (RFC 1952 section 8, ISO 3309; polynomial
// 0xEDB88320 reflected), table-driven, one byte per step. `value` continues an earlier CRC.
const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

export function crc32(bytes: Uint8Array, value = 0): number {
  let crc = ~value;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
