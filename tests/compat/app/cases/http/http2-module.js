// node:http2 loads with Node's constants and settings helpers; instanceof Http2ServerRequest is false for HTTP/1 requests
const http2 = require('http2');
console.log(Object.keys(http2.constants).length, JSON.stringify(Object.entries(http2.constants).slice(0, 5)), http2.constants.HTTP2_HEADER_CONTENT_TYPE, http2.constants.HTTP2_METHOD_VERSION_CONTROL, http2.constants.HTTP_STATUS_TEAPOT);
console.log(JSON.stringify(Object.entries(http2.constants).map(([k, v]) => `${k}=${v}`).join(' ').length));
console.log(JSON.stringify(http2.getDefaultSettings()));
const packed = http2.getPackedSettings({ headerTableSize: 100, enablePush: false, maxFrameSize: 16384 });
console.log(packed.toString('hex'), JSON.stringify(http2.getUnpackedSettings(packed)));
try { http2.getUnpackedSettings(Buffer.alloc(5)); } catch (e) { console.log(e.code, e.name, e.message); }
console.log(({}) instanceof http2.Http2ServerRequest, typeof http2.sensitiveHeaders, typeof http2.createServer, typeof http2.connect);
