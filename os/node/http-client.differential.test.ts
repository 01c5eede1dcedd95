// Differential test of the HTTP client against host Node's: the same request script runs with host
// Node's http module (to a raw recording server on a loopback socket) and with ours (to a raw
// recording server on the simulated network). The request bytes each client sends must be
// identical, and so must what each client makes of the same raw response bytes (status, headers,
// body, trailers, or the error code) - which also checks our parser in response mode against llhttp.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { TestBed, CLIENT, SERVER } from './internal/net/testing/bed';

interface Outcome { request: string; result: string }

type Script = (http: any, port: number, done: (result: string) => void) => void;

/** Issues one request and reports what the client saw. */
const simple = (opts: Record<string, any>, write?: (req: any) => void): Script => (h, port, done) => {
  const req = h.request({ host: '127.0.0.1', port, agent: false, ...opts }, (res: any) => {
    let body = '';
    res.setEncoding('latin1');
    res.on('data', (d: string) => { body += d; });
    res.on('end', () => done(JSON.stringify({ status: res.statusCode, message: res.statusMessage, version: res.httpVersion, raw: res.rawHeaders, body, trailers: res.rawTrailers })));
    res.on('error', (e: any) => done(`res error ${e.code}`));
  });
  req.on('error', (e: any) => done(`error ${e.code} ${e.message}`));
  if (write) write(req);
  else req.end();
};

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';

const cases: { name: string; script: Script; response?: string }[] = [
  { name: 'GET', script: simple({ path: '/a?b=1' }) },
  { name: 'GET with headers object', script: simple({ path: '/', headers: { 'X-A': '1', Accept: 'text/plain', 'set-cookie': ['a=1', 'b=2'] } }) },
  { name: 'GET with raw header array', script: simple({ path: '/', headers: ['X-Raw', '1', 'Host', 'custom'] }) },
  { name: 'POST end(body)', script: simple({ method: 'POST', path: '/p' }, (r) => r.end('hello')) },
  { name: 'POST write + end: chunked', script: simple({ method: 'POST' }, (r) => { r.write('a'); r.end('bc'); }) },
  { name: 'PUT with Content-Length set', script: simple({ method: 'PUT', headers: { 'Content-Length': 3 } }, (r) => { r.write('ab'); r.end('c'); }) },
  { name: 'DELETE with body', script: simple({ method: 'DELETE' }, (r) => r.end('x')) },
  { name: 'custom method, lower case', script: simple({ method: 'purge' }) },
  { name: 'HEAD', script: simple({ method: 'HEAD' }), response: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n' },
  { name: 'auth and non-default port in Host', script: simple({ auth: 'user:pa ss', path: '/x' }) },
  { name: 'setHost false', script: simple({ setHost: false }) },
  { name: 'trailers', script: simple({ method: 'POST', headers: { Trailer: 'X-T' } }, (r) => { r.write('d'); r.addTrailers({ 'X-T': 'v' }); r.end(); }) },
  { name: 'keep-alive agent', script: (h, port, done) => {
    const agent = new h.Agent({ keepAlive: true });
    h.get({ host: '127.0.0.1', port, agent }, (res: any) => { res.resume(); res.on('end', () => { agent.destroy(); done(String(res.statusCode)); }); }).on('error', (e: any) => done(`error ${e.code}`));
  } },
  // Responses our client must read as llhttp does.
  { name: 'chunked response with trailers', script: simple({}), response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n' },
  { name: 'read-until-close response', script: simple({}), response: 'HTTP/1.1 200 Fine\r\nX: y\r\n\r\nuntil the end' },
  { name: 'HTTP/1.0 response', script: simple({}), response: 'HTTP/1.0 404 Not Found\r\nContent-Length: 1\r\n\r\nx' },
  { name: '100 then 200', script: simple({}), response: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\ny' },
  { name: '204 with a length', script: simple({}), response: 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\nConnection: close\r\n\r\n' },
  { name: 'status without reason', script: simple({}), response: 'HTTP/1.1 200\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' },
  { name: 'duplicate headers', script: simple({}), response: 'HTTP/1.1 200 OK\r\nSet-Cookie: a\r\nSet-Cookie: b\r\nX: 1\r\nx: 2\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' },
  { name: 'conflicting lengths', script: simple({}), response: 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab' },
  { name: 'length with chunked', script: simple({}), response: 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' },
  { name: 'bad chunk size', script: simple({}), response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n' },
  { name: 'bare LF', script: simple({}), response: 'HTTP/1.1 200 OK\nContent-Length: 0\n\n' },
  { name: 'bad status code', script: simple({}), response: 'HTTP/1.1 20 OK\r\n\r\n' },
  { name: 'not HTTP', script: simple({}), response: 'SSH-2.0-OpenSSH\r\n' },
  { name: 'truncated body', script: simple({}), response: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc' },
  { name: 'no response', script: simple({}), response: '' },
  { name: 'non-chunked coding: until close', script: simple({}), response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw' },
];

/** A server that records the first request's bytes and answers with `response` once it has them. */
function record(onConn: (write: (s: string) => void, end: () => void, got: () => string) => void) {
  return onConn;
}
void record;

function waitRequest(buf: string): boolean {
  const head = buf.indexOf('\r\n\r\n');
  if (head < 0) return false;
  const h = buf.slice(0, head).toLowerCase();
  const cl = /content-length: *(\d+)/.exec(h);
  if (cl) return buf.length >= head + 4 + Number(cl[1]);
  if (/transfer-encoding: *chunked/.test(h)) return /\r\n0\r\n(?:[^\r\n]+\r\n)*\r\n$/.test(buf.slice(head + 2));
  return true;
}

async function onHost(c: (typeof cases)[number]): Promise<Outcome> {
  let request = '';
  const server = net.createServer((sock) => {
    sock.on('data', (d) => {
      request += d.toString('latin1');
      if (waitRequest(request)) sock.end(c.response ?? OK);
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const result = await new Promise<string>((resolve) => c.script(http, port, resolve));
  server.close();
  return { request: request.replace(`127.0.0.1:${port}`, 'HOST:PORT'), result };
}

async function onNephos(c: (typeof cases)[number]): Promise<Outcome> {
  const bed = new TestBed();
  const client = bed.host(CLIENT);
  const server = bed.host(SERVER);
  let request = '';
  server.mods.net.createServer((sock: any) => {
    sock.on('data', (d: Buffer) => {
      request += d.toString('latin1');
      if (waitRequest(request)) sock.end(c.response ?? OK);
    });
    sock.on('error', () => {});
  }).listen(8080);
  const result = await bed.until(new Promise<string>((resolve) => {
    // Scripts address 127.0.0.1: on the simulated network the server is 10.0.0.2.
    const h = client.mods.http;
    const shim = Object.create(h);
    shim.request = (o: any, cb: any) => h.request({ ...o, host: '10.0.0.2' }, cb);
    shim.get = (o: any, cb: any) => h.get({ ...o, host: '10.0.0.2' }, cb);
    c.script(shim, 8080, resolve);
  }), 120_000);
  return { request: request.replace('10.0.0.2:8080', 'HOST:PORT'), result };
}

test('our HTTP client sends and reads exactly what host Node\'s does', async () => {
  const mismatches: string[] = [];
  for (const c of cases) {
    const theirs = await onHost(c);
    const ours = await onNephos(c);
    if (JSON.stringify(theirs) !== JSON.stringify(ours)) {
      mismatches.push(`${c.name}\n  node: ${JSON.stringify(theirs)}\n  ours: ${JSON.stringify(ours)}`);
    }
  }
  assert.deepEqual(mismatches, []);
});
