// What a run leaves behind, all derived from its JSON (so `node bench/run.mjs compare --report`
// can redo it without measuring):
//   bench/results/compare-<timestamp>.json   every sample (results.ts), one file per run
//   bench/results/{boot,memory,density,requests}.svg   charts of the run the README shows
//   README.md, between the bench:compare markers: date, host, the tables, the targets, the charts
// The README shows the newest full run; quick runs only until a full run exists (a quick run
// after a full one does not replace its numbers). Smoke runs never touch the README.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { barChart, COLORS, type Bar, type BarGroup } from '../charts';
import { percentile } from '../lib';
import { describeHost, shortHost } from './host';
import { SCHEMA, type AccelResults, type CompareResult, type SystemFigures } from './results';
import { formatRatio, markdownTable, rowsFor, type Row, type SystemKey } from './summary';

const NAMES: Record<SystemKey, string> = { linux: 'Linux microVM', nephos: 'Nephos' };
export const CHARTS = ['boot', 'memory', 'density', 'requests'] as const;

export const resultFileName = (date: string) => `compare-${date.replace(/[:.]/g, '-')}.json`;

/** The run the README and charts should show: the newest full run, else the newest quick run. */
export function latestResult(dir: string): { file: string; result: CompareResult } | undefined {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^compare-.*\.json$/.test(f)).sort().reverse();
  } catch {
    return undefined;
  }
  let quick: { file: string; result: CompareResult } | undefined;
  for (const f of files) {
    let r: CompareResult;
    try {
      r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch {
      continue;
    }
    if (r.schema !== SCHEMA) continue;
    if (r.mode === 'full') return { file: join(dir, f), result: r };
    if (r.mode === 'quick') quick ??= { file: join(dir, f), result: r };
  }
  return quick;
}

const subtitle = (r: CompareResult) => `${r.date.slice(0, 10)}, ${r.mode} run; ${shortHost(r.host)}`;

function bars(a: AccelResults, value: (f: SystemFigures, k: SystemKey) => { value?: number; whisker?: number; note?: string } | undefined): Bar[] {
  return (['linux', 'nephos'] as const)
    .filter((k) => a.systems[k])
    .map((k) => {
      const f = a.systems[k]!;
      const v = f.status ? { note: f.status } : value(f, k) ?? { note: 'not measured' };
      return { label: NAMES[k], color: COLORS[k], ...v };
    });
}

const rowValue = (rows: Row[], key: string, k: SystemKey) => rows.find((r) => r.key === key)?.cells[k].value;

export function chartsFor(r: CompareResult): Record<(typeof CHARTS)[number], string> {
  const groups = (label: (a: AccelResults) => string, value: Parameters<typeof bars>[1]): BarGroup[] =>
    r.accels.map((a) => ({ label: label(a), bars: bars(a, value) }));
  const acc = (a: AccelResults) => a.accel.toUpperCase();
  const sub = subtitle(r);
  const boot = barChart({
    title: 'Boot to ready: QEMU launch to the first HTTP answer', subtitle: `${sub}; bar: median, line: p90 of ${r.options.runs}`, unit: 'ms',
    groups: groups(acc, (f) => {
      const xs = f.boot?.qemuMs ?? [];
      if (!xs.length) return undefined;
      const sorted = [...xs].sort((p, q) => p - q);
      const med = sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      return { value: med, whisker: percentile(xs, 90) };
    }),
  });
  const memGroups: BarGroup[] = [];
  for (const a of r.accels) {
    memGroups.push({ label: `${acc(a)}: smallest working -m`, bars: bars(a, (f) => (f.footprint?.smallestMiB ? { value: f.footprint.smallestMiB } : undefined)) });
    memGroups.push({ label: `${acc(a)}: QEMU RSS idle at that -m`, bars: bars(a, (f) => (f.footprint?.rssIdleKiB ? { value: f.footprint.rssIdleKiB / 1024 } : undefined)) });
    memGroups.push({ label: `${acc(a)}: QEMU RSS after load at that -m`, bars: bars(a, (f) => (f.footprint?.rssAfterLoadKiB ? { value: f.footprint.rssAfterLoadKiB / 1024 } : undefined)) });
  }
  const memory = barChart({ title: 'Memory: guest size and host cost', subtitle: sub, unit: 'MiB', digits: 1, groups: memGroups });
  const density = barChart({
    title: `Density: instances answering within 1 s in ${(r.options.densityBudgetMiB / 1024).toFixed(0)} GiB of guest memory`, subtitle: sub, unit: 'instances', digits: 0,
    groups: groups(acc, (f) =>
      f.density ? { value: f.density.answered, note: `(-m ${f.density.memoryMiB}; cap: ${f.density.stoppedEarly ? f.density.stoppedEarly.split(':')[0] : f.density.cappedBy})` } : undefined),
  });
  const requests = barChart({
    title: `Requests per second: wrk -c50, ${r.options.duration} s`, subtitle: sub, unit: 'requests/s', digits: 0,
    groups: r.accels.map((a) => {
      const rows = rowsFor(r, a);
      return {
        label: acc(a),
        bars: bars(a, (_f, k) => {
          const v = rowValue(rows, 'rps', k);
          const p99 = rowValue(rows, 'p99', k);
          return v === undefined ? undefined : { value: v, note: p99 === undefined ? undefined : `(p99 ${p99.toFixed(0)} ms)` };
        }),
      };
    }),
  });
  return { boot, memory, density, requests };
}

/** The verdict lines: where each of the issue's targets stands under TCG. */
export function targetLines(r: CompareResult): string[] {
  const tcg = r.accels.find((a) => a.accel === 'tcg');
  if (!tcg) return ['No TCG run: the targets are measured TCG against TCG.'];
  return rowsFor(r, tcg)
    .filter((row) => row.target)
    .map((row) => {
      const t = row.target!;
      const state = t.met === undefined ? 'not measured' : t.met ? 'met' : 'not met';
      return `- ${row.label.split(':')[0].split(',')[0]}: Nephos ${formatRatio(row.ratio)} (target ${t.text}): **${state}**`;
    });
}

export function tablesFor(r: CompareResult): string[] {
  return r.accels.map((a) => {
    const title = `**${a.accel.toUpperCase()}**${a.accel === 'kvm' && a.systems.linux?.status ? ' (Nephos alone: Linux cannot run under this KVM)' : ''}`;
    return `${title}\n\n${markdownTable(rowsFor(r, a), NAMES, a.accel === 'tcg')}`;
  });
}

export const BEGIN = '<!-- bench:compare:begin -->';
export const END = '<!-- bench:compare:end -->';

/** The generated part of README's benchmark section. */
export function readmeSection(r: CompareResult, resultPath: string): string {
  return [
    BEGIN,
    `<!-- generated from ${resultPath} by \`node bench/run.mjs compare --report\`; edits here are overwritten -->`,
    '',
    `Latest ${r.mode} run: ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.minutes.toFixed(1)} minutes, on ${describeHost(r.host)}.`,
    `Every VM and wrk ran under \`${r.nice}\`; TCG translation cache ${r.options.tbSizeMiB ? `${r.options.tbSizeMiB} MiB` : "QEMU's default"} on both sides.`,
    '',
    ...tablesFor(r).flatMap((t) => [t, '']),
    'Targets (TCG against TCG):',
    '',
    ...targetLines(r),
    '',
    ...CHARTS.map((c) => `![${c}](bench/results/${c}.svg)`),
    '',
    END,
  ].join('\n');
}

/**
 * README with its generated section replaced. A README without the markers gets the section
 * appended under a "## Benchmark" heading placed before `beforeHeading` (or at the end).
 */
export function withReadmeSection(readme: string, section: string, beforeHeading = '## What Nephos does not do yet'): string {
  const b = readme.indexOf(BEGIN);
  const e = readme.indexOf(END);
  if (b >= 0 && e > b) return readme.slice(0, b) + section + readme.slice(e + END.length);
  const block = `## Benchmark\n\n${section}\n\n`;
  const at = readme.indexOf(`\n${beforeHeading}\n`);
  if (at < 0) return `${readme.trimEnd()}\n\n${block.trimEnd()}\n`;
  return readme.slice(0, at + 1) + block + readme.slice(at + 1);
}

/** Writes the charts of `r` into `dir`. */
export function writeCharts(r: CompareResult, dir: string): string[] {
  const charts = chartsFor(r);
  return CHARTS.map((c) => {
    const file = join(dir, `${c}.svg`);
    writeFileSync(file, charts[c]);
    return file;
  });
}
