#!/usr/bin/env node
// The host side of the transfer tests, run as its own process (inside a lab's network namespace
// with `ip netns exec`, or directly for -p tests) so that hashing tens of megabytes never stalls
// the test process's timers (and the relay's). Prints one JSON line; exits 0 unless it failed.
//
//   node peer.mjs get URL                GET, hash the body: {status, bytes, sha256, ms}
//   node peer.mjs put URL N SEED         POST N bytes of pattern.js's stream with Content-Length:
//                                        {status, body, bytes, sha256 (of what was sent), ms}
//   node peer.mjs expect N SEED          the sha256 of that stream: {bytes, sha256}
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chunks } = require('./apps/transfer/pattern.js');
const [cmd, ...args] = process.argv.slice(2);
const t0 = performance.now();
const ms = () => Math.round(performance.now() - t0);

function done(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
  process.exit(0);
}

function fail(message) {
  process.stdout.write(`${JSON.stringify({ error: message, ms: ms() })}\n`);
  process.exit(1);
}

if (cmd === 'expect') {
  const [n, seed] = args.map(Number);
  const h = createHash('sha256');
  const src = chunks(n, seed);
  for (let c = src.next(); c; c = src.next()) h.update(c);
  done({ bytes: n, sha256: h.digest('hex') });
} else if (cmd === 'get') {
  const req = request(args[0], { agent: false }, (res) => {
    const h = createHash('sha256');
    let bytes = 0;
    res.on('data', (d) => {
      bytes += d.length;
      h.update(d);
    });
    res.on('end', () => done({ status: res.statusCode, bytes, sha256: h.digest('hex'), ms: ms() }));
    res.on('error', (e) => fail(`response: ${e.message} after ${bytes} bytes`));
  });
  req.on('error', (e) => fail(`request: ${e.message}`));
  req.end();
} else if (cmd === 'put') {
  const [url, n, seed] = [args[0], Number(args[1]), Number(args[2])];
  const h = createHash('sha256');
  let sent = 0;
  const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Length': n, 'Content-Type': 'application/octet-stream' } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (body += d));
    res.on('end', () => {
      let parsed = body;
      try {
        parsed = JSON.parse(body);
      } catch {
        // not JSON: kept as text
      }
      done({ status: res.statusCode, body: parsed, bytes: sent, sha256: h.digest('hex'), ms: ms() });
    });
  });
  req.on('error', (e) => fail(`request: ${e.message} after ${sent} bytes sent`));
  const src = chunks(n, seed);
  const pump = () => {
    for (;;) {
      const c = src.next();
      if (!c) return req.end();
      h.update(c);
      sent += c.length;
      if (!req.write(c)) return req.once('drain', pump);
    }
  };
  pump();
} else {
  fail(`usage: peer.mjs get URL | put URL N SEED | expect N SEED (got ${cmd})`);
}
