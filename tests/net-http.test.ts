// HTTP through published ports (-p, QEMU user networking) to apps in VMs: examples/http with curl
// and with Node's http client, keep-alive (many requests on one connection), pipelining (requests
// written at once, answers in order), concurrent connections, and 50 MB each way with matching
// sha256 (tests/netlab/apps/transfer hashes what it receives and streams generated data;
// tests/netlab/peer.mjs is the host side, in its own process).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './helpers';
import { startVm, type Vm } from './netlab/vm';

const HTTP_APP = join(ROOT, 'examples', 'http');
const TRANSFER_APP = join(ROOT, 'tests', 'netlab', 'apps', 'transfer');
const PEER = join(ROOT, 'tests', 'netlab', 'peer.mjs');
const MB = 1_000_000;

let http: Vm;
let transfer: Vm;
let httpPort = 0;
let transferPort = 0;

before(async () => {
  [http, transfer] = await Promise.all([startVm(HTTP_APP, { ports: [8080] }), startVm(TRANSFER_APP, { ports: [8080], args: ['-m', '256M'] })]);
  httpPort = http.port(8080);
  transferPort = transfer.port(8080);
});

after(async () => {
  await Promise.all([http?.remove(), transfer?.remove()]);
});

function cmd(argv: string[], timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    c.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      c.kill('SIGKILL');
      reject(new Error(`${argv.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    c.on('error', reject);
    c.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function peer(args: string[], timeoutMs = 300_000): Promise<Record<string, any>> {
  const r = await cmd([process.execPath, PEER, ...args], timeoutMs);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
  assert.equal(r.code, 0, `peer ${args.join(' ')}: ${r.stdout} ${r.stderr}`);
  return out;
}

test('curl: GET / answers hello, an unknown path 404, HEAD gets the head without a body', async () => {
  const ok = await cmd(['curl', '-s', '-i', '--max-time', '10', `http://127.0.0.1:${httpPort}/`]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(ok.stdout, /\r\nContent-Type: text\/plain\r\n/i);
  assert.match(ok.stdout, /\r\n\r\nhello\n$/);
  const missing = await cmd(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10', `http://127.0.0.1:${httpPort}/nope`]);
  assert.equal(missing.stdout, '404');
  // examples/http serves GET only: HEAD / is its 404, whose head says 10 bytes and carries none.
  const head = await cmd(['curl', '-s', '-I', '--max-time', '10', `http://127.0.0.1:${httpPort}/`]);
  assert.match(head.stdout, /^HTTP\/1\.1 404 Not Found\r\n/);
  assert.match(head.stdout, /\r\nContent-Length: 10\r\n/i);
  assert.ok(head.stdout.endsWith('\r\n\r\n'), `HEAD answer carries a body: ${JSON.stringify(head.stdout)}`);
});

test('curl: several URLs in one command reuse one keep-alive connection', async () => {
  const url = `http://127.0.0.1:${httpPort}/`;
  const r = await cmd(['curl', '-sv', '--max-time', '20', url, url, url, url, url]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello\n'.repeat(5));
  assert.equal((r.stderr.match(/Connected to/g) ?? []).length, 1, r.stderr);
  assert.equal((r.stderr.match(/Re-?using existing/gi) ?? []).length, 4, r.stderr);
});

function get(port: number, path: string, agent: Agent | false, timeoutMs = 10_000): Promise<{ status: number; body: string; reused: boolean; local: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, reused: req.reusedSocket, local: req.socket!.localPort! }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${path}: no answer`)));
    req.on('error', reject);
    req.end();
  });
}

test('Node http client: 200 requests over one keep-alive connection', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const ports = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const r = await get(httpPort, i % 10 === 9 ? `/missing/${i}` : `/?i=${i}`, agent);
      assert.equal(r.status, i % 10 === 9 ? 404 : 200);
      assert.equal(r.body, i % 10 === 9 ? 'not found\n' : 'hello\n');
      assert.equal(r.reused, i > 0, `request ${i} reused: ${r.reused}`);
      ports.add(r.local);
    }
    assert.equal(ports.size, 1);
  } finally {
    agent.destroy();
  }
});

// QEMU's user networking listens on the published port with a backlog of 1 (libslirp's
// tcp_listen), so connections that arrive together wait in the host kernel for their own
// retransmissions (1, 3, 7, 15 s ...) before slirp accepts them: many-at-once is tested over the
// lab's TAP wire instead (net-lab.test.ts), where only the guest is measured.
test('Node http client: 8 connections at once, each answered', async () => {
  const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => get(httpPort, `/?c=${i}`, false, 60_000)));
  assert.deepEqual(rs.map((r) => r.status), Array(8).fill(200));
  assert.ok(rs.every((r) => r.body === 'hello\n'));
});

/** Splits a stream of HTTP/1.1 responses with Content-Length into [status, body] in order. */
function parseResponses(data: Buffer): { status: number; body: Buffer }[] {
  const out: { status: number; body: Buffer }[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const head = data.subarray(at, end).toString('latin1');
    const len = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
    assert.ok(Number.isFinite(len), `no Content-Length in ${head}`);
    if (end + 4 + len > data.length) break;
    out.push({ status: Number(head.slice(9, 12)), body: data.subarray(end + 4, end + 4 + len) });
    at = end + 4 + len;
  }
  return out;
}

function pipeline(port: number, requests: string, expected: number): Promise<{ status: number; body: Buffer }[]> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`pipelining: ${parseResponses(Buffer.concat(chunks)).length} of ${expected} answers`));
    }, 30_000);
    s.on('connect', () => s.write(Buffer.from(requests, 'latin1')));
    s.on('data', (d) => {
      chunks.push(d);
      const rs = parseResponses(Buffer.concat(chunks));
      if (rs.length >= expected) {
        clearTimeout(timer);
        s.destroy();
        resolve(rs);
      }
    });
    s.on('error', reject);
  });
}

test('pipelining: 40 requests written at once on examples/http are answered in order', async () => {
  const paths = Array.from({ length: 40 }, (_, i) => (i % 3 === 2 ? `/missing/${i}` : `/?n=${i}`));
  const rs = await pipeline(httpPort, paths.map((p) => `GET ${p} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''), paths.length);
  assert.deepEqual(rs.map((r) => r.status), paths.map((p) => (p.startsWith('/missing') ? 404 : 200)));
  assert.deepEqual(rs.map((r) => r.body.toString()), paths.map((p) => (p.startsWith('/missing') ? 'not found\n' : 'hello\n')));
});

test('pipelining with bodies both ways: uploads and downloads of different sizes come back in order', async () => {
  const sizes = [0, 1, 1460, 65536, 100_000, 7, 300_000, 2920];
  const body = (n: number) => Buffer.alloc(n, n & 0xff);
  let requests = '';
  for (const [i, n] of sizes.entries()) {
    requests += `GET /bytes?n=${n}&seed=${i + 1} HTTP/1.1\r\nHost: x\r\n\r\n`;
    requests += `POST /sha256 HTTP/1.1\r\nHost: x\r\nContent-Length: ${n}\r\n\r\n${body(n).toString('latin1')}`;
  }
  const rs = await pipeline(transferPort, requests, sizes.length * 2);
  const { createHash } = await import('node:crypto');
  for (const [i, n] of sizes.entries()) {
    const down = rs[2 * i];
    const up = rs[2 * i + 1];
    assert.equal(down.status, 200);
    const expect = await peer(['expect', String(n), String(i + 1)]);
    assert.equal(createHash('sha256').update(down.body).digest('hex'), expect.sha256, `download ${i} (${n} bytes)`);
    assert.deepEqual(JSON.parse(up.body.toString()), { bytes: n, sha256: createHash('sha256').update(body(n)).digest('hex') });
  }
});

test('50 MB download with curl: the sha256 matches the generated stream', { timeout: 600_000 }, async () => {
  const n = 50 * MB;
  const [got, expect] = await Promise.all([
    cmd(['sh', '-c', `curl -sS --fail --max-time 500 'http://127.0.0.1:${transferPort}/bytes?n=${n}&seed=50' | sha256sum`], 550_000),
    peer(['expect', String(n), '50']),
  ]);
  assert.equal(got.code, 0, got.stderr);
  assert.equal(got.stdout.split(' ')[0], expect.sha256);
});

test('50 MB download with Node\'s http client: length and sha256 match', { timeout: 600_000 }, async (t) => {
  const n = 50 * MB;
  const [got, expect] = await Promise.all([peer(['get', `http://127.0.0.1:${transferPort}/bytes?n=${n}&seed=51`]), peer(['expect', String(n), '51'])]);
  assert.equal(got.status, 200);
  assert.equal(got.bytes, n);
  assert.equal(got.sha256, expect.sha256);
  t.diagnostic(`50 MB download: ${got.ms} ms`);
});

test('50 MB upload with Node\'s http client: the guest\'s sha256 matches what was sent', { timeout: 900_000 }, async (t) => {
  const n = 50 * MB;
  const got = await peer(['put', `http://127.0.0.1:${transferPort}/sha256`, String(n), '52'], 850_000);
  t.diagnostic(`50 MB upload (hashed by the guest): ${got.ms} ms`);
  assert.equal(got.status, 200);
  assert.equal(got.bytes, n);
  assert.deepEqual(got.body, { bytes: n, sha256: got.sha256 });
  const expect = await peer(['expect', String(n), '52']);
  assert.equal(got.sha256, expect.sha256);
});
