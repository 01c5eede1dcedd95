// Booting and removing one replica of a group: an ordinary instance (cli/instances/) whose
// published ports are internal host ports picked here, with the group's restart policy recorded
// for the group daemon to apply.
//
// Port choice: the kernel's pick for a listener on 127.0.0.1:0, released and handed to QEMU's
// hostfwd. Another process may take it in between; QEMU then refuses to start ("Could not set up
// host forwarding rule"), and the member is created again with fresh ports (PORT_ATTEMPTS).
import { createServer } from 'node:net';
import type { BootFiles } from '../image';
import { lockOf, stateOrGone } from '../instances/lifecycle';
import { self } from '../instances/proc';
import { stopInstance } from '../instances/stop';
import { createInstance, initialState, Instance, type InstanceConfig, isFinal, removeInstanceDir } from '../instances/store';
import { startDetached } from '../run/detached';
import { silentProgress } from '../run/progress';
import type { ResolvedAccel } from '../run/qemu';
import { halt, setPolicy } from '../supervisor/daemon';
import { type GroupMember, type GroupRecord, memberName } from './store';
import { NephosError } from '../errors';

const PORT_ATTEMPTS = 4;

/** A TCP port on 127.0.0.1 that nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** True when something already listens on 127.0.0.1:port (or it cannot be bound). */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(true));
    s.listen({ port, host: '127.0.0.1', exclusive: true }, () => s.close(() => resolve(false)));
  });
}

export interface BootContext {
  home: string;
  boot: BootFiles;
  accel: ResolvedAccel;
}

function isPortClash(e: unknown, inst: Instance): boolean {
  const st = stateOrGone(inst);
  return e instanceof NephosError && st?.exitReason === 'qemu-error' && /host forwarding|hostfwd|Address already in use/i.test(e.message);
}

/**
 * Creates and boots member `index` of `group`; returns it once the app is ready. A boot failure
 * removes the instance again and throws the boot's error (the app's output in its detail).
 */
export async function bootMember(ctx: BootContext, group: GroupRecord, index: number, onCreated?: (m: GroupMember) => Promise<void>): Promise<GroupMember> {
  const name = memberName(group.name, index);
  for (let attempt = 1; ; attempt++) {
    const ports = [];
    for (const p of group.ports) ports.push({ host: await freePort(), guest: p.guest });
    const config: InstanceConfig = { version: 1, name, ...group.template, ports, createdAt: new Date().toISOString() };
    const inst = createInstance(config, { ...initialState(), supervisor: self() }, ctx.home);
    const member: GroupMember = { name, index, ports, draining: false };
    try {
      if (group.restart.kind !== 'no') await setPolicy(inst, group.restart, group.name);
      await onCreated?.(member);
      await startDetached({ inst, config: inst.config(), boot: ctx.boot, accel: ctx.accel }, silentProgress);
      const st = stateOrGone(inst);
      if (st && isFinal(st.status)) {
        // Exited with 0 during its main module: "started" for `run -d`, but it serves nothing.
        throw new NephosError(`replica "${name}" exited (code ${st.exitCode}) right after starting`, 'a replica must keep serving; see `nephos logs ' + name + '`');
      }
      return member;
    } catch (e) {
      const clash = isPortClash(e, inst);
      await discardMember(inst);
      if (!clash || attempt >= PORT_ATTEMPTS) throw e;
    }
  }
}

/** Stops (graceful for `timeoutMs`) and removes a member's instance, restarts halted first. */
export async function removeMember(home: string, name: string, timeoutMs: number): Promise<void> {
  const inst = new Instance(home, name);
  await halt(inst);
  await stopInstance(inst, timeoutMs);
  await discardMember(inst);
}

async function discardMember(inst: Instance): Promise<void> {
  await halt(inst);
  for (let i = 0; i < 3; i++) {
    const st = stateOrGone(inst);
    if (!st) return;
    if (!isFinal(st.status)) await stopInstance(inst, 0);
    const removed = await lockOf(inst, () => {
      const cur = stateOrGone(inst);
      if (cur && !isFinal(cur.status)) return false;
      removeInstanceDir(inst);
      return true;
    });
    if (removed) return;
  }
}
