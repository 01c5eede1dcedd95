// Throughput of the TCP code itself, without a simulated network: two TcpLayers wired back to
// back (every emitted segment is input to the other side at once), one bulk transfer, measured in
// wall time. Runs under Node and on the guest engine:
//   npx esbuild os/net/tcp/testing/bench.ts --bundle --format=iife --target=es2020 --outfile=/tmp/tcp-bench.js
//   node /tmp/tcp-bench.js            # V8
//   node scripts/qjs.mjs /tmp/tcp-bench.js   # QuickJS 2021-03-27, as in the VM
// Prints MB/s through both stacks (sender and receiver work both count) and segments per second.

import { TcpLayer } from '../layer';
import { Prng } from './prng';

declare const print: ((...a: unknown[]) => void) | undefined;
const log = typeof print === 'function' ? print : console.log;

function bench(label: string, size: number, mtu: number, checksumOnly = false): void {
  const rng = new Prng(1);
  const A = 0x0a000001, B = 0x0a000002;
  const a = new TcpLayer({ random: rng.randomFn(), mtu });
  const b = new TcpLayer({ random: rng.randomFn(), mtu });
  let received = 0;
  let segments = 0;
  b.listen(0, 80, { backlog: 1 }, (c) => { c.onData = (bytes) => { received += bytes.length; }; });
  const c = a.connect(0, A, B, 80);
  const chunk = new Uint8Array(64 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = i * 7;
  let sent = 0;
  const pump = () => {
    while (sent < size) {
      const n = c.write(sent + chunk.length <= size ? chunk : chunk.subarray(0, size - sent));
      sent += n;
      if (n === 0) return;
    }
  };
  c.onConnect = pump;
  c.onDrain = pump;
  let now = 0;
  const toB: Uint8Array[] = [], toA: Uint8Array[] = [];
  const t0 = Date.now();
  for (let round = 0; received < size && round < 10_000_000; round++) {
    now += 0.01;
    a.poll(now, (_s, _d, seg) => { toB.push(seg); segments++; });
    for (const seg of toB) b.input(now, A, B, seg);
    toB.length = 0;
    b.poll(now, (_s, _d, seg) => { toA.push(seg); segments++; });
    for (const seg of toA) a.input(now, B, A, seg);
    toA.length = 0;
  }
  const ms = Math.max(1, Date.now() - t0);
  void checksumOnly;
  log(`${label}: ${(size / 1048576).toFixed(0)} MiB in ${ms} ms = ${(size / 1048576 / (ms / 1000)).toFixed(1)} MiB/s, ` +
    `${Math.round(segments / (ms / 1000))} segments/s (data + ACKs, both stacks)`);
}

bench('MTU 1500', 32 << 20, 1500);
bench('MTU 9000', 32 << 20, 9000);
