// Linux's TCP/IP as the peer, through the impairment relay (tests/netlab/: the VM's NIC on QEMU's
// dgram backend, a seeded relay, a TAP device in a network namespace of the test's own). First on a
// clean wire (ICMP echo, many connections at once, which QEMU's user networking cannot show), then
// with 5% loss, reordering, duplication, corruption and 20 ms delay in each direction: 20 MB each
// way at the same time, every byte checked by sha256 (the guest hashes what it receives; the host
// what it receives and what it sent).
//
// The relay's seed is NEPHOS_NETLAB_SEED (default below) and is printed, so a failing run's fault
// decisions can be replayed (arrival times still differ from run to run).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from './helpers';
import { Lab, labUnavailable } from './netlab/lab';
import type { Impairment } from './netlab/relay';
import { startVm, type Vm } from './netlab/vm';

const TRANSFER_APP = join(ROOT, 'tests', 'netlab', 'apps', 'transfer');
const PEER = join(ROOT, 'tests', 'netlab', 'peer.mjs');
const SEED = Number(process.env.NEPHOS_NETLAB_SEED ?? 20261125);
const MB = 1_000_000;

/** The link: 5% loss, reordering and 20 ms delay (plus some duplication and corruption), each way. */
const IMPAIRED: Impairment = { loss: 0.05, reorder: 0.03, reorderDelayMs: 10, duplicate: 0.01, corrupt: 0.01, delayMs: 20 };

const skip = labUnavailable();
let lab: Lab;
let vm: Vm;

before(async () => {
  if (skip) return;
  lab = await Lab.open({ seed: SEED });
  vm = await startVm(TRANSFER_APP, { args: [...lab.runArgs(), '-m', '256M'], env: lab.env() });
});

after(async () => {
  await vm?.remove();
  await lab?.close();
});

async function peer(args: string[], timeoutMs: number): Promise<Record<string, any>> {
  const r = await lab.exec([process.execPath, PEER, ...args], { timeoutMs });
  const out = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
  assert.equal(r.code, 0, `peer ${args.join(' ')}: ${r.stdout} ${r.stderr}`);
  return out;
}

test('clean wire: the VM answers ICMP echo from Linux', { skip }, async () => {
  const r = await lab.exec(['ping', '-c', '3', '-i', '0.2', '-W', '2', lab.vmIp], { timeoutMs: 20_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /3 packets transmitted, 3 received/);
});

test('clean wire: 64 connections at once from Linux are all answered', { skip }, async () => {
  const script = `
    const { request } = require('node:http');
    Promise.all(Array.from({ length: 64 }, (_, i) => new Promise((resolve) => {
      const req = request({ host: ${JSON.stringify(lab?.vmIp)}, port: 8080, path: '/?c=' + i, agent: false }, (res) => {
        let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => resolve(res.statusCode + ':' + b));
      });
      req.setTimeout(20000, () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve(e.message));
      req.end();
    }))).then((rs) => console.log(JSON.stringify(rs)));`;
  const r = await lab.exec([process.execPath, '-e', script], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), Array(64).fill('200:hello\n'));
});

test('impaired wire (5% loss, reordering, 20 ms delay each way): 20 MB each way at once, intact', { skip, timeout: 900_000 }, async (t) => {
  const n = 20 * MB;
  lab.relay.setImpairment('toVm', IMPAIRED);
  lab.relay.setImpairment('fromVm', IMPAIRED);
  const before = structuredClone(lab.relay.counters);
  const t0 = performance.now();
  const [down, up, expect] = await Promise.all([
    peer(['get', `http://${lab.vmIp}:8080/bytes?n=${n}&seed=21`], 850_000),
    peer(['put', `http://${lab.vmIp}:8080/sha256`, String(n), '22'], 850_000),
    peer(['expect', String(n), '21'], 60_000),
  ]);
  const ms = Math.round(performance.now() - t0);
  lab.relay.setImpairment('toVm', {});
  lab.relay.setImpairment('fromVm', {});
  const c = lab.relay.counters;
  const d = (dir: 'toVm' | 'fromVm', k: 'frames' | 'dropped' | 'reordered' | 'duplicated' | 'corrupted') => c[dir][k] - before[dir][k];
  t.diagnostic(`seed ${SEED}; ${ms} ms; download (Nephos sends) ${down.ms} ms, upload (Linux sends) ${up.ms} ms`);
  for (const dir of ['toVm', 'fromVm'] as const) {
    t.diagnostic(`${dir}: ${d(dir, 'frames')} frames, ${d(dir, 'dropped')} dropped, ${d(dir, 'reordered')} reordered, ${d(dir, 'duplicated')} duplicated, ${d(dir, 'corrupted')} corrupted`);
  }
  assert.equal(down.status, 200);
  assert.equal(down.bytes, n);
  assert.equal(down.sha256, expect.sha256, 'the download arrived damaged');
  assert.equal(up.status, 200);
  assert.deepEqual(up.body, { bytes: n, sha256: up.sha256 }, 'the upload arrived damaged');
  // The link really was impaired (a relay that passed everything would make this test meaningless).
  for (const dir of ['toVm', 'fromVm'] as const) {
    assert.ok(d(dir, 'dropped') / d(dir, 'frames') > 0.04, `${dir}: only ${d(dir, 'dropped')} of ${d(dir, 'frames')} frames dropped`);
    assert.ok(d(dir, 'reordered') > 0 && d(dir, 'duplicated') > 0 && d(dir, 'corrupted') > 0, `${dir}: faults missing`);
  }
});

test('after the impaired transfer the VM still serves on the clean wire', { skip }, async () => {
  const r = await peer(['get', `http://${lab.vmIp}:8080/bytes?n=${MB}&seed=3`], 60_000);
  const e = await peer(['expect', String(MB), '3'], 60_000);
  assert.equal(r.sha256, e.sha256);
});
