// encoding names are normalised (UTF-8, utf-16le, default utf8); unknown ones throw ERR_UNKNOWN_ENCODING
const { StringDecoder } = require('string_decoder');
for (const enc of [undefined, 'UTF-8', 'utf-8', 'UCS2', 'utf-16le', 'Latin1', 'BASE64', 'hex']) console.log(String(enc), new StringDecoder(enc).encoding);
try { new StringDecoder('klingon'); } catch (e) { console.log(e.name, e.code, e.message); }
