// Per-interface counters for the management API: packets and bytes in each direction, and drops by
// reason. A drop reason is a short kebab-case string naming the layer first ("ipv4-bad-checksum",
// "arp-queue-full"); the wire parsers return these strings, so a malformed packet is always counted
// under the precise reason it failed. Counting never allocates after a reason's first occurrence.

export interface CountersSnapshot {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  /** Datagrams carried over the loopback path (to our own address or 127/8). */
  loopbackPackets: number;
  drops: Record<string, number>;
}

export class InterfaceCounters {
  rxPackets = 0;
  rxBytes = 0;
  txPackets = 0;
  txBytes = 0;
  loopbackPackets = 0;
  readonly drops: Map<string, number> = new Map();

  drop(reason: string): void {
    this.drops.set(reason, (this.drops.get(reason) ?? 0) + 1);
  }

  dropCount(reason: string): number { return this.drops.get(reason) ?? 0; }

  totalDrops(): number {
    let n = 0;
    for (const v of this.drops.values()) n += v;
    return n;
  }

  snapshot(): CountersSnapshot {
    const drops: Record<string, number> = {};
    for (const [k, v] of this.drops) drops[k] = v;
    return { rxPackets: this.rxPackets, rxBytes: this.rxBytes, txPackets: this.txPackets, txBytes: this.txBytes,
      loopbackPackets: this.loopbackPackets, drops };
  }
}
