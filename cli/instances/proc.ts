// Host processes by identity. A pid alone is not an identity: once QEMU has died, the kernel may
// give its number to an unrelated process. An instance therefore records (pid, start time), the
// start time being field 22 of /proc/<pid>/stat (clock ticks since boot), and a process counts as
// alive only when both match and it is not a zombie (a detached QEMU whose reaper never waits for
// it stays a zombie: dead for our purposes). Linux only, as KVM is.
import { readFileSync } from 'node:fs';

export interface ProcessId {
  pid: number;
  /** /proc/<pid>/stat field 22, as a decimal string. */
  start: string;
}

interface StatFields {
  state: string;
  start: string;
}

function stat(pid: number): StatFields | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces or parentheses: the
  // fields after it start after the LAST ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); field 22 (starttime) is rest[19].
  return rest.length > 19 ? { state: rest[0], start: rest[19] } : undefined;
}

/** The identity of a running process, or undefined when there is none with that pid. */
export function identify(pid: number): ProcessId | undefined {
  const s = stat(pid);
  return s && s.state !== 'Z' ? { pid, start: s.start } : undefined;
}

/** True when the process `id` names is still running (same pid, same start time, not a zombie). */
export function alive(id: ProcessId | null | undefined): boolean {
  if (!id) return false;
  const s = stat(id.pid);
  return !!s && s.state !== 'Z' && s.state !== 'X' && s.start === id.start;
}

/** This process's own identity. */
export function self(): ProcessId {
  return identify(process.pid) ?? { pid: process.pid, start: '0' };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `id` has exited or `timeoutMs` passed; true when it exited. */
export async function waitExit(id: ProcessId | null | undefined, timeoutMs: number, pollMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive(id)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}
