// The JSON one bench/compare run writes to bench/results/compare-<timestamp>.json: every raw
// sample, so any figure can be recomputed (summary.ts derives the table from it). The schema name
// changes when a field changes meaning.
import type { WrkResult } from '../linux/measure';
import type { HostInfo } from './host';
import type { Options } from './options';

export const SCHEMA = 'nephos-bench-compare/1';

export interface BootFigures {
  memoryMiB: number;
  /** QEMU launch (the wrapper's stamp) to the first GET / answered "hello\n", one per boot. */
  qemuMs: number[];
  /** Nephos: launch of `nephos run` to the same answer (the CLI's start-up and image check included). */
  cliMs: number[];
  /** QEMU's VmRSS right after that answer. */
  rssReadyKiB: number[];
  failures: string[];
}

export interface FootprintFigures {
  /** The ladder as walked: each size tried and whether it booted and answered GET /. */
  tried: { mib: number; serves: boolean; why?: string }[];
  /** The smallest size that boots, answers and keeps answering through a short wrk load. */
  smallestMiB?: number;
  /** QEMU's VmRSS at that size, idle (2 s after ready) and right after the load. */
  rssIdleKiB?: number;
  rssAfterLoadKiB?: number;
  note?: string;
}

export interface DensityFigures {
  budgetMiB: number;
  /** Each instance's -m: the system's smallest working size. */
  memoryMiB: number;
  /** How many the budget allows, how many host memory allows (estimated from RSS), the flag's cap. */
  limits: { budget: number; hostMemory: number; flag?: number };
  planned: number;
  cappedBy: 'guest-memory budget' | 'host memory' | '--density';
  /** Why launching stopped before `planned` (host memory ran low, a launch failed). */
  stoppedEarly?: string;
  /** Boots in flight at once. */
  window: number;
  launched: number;
  ready: number;
  /** Instances that answered GET / within 1 s, all asked at once. */
  answered: number;
  /** Ready instances per second, from the first launch to the last ready. */
  bootsPerSec: number;
  firstLaunchToLastReadyMs: number;
  /** Sum of the QEMUs' VmRSS with all of them up, and host MemAvailable before and then. */
  rssTotalKiB: number;
  memAvailableBeforeMiB: number;
  memAvailableAtPeakMiB: number;
  /** How long the fleet took to go quiet after the last boot, and its CPU% (all together) then. */
  settleMs: number;
  fleetCpuPct: number;
  /** Instances found ended when asked (crashed or out of memory after their first answer). */
  exited: number;
  /** The slowest answer among those that came (ms). */
  answerMsMax?: number;
  /** Launches that failed. */
  failures: string[];
  /** The first GETs that got no answer in time, and why. */
  unanswered: string[];
}

export interface LoadFigures {
  memoryMiB: number;
  /** One per round: wrk -c50 after the warm-up. */
  wrk: (WrkResult & { command: string })[];
  rssAfterLoadKiB: number[];
  /** QEMU's host CPU time during the recorded load divided by the requests served, per round. */
  cpuMsPerRequest: number[];
  /** Host CPU% of the idle instance (first round, before any load). */
  idleCpuPct?: number;
  failures: string[];
}

export interface SystemFigures {
  /** Set when the system does not run under this accelerator ("n/a (kvm_pvm)"). */
  status?: string;
  imageBytes?: number;
  boot?: BootFigures;
  footprint?: FootprintFigures;
  density?: DensityFigures;
  load?: LoadFigures;
}

export interface AccelResults {
  accel: 'tcg' | 'kvm';
  systems: Partial<Record<'linux' | 'nephos', SystemFigures>>;
}

export interface CompareResult {
  schema: typeof SCHEMA;
  date: string;
  mode: Options['mode'];
  minutes: number;
  host: HostInfo;
  options: Omit<Options, 'readme' | 'outDir'>;
  /** Process priority every VM and wrk ran under. */
  nice: string;
  systems: { key: 'linux' | 'nephos'; name: string; describe: string[] }[];
  accels: AccelResults[];
}
