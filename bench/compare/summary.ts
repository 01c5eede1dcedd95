// The table of one run, derived from its JSON (results.ts): one row per figure, a cell per system,
// and the ratio "how many times Nephos is better" (Linux/Nephos where lower is better,
// Nephos/Linux where higher is), only between runs under the same accelerator. The issue's targets
// (TCG against TCG) sit beside the four figures they apply to.
import { median, percentile } from '../lib';
import type { AccelResults, CompareResult, SystemFigures } from './results';

export type SystemKey = 'linux' | 'nephos';

export interface Cell {
  /** The number the ratio and the charts use; undefined when not measured. */
  value?: number;
  /** What the table shows: the number with its detail, "n/a (kvm_pvm)", or "-". */
  text: string;
}

export interface Row {
  key: string;
  label: string;
  cells: Record<SystemKey, Cell>;
  better: 'lower' | 'higher';
  /** Nephos's advantage (>1: better than Linux). */
  ratio?: number;
  /** The issue's target for the ratio, and whether this run meets it. */
  target?: { ratio: number; text: string; met?: boolean };
}

const mib = (kib: number) => kib / 1024;
const med = (xs: number[]) => (xs.length ? median(xs) : undefined);
const fixed = (v: number, digits: number) => v.toFixed(digits);

interface Spec {
  key: string;
  label: (r: CompareResult) => string;
  better: 'lower' | 'higher';
  digits: number;
  value: (f: SystemFigures) => number | undefined;
  detail?: (f: SystemFigures, r: CompareResult) => string;
  /** A figure only one system has (the other's cell reads "-", no ratio). */
  only?: SystemKey;
  target?: { ratio: number; text: string };
}

const failed = (n: number) => (n ? ` [${n} failed]` : '');

const SPECS: Spec[] = [
  {
    key: 'boot', better: 'lower', digits: 0, target: { ratio: 10, text: '>= 10x faster' },
    label: (r) => `boot to ready: QEMU launch to first HTTP answer, ms, median (p90) of ${r.options.runs}`,
    value: (f) => med(f.boot?.qemuMs ?? []),
    detail: (f) => (f.boot?.qemuMs.length ? ` (p90 ${fixed(percentile(f.boot.qemuMs, 90), 0)})` : '') + failed(f.boot?.failures.length ?? 0),
  },
  {
    key: 'bootCli', better: 'lower', digits: 0, only: 'nephos',
    label: () => '`nephos run` launch to first HTTP answer, ms, median (p90)',
    value: (f) => med(f.boot?.cliMs ?? []),
    detail: (f) => (f.boot?.cliMs.length ? ` (p90 ${fixed(percentile(f.boot.cliMs, 90), 0)})` : ''),
  },
  {
    key: 'rssReady', better: 'lower', digits: 1,
    label: () => 'QEMU RSS at ready (default -m), MiB',
    value: (f) => (f.boot?.rssReadyKiB.length ? mib(median(f.boot.rssReadyKiB)) : undefined),
    detail: (f) => (f.boot ? ` (-m ${f.boot.memoryMiB})` : ''),
  },
  {
    key: 'smallest', better: 'lower', digits: 0, target: { ratio: 4, text: '<= 1/4' },
    label: () => 'smallest working -m (serves through load), MiB',
    value: (f) => f.footprint?.smallestMiB,
  },
  {
    key: 'rssIdleSmallest', better: 'lower', digits: 1,
    label: () => 'QEMU RSS idle at that -m, MiB',
    value: (f) => (f.footprint?.rssIdleKiB ? mib(f.footprint.rssIdleKiB) : undefined),
  },
  {
    key: 'rssLoadSmallest', better: 'lower', digits: 1,
    label: () => 'QEMU RSS after load at that -m, MiB',
    value: (f) => (f.footprint?.rssAfterLoadKiB ? mib(f.footprint.rssAfterLoadKiB) : undefined),
  },
  {
    key: 'image', better: 'lower', digits: 2,
    label: () => 'image bytes (what QEMU loads), MiB',
    value: (f) => (f.imageBytes === undefined ? undefined : f.imageBytes / 2 ** 20),
  },
  {
    key: 'density', better: 'higher', digits: 0, target: { ratio: 4, text: '>= 4x' },
    label: (r) => `density: instances answering GET within 1 s, all at once, in ${fixed(r.options.densityBudgetMiB / 1024, 0)} GiB of guest memory`,
    value: (f) => f.density?.answered,
    detail: (f) => (f.density ? ` of ${f.density.launched} at -m ${f.density.memoryMiB} (cap: ${f.density.stoppedEarly ? f.density.stoppedEarly.split(':')[0] : f.density.cappedBy})` : ''),
  },
  {
    key: 'bootsPerSec', better: 'higher', digits: 2,
    label: (r) => `boots per second, started back to back (${r.options.window} booting at once)`,
    value: (f) => (f.density?.ready ? f.density.bootsPerSec : undefined),
  },
  {
    key: 'rps', better: 'higher', digits: 0, target: { ratio: 1, text: '>= 1x' },
    label: (r) => `requests/s, wrk -t2 -c50 ${r.options.duration} s, median of ${r.options.rounds}`,
    value: (f) => med(f.load?.wrk.map((w) => w.requestsPerSec) ?? []),
    detail: (f) => {
      const errors = f.load?.wrk.reduce((a, w) => a + w.errors, 0) ?? 0;
      return errors ? ` [${errors} errors]` : '';
    },
  },
  { key: 'p50', better: 'lower', digits: 2, label: () => 'latency p50, ms', value: (f) => med(f.load?.wrk.map((w) => w.p50Ms) ?? []) },
  { key: 'p99', better: 'lower', digits: 2, label: () => 'latency p99, ms', value: (f) => med(f.load?.wrk.map((w) => w.p99Ms) ?? []) },
  {
    key: 'cpuPerRequest', better: 'lower', digits: 2,
    label: () => 'host CPU per request under load, ms',
    value: (f) => med(f.load?.cpuMsPerRequest ?? []),
  },
  {
    key: 'idleCpu', better: 'lower', digits: 2,
    label: (r) => `idle cost: host CPU over ${r.options.idle} s, % of one CPU`,
    value: (f) => f.load?.idleCpuPct,
  },
];

function cell(spec: Spec, f: SystemFigures | undefined, key: SystemKey, r: CompareResult): Cell {
  if (!f) return { text: 'not run' };
  if (f.status) return { text: f.status };
  if (spec.only && spec.only !== key) return { text: '-' };
  const v = spec.value(f);
  if (v === undefined || !Number.isFinite(v)) return { text: '-' };
  return { value: v, text: fixed(v, spec.digits) + (spec.detail?.(f, r) ?? '') };
}

export function rowsFor(r: CompareResult, a: AccelResults): Row[] {
  return SPECS.map((spec) => {
    const cells = { linux: cell(spec, a.systems.linux, 'linux', r), nephos: cell(spec, a.systems.nephos, 'nephos', r) };
    const l = cells.linux.value;
    const n = cells.nephos.value;
    let ratio: number | undefined;
    if (l !== undefined && n !== undefined && l > 0 && n > 0) ratio = spec.better === 'lower' ? l / n : n / l;
    // A system that served nothing at all still loses a "higher is better" comparison.
    else if (spec.better === 'higher' && l === 0 && n !== undefined && n > 0) ratio = Infinity;
    const row: Row = { key: spec.key, label: spec.label(r), cells, better: spec.better, ratio };
    if (spec.target) row.target = { ...spec.target, met: ratio === undefined ? undefined : ratio >= spec.target.ratio };
    return row;
  });
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '-';
  if (!Number.isFinite(ratio)) return 'only Nephos';
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}x`;
}

/** A Markdown table (also what the console shows). */
export function markdownTable(rows: Row[], names: Record<SystemKey, string>, withTargets: boolean): string {
  const header = ['measure', names.linux, names.nephos, 'Nephos vs Linux', ...(withTargets ? ['target'] : [])];
  const body = rows.map((row) => {
    const t = row.target;
    const verdict = !t ? '' : t.met === undefined ? `${t.text}` : `${t.text}: ${t.met ? 'met' : 'not met'}`;
    return [row.label, row.cells.linux.text, row.cells.nephos.text, formatRatio(row.ratio), ...(withTargets ? [verdict] : [])];
  });
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
