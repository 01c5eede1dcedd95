// Nephos against a Linux microVM, one run, the same app (examples/http) on both (issue 7):
//   boot to ready     QEMU launch to the first GET / answered; median and p90 of N, A B A B
//   footprint         the smallest -m that serves through load; QEMU RSS idle and after load there;
//                     image bytes
//   density           instances at their smallest -m answering GET within 1 s, all at once, inside
//                     a fixed guest-memory budget (capped by host memory, said so); boots per second
//   throughput        wrk -t2 -c50, requests/s, p50/p99, host CPU per request; rounds alternate
//   idle cost         host CPU% of an idle instance
// Fairness: the same QEMU (through bench/compare/qemu.sh), machine type (microvm), accelerator,
// -cpu, user-mode networking with hostfwd, virtio-net, and TCG translation-cache size on both
// sides; ratios only within one accelerator. On a kvm_pvm host Linux cannot boot under KVM: its
// KVM cells read "n/a (kvm_pvm)" and the targets are TCG against TCG.
//
//   npm run bench [-- --quick]            (npm run bench --quick works too)
//   node bench/run.mjs compare [flags]    flags: bench/compare/options.ts
//   node bench/run.mjs compare --report   charts and README from the newest results, no measuring
// Writes bench/results/compare-<timestamp>.json and the charts, and updates README.md's
// benchmark section (bench/compare/report.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../cli/toolchain/paths';
import { NICE, type Accel } from './linux/systems';
import { measureBoots } from './compare/boot';
import { measureDensity } from './compare/density';
import { measureFootprint } from './compare/footprint';
import { describeHost, hostInfo, kvmUsable } from './compare/host';
import { measureLoad } from './compare/load';
import { parseOptions, UsageError, type Options } from './compare/options';
import { latestResult, readmeSection, resultFileName, tablesFor, targetLines, withReadmeSection, writeCharts } from './compare/report';
import { SCHEMA, type AccelResults, type CompareResult, type SystemFigures } from './compare/results';
import { epochMs, killEverything, linuxSystem, nephosSystem, type CompareSystem } from './compare/systems';

const started = performance.now();
const log = (m: string) => console.error(`compare [${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s]: ${m}`);
const RESULTS = join(ROOT, 'bench', 'results');

/** Charts and README from the run the README should show (the newest full one, else quick). */
function report(dir: string, readme: boolean): void {
  const latest = latestResult(dir);
  if (!latest) throw new Error(`no compare-*.json results in ${dir}`);
  const files = writeCharts(latest.result, dir);
  log(`charts from ${relative(ROOT, latest.file)}: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
  if (readme) {
    const path = join(ROOT, 'README.md');
    writeFileSync(path, withReadmeSection(readFileSync(path, 'utf8'), readmeSection(latest.result, relative(ROOT, latest.file))));
    log('README.md benchmark section updated');
  }
}

async function measureAccel(systems: CompareSystem[], accel: Accel, o: Options): Promise<AccelResults> {
  const figures = new Map<CompareSystem, SystemFigures>();
  const active: CompareSystem[] = [];
  for (const s of systems) {
    const f: SystemFigures = {};
    figures.set(s, f);
    log(`preparing ${s.name} (${accel})`);
    try {
      f.status = await s.prepare(accel);
    } catch (e) {
      f.status = `n/a (${(e as Error).message.split('\n')[0]})`;
    }
    f.imageBytes = s.imageBytes();
    if (f.status) log(`${s.name} (${accel}): ${f.status}`);
    else active.push(s);
  }
  if (active.length) {
    log(`${accel}: ${o.runs} boots each, alternating ${active.map((s) => s.name).join(', ')}`);
    for (const [s, b] of await measureBoots(active, accel, o.runs, log)) figures.get(s)!.boot = b;
    for (const s of active) {
      log(`${s.name} (${accel}): smallest working -m`);
      figures.get(s)!.footprint = await measureFootprint(s, accel, o.memorySteps, Math.min(5, o.duration), log);
    }
    for (const s of active) {
      const fp = figures.get(s)!.footprint!;
      const rss = Math.max(fp.rssIdleKiB ?? 0, fp.rssAfterLoadKiB ?? 0);
      if (!fp.smallestMiB || !rss) {
        log(`${s.name} (${accel}): no density run (no smallest working -m)`);
        continue;
      }
      figures.get(s)!.density = await measureDensity(s, accel, {
        budgetMiB: o.densityBudgetMiB, memoryMiB: fp.smallestMiB, rssKiB: rss, reserveMiB: o.reserveMiB, max: o.densityMax, window: o.window, log,
      });
    }
    for (const [s, l] of await measureLoad(active, accel, { rounds: o.rounds, duration: o.duration, warmup: o.warmup, idle: o.idle, log })) figures.get(s)!.load = l;
  }
  return { accel, systems: Object.fromEntries(systems.map((s) => [s.key, figures.get(s)!])) };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const reportOnly = argv.includes('--report');
  const o = parseOptions(argv.filter((a) => a !== '--report'));
  const outDir = o.outDir ?? RESULTS;
  if (reportOnly) return report(outDir, o.readme);

  const host = hostInfo();
  const accels: Accel[] = o.accels ?? (kvmUsable() ? ['tcg', 'kvm'] : ['tcg']);
  // Short path: Nephos's instance sockets live under it (107-byte limit).
  const scratch = mkdtempSync(join(tmpdir(), 'nb-'));
  process.on('exit', () => {
    killEverything();
    rmSync(scratch, { recursive: true, force: true });
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));
  const sysOpts = { tbSizeMiB: o.tbSizeMiB, scratch, log };
  const systems: CompareSystem[] = o.systems.map((k) => (k === 'linux' ? linuxSystem(sysOpts) : nephosSystem(sysOpts)));

  console.log(`Nephos vs a Linux microVM, examples/http — ${new Date().toISOString()} (${o.mode})`);
  console.log(`host: ${describeHost(host)}`);
  if (host.kvm === 'kvm_pvm') console.log("KVM here is nested PVM: Debian's kernel cannot run under it, so Linux is measured under TCG only (KVM rows: Nephos alone).");
  const t0 = epochMs();
  const results: AccelResults[] = [];
  for (const accel of accels) results.push(await measureAccel(systems, accel, o));
  const { readme: _readme, outDir: _out, ...options } = o;
  const result: CompareResult = {
    schema: SCHEMA,
    date: new Date().toISOString(),
    mode: o.mode,
    minutes: (epochMs() - t0) / 60000,
    host,
    options,
    nice: NICE.join(' '),
    systems: systems.map((s) => ({ key: s.key, name: s.name, describe: s.describe() })),
    accels: results,
  };
  console.log('');
  for (const s of result.systems) for (const line of s.describe) console.log(line);
  for (const t of tablesFor(result)) console.log(`\n${t}`);
  console.log(`\nTargets (TCG against TCG):\n${targetLines(result).join('\n')}`);
  console.log(`\n${result.minutes.toFixed(1)} minutes; every VM and wrk under \`${result.nice}\`.`);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, resultFileName(result.date));
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`results: ${relative(process.cwd(), file)}`);
  if (o.mode === 'smoke' || o.outDir) writeCharts(result, outDir);
  else report(outDir, o.readme);
}

main().catch((e) => {
  if (e instanceof UsageError) {
    console.error(`compare: ${e.message} (flags: see bench/compare/options.ts)`);
    process.exit(2);
  }
  console.error(`compare: ${e.stack ?? e.message}`);
  process.exit(1);
});
