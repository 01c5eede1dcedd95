// What the commands do to a replica group: run --replicas (start), scale, stop, restart, rm.
// Each holds the group's operation lock for its whole length (store.ts), so they never interleave;
// the short record lock guards each write of group.json, which the daemon rereads continuously.
//
// Scaling down never cuts a connection the balancer has open: the member is marked draining (the
// daemon stops sending it new connections within LOOP_MS), scale waits until the daemon reports
// no connection open to it (at most the stop timeout), then stops and removes the instance.
import { EXIT_NEPHOS_FAILURE, fail, NephosError } from '../errors';
import { bootFiles } from '../image';
import { alive, sleep, waitExit } from '../instances/proc';
import { stopInstance } from '../instances/stop';
import { Instance, InstanceGone, isFinal } from '../instances/store';
import { stateOrGone } from '../instances/lifecycle';
import { resolveAccel } from '../run/qemu';
import { halt, resume, spawnDaemon } from '../supervisor/daemon';
import { bootAgain } from '../supervisor/watcher';
import { bootMember, type BootContext, removeMember } from './members';
import { freeIndexes, Group, type GroupMember, type GroupRecord, membersToRemove, removeGroupDir } from './store';

const DAEMON_READY_MS = 10_000;
const HEALTHY_WAIT_MS = 5000;

function bootContext(g: Group, rec: GroupRecord, notice: (msg: string) => void): BootContext {
  return { home: g.home, boot: bootFiles(rec.template.image, g.home), accel: resolveAccel(rec.template.accel, notice) };
}

/**
 * Makes sure the group's daemon runs, and waits until it serves the published ports. A daemon
 * that cannot (a port taken) is an error naming the port.
 */
export async function ensureGroupDaemon(g: Group): Promise<void> {
  let spawned = false;
  const rec = await g.update((r) => {
    if (r.status !== 'running' || alive(r.daemon)) return undefined;
    spawned = true;
    return { ...r, daemon: spawnDaemon(['group', g.name], g.logPath) };
  });
  if (!rec || !spawned || !rec.daemon) return;
  const daemon = rec.daemon;
  const deadline = Date.now() + DAEMON_READY_MS;
  for (;;) {
    const s = g.status();
    if (s && s.pid === daemon.pid) {
      if (s.error) throw fail(`group "${g.name}" cannot serve: ${s.error}`, 'choose another host port with -p, or stop what uses it');
      if (s.listening.length === rec.ports.length) return;
    }
    if (!alive(daemon)) throw fail(`the balancer of group "${g.name}" exited at once`, `see ${g.logPath}`);
    if (Date.now() >= deadline) throw fail(`the balancer of group "${g.name}" did not start serving within ${DAEMON_READY_MS / 1000} s`, `see ${g.logPath}`);
    await sleep(20);
  }
}

/**
 * Waits until the daemon has checked `names` and found them healthy (at most HEALTHY_WAIT_MS), so
 * that run and scale return once the balancer sends them connections. A member that is not
 * healthy by then is left to the daemon (it joins when it becomes healthy).
 */
async function waitHealthy(g: Group, names: string[]): Promise<void> {
  const deadline = Date.now() + HEALTHY_WAIT_MS;
  while (Date.now() < deadline) {
    const rec = g.read();
    const s = g.status();
    if (!rec || !alive(rec.daemon) || !s) return;
    if (names.every((n) => s.backends.some((b) => b.member === n && b.healthy))) return;
    await sleep(20);
  }
}

/** Boots `count` new members in parallel, each added to group.json as soon as it exists. */
async function grow(g: Group, ctx: BootContext, count: number): Promise<GroupMember[]> {
  const rec = g.read()!;
  const indexes = freeIndexes(rec.members, count);
  const results = await Promise.allSettled(indexes.map((i) => bootMember(ctx, rec, i, async (m) => {
    await g.update((r) => ({ ...r, members: [...r.members.filter((x) => x.name !== m.name), m] }));
  })));
  const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  const booted = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<GroupMember>).value);
  // A member whose boot failed was removed again: drop it from the record.
  const names = new Set(indexes.map((i) => `${rec.name}-${i}`));
  const ok = new Set(booted.map((m) => m.name));
  await g.update((r) => ({ ...r, members: r.members.filter((m) => !names.has(m.name) || ok.has(m.name)) }));
  if (failure) throw failure.reason;
  return booted;
}

/** Drains and removes `victims` (see the file comment). */
async function shrink(g: Group, victims: GroupMember[], timeoutMs: number): Promise<void> {
  const names = new Set(victims.map((v) => v.name));
  const rec = await g.update((r) => ({ ...r, members: r.members.map((m) => (names.has(m.name) ? { ...m, draining: true } : m)) }));
  const deadline = Date.now() + Math.max(timeoutMs, 1000);
  while (rec && alive(rec.daemon) && Date.now() < deadline) {
    const s = g.status();
    const drained = victims.every((v) => {
      const b = s?.backends.find((x) => x.member === v.name);
      return !b || (b.reason === 'draining' && b.active === 0);
    });
    if (drained) break;
    await sleep(50);
  }
  await Promise.all(victims.map((v) => removeMember(g.home, v.name, Math.max(0, deadline - Date.now()))));
  await g.update((r) => ({ ...r, members: r.members.filter((m) => !names.has(m.name)) }));
}

/** `nephos run --replicas`: the group's members booted, then its daemon serving. */
export async function startGroup(g: Group, notice: (msg: string) => void): Promise<void> {
  await g.operation(async () => {
    const rec = g.read()!;
    try {
      const members = await grow(g, bootContext(g, rec, notice), rec.replicas);
      await ensureGroupDaemon(g);
      await waitHealthy(g, members.map((m) => m.name));
    } catch (e) {
      await teardown(g, 0);
      throw e;
    }
  });
}

/** `nephos scale NAME N`. Returns the member names added and removed. */
export async function scaleGroup(g: Group, target: number, timeoutMs: number, notice: (msg: string) => void): Promise<{ added: string[]; removed: string[] }> {
  return g.operation(async () => {
    const rec = g.read();
    if (!rec) throw new InstanceGone(g.name);
    if (rec.status !== 'running') throw fail(`group "${g.name}" is ${rec.status}`, `start it first with \`nephos restart ${g.name}\``);
    await ensureGroupDaemon(g);
    await g.update((r) => ({ ...r, replicas: target }));
    const current = rec.members.filter((m) => !m.draining);
    if (target > current.length) {
      const added = await grow(g, bootContext(g, rec, notice), target - current.length);
      await waitHealthy(g, added.map((m) => m.name));
      return { added: added.map((m) => m.name), removed: [] };
    }
    const victims = membersToRemove(current, target, (m) => {
      const st = stateOrGone(new Instance(g.home, m.name));
      return !!st && !isFinal(st.status);
    });
    await shrink(g, victims, timeoutMs);
    return { added: [], removed: victims.map((v) => v.name) };
  });
}

/** Stops the daemon (its listeners close; open connections may finish) and every member. */
async function teardown(g: Group, timeoutMs: number): Promise<void> {
  const rec = await g.update((r) => ({ ...r, status: 'stopping', drainMs: timeoutMs }));
  if (!rec) return;
  if (rec.daemon && !(await waitExit(rec.daemon, Math.max(timeoutMs, 0) + 2000, 20))) {
    try {
      process.kill(rec.daemon.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
    await waitExit(rec.daemon, 2000);
  }
  await Promise.all(rec.members.map(async (m) => {
    const inst = new Instance(g.home, m.name);
    await halt(inst);
    await stopInstance(inst, timeoutMs);
  }));
  await g.update((r) => ({ ...r, status: 'stopped', daemon: null }));
}

/** `nephos stop GROUP`. */
export function stopGroup(g: Group, timeoutMs: number): Promise<void> {
  return g.operation(() => teardown(g, timeoutMs));
}

/** `nephos restart GROUP`: every member stopped and booted again, the daemon serving. */
export async function restartGroup(g: Group, timeoutMs: number, notice: (msg: string) => void): Promise<void> {
  await g.operation(async () => {
    const rec = g.read();
    if (!rec) throw new InstanceGone(g.name);
    bootContext(g, rec, notice); // the image is checked before anything is stopped
    await teardown(g, timeoutMs);
    await g.update((r) => ({ ...r, status: 'running', drainMs: undefined, members: r.members.map((m) => ({ ...m, draining: false })) }));
    const results = await Promise.allSettled(rec.members.map(async (m) => {
      const inst = new Instance(g.home, m.name);
      const st = await bootAgain(inst);
      await resume(inst, st.run);
    }));
    await ensureGroupDaemon(g);
    await waitHealthy(g, rec.members.map((m) => m.name));
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
  });
}

/** `nephos rm [-f] GROUP`: the group and its members. A running group needs -f. */
export async function removeGroup(g: Group, force: boolean): Promise<void> {
  await g.operation(async () => {
    const rec = g.read();
    if (!rec) return;
    const anyRunning = rec.members.some((m) => {
      const st = stateOrGone(new Instance(g.home, m.name));
      return st && !isFinal(st.status);
    });
    if ((rec.status !== 'stopped' || anyRunning) && !force) {
      throw new NephosError(`group "${g.name}" is running`, `stop it first (nephos stop ${g.name}), or use nephos rm -f ${g.name}`, '', EXIT_NEPHOS_FAILURE);
    }
    await teardown(g, 0);
    await Promise.all(rec.members.map((m) => removeMember(g.home, m.name, 0)));
    removeGroupDir(g);
  });
}
