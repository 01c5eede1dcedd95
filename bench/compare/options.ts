// The parameters of one bench/compare run, from its command line. Three presets, any value
// overridable by a flag:
//   full     the figures: 20 boots each, wrk 20 s (2 rounds), idle 10 s, density in 8 GiB
//   --quick  under 5 minutes on a 2-CPU host: 5 boots, wrk 5 s, idle 5 s, density in 1 GiB
//   --smoke  the test suite's run (tests/bench-smoke.test.ts): every figure, tiny parameters
//            (2 boots, a 4-step memory ladder, density of 3, 2 s of load), TCG only
// Flags: --runs=N --duration=S --warmup=S --rounds=N --idle=S --density-budget=MiB --density=N
//        (at most N instances) --window=N (boots in flight) --tb-size=MiB (0: QEMU's default)
//        --memory-steps=a,b,... --accel=tcg|kvm|tcg,kvm --systems=linux,nephos --out=DIR
//        --reserve=MiB (host memory density leaves free) --no-readme
// `npm run bench --quick` (without `--`) reaches us as npm_config_quick=true: accepted too.
import { cpus } from 'node:os';

export type Mode = 'full' | 'quick' | 'smoke';

export interface Options {
  mode: Mode;
  /** Boots per system per accelerator. */
  runs: number;
  /** wrk seconds per round, after `warmup` seconds of unrecorded load. */
  duration: number;
  warmup: number;
  rounds: number;
  /** Seconds over which an idle instance's CPU is measured (after 2 s of settling). */
  idle: number;
  /** Guest memory all density instances share (MiB). */
  densityBudgetMiB: number;
  /** At most this many density instances (the smoke test's 3); undefined: no limit. */
  densityMax?: number;
  /** Boots in flight at once during density (launched back to back as slots free). */
  window: number;
  /** Host memory (MiB) density leaves available; it stops launching before going under. */
  reserveMiB: number;
  /** TCG translation cache for both systems (MiB); undefined: QEMU's default. */
  tbSizeMiB?: number;
  /** The -m ladder the smallest-memory search walks (MiB, ascending). */
  memorySteps: number[];
  /** Accelerators to run (undefined: TCG, and KVM when /dev/kvm is usable). */
  accels?: ('tcg' | 'kvm')[];
  systems: ('linux' | 'nephos')[];
  /** Where the JSON and SVGs go (default bench/results). */
  outDir?: string;
  /** Rewrite README.md's benchmark section from the results (full and quick runs). */
  readme: boolean;
}

/** From 4 MiB (Nephos's smallest candidates) to 512 MiB (the Linux baseline's default). */
export const MEMORY_STEPS = [4, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 96, 128, 160, 192, 224, 256, 272, 288, 304, 320, 384, 448, 512];

const PRESETS: Record<Mode, Omit<Options, 'memorySteps' | 'systems' | 'readme' | 'window' | 'reserveMiB'>> = {
  full: { mode: 'full', runs: 20, duration: 20, warmup: 5, rounds: 2, idle: 10, densityBudgetMiB: 8192, tbSizeMiB: 256 },
  quick: { mode: 'quick', runs: 5, duration: 5, warmup: 3, rounds: 1, idle: 5, densityBudgetMiB: 1024, tbSizeMiB: 256 },
  smoke: { mode: 'smoke', runs: 2, duration: 2, warmup: 1, rounds: 1, idle: 2, densityBudgetMiB: 8192, densityMax: 3, tbSizeMiB: 256, accels: ['tcg'] },
};

export class UsageError extends Error {}

function positive(name: string, text: string, integer = true): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`--${name}: expected a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(text)}`);
  return n;
}

const KNOWN = new Set(['quick', 'smoke', 'runs', 'duration', 'warmup', 'rounds', 'idle', 'density-budget', 'density', 'window', 'reserve', 'tb-size', 'memory-steps', 'accel', 'systems', 'out', 'no-readme']);

export function parseOptions(argv: string[], env: Record<string, string | undefined> = process.env, hostCpus = cpus().length): Options {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !KNOWN.has(m[1])) throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
    flags.set(m[1], m[2] ?? '');
  }
  const mode: Mode = flags.has('smoke') ? 'smoke' : flags.has('quick') || env.npm_config_quick === 'true' ? 'quick' : 'full';
  const o: Options = {
    ...PRESETS[mode],
    memorySteps: MEMORY_STEPS,
    systems: ['linux', 'nephos'],
    readme: mode !== 'smoke' && !flags.has('no-readme'),
    window: 2 * hostCpus,
    reserveMiB: 4096,
  };
  const num = (name: string, integer = true) => (flags.has(name) ? positive(name, flags.get(name)!, integer) : undefined);
  o.runs = num('runs') ?? o.runs;
  o.duration = num('duration') ?? o.duration;
  o.warmup = flags.get('warmup') === '0' ? 0 : num('warmup') ?? o.warmup;
  o.rounds = num('rounds') ?? o.rounds;
  o.idle = num('idle', false) ?? o.idle;
  o.densityBudgetMiB = num('density-budget') ?? o.densityBudgetMiB;
  o.densityMax = num('density') ?? o.densityMax;
  o.window = num('window') ?? o.window;
  o.reserveMiB = num('reserve') ?? o.reserveMiB;
  if (flags.has('tb-size')) o.tbSizeMiB = flags.get('tb-size') === '0' ? undefined : positive('tb-size', flags.get('tb-size')!);
  if (flags.has('memory-steps')) {
    const steps = flags.get('memory-steps')!.split(',').map((s) => positive('memory-steps', s));
    if (steps.some((s, i) => i > 0 && s <= steps[i - 1])) throw new UsageError('--memory-steps: sizes must be ascending');
    o.memorySteps = steps;
  } else if (mode === 'smoke') {
    o.memorySteps = [16, 128, 320, 512];
  }
  if (flags.has('accel')) {
    const list = flags.get('accel')!.split(',');
    for (const a of list) if (a !== 'tcg' && a !== 'kvm') throw new UsageError(`--accel: tcg or kvm, got ${JSON.stringify(a)}`);
    o.accels = list as ('tcg' | 'kvm')[];
  }
  if (flags.has('systems')) {
    const list = flags.get('systems')!.split(',');
    for (const s of list) if (s !== 'linux' && s !== 'nephos') throw new UsageError(`--systems: linux or nephos, got ${JSON.stringify(s)}`);
    o.systems = list as ('linux' | 'nephos')[];
  }
  if (flags.has('out')) {
    if (!flags.get('out')) throw new UsageError('--out: expected a directory');
    o.outDir = flags.get('out');
  }
  return o;
}
