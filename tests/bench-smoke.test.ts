// The comparison benchmark (bench/compare.bench.ts, issue 7) in miniature, so it cannot rot: the
// real `node bench/run.mjs compare` with --smoke (TCG, 2 boots each, a 4-step memory ladder, a
// density of 3, 2 s of load), writing into a temporary directory. It must produce every figure of
// the table for both systems; nothing here looks at how good the numbers are (timing is not
// asserted: the host is shared). About two minutes; the Linux side needs a Debian host (its
// baseline is built from Debian's kernel package), elsewhere only Nephos is measured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA, type CompareResult } from '../bench/compare/results';
import { rowsFor } from '../bench/compare/summary';
import { ROOT } from './helpers';

const debian = existsSync('/usr/bin/apt-get') && existsSync('/usr/bin/dpkg-deb');
const systems = debian ? ['linux', 'nephos'] as const : ['nephos'] as const;

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends the benchmark and its VMs, not only bench/run.mjs.
    const c = spawn(process.execPath, [join(ROOT, 'bench', 'run.mjs'), 'compare', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      process.kill(-c.pid!, 'SIGTERM');
      reject(new Error(`bench did not finish in ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    c.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test('npm run bench in miniature produces every figure for both systems', { timeout: 1_200_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  try {
    const r = await run(['--smoke', `--out=${out}`, `--systems=${systems.join(',')}`], 1_100_000);
    assert.equal(r.code, 0, r.out);
    const files = readdirSync(out);
    const json = files.filter((f) => /^compare-.*\.json$/.test(f));
    assert.equal(json.length, 1, files.join(' '));
    for (const chart of ['boot', 'memory', 'density', 'requests']) {
      assert.match(readFileSync(join(out, `${chart}.svg`), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>\n$/, chart);
    }
    const res = JSON.parse(readFileSync(join(out, json[0]), 'utf8')) as CompareResult;
    assert.equal(res.schema, SCHEMA);
    assert.equal(res.mode, 'smoke');
    assert.ok(res.host.cpu && res.host.cpus > 0 && res.host.qemu.startsWith('QEMU'), JSON.stringify(res.host));
    assert.deepEqual(res.accels.map((a) => a.accel), ['tcg']);
    const tcg = res.accels[0];
    for (const k of systems) {
      const f = tcg.systems[k]!;
      const why = `${k}: ${JSON.stringify(f, null, 1).slice(0, 3000)}`;
      assert.equal(f.status, undefined, why);
      assert.equal(f.boot!.qemuMs.length, 2, why);
      assert.equal(f.density!.planned, 3, why);
      assert.equal(f.density!.cappedBy, '--density', why);
      assert.equal(f.density!.launched, 3, why);
      assert.equal(f.load!.wrk.length, 1, why);
    }
    // Every row of the table has a number for every system (the Nephos-only CLI row aside).
    for (const row of rowsFor(res, tcg)) {
      for (const k of systems) {
        if (row.key === 'bootCli' && k === 'linux') continue;
        const v = row.cells[k].value;
        assert.ok(v !== undefined && Number.isFinite(v) && v >= 0, `${row.label}: ${k} has ${row.cells[k].text}`);
      }
      if (systems.length === 2 && row.key !== 'bootCli' && row.target) assert.notEqual(row.ratio, undefined, row.label);
    }
    assert.match(r.out, /\| boot to ready: QEMU launch to first HTTP answer/);
    assert.match(r.out, /Targets \(TCG against TCG\):/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
