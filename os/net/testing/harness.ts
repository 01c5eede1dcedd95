// Helpers for tests: stacks on a Simulation, with predictable MAC addresses and the simulation's
// seeded randomness.

import { NetStack, type NetConfig, type NetStackOptions } from '../stack';
import type { Simulation } from './link';
import { parseIpv4 } from '../wire/ipv4';

export function ip(text: string): number {
  const v = parseIpv4(text);
  if (v === undefined) throw new Error(`bad IPv4 literal in test: ${text}`);
  return v;
}

export function macFor(n: number): Uint8Array {
  return new Uint8Array([0x52, 0x54, 0x00, 0x00, (n >> 8) & 0xff, n & 0xff]);
}

const hostCounts = new WeakMap<Simulation, number>();

/** A NetStack added to `sim`. `config` may be a static address string "10.0.0.1/24" (gateway optional). */
export function addHost(sim: Simulation, name: string, config: NetConfig | string, extra: Partial<NetStackOptions> = {}): NetStack {
  let cfg: NetConfig;
  if (typeof config === 'string') {
    const [addr, len] = config.split('/');
    cfg = { kind: 'static', address: ip(addr), prefixLength: Number(len ?? 24) };
  } else {
    cfg = config;
  }
  const n = (hostCounts.get(sim) ?? 0) + 1; // MACs 52:54:00:00:00:01, :02, ... per simulation
  hostCounts.set(sim, n);
  const stack = new NetStack({ device: { mac: macFor(n), mtu: 1500 }, random: sim.random(), config: cfg, ...extra });
  sim.add(stack, name);
  return stack;
}

export function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Array.from(text, (c) => c.charCodeAt(0) & 0xff));
}

export function textOf(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
