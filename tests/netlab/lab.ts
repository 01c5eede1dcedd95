// A network lab for system tests: a Nephos VM whose NIC is wired, through the impairment relay
// (relay.ts), to a TAP device inside a network namespace of its own, where Linux's TCP/IP is the
// peer (programs run there with `ip netns exec`, e.g. peer.mjs or curl).
//
//   VM: virtio-net, QEMU -netdev dgram 127.0.0.1:vmPort <-> relay (seeded faults, injection, sniffing)
//     <-> pump: a second QEMU (-M none, no guest) joining -netdev dgram and -netdev tap on a hub
//     <-> TAP device, moved into the namespace: 10.77.0.1/24 (the VM is 10.77.0.2, gateway 10.77.0.1)
//
// Why a QEMU pump: Node cannot open a TAP device (TUNSETIFF is an ioctl), and QEMU's hub already
// moves frames between a tap and a dgram backend; the namespace keeps the lab's addresses and
// routes away from the host's and other tests' (each lab has its own, so they may run at once).
// Needs root (namespaces, TAP devices); `labUnavailable()` says why when it cannot run.
//
// Cleanup: close() stops what the lab started (pump, peers, relay) and deletes the namespace, which
// destroys the TAP device. A process that dies without close() leaves a namespace named after its
// pid: the next Lab.open() on this host deletes those of dead pids and ends their pumps (found by
// that name on their command line).
//
// A typical use:
//   const lab = await Lab.open({ seed: 7, toVm: { loss: 0.05 }, fromVm: { loss: 0.05 } });
//   try {
//     await nephos(['run', '-d', '--name', n, ...lab.runArgs(), app], { env: lab.env() });
//     const r = await lab.exec(['curl', `http://${lab.vmIp}:8080/`]);
//   } finally { await lab.close(); }
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { Relay, type Impairment } from './relay';

export const LAB_PREFIX = 'nphlab';
const QEMU = process.env.NEPHOS_QEMU || 'qemu-system-x86_64';

export interface LabOptions {
  seed?: number;
  toVm?: Impairment;
  fromVm?: Impairment;
}

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.error?.message ?? r.stderr.trim()}`);
}

/** Why labs cannot run here (not root, no `ip`, no QEMU dgram backend), or undefined. */
export function labUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, TAP devices)';
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'the ip command (iproute2) cannot list namespaces';
  if (!existsSync('/dev/net/tun')) return '/dev/net/tun is missing';
  const q = spawnSync(QEMU, ['-netdev', 'help'], { encoding: 'utf8' });
  if (q.error || !/^dgram$/m.test(q.stdout)) return `${QEMU} has no dgram netdev (QEMU 7.2 or later)`;
  return undefined;
}

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => existsSync(`/proc/${pid}`);

/** Deletes namespaces and ends pumps left by test processes that died without cleaning up. */
export function sweepStaleLabs(): void {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  const dead = new Set<string>();
  for (const line of list.split('\n')) {
    const m = new RegExp(`^(${LAB_PREFIX}-(\\d+)-\\d+)\\b`).exec(line);
    if (m && !alive(Number(m[2]))) dead.add(m[1]);
  }
  if (!dead.size) return;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    for (const name of dead) {
      if (cmd.includes(`${name}-pump`)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
  }
  for (const name of dead) spawnSync('ip', ['netns', 'del', name]);
}

const open = new Set<Lab>();
let exitHook = false;

let counter = 0;

export class Lab {
  readonly hostIp = '10.77.0.1';
  readonly vmIp = '10.77.0.2';
  readonly prefix = 24;
  private readonly children = new Set<ChildProcess>();
  private pump: ChildProcess | undefined;
  private closed = false;

  private constructor(readonly name: string, readonly tap: string, readonly relay: Relay, readonly vmPort: number) {}

  static async open(o: LabOptions = {}): Promise<Lab> {
    const why = labUnavailable();
    if (why) throw new Error(`network lab: ${why}`);
    sweepStaleLabs();
    const n = ++counter;
    const name = `${LAB_PREFIX}-${process.pid}-${n}`;
    const tap = `nphl${process.pid % 100000}t${n}`;
    const relay = await Relay.open({ seed: o.seed ?? 1, toVm: o.toVm, fromVm: o.fromVm });
    const [vmPort, pumpPort] = await Promise.all([freeUdpPort(), freeUdpPort()]);
    const lab = new Lab(name, tap, relay, vmPort);
    open.add(lab);
    if (!exitHook) {
      exitHook = true;
      // Last resort when a test process ends without close(): synchronous cleanup.
      process.on('exit', () => {
        for (const l of open) l.closeSync();
      });
    }
    try {
      relay.connect({ vmPort, wirePort: pumpPort });
      ip(['netns', 'add', name]);
      lab.pump = spawn(QEMU, [
        '-name', `${name}-pump`,
        '-M', 'none', '-nodefaults', '-no-user-config', '-display', 'none', '-monitor', 'none', '-serial', 'none',
        '-netdev', `dgram,id=wire,local.type=inet,local.host=127.0.0.1,local.port=${pumpPort},remote.type=inet,remote.host=127.0.0.1,remote.port=${relay.wireSidePort}`,
        '-netdev', `tap,id=tap,ifname=${tap},script=no,downscript=no,vnet_hdr=off`,
        '-netdev', 'hubport,id=p0,hubid=0,netdev=wire',
        '-netdev', 'hubport,id=p1,hubid=0,netdev=tap',
      ], { stdio: ['ignore', 'ignore', 'pipe'] });
      let pumpErr = '';
      lab.pump.stderr!.on('data', (d) => (pumpErr += d));
      const deadline = Date.now() + 10_000;
      while (!existsSync(`/sys/class/net/${tap}`)) {
        if (lab.pump.exitCode !== null || Date.now() > deadline) throw new Error(`the frame pump did not create ${tap}: ${pumpErr.trim()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      ip(['link', 'set', tap, 'netns', name]);
      ip(['-n', name, 'link', 'set', 'lo', 'up']);
      ip(['-n', name, 'addr', 'add', `${lab.hostIp}/${lab.prefix}`, 'dev', tap]);
      ip(['-n', name, 'link', 'set', tap, 'up']);
    } catch (e) {
      await lab.close();
      throw e;
    }
    return lab;
  }

  /** Environment for `nephos run`: the VM's NIC on a dgram socket towards the relay. */
  env(): Record<string, string> {
    return {
      NEPHOS_QEMU_NETDEV: `dgram,local.type=inet,local.host=127.0.0.1,local.port=${this.vmPort},remote.type=inet,remote.host=127.0.0.1,remote.port=${this.relay.vmSidePort}`,
    };
  }

  /** `nephos run` options for the VM's static address in the lab's subnet. */
  runArgs(): string[] {
    return ['--ip', `${this.vmIp}/${this.prefix}`, '--gw', this.hostIp];
  }

  /** The TAP device's MAC address (the VM's gateway). */
  hostMac(): string {
    const r = spawnSync('ip', ['-n', this.name, '-o', 'link', 'show', this.tap], { encoding: 'utf8' });
    const m = /link\/ether ([0-9a-f:]{17})/.exec(r.stdout);
    if (!m) throw new Error(`no MAC for ${this.tap}: ${r.stderr}`);
    return m[1];
  }

  /**
   * A permanent ARP entry on Linux's side for `ipAddr` (e.g. the VM's): floods that fill the VM's
   * NIC must not make Linux's ARP give up (EHOSTUNREACH after 3 unanswered probes), so that what
   * a test observes is the VM's TCP/HTTP service, not neighbour discovery.
   */
  pinNeighbor(ipAddr: string, mac: string): void {
    ip(['-n', this.name, 'neigh', 'replace', ipAddr, 'lladdr', mac, 'dev', this.tap, 'nud', 'permanent']);
  }

  /** Starts argv inside the namespace; the lab ends it on close. */
  spawn(argv: string[], opts: { env?: Record<string, string> } = {}): ChildProcess {
    const c = spawn('ip', ['netns', 'exec', this.name, ...argv], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    this.children.add(c);
    c.on('close', () => this.children.delete(c));
    return c;
  }

  /** Runs argv inside the namespace to completion (killed after timeoutMs). */
  exec(argv: string[], opts: { timeoutMs?: number; input?: string | Buffer; env?: Record<string, string> } = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const c = this.spawn(argv, opts);
      let stdout = '';
      let stderr = '';
      c.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
      c.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
      c.stdin!.end(opts.input ?? '');
      const timer = setTimeout(() => {
        c.kill('SIGKILL');
        reject(new Error(`${argv.join(' ')} (in ${this.name}) timed out after ${opts.timeoutMs ?? 60000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, opts.timeoutMs ?? 60000);
      c.on('error', reject);
      c.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
    });
  }

  /** Stops the pump and the peers, closes the relay and deletes the namespace (and the TAP). */
  async close(): Promise<void> {
    if (this.closed) return;
    const waits = [...this.children, ...(this.pump ? [this.pump] : [])]
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map((c) => new Promise<void>((r) => {
        c.once('close', () => r());
        c.kill('SIGKILL');
        setTimeout(r, 2000);
      }));
    await Promise.all(waits);
    this.closeSync();
    await this.relay.close();
  }

  private closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    open.delete(this);
    for (const c of this.children) c.kill('SIGKILL');
    this.pump?.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', this.name]);
  }
}
