// Request smuggling through -p on raw sockets: examples/http in a VM must refuse what Node's llhttp
// refuses (conflicting Content-Length, Content-Length with Transfer-Encoding, bad chunk sizes, bare
// LF, whitespace before the colon, obs-fold, and their relatives) with 400 and Connection: close,
// close the connection, and never answer a request smuggled behind the bad one. Host Node running
// the same app is the oracle: each answer must be byte for byte the host's.
//
// Bad chunk sizes need an app that reads the body before answering: examples/http answers as soon
// as the head is parsed (so does Node: its 404 leaves before the bad chunk is seen, then the
// connection is destroyed), so those cases also run against tests/netlab/apps/transfer's
// POST /sha256, which waits for the body's end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './helpers';
import { freeTcpPort, startVm, type Vm } from './netlab/vm';

const HTTP_APP = join(ROOT, 'examples', 'http');
const TRANSFER_APP = join(ROOT, 'tests', 'netlab', 'apps', 'transfer');

interface Exchange {
  text: string;
  /** The server closed the connection (FIN or RST) within the wait. */
  closed: boolean;
}

/** Writes `input` at once on a new connection; collects what comes back until the server closes. */
function exchange(port: number, input: string, waitMs = 5000): Promise<Exchange> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    s.on('connect', () => s.write(Buffer.from(input, 'latin1')));
    s.on('data', (d) => chunks.push(d));
    s.on('end', () => finish(true));
    s.on('error', () => finish(true));
  });
}

const statuses = (text: string) => (text.match(/^HTTP\/1\.1 \d{3}/gm) ?? []).map((l) => Number(l.slice(9)));

const H = 'Host: nephos.test\r\n';
const SMUGGLED = `GET /?smuggled HTTP/1.1\r\n${H}\r\n`;

/** Inputs examples/http must answer with exactly one 400 and Connection: close. */
const REFUSED: [string, string][] = [
  ['conflicting Content-Length', `POST / HTTP/1.1\r\n${H}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!${SMUGGLED}`],
  ['Content-Length then Transfer-Encoding', `POST / HTTP/1.1\r\n${H}Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['Transfer-Encoding then Content-Length', `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nContent-Length: 6\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['Transfer-Encoding chunked not last', `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['Content-Length list', `POST / HTTP/1.1\r\n${H}Content-Length: 5, 5\r\n\r\nhello${SMUGGLED}`],
  ['Content-Length with a sign', `POST / HTTP/1.1\r\n${H}Content-Length: +5\r\n\r\nhello${SMUGGLED}`],
  ['Content-Length negative', `POST / HTTP/1.1\r\n${H}Content-Length: -5\r\n\r\nhello${SMUGGLED}`],
  ['Content-Length not a number', `POST / HTTP/1.1\r\n${H}Content-Length: 5x\r\n\r\nhello${SMUGGLED}`],
  ['bare LF line ends', `GET / HTTP/1.1\n${H.replace('\r\n', '\n')}\n${SMUGGLED}`],
  ['bare LF ending one header', `GET / HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n${SMUGGLED}`],
  ['space before the colon', `GET / HTTP/1.1\r\nHost : x\r\n\r\n${SMUGGLED}`],
  ['tab before the colon', `GET / HTTP/1.1\r\n${H}Content-Length\t: 0\r\n\r\n${SMUGGLED}`],
  ['obs-fold continuation line', `GET / HTTP/1.1\r\n${H}X-A: b\r\n c\r\n\r\n${SMUGGLED}`],
  ['obs-fold with a tab', `GET / HTTP/1.1\r\n${H}X-A: b\r\n\tc\r\n\r\n${SMUGGLED}`],
  ['invalid header name', `GET / HTTP/1.1\r\n${H}X(A): b\r\n\r\n${SMUGGLED}`],
  ['NUL in a header value', `GET / HTTP/1.1\r\n${H}X-A: b\0c\r\n\r\n${SMUGGLED}`],
  ['bare CR in a header value', `GET / HTTP/1.1\r\n${H}X-A: b\rc\r\n\r\n${SMUGGLED}`],
  ['bad HTTP version', `GET / HTTP/1.x\r\n${H}\r\n${SMUGGLED}`],
  ['HTTP/1.1 without Host', `GET / HTTP/1.1\r\n\r\n${SMUGGLED}`],
];

/** Chunked bodies with bad chunk sizes (and framing), sent to POST /sha256 (which reads the body). */
const BAD_CHUNKS: [string, string][] = [
  ['chunk size not hex', 'zz\r\nhello\r\n0\r\n\r\n'],
  ['negative chunk size', '-1\r\nhello\r\n0\r\n\r\n'],
  ['chunk size with 0x', '0x5\r\nhello\r\n0\r\n\r\n'],
  ['chunk size overflowing 64 bits', 'fffffffffffffffff1\r\nhello\r\n0\r\n\r\n'],
  ['chunk longer than its size', '3\r\nhello\r\n0\r\n\r\n'],
  ['bare LF after the chunk size', '5\nhello\r\n0\r\n\r\n'],
  ['space inside the chunk size', '5 5\r\nhello\r\n0\r\n\r\n'],
];

const vms: Vm[] = [];
const hosts: ChildProcess[] = [];
let vmHttp = 0;
let vmTransfer = 0;
let hostHttp = 0;
let hostTransfer = 0;

async function hostApp(dir: string): Promise<number> {
  const port = await freeTcpPort();
  const c = spawn(process.execPath, [join(dir, 'index.js')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  hosts.push(c);
  await new Promise<void>((resolve, reject) => {
    c.stdout!.once('data', () => resolve());
    c.once('exit', (code) => reject(new Error(`host node ${dir} exited ${code}`)));
  });
  return port;
}

before(async () => {
  const [a, b] = await Promise.all([startVm(HTTP_APP, { ports: [8080] }), startVm(TRANSFER_APP, { ports: [8080] })]);
  vms.push(a, b);
  vmHttp = a.port(8080);
  vmTransfer = b.port(8080);
  hostHttp = await hostApp(HTTP_APP);
  hostTransfer = await hostApp(TRANSFER_APP);
});

after(async () => {
  for (const c of hosts) c.kill();
  await Promise.all(vms.map((v) => v.remove()));
});

test('a well-formed request on examples/http is answered 200 and the connection stays open (the baseline)', async () => {
  const r = await exchange(vmHttp, `GET / HTTP/1.1\r\n${H}\r\n`, 1500);
  assert.deepEqual(statuses(r.text), [200]);
  assert.equal(r.closed, false, 'a keep-alive connection was closed');
  assert.match(r.text, /\r\n\r\nhello\n$/);
});

for (const [name, input] of REFUSED) {
  test(`examples/http refuses ${name}: 400, Connection: close, closed, nothing smuggled`, async () => {
    const [vm, host] = await Promise.all([exchange(vmHttp, input), exchange(hostHttp, input)]);
    assert.deepEqual(statuses(vm.text), [400], `the VM answered:\n${vm.text}`);
    assert.match(vm.text.split('\r\n\r\n')[0], /\r\nConnection: close(\r\n|$)/i);
    assert.equal(vm.closed, true, 'the VM left the connection open');
    assert.equal(vm.text, host.text, 'the VM\'s answer differs from host Node\'s');
  });
}

for (const [name, body] of BAD_CHUNKS) {
  test(`a body with a ${name} is refused: 400, Connection: close, closed, nothing smuggled`, async () => {
    const input = `POST /sha256 HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n${body}${SMUGGLED}`;
    const [vm, host] = await Promise.all([exchange(vmTransfer, input), exchange(hostTransfer, input)]);
    assert.deepEqual(statuses(vm.text), [400], `the VM answered:\n${vm.text}`);
    assert.match(vm.text.split('\r\n\r\n')[0], /\r\nConnection: close(\r\n|$)/i);
    assert.equal(vm.closed, true, 'the VM left the connection open');
    assert.equal(vm.text, host.text, 'the VM\'s answer differs from host Node\'s');
  });
}

test('examples/http with a bad chunk size: answered before the body as Node does, then closed; the smuggled request is never answered', async () => {
  for (const [name, body] of BAD_CHUNKS) {
    const input = `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n${body}${SMUGGLED}`;
    const [vm, host] = await Promise.all([exchange(vmHttp, input), exchange(hostHttp, input)]);
    assert.equal(statuses(vm.text)[0], statuses(host.text)[0], `${name}: first answer`);
    assert.ok(!statuses(vm.text).includes(200), `${name}: the smuggled GET was answered:\n${vm.text}`);
    assert.equal(vm.closed, true, `${name}: the VM left the connection open`);
  }
});
