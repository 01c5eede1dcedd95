import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BEGIN, chartsFor, END, latestResult, readmeSection, resultFileName, targetLines, withReadmeSection } from './report';
import { SCHEMA, type CompareResult, type SystemFigures } from './results';
import { markdownTable, rowsFor } from './summary';

const wrk = (rps: number, p50: number, p99: number, errors = 0) => ({ requestsPerSec: rps, p50Ms: p50, p90Ms: p99 / 2, p99Ms: p99, requests: rps * 20, errors, command: 'wrk' });

function figures(o: { boot: number[]; smallest: number; rss: number; answered: number; rps: number[]; image: number }): SystemFigures {
  return {
    imageBytes: o.image,
    boot: { memoryMiB: 128, qemuMs: o.boot, cliMs: o.boot.map((b) => b + 150), rssReadyKiB: [o.rss * 1024], failures: [] },
    footprint: { tried: [{ mib: o.smallest, serves: true }], smallestMiB: o.smallest, rssIdleKiB: o.rss * 1024, rssAfterLoadKiB: (o.rss + 10) * 1024 },
    density: {
      budgetMiB: 8192, memoryMiB: o.smallest, limits: { budget: Math.floor(8192 / o.smallest), hostMemory: 300 }, planned: o.answered, cappedBy: 'guest-memory budget',
      window: 4, launched: o.answered, ready: o.answered, answered: o.answered, bootsPerSec: 1, firstLaunchToLastReadyMs: 1000,
      rssTotalKiB: 0, memAvailableBeforeMiB: 0, memAvailableAtPeakMiB: 0, settleMs: 5000, fleetCpuPct: 3, exited: 0, failures: [], unanswered: [],
    },
    load: { memoryMiB: 128, wrk: o.rps.map((r) => wrk(r, 10, 100)), rssAfterLoadKiB: [o.rss * 1024], cpuMsPerRequest: [2], idleCpuPct: 0.5, failures: [] },
  };
}

function result(mode: CompareResult['mode'], date: string): CompareResult {
  return {
    schema: SCHEMA, date, mode, minutes: 9.5,
    host: { cpu: 'AMD EPYC', cpus: 2, memoryMiB: 24105, kernel: '6.1', qemu: 'QEMU 7.2.22 (Debian)', kvm: 'kvm_pvm', nested: true },
    options: { mode, runs: 3, duration: 20, warmup: 5, rounds: 2, idle: 10, densityBudgetMiB: 8192, window: 4, reserveMiB: 4096, tbSizeMiB: 256, memorySteps: [12, 288], systems: ['linux', 'nephos'] },
    nice: 'nice -n 10',
    systems: [{ key: 'linux', name: 'Linux microVM', describe: [] }, { key: 'nephos', name: 'Nephos', describe: [] }],
    accels: [
      {
        accel: 'tcg',
        systems: {
          linux: figures({ boot: [5000, 6000, 7000], smallest: 288, rss: 460, answered: 28, rps: [800, 900], image: 100 * 2 ** 20 }),
          nephos: figures({ boot: [300, 400, 500], smallest: 12, rss: 54, answered: 100, rps: [200, 240], image: 2 * 2 ** 20 }),
        },
      },
      { accel: 'kvm', systems: { linux: { status: 'n/a (kvm_pvm)' }, nephos: figures({ boot: [280], smallest: 16, rss: 48, answered: 300, rps: [2500], image: 2 * 2 ** 20 }) } },
    ],
  };
}

test('rows: ratios say how many times Nephos is better, targets are judged, statuses shown', () => {
  const r = result('full', '2026-11-25T12:00:00.000Z');
  const tcg = rowsFor(r, r.accels[0]);
  const row = (k: string) => tcg.find((x) => x.key === k)!;
  assert.equal(row('boot').ratio, 15); // 6000 / 400
  assert.equal(row('boot').cells.nephos.text, '400 (p90 500)');
  assert.deepEqual(row('boot').target, { ratio: 10, text: '>= 10x faster', met: true });
  assert.equal(row('smallest').ratio, 24);
  assert.equal(row('smallest').target?.met, true);
  assert.equal(row('density').ratio, 100 / 28);
  assert.equal(row('density').target?.met, false);
  assert.equal(row('rps').ratio, 220 / 850);
  assert.equal(row('rps').target?.met, false);
  assert.equal(row('bootCli').cells.linux.text, '-');
  assert.equal(row('bootCli').ratio, undefined);
  const kvm = rowsFor(r, r.accels[1]);
  assert.equal(kvm[0].cells.linux.text, 'n/a (kvm_pvm)');
  assert.equal(kvm[0].ratio, undefined);
  assert.equal(kvm[0].cells.nephos.value, 280);
});

test('a Linux that answers nothing loses a higher-is-better comparison', () => {
  const r = result('full', '2026-11-25T12:00:00.000Z');
  r.accels[0].systems.linux!.density!.answered = 0;
  const density = rowsFor(r, r.accels[0]).find((x) => x.key === 'density')!;
  assert.equal(density.ratio, Infinity);
  assert.equal(density.target?.met, true);
});

test('the table and the target lines', () => {
  const r = result('full', '2026-11-25T12:00:00.000Z');
  const md = markdownTable(rowsFor(r, r.accels[0]), { linux: 'Linux microVM', nephos: 'Nephos' }, true);
  const lines = md.split('\n');
  assert.match(lines[0], /^\| measure +\| +Linux microVM \| +Nephos \| Nephos vs Linux \| +target \|$/);
  assert.match(lines[1], /^\|:-+\|-+:\|-+:\|-+:\|-+:\|$/);
  assert.ok(lines.every((l) => l.length === lines[0].length), 'aligned columns');
  assert.match(md, /\| +15\.0x \| >= 10x faster: met \|/);
  assert.deepEqual(targetLines(r), [
    '- boot to ready: Nephos 15.0x (target >= 10x faster): **met**',
    '- smallest working -m (serves through load): Nephos 24.0x (target <= 1/4): **met**',
    '- density: Nephos 3.57x (target >= 4x): **not met**',
    '- requests/s: Nephos 0.26x (target >= 1x): **not met**',
  ]);
});

test('README: the section goes before the given heading once, then only its inside changes', () => {
  const readme = '# Nephos\n\nintro\n\n## What Nephos does not do yet\n\n- things\n';
  const r = result('full', '2026-11-25T12:00:00.000Z');
  const first = withReadmeSection(readme, readmeSection(r, 'bench/results/a.json'));
  assert.match(first, /## Benchmark\n\n<!-- bench:compare:begin -->/);
  assert.ok(first.indexOf('## Benchmark') < first.indexOf('## What Nephos does not do yet'));
  assert.match(first, /Latest full run: 2026-11-25 12:00 UTC, 9.5 minutes, on AMD EPYC, 2 CPUs/);
  assert.match(first, /!\[boot\]\(bench\/results\/boot\.svg\)/);
  assert.match(first, /\*\*KVM\*\* \(Nephos alone/);
  // Hand-written text around the markers survives a second update.
  const edited = first.replace('## Benchmark\n\n', '## Benchmark\n\nHow to run it.\n\n');
  const r2 = result('full', '2026-11-26T08:30:00.000Z');
  const second = withReadmeSection(edited, readmeSection(r2, 'bench/results/b.json'));
  assert.match(second, /How to run it\.\n\n<!-- bench:compare:begin -->/);
  assert.match(second, /2026-11-26 08:30 UTC/);
  assert.doesNotMatch(second, /2026-11-25 12:00 UTC/);
  assert.equal(second.split(BEGIN).length, 2);
  assert.equal(second.split(END).length, 2);
  assert.match(second, /- things\n$/);
});

test('latestResult shows the newest full run over a newer quick one; quick only without a full one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compare-results-'));
  try {
    assert.equal(latestResult(dir), undefined);
    const put = (r: CompareResult) => writeFileSync(join(dir, resultFileName(r.date)), JSON.stringify(r));
    put(result('quick', '2026-11-20T10:00:00.000Z'));
    assert.equal(latestResult(dir)?.result.date, '2026-11-20T10:00:00.000Z');
    put(result('full', '2026-11-21T10:00:00.000Z'));
    put(result('quick', '2026-11-22T10:00:00.000Z'));
    put(result('smoke', '2026-11-23T10:00:00.000Z'));
    writeFileSync(join(dir, 'compare-2026-11-24T10-00-00-000Z.json'), '{not json');
    writeFileSync(join(dir, 'compare-2026-11-25T10-00-00-000Z.json'), JSON.stringify({ schema: 'other/9', mode: 'full' }));
    const latest = latestResult(dir)!;
    assert.equal(latest.result.date, '2026-11-21T10:00:00.000Z');
    assert.equal(latest.file, join(dir, 'compare-2026-11-21T10-00-00-000Z.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the four charts carry the run\'s numbers and the host', () => {
  const c = chartsFor(result('full', '2026-11-25T12:00:00.000Z'));
  assert.deepEqual(Object.keys(c), ['boot', 'memory', 'density', 'requests']);
  for (const svg of Object.values(c)) {
    assert.match(svg, /^<svg /);
    assert.match(svg, /2026-11-25, full run; AMD EPYC, 2 CPUs; KVM: nested PVM; QEMU 7\.2\.22/);
    assert.match(svg, /n\/a \(kvm_pvm\)/);
  }
  assert.match(c.boot, />6,000</); // Linux's median
  assert.match(c.boot, />400</);
  assert.match(c.memory, />288.0</);
  assert.match(c.density, />100 \(-m 12; cap: guest-memory budget\)</);
  assert.match(c.requests, />220 \(p99 100 ms\)</);
});
