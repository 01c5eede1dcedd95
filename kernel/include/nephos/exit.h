/* How the guest tells the host it is done (decoded by cli/run/exit.ts).
 *
 * Before powering off, the kernel writes one record line on the serial port:
 *     "\nNEPHOS_EXIT <kind> <code>\n"      kind: exit | panic | oom
 * then writes a value to QEMU's isa-debug-exit port (0xf4), which makes QEMU exit with status
 * (value << 1) | 1. The record carries the full exit code (0-255); the port value only says which
 * kind, so the host can still tell a panic from an exit if the record was lost. */
#ifndef NEPHOS_EXIT_H
#define NEPHOS_EXIT_H

#define DEBUG_EXIT_PORT  0xf4
#define DEBUG_EXIT_EXIT  0   /* QEMU status 1 */
#define DEBUG_EXIT_PANIC 1   /* QEMU status 3 */
#define DEBUG_EXIT_OOM   2   /* QEMU status 5 */

#endif
