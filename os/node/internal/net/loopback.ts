// A loopback-only NetProvider: a TcpLayer and a UdpLayer whose output is fed back as their input,
// for 127.0.0.0/8. It lets programs listen and connect to themselves on a machine without a
// network device (and gives tests a whole stack on one engine). The stack's own provider should
// route 127/8 the same way; this one is for when there is no stack.
//
// Segments emitted by poll() are delivered on the next turn (`schedule`), never re-entrantly;
// TCP timers run through one unref'd timer re-armed for the next deadline, so a loopback
// connection alone never keeps the process alive after its sockets are gone.

import { TcpLayer } from '../../../net/tcp/layer';
import { UdpLayer } from '../../../net/udp';
import type { NetProvider, NetTimer } from './provider';

export interface LoopbackOptions {
  random(n: number): Uint8Array;
  /** Monotonic ms. */
  now(): number;
  /** Runs fn soon, as an I/O completion (the loop's poll phase). */
  schedule(fn: () => void): void;
  /** A one-shot timer that does not keep the process alive. */
  unrefTimer(fn: () => void, ms: number): NetTimer;
}

const isLoopback = (a: number) => a >>> 24 === 127;

export function createLoopbackProvider(o: LoopbackOptions): NetProvider {
  let scheduled = false;
  let timer: NetTimer | null = null;
  const inbox: { src: number; dst: number; bytes: Uint8Array }[] = [];
  const udpInbox: { src: number; dst: number; bytes: Uint8Array }[] = [];

  const run = () => {
    scheduled = false;
    // Deliver what the last poll emitted, then poll again, until quiet.
    for (let rounds = 0; rounds < 64; rounds++) {
      const now = o.now();
      const batch = inbox.splice(0);
      for (const p of batch) tcp.input(now, p.src, p.dst, p.bytes);
      const udpBatch = udpInbox.splice(0);
      for (const p of udpBatch) udp.input(now, p.src, p.dst, p.bytes, false);
      const next = tcp.poll(now, (src, dst, seg) => {
        if (isLoopback(dst)) inbox.push({ src, dst, bytes: seg.slice() });
      });
      timer?.close();
      timer = next === undefined ? null : o.unrefTimer(() => wake(), Math.max(1, next - o.now()));
      if (!inbox.length && !udpInbox.length) return;
    }
    wake();
  };
  const wake = () => {
    if (scheduled) return;
    scheduled = true;
    o.schedule(run);
  };

  const tcp = new TcpLayer({ random: o.random, mtu: 65535, wake });
  const udp = new UdpLayer({
    random: o.random,
    sourceFor: (dst) => (isLoopback(dst) ? 0x7f000001 : undefined),
    isLocalAddress: isLoopback,
    isBroadcastAddress: () => false,
    output: (_now, src, dst, datagram) => {
      if (!isLoopback(dst)) return 'no-route';
      udpInbox.push({ src, dst, bytes: datagram.slice() });
      wake();
      return undefined;
    },
    drop: () => {},
  });

  return {
    tcp,
    udp,
    now: o.now,
    sourceAddress: (dst) => (isLoopback(dst) ? dst : dst === 0 ? 0x7f000001 : undefined),
    isLocalAddress: isLoopback,
    networkInterfaces: () => ({
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
    }),
  };
}
