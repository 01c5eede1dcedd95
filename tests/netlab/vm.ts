// Detached VMs for the networking system tests: `nephos run -d` with published ports on free host
// ports (or a lab's wire), the guest's control channel (GET /v1/status, /metrics, POST /engine/gc:
// os/mgmt), and removal that works even when a test failed halfway.
//
// A typical use:
//   const vm = await startVm(app, { ports: [8080] });
//   const port = vm.port(8080);              // 127.0.0.1:port reaches the guest's 8080
//   const st = await vm.control('GET', '/v1/status');
//   await vm.remove();
import { createServer } from 'node:net';
import { join } from 'node:path';
import { controlRequest } from '../../cli/instances/control';
import { ACCEL, nephos, TEST_HOME, type Result } from '../helpers';

let counter = 0;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface VmOptions {
  /** Guest TCP ports to publish on free host ports (user networking). */
  ports?: number[];
  /** Extra `nephos run` options (e.g. a lab's --ip/--gw, -m). */
  args?: string[];
  env?: Record<string, string>;
  name?: string;
}

export interface Vm {
  name: string;
  run: Result;
  /** The host port publishing guest port `guest`. */
  port(guest: number): number;
  /** One request on the control channel; the parsed JSON body (or text). */
  control(method: string, path: string, timeoutMs?: number): Promise<{ status: number; body: unknown }>;
  /** The app's output so far (stdout and stderr), for failure messages. */
  logs(): Promise<string>;
  remove(): Promise<void>;
}

export async function startVm(app: string, o: VmOptions = {}): Promise<Vm> {
  const name = o.name ?? `net-${process.pid}-${++counter}`;
  for (let attempt = 0; ; attempt++) {
    const map = new Map<number, number>();
    for (const g of o.ports ?? []) map.set(g, await freeTcpPort());
    const publish = [...map].flatMap(([g, h]) => ['-p', `${h}:${g}`]);
    const run = await nephos(['run', '-d', '--accel', ACCEL, '--name', name, ...publish, ...(o.args ?? []), app], { env: o.env, timeoutMs: 180_000 });
    if (run.code !== 0) {
      await nephos(['rm', '-f', name]);
      // A port taken between the check and QEMU's bind: try other ports.
      if (/host forwarding rule/.test(run.stderr) && attempt < 3) continue;
      throw new Error(`nephos run -d ${app} failed (${run.code}): ${run.stderr}`);
    }
    const controlSocket = join(TEST_HOME, 'instances', name, 'control.sock');
    // QEMU's socket chardev takes one client at a time (a second connect fails with EAGAIN):
    // requests go one after another.
    let queue: Promise<unknown> = Promise.resolve();
    const control = (method: string, path: string, timeoutMs: number) => {
      const next = queue.then(() => controlRequest(controlSocket, method, path, timeoutMs));
      queue = next.catch(() => {});
      return next;
    };
    return {
      name,
      run,
      port: (g) => {
        const h = map.get(g);
        if (h === undefined) throw new Error(`guest port ${g} is not published`);
        return h;
      },
      control: (method, path, timeoutMs = 10_000) => control(method, path, timeoutMs),
      logs: async () => {
        const r = await nephos(['logs', name]);
        return r.stdout + r.stderr;
      },
      remove: async () => {
        await nephos(['rm', '-f', name]);
      },
    };
  }
}
