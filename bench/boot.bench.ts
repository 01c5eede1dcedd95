// Boot and footprint of a Nephos VM (issue 2's figures), under every accelerator this host has:
//   guest boot entry -> the app's first line (guest clock), QEMU launch -> exit of a built hello,
//   `nephos run hello.img` wall time, image bytes, QEMU resident memory, the smallest working -m.
// Prints a table with the targets; numbers are medians of N runs (--quick: fewer).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootFiles } from '../cli/image';
import { encodeGuestConfig, qemuArgs } from '../cli/run/qemu';
import { parseArchive } from '../os/fs/archive';
import { hostDescription, kvmUsable, median, percentile, readStatusKb, table, timed } from './lib';

const ROOT = process.env.NEPHOS_ROOT ?? process.cwd();
const NEPHOS = join(ROOT, 'cli/bin/nephos.js');
const quick = process.argv.includes('--quick');
// The runs' instances (one per `nephos run`) live in a scratch NEPHOS_HOME, removed at the end, so
// the benchmark leaves nothing in the user's `nephos ps -a`.
const SCRATCH_HOME = mkdtempSync(join(tmpdir(), 'nephos-bench-home-'));
process.env.NEPHOS_HOME = SCRATCH_HOME;
process.on('exit', () => rmSync(SCRATCH_HOME, { recursive: true, force: true }));
const N = quick ? 3 : 10;

async function nephos(args: string[], env?: Record<string, string>) {
  return timed(process.execPath, [NEPHOS, ...args], env);
}

async function build(appDir: string, out: string): Promise<string> {
  const r = await nephos(['build', appDir, '-o', out]);
  if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`);
  return out;
}

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-bench-'));
  for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), v);
  return dir;
}

/** QEMU launch to exit, bypassing the host tool (same command line as `nephos run`). */
function qemuOnce(img: string, accel: 'kvm' | 'tcg', memory = 128 << 20): Promise<number> {
  const files = bootFiles(img);
  const dir = mkdtempSync(join(tmpdir(), 'nephos-bench-'));
  const args = qemuArgs({
    kernel: files.kernel, initrd: files.initrd, memoryBytes: memory, accel,
    append: encodeGuestConfig({ argv: [], env: {}, tty: { stdout: false, stderr: false } }),
    stdio: { fd: 3 }, controlSocket: join(dir, 'c.sock'),
  });
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const c = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    (c.stdio[3] as NodeJS.ReadableStream).on('data', () => {});
    c.stdout!.on('data', () => {});
    c.stderr!.on('data', () => {});
    c.on('error', reject);
    c.on('close', (code) => (code === 1 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`qemu exit ${code}`))));
  });
}

/** QEMU's resident memory while the app idles. */
async function qemuRss(img: string, accel: string): Promise<number> {
  const c = spawn(process.execPath, [NEPHOS, 'run', '--accel', accel, img], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((r) => setTimeout(r, 1500));
  const { readdirSync } = await import('node:fs');
  let rss = 0;
  for (const t of readdirSync(`/proc/${c.pid}/task`)) {
    for (const p of readFileSync(`/proc/${c.pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      rss = Math.max(rss, readStatusKb(Number(p), 'VmRSS') ?? 0);
    }
  }
  await new Promise((r) => c.on('close', r));
  return rss * 1024;
}

async function smallestMemory(img: string, accel: string): Promise<number> {
  for (const mb of [4, 5, 6, 8, 10, 12, 16, 24, 32]) {
    const r = await nephos(['run', '--accel', accel, '-m', `${mb}M`, img]);
    if (r.code === 0) return mb;
  }
  return NaN;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'nephos-bench-'));
  mkdirSync(work, { recursive: true });
  const hello = await build(join(ROOT, 'examples/hello'), join(work, 'hello.img'));
  const first = await build(app({ 'index.js': 'console.log(performance.now());\n' }), join(work, 'first.img'));
  const idle = await build(app({ 'index.js': 'setTimeout(() => {}, 3000);\n' }), join(work, 'idle.img'));
  const files = bootFiles(hello);
  const kernelBytes = statSync(files.kernel).size;
  const osBytes = parseArchive(readFileSync(files.initrd)).find((e) => e.path === '/nephos/os.qbc')!.data.length;

  console.log(`Nephos boot benchmark — ${new Date().toISOString()}`);
  console.log(`host: ${hostDescription()}`);
  const accels: ('kvm' | 'tcg')[] = kvmUsable() ? ['kvm', 'tcg'] : ['tcg'];
  const rows: (string | number)[][] = [];
  for (const accel of accels) {
    const firstLine: number[] = [];
    const launch: number[] = [];
    const run: number[] = [];
    for (let i = 0; i < N; i++) {
      const r = await nephos(['run', '--accel', accel, first]);
      firstLine.push(Number(r.stdout.trim()));
      launch.push(await qemuOnce(hello, accel));
      run.push((await nephos(['run', '--accel', accel, hello])).ms);
    }
    const rss = await qemuRss(idle, accel);
    const minMem = await smallestMemory(hello, accel);
    const fmt = (xs: number[]) => `${median(xs).toFixed(1)} (p90 ${percentile(xs, 90).toFixed(1)})`;
    rows.push([`boot entry -> first app line, ms (${accel})`, fmt(firstLine), accel === 'kvm' ? '< 5' : '-']);
    rows.push([`QEMU launch -> exit, hello, ms (${accel})`, fmt(launch), accel === 'kvm' ? '< 60' : '-']);
    rows.push([`nephos run hello.img wall, ms (${accel})`, fmt(run), '< 250']);
    rows.push([`QEMU RSS, idle app, MiB (${accel})`, (rss / 2 ** 20).toFixed(1), '-']);
    rows.push([`smallest working -m, MiB (${accel})`, minMem, '<= 16']);
  }
  rows.push(['kernel ELF (stripped), KiB', (kernelBytes / 1024).toFixed(0), '-']);
  rows.push(['OS bytecode, KiB', (osBytes / 1024).toFixed(0), '-']);
  rows.push(['kernel + OS, KiB', ((kernelBytes + osBytes) / 1024).toFixed(0), '< 1536']);
  rows.push(['hello image, KiB', (statSync(hello).size / 1024).toFixed(0), '-']);
  table(`Boot and footprint (median of ${N}; p90 in parentheses)`, ['measure', 'Nephos', 'target'], rows);
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
