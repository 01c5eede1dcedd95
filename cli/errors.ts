// Errors of the host tool, and how they reach the user.
//
// The contract (docs/cli.md, "Errors and exit codes"): a failure of nephos itself is ONE line on
// stderr, "nephos: <what is wrong>: <how to fix it>", and exit status 125. No stack trace unless
// NEPHOS_DEBUG=1. Code anywhere in cli/ throws a `NephosError` for a failure it understands (a bad
// flag, a missing file, an image refused); anything else is a bug and is reported as an internal
// error with a hint to rerun with NEPHOS_DEBUG=1.
//
// Toolchain failures (cli/toolchain/run.ts's ToolError) carry the compiler's own output; that
// output is printed first (it is what the user needs to read), and the `nephos:` line comes last.
import { ToolError } from './toolchain/run';

/** Exit status of a failure of nephos itself (docker uses the same number). */
export const EXIT_NEPHOS_FAILURE = 125;
/** Exit status when the guest panicked (128 + SIGABRT, as a crashed process). */
export const EXIT_GUEST_PANIC = 134;
/** Exit status when the VM was killed or ran out of memory (128 + SIGKILL). */
export const EXIT_KILLED = 137;

export class NephosError extends Error {
  /**
   * `message` says what is wrong; `fix` (optional) says what to do about it. Both are joined into
   * the one line the user sees. `detail` is extra output (a compiler's messages) printed before it.
   */
  constructor(message: string, readonly fix?: string, readonly detail = '', readonly exitCode = EXIT_NEPHOS_FAILURE) {
    super(fix ? `${message}: ${fix}` : message);
    this.name = 'NephosError';
  }
}

/** Shorthand: `throw fail('no such file x', 'check the path')`. */
export function fail(message: string, fix?: string, detail?: string): NephosError {
  return new NephosError(message, fix, detail);
}

/** The last `max` lines of `text`, so a long compiler log does not scroll the error away. */
function tail(text: string, max = 30): string {
  const lines = text.trimEnd().split('\n');
  return lines.length <= max ? lines.join('\n') : [`... (${lines.length - max} lines above)`, ...lines.slice(-max)].join('\n');
}

/**
 * Formats any thrown value for stderr and picks the exit status. Returns the text (ending with a
 * newline) rather than printing it, so tests can check it.
 */
export function describeFailure(err: unknown, debug = process.env.NEPHOS_DEBUG === '1'): { text: string; exitCode: number } {
  let text = '';
  let exitCode = EXIT_NEPHOS_FAILURE;
  if (err instanceof NephosError) {
    if (err.detail) text += `${tail(err.detail)}\n`;
    text += `nephos: ${oneLine(err.message)}\n`;
    exitCode = err.exitCode;
  } else if (err instanceof ToolError) {
    // A toolchain step (gcc, npm pack, jsc) failed and said why in its output.
    if (err.output) text += `${tail(err.output)}\n`;
    text += `nephos: ${oneLine(err.message)}\n`;
  } else {
    const message = err instanceof Error ? err.message : String(err);
    text += `nephos: internal error: ${oneLine(message)} (rerun with NEPHOS_DEBUG=1 for details, and please report it)\n`;
  }
  if (debug && err instanceof Error && err.stack) text += `${err.stack}\n`;
  return { text, exitCode };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
