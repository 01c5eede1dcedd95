// Supervisor processes: small `nephos` daemons that outlive the command that started them.
//
// A daemon is `node cli/bin/nephos.js __daemon <kind> <name>` spawned detached: its own session
// (setsid), stdin closed, stdout and stderr appended to a log file in the state directory, so it
// survives the CLI exiting and the terminal closing. Its identity (pid, start time) is recorded
// where the work is described (restart.json for an instance, group.json for a group), so any
// nephos command can tell whether it is alive (cli/instances/proc.ts) and start another one
// when it is not. Starting one happens under the record's lock, so two commands never start two.
//
//   supervise NAME   applies NAME's restart policy (watcher.ts) until there is nothing more to
//                    do (policy says no more, stopped on purpose, removed), then exits
//   group NAME       the group daemon (cli/group/daemon.ts): the balancer and the replicas'
//                    restart policies
//
// Halting and resuming (`nephos stop` / `nephos restart`): halt() marks the record so no restart
// happens (a supervisor that sees it exits); resume() clears the mark and makes sure a supervisor
// runs again.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { alive, identify, type ProcessId, self, sleep } from '../instances/proc';
import { type Instance, InstanceGone } from '../instances/store';
import { ROOT } from '../toolchain/paths';
import { type RestartPolicy } from './policy';
import { newRecord, readRecord, type RestartRecord, updateRecord } from './record';
import { bootAgain, RestartWatcher, TICK_MS } from './watcher';

/** The launcher the daemons run (the same `nephos` the user runs). */
export function nephosBin(): string {
  return join(ROOT, 'cli', 'bin', 'nephos.js');
}

/** Starts `nephos __daemon ...args` in its own session, output appended to `logPath`. */
export function spawnDaemon(args: string[], logPath: string): ProcessId {
  const fd = openSync(logPath, 'a', 0o600);
  try {
    const child = spawn(process.execPath, [nephosBin(), '__daemon', ...args], {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NEPHOS_DEBUG: process.env.NEPHOS_DEBUG ?? '' },
    });
    child.on('error', () => {});
    child.unref();
    if (child.pid === undefined) throw new Error(`cannot start the nephos daemon (${process.execPath})`);
    return identify(child.pid) ?? { pid: child.pid, start: '' };
  } finally {
    closeSync(fd);
  }
}

export function supervisorLog(inst: Instance): string {
  return join(inst.paths.dir, 'supervisor.log');
}

/**
 * Records `policy` for a new instance. `group`: the replica's group (its daemon supervises);
 * otherwise nothing runs until ensureSupervisor.
 */
export async function setPolicy(inst: Instance, policy: RestartPolicy, group: string | null = null): Promise<void> {
  await updateRecord(inst, (r) => ({ ...(r ?? newRecord(policy, group)), policy, group }));
}

/**
 * Makes sure the instance's policy is applied by a live supervisor: nothing for "no" or a
 * replica (its group daemon does it: cli/group/daemon.ts); else starts a standalone daemon
 * unless one is alive.
 */
export async function ensureSupervisor(inst: Instance): Promise<ProcessId | null> {
  const rec = await updateRecord(inst, (r) => {
    if (!r || r.policy.kind === 'no' || r.group || alive(r.supervisor)) return undefined;
    return { ...r, supervisor: spawnDaemon(['supervise', inst.name], supervisorLog(inst)) };
  });
  return rec?.supervisor ?? null;
}

/** `nephos stop`: no restart from now on (until `nephos restart`). */
export async function halt(inst: Instance): Promise<void> {
  try {
    await updateRecord(inst, (r) => (r && r.policy.kind !== 'no' && !r.halted ? { ...r, halted: true, activity: 'done', nextAt: null, message: 'stopped on purpose' } : undefined));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * `nephos restart` (after the new run is up): the policy applies again, from a fresh count, to
 * the run that just started.
 */
export async function resume(inst: Instance, run: number): Promise<void> {
  await updateRecord(inst, (r) => (r && r.policy.kind !== 'no' ? { ...r, halted: false, activity: 'watching', handledRun: Math.max(r.handledRun, run - 1), streak: 0, nextAt: null, backoffMs: null, message: null } : undefined));
  await ensureSupervisor(inst);
}

/**
 * The standalone supervisor's main loop (`nephos __daemon supervise NAME`). Exits (returns 0)
 * when another live supervisor owns the instance, or when the watcher has nothing more to do.
 */
export async function superviseMain(inst: Instance, log: (line: string) => void): Promise<number> {
  const me = self();
  const owner = (r: RestartRecord | undefined) => !!r?.supervisor && r.supervisor.pid === me.pid;
  // The spawner records our identity under the lock right after spawning us: wait for it.
  for (let i = 0; i < 50 && !owner(readRecord(inst)); i++) await sleep(20);
  if (!owner(readRecord(inst))) {
    log(`${inst.name}: another supervisor owns this instance; exiting`);
    return 0;
  }
  log(`${inst.name}: supervising (policy ${JSON.stringify(readRecord(inst)?.policy)})`);
  const watcher = new RestartWatcher(inst, { now: Date.now, log, boot: bootAgain });
  for (;;) {
    let result;
    try {
      result = await watcher.tick();
    } catch (e) {
      if (e instanceof InstanceGone) break;
      log(`${inst.name}: ${(e as Error).message}`);
      result = 'watch';
    }
    if (result === 'done' || !owner(readRecord(inst))) break;
    await sleep(TICK_MS);
  }
  // Let go, so the next `nephos restart` starts a supervisor again.
  try {
    await updateRecord(inst, (r) => (owner(r) ? { ...r!, supervisor: null } : undefined));
  } catch {
    // Removed.
  }
  log(`${inst.name}: supervisor exits`);
  return 0;
}
