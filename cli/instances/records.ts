// What the serial console says about a run, and how a run's end becomes an instance's final
// status. The guest writes two records on the console (kernel/include/nephos/exit.h,
// os/mgmt/lifecycle.ts): READY_RECORD once the app's main module has been evaluated, and
// "NEPHOS_EXIT <exit|panic|oom> <code>" as its last words. For a detached instance the console
// log is the only witness: QEMU's own exit status is gone with the nephos that started it.
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { READY_RECORD } from '../../os/mgmt/lifecycle';
import { decodeExit, EXIT_RECORD } from '../run/exit';
import type { ExitReason, Status } from './store';

export interface ExitRecord {
  kind: 'exit' | 'panic' | 'oom';
  code: number;
}

export interface ConsoleRecords {
  ready: boolean;
  exit?: ExitRecord;
  /** Console lines that are not records (kernel messages), in order. */
  messages: string[];
}

/**
 * The records in a run's console text (lines may end with \r\n). A last line without its newline
 * may still be being written: it counts only when `ended` (QEMU is gone).
 */
export function scanConsole(text: string, ended = false): ConsoleRecords {
  const out: ConsoleRecords = { ready: false, messages: [] };
  const lines = text.split('\n');
  const last = lines.pop()!;
  if (ended && last !== '') lines.push(last);
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (line === READY_RECORD) {
      out.ready = true;
      continue;
    }
    const m = EXIT_RECORD.exec(line);
    if (m) out.exit = { kind: m[1] as ExitRecord['kind'], code: Number(m[2]) };
    else if (line.length) out.messages.push(line);
  }
  return out;
}

/** The bytes of `path` from `offset` on (empty when the file is missing). */
export function readFrom(path: string, offset: number, max = 64 * 1024 * 1024): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, Math.min(offset, size));
    const len = Math.min(size - start, max);
    const buf = Buffer.alloc(len);
    let got = 0;
    while (got < len) {
      const n = readSync(fd, buf, got, len - got, start + got);
      if (n <= 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export interface Outcome {
  status: Extract<Status, 'exited' | 'crashed'>;
  exitCode: number | null;
  exitReason: ExitReason;
}

/**
 * The final status of a run. `powerOff`: nephos powered the VM off (stop's timeout, rm -f).
 * `qemu`: QEMU's exit status when the one who saw it decides (a foreground run); absent for a
 * detached instance, whose QEMU exit status nobody observed.
 */
export function outcomeOf(record: ExitRecord | undefined, powerOff: boolean, qemu?: { status: number | null; signal: string | null }): Outcome {
  if (record || qemu) {
    // QMP's quit makes QEMU exit 0 without a record, which decodeExit reads as a guest reset.
    if (!record && powerOff) return { status: 'exited', exitCode: 137, exitReason: 'killed' };
    const exit = decodeExit(record, qemu?.status ?? null, qemu?.signal ?? null);
    switch (exit.kind) {
      case 'exit': return { status: 'exited', exitCode: exit.code, exitReason: 'exit' };
      case 'oom': return { status: 'exited', exitCode: exit.code, exitReason: 'oom' };
      case 'panic':
      case 'reset': return { status: 'crashed', exitCode: exit.code, exitReason: 'panic' };
      case 'killed': return { status: powerOff ? 'exited' : 'crashed', exitCode: exit.code, exitReason: 'killed' };
      default: return { status: 'crashed', exitCode: exit.code, exitReason: 'qemu-error' };
    }
  }
  if (powerOff) return { status: 'exited', exitCode: 137, exitReason: 'killed' };
  return { status: 'crashed', exitCode: null, exitReason: 'lost' };
}
