// The OS entry point: the kernel runs this bundle's bytecode at CPL3 once the machine is up.
// Order: devices first (the stdio port, so the first application line goes out fast; entropy),
// then the Node.js runtime, the control channel, and the application, whose event loop never
// returns: the machine halts with the application's exit code.
import './node/internal/polyfills/install';
import { dma, EXIT, ops, platform, ports, registers, routeIrq } from './core/machine';
import { decodeUtf8, useNativeUtf8 } from './core/utf8';
import { parseArchive } from './fs/archive';
import { microvmProbeSlots, parseCmdlineDevices, type MmioDeviceSlot } from './drivers/virtio/discover';
import { VirtioMmio, VIRTIO_MAGIC } from './drivers/virtio/mmio';
import { DeviceId, type VirtioTransport } from './drivers/virtio/transport';
import { enumerate, hasConfigMechanism, portConfigAccess, type PciFunction } from './drivers/pci/config';
import { occupiedRanges, placeBar, type Range } from './drivers/pci/place';
import { openVirtioPci, virtioFunctions, type PciMachine } from './drivers/virtio/pci-open';
import { VirtioConsole, type ConsolePort } from './drivers/virtio/console';
import { VirtioRng } from './drivers/virtio/rng';
import { VirtioNet } from './drivers/virtio/net';
import { AttachedNetwork } from './net/attach';
import { useNativeSum } from './net/wire/checksum';
import type { NetConfig } from './net/stack';
import { formatIpv4, parseIpv4 } from './net/wire/ipv4';
import { Runtime, type RunConfig, type RuntimeMachine } from './node/internal/bootstrap';
import { READY_RECORD } from './mgmt/lifecycle';
import { ConsoleLog } from './mgmt/consolelog';
import { startGuestManagement } from './mgmt/guest';
import { APP_EXIT, AppSupervisor, TcpTracker } from './mgmt/app-runtime';

const VERSION = '0.1.0';
const NODE_VERSION = 'v20.18.0';

// Boot timeline (milliseconds since the PVH entry); printed on the serial console with
// nephos.boottrace on the kernel command line (NEPHOS_KERNEL_ARGS=nephos.boottrace).
const marks: [string, number][] = [['OS modules evaluated', ops.op_now() / 1e6]];
const mark = (name: string) => marks.push([name, ops.op_now() / 1e6]);
const info = ops.op_boot_info();
marks.unshift(['engine created (kernel done)', info.engineNs / 1e6], ['OS bytecode read', info.osLoadedNs / 1e6]);
const archive = new Uint8Array(info.archive);

function fromBase64Url(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = alphabet.indexOf(s[i]);
    if (v < 0) throw new Error('bad base64url in nephos.config');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function runConfig(cmdline: string): RunConfig {
  const m = /(?:^|\s)nephos\.config=([A-Za-z0-9_-]*)/.exec(cmdline);
  const cfg: RunConfig = { argv: [], env: {}, tty: { stdout: false, stderr: false } };
  if (!m) return cfg;
  try {
    const parsed = JSON.parse(decodeUtf8(fromBase64Url(m[1])));
    if (Array.isArray(parsed.argv)) cfg.argv = parsed.argv.map(String);
    if (parsed.env && typeof parsed.env === 'object') for (const [k, v] of Object.entries(parsed.env)) cfg.env[k] = String(v);
    if (parsed.tty) cfg.tty = { stdout: !!parsed.tty.stdout, stderr: !!parsed.tty.stderr, columns: parsed.tty.columns, rows: parsed.tty.rows };
    if (typeof parsed.name === 'string') cfg.name = parsed.name;
    if (parsed.net && typeof parsed.net === 'object') {
      const n = parsed.net;
      if (n.kind === 'static' && typeof n.address === 'string' && Number.isInteger(n.prefix)) {
        cfg.net = { kind: 'static', address: n.address, prefix: n.prefix, gateway: typeof n.gateway === 'string' ? n.gateway : undefined, dns: typeof n.dns === 'string' ? n.dns : undefined };
      } else {
        cfg.net = { kind: 'dhcp' };
      }
    }
    if (Number.isInteger(parsed.apiPort)) cfg.apiPort = parsed.apiPort;
  } catch (err) {
    ops.op_serial_write(`nephos: ignoring malformed run configuration: ${(err as Error).message}\n`);
  }
  return cfg;
}

const config = runConfig(info.cmdline);
// The environment a container gives by default (docker sets these too); -e and --env-file win.
config.env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', HOSTNAME: config.name ?? 'nephos', ...config.env };

// ---- devices ----
/** A virtio device found on either transport, its interrupts not yet routed. */
interface Found {
  dev: VirtioTransport;
  where: string;
  /** Routes its interrupts: each vector, with what to call before the driver's handler. */
  route(): { vector: number; before?: () => void }[];
}

function mmioDevices(slots: MmioDeviceSlot[]): Found[] {
  const out: Found[] = [];
  for (const slot of slots) {
    try {
      const dev = new VirtioMmio(registers(slot.base), dma, slot.base, slot.gsi);
      out.push({ dev, where: `virtio-mmio 0x${slot.base.toString(16)}`, route: () => {
        const v = routeIrq(slot.gsi);
        return v === undefined ? [] : [{ vector: v }];
      } });
    } catch {
      // Not a virtio-mmio transport (bad magic or version): skip the slot.
    }
  }
  return out;
}

// MSI-X vectors for PCI devices start above the I/O APIC's (VEC_IRQ_BASE + GSI, GSI < 48).
const MSI_VECTOR_FIRST = 0x60;
const MSI_VECTOR_LAST = 0xef;
const LAPIC_ID = 0xfee00020;

/** q35/pc: virtio-pci functions on the PCI buses (only the first of each type we drive is opened). */
function pciDevices(): Found[] {
  const out: Found[] = [];
  const access = portConfigAccess(ports);
  const fns: PciFunction[] = enumerate(access);
  let next = MSI_VECTOR_FIRST;
  // Computed only if a BAR must move (firmware put it above 4 GiB): what is taken in the hole.
  let occupied: Range[] | undefined;
  const machine: PciMachine = {
    registers, dma,
    mmioReachable: (base, length) => base >= 0xc0000000 && base + length <= 0x100000000,
    apicId: ops.op_mmio_read(LAPIC_ID, 4) >>> 24,
    allocVector: () => (next <= MSI_VECTOR_LAST ? next++ : undefined),
    placeBar: (_fn, bar) => {
      occupied ??= [...occupiedRanges(access, fns), ...info.memoryMap.map((r) => ({ start: r.addr, end: r.addr + r.size }))];
      const at = bar.size ? placeBar(bar.size, occupied) : undefined;
      if (at !== undefined) {
        occupied.push({ start: at, end: at + bar.size! });
        ops.op_serial_write(`nephos: moved BAR${bar.index} from 0x${bar.address.toString(16)} to 0x${at.toString(16)} (below 4 GiB)\n`);
      }
      return at;
    },
  };
  const taken = new Set<number>();
  for (const { fn, type } of virtioFunctions(access, fns)) {
    if (taken.has(type) || (type !== DeviceId.NET && type !== DeviceId.CONSOLE && type !== DeviceId.RNG)) continue;
    const where = `virtio-pci ${fn.bus.toString(16).padStart(2, '0')}:${fn.dev.toString(16).padStart(2, '0')}.${fn.fn}`;
    try {
      const o = openVirtioPci(access, fn, type, machine);
      taken.add(type);
      out.push({ dev: o.transport, where, route: () => [
        { vector: o.queueVector },
        ...(o.configVector !== undefined ? [{ vector: o.configVector, before: () => o.transport.configInterrupt() }] : []),
      ] });
    } catch (err) {
      ops.op_serial_write(`nephos: ${where} (type ${type}) skipped: ${(err as Error).message}\n`);
    }
  }
  return out;
}

/**
 * Devices from the kernel command line (microvm with ACPI off, Firecracker); else PCI when the
 * configuration mechanism answers (q35, pc; the microvm probe window would read PCI BARs there);
 * else probing microvm's virtio-mmio windows (microvm with ACPI on).
 */
function discover(): Found[] {
  const fromCmdline = parseCmdlineDevices(info.cmdline);
  if (fromCmdline.length) return mmioDevices(fromCmdline);
  if (hasConfigMechanism(ports)) {
    try {
      return pciDevices();
    } catch (err) {
      ops.op_serial_write(`nephos: PCI enumeration failed: ${(err as Error).message}\n`);
      return [];
    }
  }
  return mmioDevices(microvmProbeSlots(info.ioapics > 1).filter((s) => ops.op_mmio_read(s.base, 4) === VIRTIO_MAGIC));
}

/** The handlers to install for a device's vectors. */
function handlersOf(f: Found, handler: () => void): [number, () => void][] {
  return f.route().map(({ vector, before }) => [vector, before ? () => { before(); handler(); } : handler]);
}

let console_: VirtioConsole | undefined;
let stdioPort: ConsolePort | undefined;
let controlPort: ConsolePort | undefined;
let rng: VirtioRng | undefined;
const irqHandlers: [number, () => void][] = [];

// Port numbers the host tool gives the two virtio-serial ports (cli/run/qemu.ts). The device names
// its ports asynchronously (PORT_NAME); until the names arrive we use these numbers, so the first
// line of output does not wait for a round trip through QEMU's event loop.
const STDIO_PORT_ID = 1;
const CONTROL_PORT_ID = 2;
const seeded = () => ops.op_random_fill(new Uint8Array(1));
let rngFound: Found | undefined;
let nic: VirtioNet | undefined;
let nicVector: number | undefined;

function startRng(found: Found, onIrq: (vector: number, handler: () => void) => void): VirtioRng | undefined {
  try {
    const r = new VirtioRng(found.dev, (bytes) => ops.op_random_seed(bytes, bytes.length));
    for (const [v, h] of handlersOf(found, () => r.interrupt())) onIrq(v, h);
    r.request(64);
    return r;
  } catch (err) {
    ops.op_serial_write(`nephos: virtio-rng (${found.where}) failed: ${(err as Error).message}\n`);
    return undefined;
  }
}

for (const found of discover()) {
  const dev = found.dev;
  try {
    if (dev.deviceId === DeviceId.CONSOLE && !console_) {
      const c = new VirtioConsole(dev);
      console_ = c;
      irqHandlers.push(...handlersOf(found, () => c.interrupt()));
      mark('virtio-console');
    } else if (dev.deviceId === DeviceId.RNG && !rngFound) {
      rngFound = found;
    } else if (dev.deviceId === DeviceId.NET && !nic) {
      const n = new VirtioNet(dev, info.heapBytes >= 64 << 20 ? 256 : 64, info.heapBytes >= 64 << 20 ? 256 : 64);
      nic = n;
      // The queue vector goes to the network attachment (it polls the stack after the driver);
      // a configuration-change vector (virtio-pci) only updates the link state.
      for (const { vector, before } of found.route()) {
        if (before) irqHandlers.push([vector, () => { before(); n.interrupt(); }]);
        else nicVector = vector;
      }
      mark('virtio-net');
    }
  } catch (err) {
    ops.op_serial_write(`nephos: device ${found.where} (id ${dev.deviceId}) failed: ${(err as Error).message}\n`);
  }
}
mark('devices');
const stdioPortOf = (c: VirtioConsole) => c.port('org.nephos.stdio') ?? (c.hasNames() ? undefined : c.ports.get(STDIO_PORT_ID));
stdioPort = console_ ? stdioPortOf(console_) : undefined;
controlPort = console_ ? console_.port('org.nephos.control') ?? console_.ports.get(CONTROL_PORT_ID) : undefined;

// Entropy: the kernel seeded itself from RDSEED/RDRAND when the CPU has them; then virtio-rng is
// started after the application (it only adds entropy). Without them, boot waits for the device.
if (rngFound && !seeded()) {
  rng = startRng(rngFound, (v, h) => irqHandlers.push([v, h]));
  const deadline = ops.op_now() + 2e9;
  while (rng && rng.waiting && ops.op_now() < deadline) {
    const seq = ops.op_irq_seq();
    rng.interrupt();
    console_?.interrupt();
    if (!rng.waiting) break;
    ops.op_timer_arm(1e6);
    ops.op_idle(seq);
  }
  rngFound = undefined;
}

// ---- output ----
// What the console shows, kept for the management API (/os/dmesg, /console/stream).
const consoleLog = new ConsoleLog(() => ops.op_wall());
const SERIAL = { write: (b: Uint8Array) => ops.op_serial_write(b) };
function stdioTarget(stream: 1 | 2, tty: boolean, columns?: number, rows?: number) {
  return {
    isTTY: tty,
    columns,
    rows,
    write(bytes: Uint8Array): void {
      consoleLog.appendBytes(stream === 1 ? 'stdout' : 'stderr', bytes);
      if (console_ && stdioPort && stdioPort.name !== 'org.nephos.stdio' && console_.hasNames()) stdioPort = stdioPortOf(console_);
      if (!stdioPort) {
        SERIAL.write(bytes);
        return;
      }
      for (let off = 0; off < bytes.length || off === 0; off += 0xffffff) {
        const part = bytes.subarray(off, off + 0xffffff);
        const header = new Uint8Array(4);
        header[0] = stream;
        header[1] = part.length & 0xff;
        header[2] = (part.length >> 8) & 0xff;
        header[3] = (part.length >> 16) & 0xff;
        stdioPort.write(header);
        stdioPort.write(part);
        if (bytes.length === 0) break;
      }
    },
  };
}

function flushOutput(): void {
  console_?.flush();
}

function halt(code: number): never {
  // An exit during an application restart (PUT /app/) unwinds the app instead of powering off.
  if (supervisor?.interceptExit(code)) throw APP_EXIT;
  // Everything written must reach the host before power-off (bounded: a wedged device must not
  // keep a stopped VM alive).
  const deadline = ops.op_now() + 5e9;
  console_?.flush();
  while (console_ && console_.pending && ops.op_now() < deadline) {
    console_.flush();
    if (!console_.pending) break;
    const seq = ops.op_irq_seq();
    ops.op_timer_arm(1e6);
    ops.op_idle(seq);
  }
  return ops.op_exit(EXIT.exit, code);
}

const memInfo = () => ops.op_mem_info();
const machine: RuntimeMachine = {
  platform,
  nowNs: () => ops.op_now(),
  wallMs: () => ops.op_wall(),
  memory() {
    const m = memInfo();
    return { rss: m.used, heapTotal: m.total, heapUsed: m.used, external: 0, arrayBuffers: 0 };
  },
  runMicrotasks: () => ops.op_jobs_run(),
  enqueueMicrotask: (fn) => ops.op_job_enqueue(fn),
  takeRejections: () => ops.op_rejections_take(),
  compile: (source, filename) => ops.op_eval_script(source, filename),
  evalBytecode: (bytes) => ops.op_eval_bytecode(bytes),
  randomFill: (buf) => ops.op_random_fill(buf),
  gc: () => ops.op_gc(),
  halt,
  stdout: stdioTarget(1, config.tty.stdout, config.tty.columns, config.tty.rows),
  stderr: stdioTarget(2, config.tty.stderr, config.tty.columns, config.tty.rows),
  flushOutput,
  archive,
  config,
  tmpfsBudget: Math.floor(info.heapBytes / 2),
  version: NODE_VERSION,
  versions: { node: NODE_VERSION.slice(1), nephos: VERSION, quickjs: '2021-03-27', modules: '115', uv: '1.46.0' },
};

mark('entropy');
const runtime = new Runtime(machine);
// Hot loops run natively (same results as their TypeScript versions): the Internet checksum and
// UTF-8 conversion (every HTTP head, every Buffer.from(string)).
useNativeSum(ops.op_net_checksum);
useNativeUtf8((s) => ops.op_utf8_encode(s), (b, start, end, fatal) => ops.op_utf8_decode(b, start, end, fatal));
const network = nic ? attachNetwork(nic) : undefined;
mark('node runtime');
for (const [vector, handler] of irqHandlers) runtime.loop.onInterrupt(vector, handler);

/**
 * Boot waits (DHCP, entropy) run before the event loop takes interrupts: they service every device
 * instead of discarding vectors. A device interrupt is an edge: one consumed without reading and
 * acknowledging the device's status would leave its line high and the device silent for good.
 */
function pollAllDevices(): void {
  ops.op_irq_take();
  for (const [, handler] of irqHandlers) handler();
  nic?.interrupt();
}

// Ready once the app's main module has been evaluated: the control channel reports it, and the
// serial record tells the host (run -d waits for it; os/mgmt/lifecycle.ts).
let appReady = false;
function onAppReady(): void {
  appReady = true;
  ops.op_serial_write(`${READY_RECORD}\n`);
}

// ---- the application ----
const entries = parseArchive(archive);
const file = (path: string) => entries.find((e) => e.path === path)?.data;
const appJson = file('/nephos/app.json');
const appCode = file('/nephos/app.qbc');
if (!appJson || !appCode) {
  ops.op_serial_write('nephos: this image has no application (/nephos/app.json, /nephos/app.qbc)\n');
  ops.op_exit(EXIT.panic, 134);
}
const app = JSON.parse(decodeUtf8(appJson!)) as { entry: string; name?: string };

// The management API (os/mgmt): the control channel, and the network listener with --api-port.
// The application's TCP goes through a tracker so that PUT /app/ can close what it left open.
const appTcp = runtime.netProvider ? new TcpTracker(runtime.netProvider.tcp) : undefined;
const apiProvider = runtime.netProvider;
if (runtime.netProvider && appTcp) runtime.netProvider = { ...runtime.netProvider, tcp: appTcp.layer };
const supervisor: AppSupervisor = new AppSupervisor({
  runtime, entry: app.entry, bytecode: appCode!, tcp: appTcp,
  wallMs: () => ops.op_wall(),
  onFirstReady: onAppReady,
  after: (ms, fn) => mgmt.host.after(ms, fn),
  log: (text) => consoleLog.append('kernel', text),
});
const mgmt = startGuestManagement({
  version: VERSION, nodeVersion: NODE_VERSION, info,
  nowNs: () => ops.op_now(), wallMs: () => ops.op_wall(), memInfo, heapStats: () => ops.op_heap_stats() as unknown as Record<string, number>, gc: () => ops.op_gc(),
  runtime, apiProvider, console: consoleLog, controlPort, flushControl: () => console_?.flush(),
  network, nicStats: nic ? () => ({ ...nic!.stats }) : undefined, consoleStats: console_ ? () => ({ ...console_!.stats }) : undefined,
  app: supervisor, ready: () => appReady, halt,
});
// Crash-path tests: nephos.selftest=<kind> fails on purpose from inside a JavaScript call stack.
const selftest = /(?:^|\s)nephos\.selftest=(\w+)/.exec(info.cmdline)?.[1];
if (selftest) {
  runtime.loop.defer(function selftestCrash() {
    ops.op_debug_crash(selftest);
  });
}
mark('control channel, app loaded');
if (network) waitForAddress(network, 3000);
mark('network configured');
if (/(?:^|\s)nephos\.boottrace(?:\s|$)/.test(info.cmdline)) {
  runtime.loop.defer(function bootTrace() {
    mark('first turn of the event loop');
    const mm = (globalThis as { __nephos_modmarks?: [string, number][] }).__nephos_modmarks;
    if (mm) {
      const cost = new Map<string, number>();
      for (let i = 0; i + 1 < mm.length; i++) cost.set(mm[i][0], (cost.get(mm[i][0]) ?? 0) + (mm[i + 1][1] - mm[i][1]) / 1e6);
      const top = [...cost].sort((a, b) => b[1] - a[1]).slice(0, 25);
      ops.op_serial_write(`module top-level cost (ms), ${mm.length} modules:\n${top.map(([n, c]) => `  ${c.toFixed(2).padStart(7)}  ${n}`).join('\n')}\n`);
    }
    ops.op_serial_write(`boot trace (ms since the PVH entry):\n${marks.map(([n, t]) => `  ${t.toFixed(2).padStart(8)}  ${n}`).join('\n')}\n`);
  });
}
if (rngFound) {
  const found = rngFound;
  runtime.loop.defer(function startEntropyDevice() {
    rng = startRng(found, (v, h) => runtime.loop.onInterrupt(v, h));
  });
}
try {
  runtime.loop.defer(function serviceDevicesOnce() {
  for (const [, handler] of irqHandlers) handler();
});
runtime.runMain({ entry: app.entry, name: app.name }, appCode!, () => supervisor.firstReady());
} catch (err) {
  // The application ended during a restart: keep running the loop for the next generation.
  if (err !== APP_EXIT) throw err;
  for (;;) {
    try {
      supervisor.spin();
    } catch (again) {
      if (again !== APP_EXIT) throw again;
    }
  }
}

// ---- networking ----
function netConfigOf(cfg: RunConfig): NetConfig {
  const n = cfg.net;
  if (n && n.kind === 'static') {
    const address = parseIpv4(n.address);
    if (address !== undefined) {
      const gw = n.gateway === undefined ? undefined : parseIpv4(n.gateway);
      const dns = n.dns === undefined ? undefined : parseIpv4(n.dns);
      return { kind: 'static', address, prefixLength: n.prefix, gateway: gw, dnsServers: dns === undefined ? (gw === undefined ? [] : [gw]) : [dns] };
    }
  }
  return { kind: 'dhcp', hostname: cfg.name };
}

function netmask(prefix: number): string {
  return formatIpv4(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
}

function attachNetwork(dev: VirtioNet): AttachedNetwork {
  const net = new AttachedNetwork({
    loop: runtime.loop,
    nic: dev,
    vector: nicVector,
    config: netConfigOf(config),
    random: (n) => {
      const b = new Uint8Array(n);
      if (!ops.op_random_fill(b)) throw new Error('no entropy for the network stack');
      return b;
    },
    now: () => ops.op_now() / 1e6,
    heapBytes: info.heapBytes,
  });
  const stack = net.stack;
  const mac = [...dev.mac].map((b) => b.toString(16).padStart(2, '0')).join(':');
  runtime.netProvider = {
    tcp: stack.tcp,
    udp: stack.udp,
    dns: {
      query: (name, type, _opts, done) => stack.dns.query(ops.op_now() / 1e6, name, type, (code, records) => done((code ?? null) as any, records)),
      servers: () => stack.dns.getServers(),
      setServers: (servers) => stack.dns.setServers(servers),
    },
    now: () => ops.op_now() / 1e6,
    sourceAddress: (dst) => stack.iface.sourceFor(dst),
    isLocalAddress: (a) => stack.iface.isLocalAddress(a),
    networkInterfaces: () => {
      const out: Record<string, any[]> = {
        lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      };
      const c = stack.config;
      if (c) out.eth0 = [{ address: formatIpv4(c.address), netmask: netmask(c.prefixLength), family: 'IPv4', mac, internal: false, cidr: `${formatIpv4(c.address)}/${c.prefixLength}` }];
      return out;
    },
  };
  return net;
}

/** Before the app starts: wait (bounded) for DHCP, so its first connection or lookup can succeed. */
function waitForAddress(net: AttachedNetwork, timeoutMs: number): void {
  const deadline = ops.op_now() + timeoutMs * 1e6;
  net.poll();
  while (!net.stack.config && ops.op_now() < deadline) {
    const seq = ops.op_irq_seq();
    pollAllDevices();
    net.poll();
    if (net.stack.config) break;
    ops.op_timer_arm(2e6);
    ops.op_idle(seq);
  }
}
