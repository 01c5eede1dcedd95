// zlib.crc32, constants and legacy Z_* names
const zlib = require('zlib');
console.log(typeof zlib.crc32 === 'function' ? [zlib.crc32('hello'), zlib.crc32('world', zlib.crc32('hello ')), zlib.crc32(Buffer.alloc(0))] : 'n/a');
console.log(zlib.constants.Z_BEST_COMPRESSION, zlib.constants.Z_SYNC_FLUSH, zlib.Z_DEFAULT_COMPRESSION, zlib.constants.Z_DATA_ERROR, zlib.codes.Z_BUF_ERROR, zlib.codes['-3']);
console.log(zlib.constants.BROTLI_OPERATION_FINISH, zlib.constants.BROTLI_PARAM_QUALITY);
