// What the management API needs from the rest of the OS, as one interface: boot.ts builds it from
// the machine, the runtime and the network stack; unit tests build it from fakes. Nothing in
// os/mgmt touches the op table or a device directly.
import type { Vfs } from '../fs/vfs';
import type { ConsoleLog } from './consolelog';

export interface CpuInfo {
  vendor: string;
  brand: string;
  family: number;
  model: number;
  stepping: number;
  flags: string[];
  count: number;
}

export interface BootFacts {
  /** The kernel command line as the guest received it. */
  cmdline: string;
  hypervisor: string;
  cpu: CpuInfo;
  ramBytes: number;
  heapBytes: number;
  clockSource: string;
  wallClockSource: string;
  tscHz: number;
  memoryMap: { addr: number; size: number; type: number }[];
  /** Firmware that loaded the kernel (qboot on microvm). */
  firmware: string;
}

export interface MemoryFacts {
  /** Bytes under the allocator (the JavaScript heap and everything else). */
  total: number;
  used: number;
  peak: number;
  allocations: number;
  failures: number;
  largestFree: number;
  ramBytes: number;
}

/** An interface of the network stack, as the API shows it (os/net is read, never changed). */
export interface NetInterfaceView {
  name: string;
  mac: string;
  mtu: number;
  /** u32 addresses; 0 when unconfigured. */
  address: number;
  prefixLength: number;
  up: boolean;
  counters: { rxPackets: number; rxBytes: number; txPackets: number; txBytes: number; loopbackPackets: number; drops: Record<string, number> };
  /** The driver's own counters (virtio-net: frames, notifies, interrupts, device errors...). */
  device: Record<string, number>;
}

export interface NetView {
  interfaces(): NetInterfaceView[];
  routes(): { network: number; prefixLength: number; gateway: number; origin: string; netif: string }[];
  /** TCP counters (os/net/tcp/stats.ts): segments, retransmits, connections, drops by reason. */
  tcpStats(): Record<string, number | Record<string, number>>;
  dnsServers(): number[];
  gateway(): number | undefined;
}

/** A schedulable unit shown by /os/threads: the loop itself, timers, sockets, pending jobs. */
export interface TaskInfo {
  name: string;
  status: 'running' | 'waiting' | 'queued';
  /** CPU time attributable to it, ms (0 when unknown). */
  cpuMs?: number;
}

export interface AppState {
  /** starting: main module being evaluated; running; stopping (restart in progress); exited. */
  status: 'starting' | 'running' | 'stopping' | 'exited';
  /** Starts so far (1 for the boot's own). */
  generation: number;
  argv: string[];
  startedAt: number;
  /** Exit code of the previous generation (null before any exit). */
  lastExitCode: number | null;
  restarts: number;
}

export interface AppControl {
  state(): AppState;
  /** Stops the running app and starts the bundled one again with `args` (process.argv[2...]). */
  restart(args: string[]): { generation: number };
  /** Delivers a signal to the app (its handlers run; else Node's default). */
  signal(name: string): void;
}

export interface MgmtHost {
  version: string;
  nodeVersion: string;
  /** Monotonic ms since boot. */
  now(): number;
  wallMs(): number;
  boot: BootFacts;
  memory(): MemoryFacts;
  /** Engine heap statistics (QuickJS's JSMemoryUsage fields). */
  heapStats(): Record<string, number>;
  gc(): void;
  /** The app's process.env, live: changes are what the app sees. */
  env: Record<string, string>;
  vfs: Vfs;
  hostname(): string;
  setHostname(name: string): void;
  /** The application's node:http servers: requests, response heads by class (1xx..5xx), refused. */
  httpStats(): { requests: number; responses: readonly number[]; refused: number };
  /** Event-loop figures: iterations so far, active references, worst timer lag since boot. */
  loopStats(): { iterations: number; refs: number; lagMs: number };
  net(): NetView | undefined;
  console: ConsoleLog;
  app: AppControl;
  ready(): boolean;
  /** Powers the VM off with `code` after the answer has left. */
  powerOff(code: number): void;
  /** Driver counters, by device (virtio-console, virtio-net, virtio-rng, ...). */
  drivers(): Record<string, Record<string, number>>;
  tasks(): TaskInfo[];
  /** Schedules fn after ms (unreferenced: the API never keeps the VM alive); returns cancel. */
  after(ms: number, fn: () => void): () => void;
}
