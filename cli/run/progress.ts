// Progress for long steps (building the kernel or engine, bundling and packing an app, waiting
// for a VM to boot), on stderr and only when stderr is a terminal: pipes and files stay silent,
// as the contract asks (docs/cli.md, "General rules").
//
// A step shows nothing for its first SHOW_AFTER_MS, so the everyday fast paths (cached builds, a
// sub-second boot) draw nothing at all; after that one line, rewritten in place, names the
// innermost running step and its elapsed time, and is erased when the step ends. Steps nest (a
// build step may run the kernel build inside it); the line always shows the innermost one.
// Steps that block the event loop (a synchronous compiler call) just show a frozen line.

export interface ProgressSink {
  isTTY: boolean;
  write: (text: string) => void;
}

export interface Progress {
  step<T>(label: string, fn: () => Promise<T>): Promise<T>;
}

export const SHOW_AFTER_MS = 250;
const FRAME_MS = 100;
const SPINNER = ['|', '/', '-', '\\'];

/** A Progress that never draws (pipes, tests). */
export const silentProgress: Progress = { step: (_label, fn) => fn() };

export function createProgress(sink: ProgressSink, now: () => number = Date.now): Progress {
  if (!sink.isTTY) return silentProgress;
  const active: { label: string; started: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let drawn = false;
  let frame = 0;

  const draw = () => {
    const top = active[active.length - 1];
    if (!top) return;
    const elapsed = now() - top.started;
    if (elapsed < SHOW_AFTER_MS) return;
    sink.write(`\r\x1b[K${SPINNER[frame++ % SPINNER.length]} ${top.label} (${(elapsed / 1000).toFixed(1)}s)`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) sink.write('\r\x1b[K');
    drawn = false;
  };
  return {
    async step(label, fn) {
      const entry = { label, started: now() };
      active.push(entry);
      if (!timer) {
        timer = setInterval(draw, FRAME_MS);
        timer.unref();
      }
      try {
        return await fn();
      } finally {
        active.splice(active.indexOf(entry), 1);
        clear();
        if (!active.length && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      }
    },
  };
}
