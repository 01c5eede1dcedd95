// Request byte fixtures for the HTTP parser: every request-smuggling input llhttp refuses, the
// near misses it accepts, truncated and oversized input. Each entry names what host Node 20's
// server did with the bytes (checked live by http.differential.test.ts, which sends them to a
// host Node server over a socket): 'ok' (one or more requests reach the handler) or the
// clientError code. Strings are latin1: one char per byte.

export interface RequestFixture {
  name: string;
  bytes: string;
  /** 'ok', or the HPE_* code of the refusal (after any requests that came before it). */
  expect: string;
}

const H = 'Host: a\r\n';

export const smuggling: RequestFixture[] = [
  { name: 'duplicate Content-Length, different values', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`, expect: 'HPE_UNEXPECTED_CONTENT_LENGTH' },
  { name: 'duplicate Content-Length, same value', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 2\r\nContent-Length: 2\r\n\r\nab`, expect: 'HPE_UNEXPECTED_CONTENT_LENGTH' },
  { name: 'duplicate Content-Length, other case', bytes: `GET / HTTP/1.1\r\n${H}Content-Length: 0\r\nContent-length: 0\r\n\r\n`, expect: 'HPE_UNEXPECTED_CONTENT_LENGTH' },
  { name: 'Content-Length then Transfer-Encoding', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'Transfer-Encoding then Content-Length', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n0\r\n\r\n`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'Content-Length list', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 1,1\r\n\r\na`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'Content-Length with a sign', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: +1\r\n\r\na`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'negative Content-Length', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\na`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'Content-Length with trailing garbage', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 1x\r\n\r\na`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'Content-Length with inner space', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 1 2\r\n\r\na`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'empty Content-Length', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: \r\n\r\na`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'Content-Length overflow (20 digits)', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 99999999999999999999\r\n\r\na`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'Content-Length 2^64', bytes: `GET / HTTP/1.1\r\n${H}Content-Length: 18446744073709551616\r\n\r\n`, expect: 'HPE_INVALID_CONTENT_LENGTH' },
  { name: 'Transfer-Encoding chunked twice in one header', bytes: `GET / HTTP/1.1\r\n${H}Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'Transfer-Encoding chunked in two headers', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'chunked not the final coding', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'request Transfer-Encoding without chunked', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'Transfer-Encoding identity', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: identity\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'Transfer-Encoding xchunked', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'Transfer-Encoding chunked with parameters', bytes: `GET / HTTP/1.1\r\n${H}Transfer-Encoding: chunked;x\r\n\r\n0\r\n\r\n`, expect: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'chunk size not hex', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\ng\r\nabc\r\n0\r\n\r\n`, expect: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'chunk size 0x prefix', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n`, expect: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'chunk size overflow (17 digits)', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n10000000000000001\r\nabc\r\n0\r\n\r\n`, expect: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'chunk size followed by a space', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n`, expect: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'chunk size preceded by a space', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n 3\r\nabc\r\n0\r\n\r\n`, expect: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'space before chunk extension', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3 ;ext\r\nabc\r\n0\r\n\r\n`, expect: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'chunk size line with bare LF', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n`, expect: 'HPE_CR_EXPECTED' },
  { name: 'chunk data followed by bare LF', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n`, expect: 'HPE_CR_EXPECTED' },
  { name: 'chunk data without CRLF', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n`, expect: 'HPE_STRICT' },
  { name: 'chunk data longer than its size', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n`, expect: 'HPE_STRICT' },
  { name: 'missing last chunk', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n\r\n`, expect: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'space in chunk extension', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1; a=b\r\nz\r\n0\r\n\r\n`, expect: 'HPE_STRICT' },
  { name: 'space in chunk extension value', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1;a=b c\r\nz\r\n0\r\n\r\n`, expect: 'HPE_STRICT' },
  { name: 'control byte in chunk extension value', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1;a=\x01\r\nz\r\n0\r\n\r\n`, expect: 'HPE_STRICT' },
  { name: 'chunk extensions over 16 KiB', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1;a=${'b'.repeat(17000)}\r\nz\r\n0\r\n\r\n`, expect: 'HPE_CHUNK_EXTENSIONS_OVERFLOW' },
  { name: 'bare LF line endings', bytes: 'GET / HTTP/1.1\nHost: a\n\n', expect: 'HPE_INVALID_VERSION' },
  { name: 'bare LF after a header', bytes: 'GET / HTTP/1.1\r\nHost: a\n\r\n', expect: 'HPE_CR_EXPECTED' },
  { name: 'bare LF ending the header section', bytes: 'GET / HTTP/1.1\r\nHost: a\r\n\n', expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'CR without LF in a header', bytes: 'GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n', expect: 'HPE_LF_EXPECTED' },
  { name: 'whitespace before the colon', bytes: 'GET / HTTP/1.1\r\nHost : a\r\n\r\n', expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'tab before the colon', bytes: `GET / HTTP/1.1\r\n${H}X\t: b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'space inside a header name', bytes: `GET / HTTP/1.1\r\n${H}X-Y Z: b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'empty header name', bytes: `GET / HTTP/1.1\r\n${H}: b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'header line without a colon', bytes: `GET / HTTP/1.1\r\n${H}Xb\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'non-token byte in a header name', bytes: `GET / HTTP/1.1\r\n${H}X"y: b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'obs-text in a header name', bytes: `GET / HTTP/1.1\r\n${H}X\xe9: b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'NUL in a header value', bytes: `GET / HTTP/1.1\r\n${H}X: a\x00b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'control byte in a header value', bytes: `GET / HTTP/1.1\r\n${H}X: a\x01b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'DEL in a header value', bytes: `GET / HTTP/1.1\r\n${H}X: a\x7fb\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'obs-fold', bytes: `GET / HTTP/1.1\r\n${H}X: a\r\n b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'obs-fold with a tab', bytes: `GET / HTTP/1.1\r\n${H}X: a\r\n\tb\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'whitespace before the first header', bytes: 'GET / HTTP/1.1\r\n Host: a\r\n\r\n', expect: 'HPE_UNEXPECTED_SPACE' },
  { name: 'obs-fold in a trailer', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\nT: a\r\n b\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'whitespace before the colon in a trailer', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\nT : a\r\n\r\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'bare LF ending the trailers', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\n`, expect: 'HPE_INVALID_HEADER_TOKEN' },
  { name: 'data after Connection: close', bytes: `GET / HTTP/1.1\r\n${H}Connection: close\r\n\r\nGET /2 HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_CLOSED_CONNECTION' },
];

export const startLines: RequestFixture[] = [
  { name: 'lower-case method', bytes: `get / HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_METHOD' },
  { name: 'unknown method', bytes: `FOO / HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_METHOD' },
  { name: 'tab after the method', bytes: `GET\t/ HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_METHOD' },
  { name: 'HTTP/2 preface', bytes: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', expect: 'HPE_PAUSED_H2_UPGRADE' },
  { name: 'HTTP/1.2', bytes: `GET / HTTP/1.2\r\n${H}\r\n`, expect: 'HPE_INVALID_VERSION' },
  { name: 'HTTP/3.0', bytes: `GET / HTTP/3.0\r\n${H}\r\n`, expect: 'HPE_INVALID_VERSION' },
  { name: 'HTTP/0.1', bytes: `GET / HTTP/0.1\r\n${H}\r\n`, expect: 'HPE_INVALID_VERSION' },
  { name: 'HTTP/1.10', bytes: `GET / HTTP/1.10\r\n${H}\r\n`, expect: 'HPE_INVALID_VERSION' },
  { name: 'lower-case protocol', bytes: `GET / http/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_CONSTANT' },
  { name: 'space after the version', bytes: `GET / HTTP/1.1 \r\n${H}\r\n`, expect: 'HPE_INVALID_VERSION' },
  { name: 'space inside the target', bytes: `GET /a b HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_CONSTANT' },
  { name: 'control byte in the target', bytes: `GET /a\x01b HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'DEL in the target', bytes: `GET /a\x7fb HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'obs-text in the path', bytes: `GET /\xe9 HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'obs-text in the query', bytes: `GET /?a=\xe9 HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'tab in the target', bytes: `GET /a\tb HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'target starting with a letter', bytes: `GET a HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'target scheme without //', bytes: `GET x:y HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'target starting with ?', bytes: `GET ?a HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'quote in the authority', bytes: `GET http://x"y/ HTTP/1.1\r\n${H}\r\n`, expect: 'HPE_INVALID_URL' },
  { name: 'ICE protocol with GET', bytes: `GET / ICE/1.0\r\n${H}\r\n`, expect: 'HPE_INVALID_CONSTANT' },
];

export const accepted: RequestFixture[] = [
  { name: 'simple GET', bytes: `GET / HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'HTTP/1.0', bytes: 'GET / HTTP/1.0\r\n\r\n', expect: 'ok' },
  { name: 'HTTP/2.0 line', bytes: `GET / HTTP/2.0\r\n${H}\r\n`, expect: 'ok' },
  { name: 'HTTP/0.9 line', bytes: `GET / HTTP/0.9\r\n${H}\r\n`, expect: 'ok' },
  { name: 'no version (HTTP/0.9)', bytes: `GET /\r\n${H}\r\n`, expect: 'ok' },
  { name: 'RTSP protocol', bytes: `GET / RTSP/1.0\r\n${H}\r\n`, expect: 'ok' },
  { name: 'two spaces after the method', bytes: `GET  / HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'two spaces after the target', bytes: `GET /  HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'leading CRLF', bytes: `\r\n\r\nGET / HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'leading LF', bytes: `\nGET / HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'absolute target', bytes: `GET http://user@x:80/p?q#f HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'absolute target, upper-case scheme', bytes: `GET HTTP://X HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'IPv6 authority', bytes: `GET http://[::1]:8/ HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'asterisk', bytes: `OPTIONS * HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'double slash', bytes: `GET //x HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'punctuation in the path', bytes: `GET /"<>\\^\`{|} HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'punctuation in the query', bytes: `GET /?a="<>{|}\\^\` HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'every token char in a name', bytes: `GET / HTTP/1.1\r\n${H}X!#$%&'*+-.^_\`|~: b\r\n\r\n`, expect: 'ok' },
  { name: 'OWS around a value', bytes: 'GET / HTTP/1.1\r\nHost:\ta\t \r\n\r\n', expect: 'ok' },
  { name: 'tab inside a value', bytes: `GET / HTTP/1.1\r\n${H}X: a\tb\r\n\r\n`, expect: 'ok' },
  { name: 'obs-text in a value', bytes: `GET / HTTP/1.1\r\n${H}X: a\xe9b\xff\r\n\r\n`, expect: 'ok' },
  { name: 'empty value', bytes: `GET / HTTP/1.1\r\n${H}X:\r\n\r\n`, expect: 'ok' },
  { name: 'repeated and mixed-case headers', bytes: 'GET / HTTP/1.1\r\nhOsT: a\r\nX: 1\r\nx: 2\r\nHost: b\r\n\r\n', expect: 'ok' },
  { name: 'Content-Length with OWS', bytes: `POST / HTTP/1.1\r\n${H}Content-Length:  1 \r\n\r\na`, expect: 'ok' },
  { name: 'Content-Length without a space', bytes: `POST / HTTP/1.1\r\n${H}Content-Length:3\r\n\r\nabc`, expect: 'ok' },
  { name: 'Content-Length with leading zeros', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 0001\r\n\r\na`, expect: 'ok' },
  { name: 'GET with a body', bytes: `GET / HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'chunked body', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n`, expect: 'ok' },
  { name: 'chunked, upper-case', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n`, expect: 'ok' },
  { name: 'chunked with trailing OWS', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked \r\n\r\n0\r\n\r\n`, expect: 'ok' },
  { name: 'gzip, chunked', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`, expect: 'ok' },
  { name: 'gzip then chunked in two headers', bytes: `GET / HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, expect: 'ok' },
  { name: 'empty coding before chunked', bytes: `GET / HTTP/1.1\r\n${H}Transfer-Encoding: ,chunked\r\n\r\n0\r\n\r\n`, expect: 'ok' },
  { name: 'empty Transfer-Encoding', bytes: `GET / HTTP/1.1\r\n${H}Transfer-Encoding:\r\n\r\n`, expect: 'ok' },
  { name: 'chunk extensions', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n1;a;b="x y"\r\nd\r\n0;c="q\\"q"\r\n\r\n`, expect: 'ok' },
  { name: 'chunk size with leading zeros', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n00000000000000000003\r\nabc\r\n0\r\n\r\n`, expect: 'ok' },
  { name: 'trailers', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: v\r\nU: w\r\n\r\n`, expect: 'ok' },
  { name: 'pipelined requests', bytes: `GET / HTTP/1.1\r\n${H}\r\nGET /2 HTTP/1.1\r\n${H}\r\nPOST /3 HTTP/1.1\r\n${H}Content-Length: 2\r\n\r\nhi`, expect: 'ok' },
  { name: 'pipelined after chunked', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\nGET /2 HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'CRLF between pipelined requests', bytes: `GET / HTTP/1.1\r\n${H}\r\n\r\nGET /2 HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'HTTP/1.0 keep-alive', bytes: `GET / HTTP/1.0\r\n${H}Connection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\n${H}\r\n`, expect: 'ok' },
  { name: 'HEAD', bytes: `HEAD / HTTP/1.1\r\n${H}\r\n`, expect: 'ok' },
  { name: 'every method', bytes: ['ACL', 'BIND', 'CHECKOUT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'].map((m) => `${m} /${m} HTTP/1.1\r\n${H}\r\n`).join(''), expect: 'ok' },
  { name: 'Upgrade', bytes: `GET / HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\nraw bytes after`, expect: 'ok' },
  { name: 'CONNECT', bytes: `CONNECT host:443 HTTP/1.1\r\n${H}\r\ntunnel`, expect: 'ok' },
  { name: 'Expect 100-continue', bytes: `POST / HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: 2\r\n\r\nab`, expect: 'ok' },
];

export const truncated: RequestFixture[] = [
  { name: 'cut in the request line', bytes: 'GET / HT', expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'cut in the headers', bytes: `GET / HTTP/1.1\r\n${H}X: y`, expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'cut before the end of the head', bytes: `GET / HTTP/1.1\r\n${H}`, expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'cut in a Content-Length body', bytes: `POST / HTTP/1.1\r\n${H}Content-Length: 10\r\n\r\nabc`, expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'cut in a chunk', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n5\r\nab`, expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'cut before the last chunk', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n`, expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'cut in the trailers', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\nT: v\r\n`, expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'huge chunk never completed', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\nabc\r\n0\r\n\r\n`, expect: 'HPE_INVALID_EOF_STATE' },
  { name: 'Content-Length 2^64-1 never completed', bytes: `GET / HTTP/1.1\r\n${H}Content-Length: 18446744073709551615\r\n\r\n`, expect: 'HPE_INVALID_EOF_STATE' },
];

/** Header section size limits around 16 KiB (Node counts the target, names and values). */
export function sizeFixtures(): RequestFixture[] {
  const out: RequestFixture[] = [];
  // url "/" (1) + "Host" (4) + "a" (1) + "X" (1) + value: 16384 reached with a 16377-byte value.
  for (const n of [16376, 16377]) {
    out.push({ name: `one ${n}-byte value`, bytes: `GET / HTTP/1.1\r\n${H}X: ${'v'.repeat(n)}\r\n\r\n`, expect: n < 16377 ? 'ok' : 'HPE_HEADER_OVERFLOW' });
  }
  for (const n of [16377, 16378]) {
    out.push({ name: `a ${n + 1}-byte target`, bytes: `GET /${'u'.repeat(n)} HTTP/1.1\r\n${H}\r\n`, expect: n < 16378 ? 'ok' : 'HPE_HEADER_OVERFLOW' });
  }
  for (const k of [8188, 8189]) {
    out.push({ name: `${k} small headers`, bytes: `GET / HTTP/1.1\r\n${H}${'a: b\r\n'.repeat(k)}\r\n`, expect: k < 8189 ? 'ok' : 'HPE_HEADER_OVERFLOW' });
  }
  out.push({ name: 'a 100 KiB header line with no end', bytes: `GET / HTTP/1.1\r\n${H}X: ${'v'.repeat(100 * 1024)}`, expect: 'HPE_HEADER_OVERFLOW' });
  out.push({ name: '3000 headers (kept: 1000)', bytes: `GET / HTTP/1.1\r\n${H}${'a: b\r\n'.repeat(3000)}\r\n`, expect: 'ok' });
  // Trailers have their own 16 KiB budget.
  out.push({ name: 'a 16380-byte trailer', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\nT: ${'v'.repeat(16380)}\r\n\r\n`, expect: 'ok' });
  out.push({ name: 'a 20000-byte trailer', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\nT: ${'v'.repeat(20000)}\r\n\r\n`, expect: 'HPE_HEADER_OVERFLOW' });
  out.push({ name: '9000 small trailers', bytes: `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\n${'T: v\r\n'.repeat(9000)}\r\n`, expect: 'HPE_HEADER_OVERFLOW' });
  return out;
}

export function allRequestFixtures(): RequestFixture[] {
  return [...smuggling, ...startLines, ...accepted, ...truncated, ...sizeFixtures()];
}
