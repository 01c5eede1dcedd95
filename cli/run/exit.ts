// Decoding how the guest ended (kernel/include/nephos/exit.h): the exit record on the serial
// console ("NEPHOS_EXIT <kind> <code>"), else QEMU's own status: isa-debug-exit makes QEMU exit
// with (value << 1) | 1; a guest reset with -no-reboot exits 0; a signal means QEMU was killed.
import { EXIT_GUEST_PANIC, EXIT_KILLED } from '../errors';

export type ExitKind = 'exit' | 'panic' | 'oom' | 'reset' | 'killed' | 'qemu-error';

export interface GuestExit {
  kind: ExitKind;
  /** The status `nephos run` exits with. */
  code: number;
}

export const EXIT_RECORD = /^NEPHOS_EXIT (exit|panic|oom) (\d+)$/;

export function decodeExit(record: { kind: string; code: number } | undefined, qemuStatus: number | null, signal: string | null): GuestExit {
  if (record) {
    if (record.kind === 'exit') return { kind: 'exit', code: record.code & 0xff };
    if (record.kind === 'oom') return { kind: 'oom', code: EXIT_KILLED };
    return { kind: 'panic', code: EXIT_GUEST_PANIC };
  }
  if (signal) return { kind: 'killed', code: EXIT_KILLED };
  if (qemuStatus === 3) return { kind: 'panic', code: EXIT_GUEST_PANIC };
  if (qemuStatus === 5) return { kind: 'oom', code: EXIT_KILLED };
  if (qemuStatus === 0) return { kind: 'reset', code: EXIT_GUEST_PANIC };
  return { kind: 'qemu-error', code: 125 };
}
