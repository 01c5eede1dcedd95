// Attaching the network stack to a NIC and the event loop: the glue between NetStack (sans-IO),
// the virtio-net driver and os/core/loop.ts.
//
//   interrupt  -> nic.interrupt() delivers received frames to stack.receive(), then poll
//   wake()     -> one poll in the loop's next poll phase (a socket write, a DNS answer...)
//   deadline   -> an unreferenced loop timer polls when the stack's next timer is due
//   poll       -> stack.poll(now, transmit) copies due frames into the transmit ring; one flush
//                 (one notification) per poll
// Polls run inside loop callbacks, so socket callbacks get nextTick/microtask processing as any
// other I/O callback. The stack itself keeps nothing alive: sockets and servers hold handles.
import { EventLoop, LoopTimer } from '../core/loop';
import type { VirtioNet } from '../drivers/virtio/net';
import { NetStack, type NetConfig } from './stack';

export interface AttachOptions {
  loop: EventLoop;
  nic: VirtioNet;
  /** The NIC's interrupt vector (undefined: polled only by timers and wakes). */
  vector?: number;
  config: NetConfig;
  random(n: number): Uint8Array;
  /** Monotonic ms. */
  now(): number;
  /** Bytes of heap the machine has (bounds the TCP state it keeps). */
  heapBytes?: number;
}

export class AttachedNetwork {
  readonly stack: NetStack;
  private pollQueued = false;
  private readonly timer: LoopTimer;
  polls = 0;

  constructor(private readonly o: AttachOptions) {
    this.stack = new NetStack({
      device: { mac: o.nic.mac, mtu: o.nic.mtu },
      random: o.random,
      config: o.config,
      wake: () => this.wake(),
      // A TIME_WAIT connection keeps its whole TCB (~10 KiB of objects): keep at most one per
      // 128 KiB of heap (1,000 in 128 MiB), dropping the oldest early as Linux does past
      // tcp_max_tw_buckets; timestamps (PAWS) guard reused 4-tuples.
      tcp: o.heapBytes ? { maxTimeWait: Math.max(128, Math.min(4096, Math.floor(o.heapBytes / 131072))) } : undefined,
    });
    this.timer = new LoopTimer(o.loop, () => this.poll());
    this.timer.unref();
    o.nic.onReceive = (frame) => this.stack.receive(o.now(), frame);
    if (o.vector !== undefined) {
      o.loop.onInterrupt(o.vector, () => {
        o.nic.interrupt();
        this.poll();
      });
    }
    // Start DHCP or announce a static address.
    this.wake();
  }

  /** The stack has work: poll once in the loop's next poll phase. */
  wake(): void {
    if (this.pollQueued) return;
    this.pollQueued = true;
    this.o.loop.defer(() => this.poll());
  }

  poll(): void {
    this.pollQueued = false;
    this.polls++;
    const now = this.o.now();
    const nic = this.o.nic;
    const next = this.stack.poll(now, (frame) => {
      nic.transmit(frame);
    });
    nic.flush();
    if (next === undefined) this.timer.stop();
    else this.timer.start(Math.max(0, next - now));
    this.timer.unref();
  }
}
