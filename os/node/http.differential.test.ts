// Differential test of the whole HTTP server: the same handler runs on host Node's http.Server
// (over a loopback socket) and on ours (over the simulated network); the same raw request bytes go
// to both (then the client half-closes), and the raw response transcripts must be identical,
// byte for byte, Date headers aside. Scenarios cover framing decisions (Content-Length, chunked,
// HEAD, 204/304, HTTP/1.0, trailers), keep-alive and pipelining, Expect, missing Host, header
// limits, and every request fixture of the parser (smuggling inputs included).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { TestBed, CLIENT, SERVER } from './internal/net/testing/bed';
import { allRequestFixtures } from './internal/http/testing/request-fixtures';

type Later = (ms: number, fn: () => void) => void;
type Handler = (req: any, res: any, later: Later) => void;

interface Scenario {
  name: string;
  handler: Handler;
  requests: string[];
  options?: Record<string, unknown>;
}

const H = 'Host: a\r\n';
const echoAfterBody: Handler = (req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => { body += d.toString('latin1'); });
  req.on('end', () => res.end(`${req.method} ${req.url} ${body.length} ${JSON.stringify(req.rawTrailers)}`));
  req.on('error', () => {});
};

const scenarios: Scenario[] = [
  { name: 'end with a string', handler: (_q, r) => r.end('hello'), requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'end with a Buffer', handler: (_q, r) => r.end(Buffer.from('bytes')), requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'write then end: chunked', handler: (_q, r) => { r.write('a'); r.write(''); r.end('bc'); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'writeHead object', handler: (_q, r) => { r.writeHead(201, { 'Content-Type': 'text/plain', 'X-N': 5 }); r.end('made'); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'writeHead array + reason', handler: (_q, r) => { r.writeHead(202, 'Fine', ['A', '1', 'B', '2']); r.end(); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'setHeader arrays, cookies, appendHeader', handler: (_q, r) => { r.setHeader('Set-Cookie', ['a=1', 'b=2']); r.setHeader('Vary', 'X'); r.appendHeader('Vary', 'Y'); r.end('x'); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'explicit Content-Length', handler: (_q, r) => { r.setHeader('Content-Length', 4); r.write('ab'); r.end('cd'); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'no Date, status message', handler: (_q, r) => { r.sendDate = false; r.statusCode = 404; r.statusMessage = 'Nope'; r.end(); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'HEAD with a body', handler: (_q, r) => r.end('ignored'), requests: [`HEAD / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'HEAD with write', handler: (_q, r) => { r.write('x'); r.end(); }, requests: [`HEAD / HTTP/1.1\r\n${H}\r\n`] },
  { name: '204 with a body', handler: (_q, r) => { r.statusCode = 204; r.end('ignored'); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: '304 after write', handler: (_q, r) => { r.writeHead(304); r.write('x'); r.end(); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'HTTP/1.0, HTTP/1.0 keep-alive', handler: (_q, r) => { r.write('a'); r.end('b'); }, requests: ['GET / HTTP/1.0\r\n\r\n', `GET / HTTP/1.0\r\n${H}Connection: keep-alive\r\n\r\n`] },
  { name: 'HTTP/1.0 with TE: chunked', handler: (_q, r) => { r.write('a'); r.end('b'); }, requests: ['GET / HTTP/1.0\r\nTE: chunked\r\n\r\n'] },
  { name: 'Connection: close request', handler: (_q, r) => r.end('bye'), requests: [`GET / HTTP/1.1\r\n${H}Connection: close\r\n\r\n`] },
  { name: 'response Connection: close', handler: (_q, r) => { r.setHeader('Connection', 'close'); r.end('bye'); }, requests: [`GET / HTTP/1.1\r\n${H}\r\nGET /2 HTTP/1.1\r\n${H}\r\n`] },
  { name: 'trailers', handler: (_q, r) => { r.setHeader('Trailer', 'X-Sum'); r.write('data'); r.addTrailers({ 'X-Sum': '7' }); r.end(); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'flushHeaders', handler: (_q, r, later) => { r.flushHeaders(); later(5, () => r.end('late')); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'writeContinue and writeProcessing', handler: (_q, r) => { r.writeProcessing(); r.end('done'); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'pipelined, answered out of order', handler: (q, r, later) => later(q.url === '/1' ? 20 : 1, () => r.end(q.url)), requests: [`GET /1 HTTP/1.1\r\n${H}\r\nGET /2 HTTP/1.1\r\n${H}\r\nGET /3 HTTP/1.1\r\n${H}\r\n`] },
  { name: 'request bodies', handler: echoAfterBody, requests: [
    `POST / HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabc`,
    `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n`,
  ] },
  { name: 'Expect: 100-continue', handler: echoAfterBody, requests: [`POST / HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: 2\r\n\r\nhi`] },
  { name: 'unknown expectation', handler: echoAfterBody, requests: [`GET / HTTP/1.1\r\n${H}Expect: tea\r\n\r\n`] },
  { name: 'missing Host', handler: echoAfterBody, requests: ['GET / HTTP/1.1\r\n\r\n'] },
  { name: 'unread body then next request', handler: (q, r) => r.end(q.url), requests: [`POST /1 HTTP/1.1\r\n${H}Content-Length: 5\r\n\r\nhelloGET /2 HTTP/1.1\r\n${H}\r\n`] },
  { name: 'maxRequestsPerSocket', handler: (q, r) => r.end(q.url), options: { maxRequestsPerSocket: 2 }, requests: [`GET /1 HTTP/1.1\r\n${H}\r\nGET /2 HTTP/1.1\r\n${H}\r\nGET /3 HTTP/1.1\r\n${H}\r\n`] },
  { name: 'keepAliveTimeout in the hint', handler: (_q, r) => r.end(), options: { keepAliveTimeout: 12_500 }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  { name: 'maxHeaderSize option', handler: (_q, r) => r.end(), options: { maxHeaderSize: 64 }, requests: [`GET / HTTP/1.1\r\n${H}X: ${'v'.repeat(80)}\r\n\r\n`] },
  { name: 'destroy mid-response', handler: (_q, r, later) => { r.write('part'); later(2, () => r.destroy()); }, requests: [`GET / HTTP/1.1\r\n${H}\r\n`] },
  ...allRequestFixtures().map((f) => ({ name: `fixture: ${f.name}`, handler: echoAfterBody, requests: [f.bytes] })),
];

function normalize(s: string): string {
  return s.replace(/Date: [A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT/g, 'Date: X');
}

async function onHost(s: Scenario): Promise<string> {
  const server = http.createServer(s.options ?? {}, (req, res) => s.handler(req, res, (ms, fn) => { setTimeout(fn, ms); }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  try {
    return await new Promise<string>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', async () => {
        for (const r of s.requests) {
          sock.write(Buffer.from(r, 'latin1'));
          await new Promise((t) => setTimeout(t, 30));
        }
        sock.end();
      });
      let out = '';
      sock.on('data', (d) => { out += d.toString('latin1'); });
      sock.on('error', () => {});
      sock.on('close', () => resolve(normalize(out)));
    });
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

async function onNephos(s: Scenario): Promise<string> {
  const bed = new TestBed();
  const client = bed.host(CLIENT);
  const server = bed.host(SERVER);
  server.mods.http.createServer(s.options ?? {}, (req: any, res: any) => s.handler(req, res, (ms, fn) => { bed.timer(fn, ms, true); })).listen(80);
  const sock = client.mods.net.connect(80, '10.0.0.2');
  let out = '';
  sock.on('data', (d: Buffer) => { out += d.toString('latin1'); });
  sock.on('error', () => {});
  const closed = new Promise((r) => sock.on('close', r));
  await bed.until(new Promise((r) => sock.once('connect', r)));
  for (const r of s.requests) {
    sock.write(Buffer.from(r, 'latin1'));
    await bed.run(30);
  }
  sock.end();
  await bed.until(closed, 120_000);
  return normalize(out);
}

test('our HTTP server answers every scenario byte for byte as host Node does', async () => {
  const mismatches: string[] = [];
  for (const s of scenarios) {
    const [theirs, ours] = [await onHost(s), await onNephos(s)];
    if (theirs !== ours) mismatches.push(`${s.name}\n  node: ${JSON.stringify(theirs).slice(0, 600)}\n  ours: ${JSON.stringify(ours).slice(0, 600)}`);
  }
  assert.ok(scenarios.length > 150);
  assert.deepEqual(mismatches, []);
});
