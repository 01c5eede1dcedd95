// Instances that outlive the command, through the real `nephos` commands and real VMs: run -d,
// ps, logs (-f), stop, rm, restart, inspect, a foreground run seen as an instance, QEMU killed
// from outside, racing commands, and every error case (non-zero exit, one `nephos:` line).
// Every test removes its instances; the last one checks that no QEMU of this suite is left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEL, makeApp, nephos, NEPHOS, removeApp, type Result, TEST_HOME } from './helpers';

// The app most tests run: prints a line every 100 ms; on SIGTERM its handler says so (stdout and
// stderr) and exits 7 a little later (asynchronously, as a real server closing would).
const TICKER = `
let n = 0;
console.log('started', process.argv.slice(2).join(' '));
const timer = setInterval(() => console.log('tick', ++n), 100);
process.on('SIGTERM', () => {
  console.log('SIGTERM handler ran');
  console.error('cleaning up');
  clearInterval(timer);
  setTimeout(() => process.exit(7), 30);
});
`;

let appDir: string;
let image: string;

before(async () => {
  appDir = makeApp({ 'index.js': TICKER, 'package.json': JSON.stringify({ name: 'ticker', nephos: { memory: '64M', env: { FROM_PACKAGE: 'yes' } } }) });
  image = join(appDir, 'ticker.img');
  const r = await nephos(['build', appDir, '-o', image]);
  assert.equal(r.code, 0, r.stderr);
});

after(() => removeApp(appDir));

const INSTANCES = join(TEST_HOME, 'instances');

interface Summary {
  name: string; app: string; image: string; status: string; ready: boolean; exitCode: number | null; exitReason: string | null;
  startedAt: string; ports: { host: number; guest: number }[]; memory: number; pid: number | null;
}

async function ps(all = true): Promise<Summary[]> {
  const r = await nephos(['ps', ...(all ? ['-a'] : []), '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function inspect(name: string): Promise<Summary & { paths: Record<string, string>; config: Record<string, unknown>; guest: unknown; run: number }> {
  const r = await nephos(['inspect', name]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function runDetached(name: string, extra: string[] = [], target = image, args: string[] = []): Promise<Result> {
  return nephos(['run', '-d', '--accel', ACCEL, '--name', name, ...extra, target, '--', ...args]);
}

async function started(name: string, extra: string[] = []): Promise<void> {
  const r = await runDetached(name, extra);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${name}\n`);
}

async function cleanup(...names: string[]): Promise<void> {
  const existing = names.filter((n) => existsSync(join(INSTANCES, n)));
  if (existing.length) await nephos(['rm', '-f', ...existing]);
}

/** Pids of processes whose command line mentions `needle` (QEMU names its instance's files). */
function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmd.includes(needle) && cmd.startsWith('qemu') && state !== 'Z') out.push(Number(p));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function pidAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function assertOneError(r: Result, pattern: RegExp, code = 125): void {
  assert.equal(r.code, code, `exit status (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^nephos: [^\n]*\n$/, 'one line on stderr starting with nephos:');
  assert.match(r.stderr, pattern);
}

test('three detached instances are listed by ps --json, with the contract\'s fields', async () => {
  const names = ['alpha', 'beta', 'gamma'];
  try {
    const results = await Promise.all([
      runDetached('alpha', ['-p', '8080:80']),
      runDetached('beta', ['-m', '96M']),
      runDetached('gamma', [], image, ['x y']),
    ]);
    for (const [i, r] of results.entries()) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${names[i]}\n`);
    }
    const running = (await ps(false)).filter((s) => names.includes(s.name)).sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(running.map((s) => [s.name, s.status, s.ready, s.exitCode, s.app, s.image]), names.map((n) => [n, 'running', true, null, 'ticker', image]));
    assert.deepEqual(running.map((s) => s.memory), [64, 96, 64].map((m) => m * 1024 * 1024)); // package.json "nephos", -m wins
    assert.deepEqual(running[0].ports, [{ host: 8080, guest: 80, protocol: 'tcp' }]);
    for (const s of running) {
      assert.ok(Math.abs(Date.parse(s.startedAt) - Date.now()) < 120_000, s.startedAt);
      assert.ok(s.pid && pidAlive(s.pid), `QEMU of ${s.name} runs`);
    }
    // Each is its own VM, with its own arguments; the text table lists them too.
    const logs = await nephos(['logs', 'gamma']);
    assert.match(logs.stdout, /^started x y\n/);
    const table = await nephos(['ps']);
    for (const n of names) assert.match(table.stdout, new RegExp(`\\n${n} +ticker +running `));
    const quiet = await nephos(['ps', '-q']);
    assert.deepEqual(quiet.stdout.trim().split('\n').sort(), names);
  } finally {
    await cleanup(...names);
  }
});

test('run -d returns once the main module (with its top-level await) has been evaluated', async () => {
  const app = makeApp({ 'index.mjs': "await new Promise((r) => setTimeout(r, 700));\nconsole.log('main done');\nsetInterval(() => {}, 1000);\n" });
  try {
    const r = await runDetached('slowstart', [], app);
    assert.equal(r.code, 0, r.stderr);
    const logs = await nephos(['logs', 'slowstart']);
    assert.equal(logs.stdout, 'main done\n');
    const info = await inspect('slowstart');
    assert.equal(info.ready, true);
    assert.deepEqual((info.guest as { state: string; ready: boolean }).ready, true);
    assert.equal(statSync(info.paths.controlSocket).mode & 0o777, 0o600);
    assert.equal(statSync(info.paths.dir).mode & 0o777, 0o700);
  } finally {
    await cleanup('slowstart');
    removeApp(app);
  }
});

test('logs -f follows live output and ends when the instance stops', async () => {
  try {
    await started('follow');
    const child = spawn(process.execPath, [NEPHOS, 'logs', '-f', 'follow'], { env: { ...process.env, NEPHOS_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor('tick 3 through logs -f', () => out.includes('tick 3\n'));
    const seen = out.length;
    // New lines keep arriving through the same command: it follows, it did not just print a file.
    await waitFor('tick 8 through logs -f', () => out.includes('tick 8\n'));
    assert.ok(out.length > seen);
    const stop = await nephos(['stop', 'follow']);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(await exited, 0, err);
    assert.match(out, /^started \ntick 1\ntick 2\n/);
    assert.match(out, /\nSIGTERM handler ran\n$/);
    assert.equal(err, 'cleaning up\n');
    // --tail counts lines of both streams: the last three are a tick, the handler's two lines.
    const tail = await nephos(['logs', '--tail', '3', 'follow']);
    assert.match(tail.stdout, /^tick \d+\nSIGTERM handler ran\n$/);
    assert.equal(tail.stderr, 'cleaning up\n');
  } finally {
    await cleanup('follow');
  }
});

test('logs into a reader that closes early (| head -1) end quietly, exit 0, no stack trace', async () => {
  try {
    await started('pipe');
    await waitFor('a few ticks', async () => (await nephos(['logs', 'pipe'])).stdout.includes('tick 3\n'));
    for (const args of [['logs', 'pipe'], ['logs', '-f', 'pipe']]) {
      const sh = `"${process.execPath}" "${NEPHOS}" ${args.join(' ')} | head -1; exit \${PIPESTATUS[0]}`;
      const r = spawnSync('bash', ['-c', sh], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NEPHOS_DEBUG: '' } });
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, 'started \n');
      assert.equal(r.stderr, '', `${args.join(' ')} wrote to stderr`);
    }
    assert.equal((await ps()).find((i) => i.name === 'pipe')?.status, 'running');
  } finally {
    await cleanup('pipe');
  }
});

test('stop runs the SIGTERM handler and ps -a shows the exit code; a QEMU killed from outside shows as crashed', async () => {
  try {
    await Promise.all([started('graceful'), started('victim')]);
    const victim = await inspect('victim');
    const stop = await nephos(['stop', 'graceful']);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(stop.stdout, 'graceful\n');
    // stop returned: the VM has exited and its log is complete.
    const logs = await nephos(['logs', 'graceful']);
    assert.match(logs.stdout, /\nSIGTERM handler ran\n$/);
    assert.equal(logs.stderr, 'cleaning up\n');

    process.kill(victim.pid!, 'SIGKILL');
    await waitFor('the killed QEMU to go', () => !pidAlive(victim.pid!));
    const all = await ps();
    const byName = new Map(all.map((s) => [s.name, s]));
    assert.deepEqual([byName.get('graceful')?.status, byName.get('graceful')?.exitCode, byName.get('graceful')?.exitReason], ['exited', 7, 'exit']);
    assert.deepEqual([byName.get('victim')?.status, byName.get('victim')?.exitCode, byName.get('victim')?.pid], ['crashed', null, null]);
    assert.equal((await ps(false)).filter((s) => s.name === 'victim' || s.name === 'graceful').length, 0);
    // Stopping what has stopped is not an error.
    const again = await nephos(['stop', 'graceful', 'victim']);
    assert.equal(again.code, 0, again.stderr);
  } finally {
    await cleanup('graceful', 'victim');
  }
});

test('without a handler SIGTERM exits 143; an app that ignores it is powered off after -t (137)', async () => {
  const stubborn = makeApp({ 'index.js': "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));\nsetInterval(() => {}, 1000);\n" });
  const plain = makeApp({ 'index.js': 'setInterval(() => {}, 1000);\n' });
  try {
    const [a, b] = await Promise.all([runDetached('stubborn', [], stubborn), runDetached('plain', [], plain)]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const t0 = Date.now();
    const stops = await Promise.all([nephos(['stop', '-t', '1', 'stubborn']), nephos(['stop', 'plain'])]);
    for (const s of stops) assert.equal(s.code, 0, s.stderr);
    assert.ok(Date.now() - t0 >= 1000, 'waited for the timeout');
    const byName = new Map((await ps()).map((s) => [s.name, s]));
    assert.deepEqual([byName.get('stubborn')?.status, byName.get('stubborn')?.exitCode, byName.get('stubborn')?.exitReason], ['exited', 137, 'killed']);
    assert.deepEqual([byName.get('plain')?.status, byName.get('plain')?.exitCode], ['exited', 143]);
    assert.equal((await nephos(['logs', 'stubborn'])).stdout, 'ignoring SIGTERM\n');
  } finally {
    await cleanup('stubborn', 'plain');
    removeApp(stubborn);
    removeApp(plain);
  }
});

test('restart boots the same configuration again; logs continue; exited instances restart too', async () => {
  try {
    await started('again', ['-e', 'X=1']);
    const first = await inspect('again');
    const r = await nephos(['restart', '-t', '5', 'again']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'again\n');
    const second = await inspect('again');
    assert.equal(second.status, 'running');
    assert.equal(second.run, first.run + 1);
    assert.notEqual(second.pid, first.pid);
    assert.equal(pidAlive(first.pid!), false);
    assert.deepEqual((second.config.env as Record<string, string>), { FROM_PACKAGE: 'yes', X: '1' });
    const logs = await nephos(['logs', 'again']);
    assert.match(logs.stdout, /^started \n(tick \d+\n)*SIGTERM handler ran\nstarted \n/);
    await nephos(['stop', '-t', '0', 'again']);
    assert.equal((await inspect('again')).status, 'exited');
    const revived = await nephos(['restart', 'again']);
    assert.equal(revived.code, 0, revived.stderr);
    assert.equal((await inspect('again')).status, 'running');
  } finally {
    await cleanup('again');
  }
});

test('a foreground run is an instance: ps lists it, stop from elsewhere ends it with the handler\'s code', async () => {
  try {
    const child = spawn(process.execPath, [NEPHOS, 'run', '--accel', ACCEL, '--name', 'fg', image], { env: { ...process.env, NEPHOS_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const listed = await waitFor('fg in ps', async () => (await ps(false)).find((s) => s.name === 'fg' && s.ready));
    assert.equal(listed.status, 'running');
    await waitFor('output', () => out.includes('tick 2\n'));
    const stop = await nephos(['stop', 'fg']);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(await exited, 7, err);
    assert.match(out, /\nSIGTERM handler ran\n$/);
    assert.equal(err, 'cleaning up\n');
    const st = (await ps()).find((s) => s.name === 'fg');
    assert.deepEqual([st?.status, st?.exitCode], ['exited', 7]);
    // The log the foreground run kept is what it printed.
    const logs = await nephos(['logs', 'fg']);
    assert.equal(logs.stdout, out);
    // SIGTERM to the foreground nephos (as Ctrl-C would be) stops the guest gracefully too.
    const term = spawn(process.execPath, [NEPHOS, 'run', '--accel', ACCEL, '--name', 'fg-term', image], { env: { ...process.env, NEPHOS_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let termOut = '';
    term.stdout.setEncoding('utf8').on('data', (d) => (termOut += d));
    const termExited = new Promise<number | null>((resolve) => term.on('close', resolve));
    await waitFor('fg-term output', () => termOut.includes('tick 1\n'));
    term.kill('SIGTERM');
    assert.equal(await termExited, 7);
    assert.match(termOut, /\nSIGTERM handler ran\n$/);
    // --rm: gone once it exits.
    const rmRun = await nephos(['run', '--rm', '--accel', ACCEL, '--name', 'once', join(process.env.NEPHOS_ROOT ?? process.cwd(), 'examples', 'hello')]);
    assert.equal(rmRun.code, 0, rmRun.stderr);
    assert.match(rmRun.stdout, /^Hello, world!\n/);
    assert.equal(existsSync(join(INSTANCES, 'once')), false);
  } finally {
    await cleanup('fg', 'fg-term', 'once');
  }
});

test('a boot failure exits non-zero with the last lines of the boot log, and is kept as exited', async () => {
  const broken = makeApp({ 'index.js': "console.log('loading settings');\nthrow new Error('bad settings file');\n" });
  try {
    const r = await runDetached('broken', [], broken);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(r.stderr, /^loading settings\n/);
    assert.match(r.stderr, /Error: bad settings file\n/);
    assert.equal(lines[lines.length - 1], 'nephos: instance "broken" failed to start: the app exited with code 1 before it was ready: see `nephos logs broken`');
    const st = (await ps()).find((s) => s.name === 'broken');
    assert.deepEqual([st?.status, st?.exitCode], ['exited', 1]);
  } finally {
    await cleanup('broken');
    removeApp(broken);
  }
});

test('rm refuses a running instance, rm -f powers it off; rm leaves the state directory clean', async () => {
  try {
    await Promise.all([started('keep'), started('done')]);
    const pid = (await inspect('keep')).pid!;
    assertOneError(await nephos(['rm', 'keep']), /^nephos: instance "keep" is running: stop it first \(nephos stop keep\), or use nephos rm -f keep\n$/);
    assert.equal(pidAlive(pid), true);
    await nephos(['stop', 'done']);
    const rmDone = await nephos(['rm', 'done']);
    assert.equal(rmDone.code, 0, rmDone.stderr);
    assert.equal(rmDone.stdout, 'done\n');
    const rmKeep = await nephos(['rm', '-f', 'keep']);
    assert.equal(rmKeep.code, 0, rmKeep.stderr);
    assert.equal(pidAlive(pid), false);
    assert.deepEqual(readdirSync(INSTANCES), []);
  } finally {
    await cleanup('keep', 'done');
  }
});

test('racing commands on one instance leave consistent state', async () => {
  try {
    // Two runs for one name: one wins, the other is told the name is in use.
    const runs = await Promise.all([runDetached('race'), runDetached('race')]);
    assert.deepEqual(runs.map((r) => r.code).sort(), [0, 125]);
    assertOneError(runs.find((r) => r.code !== 0)!, /^nephos: the name "race" is in use by a running instance: /);
    assert.equal(processesMentioning(join(INSTANCES, 'race') + '/').length, 1);

    // Two stops: both succeed, the app sees one SIGTERM, the state is the app's exit.
    const stops = await Promise.all([nephos(['stop', 'race']), nephos(['stop', 'race'])]);
    for (const s of stops) assert.equal(s.code, 0, s.stderr);
    const logs = await nephos(['logs', 'race']);
    assert.equal(logs.stdout.split('SIGTERM handler ran').length - 1, 1);
    assert.deepEqual([(await inspect('race')).status, (await inspect('race')).exitCode], ['exited', 7]);

    // Two restarts: one VM runs afterwards, not two.
    const restarts = await Promise.all([nephos(['restart', 'race']), nephos(['restart', 'race'])]);
    for (const r of restarts) assert.equal(r.code, 0, r.stderr);
    const info = await inspect('race');
    assert.equal(info.status, 'running');
    assert.deepEqual(processesMentioning(join(INSTANCES, 'race') + '/'), [info.pid]);

    // rm -f racing a stop: the instance is gone, and so is its VM.
    const [rmf, stop] = await Promise.all([nephos(['rm', '-f', 'race']), nephos(['stop', 'race'])]);
    assert.equal(rmf.code, 0, rmf.stderr);
    assert.ok(stop.code === 0 || /no instance named "race"/.test(stop.stderr), stop.stderr);
    assert.equal(existsSync(join(INSTANCES, 'race')), false);
    assert.equal(pidAlive(info.pid!), false);
    // Nothing half-written or temporary is left in the state directory.
    assert.deepEqual(readdirSync(INSTANCES), []);
  } finally {
    await cleanup('race');
  }
});

test('every error case: non-zero exit and one nephos: line naming the fix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-errors-'));
  const badConfig = makeApp({ 'index.js': '', 'package.json': JSON.stringify({ name: 'bad', nephos: { memroy: '1G' } }) });
  const badType = makeApp({ 'index.js': '', 'package.json': JSON.stringify({ name: 'bad', nephos: { env: { PORT: [80] } } }) });
  try {
    for (const cmd of [['logs', 'ghost'], ['stop', 'ghost'], ['rm', 'ghost'], ['restart', 'ghost'], ['inspect', 'ghost']]) {
      assertOneError(await nephos(cmd), /^nephos: no instance named "ghost": see `nephos ps -a` for the list\n$/);
    }
    await started('taken');
    assertOneError(await runDetached('taken'), /^nephos: the name "taken" is in use by a running instance: choose another --name, or remove it with `nephos rm -f taken`\n$/);
    await nephos(['stop', '-t', '0', 'taken']);
    assertOneError(await runDetached('taken'), /^nephos: the name "taken" is in use by an instance that has exited: remove it with `nephos rm taken`, or choose another --name\n$/);

    assertOneError(await runDetached('x1', [], join(dir, 'missing.img')), /^nephos: .*missing\.img does not exist: check the path, or build the image with `nephos build`\n$/);
    const corrupt = join(dir, 'corrupt.img');
    writeFileSync(corrupt, Buffer.concat([readFileSync(image).subarray(0, 8192), Buffer.from('garbage')]));
    assertOneError(await runDetached('x2', [], corrupt), /^nephos: corrupt\.img is corrupt \(.*\): rebuild it with `nephos build`\n$/);
    // restart of an instance whose image was deleted or damaged: refused, the instance untouched.
    const copy = join(dir, 'copy.img');
    writeFileSync(copy, readFileSync(image));
    const made = await runDetached('orphan', [], copy);
    assert.equal(made.code, 0, made.stderr);
    rmSync(copy);
    assertOneError(await nephos(['restart', 'orphan']), /^nephos: .*copy\.img does not exist: check the path, or build the image with `nephos build`\n$/);
    assert.equal((await inspect('orphan')).status, 'running');

    assertOneError(await runDetached('x3', ['-m', 'lots']), /^nephos: -m "lots" is not a size: write a number with K, M or G, e\.g\. 256M or 1G\n$/);
    assertOneError(await runDetached('x4', [], badConfig), /^nephos: package\.json of .*\.img "nephos" has an unknown key "memroy": use memory, ports, env, args or accel\n$/);
    assertOneError(await nephos(['build', badConfig, '-o', join(dir, 'b.img')]), /^nephos: package\.json "nephos" has an unknown key "memroy": /);
    assertOneError(await runDetached('x5', [], badType), /^nephos: package\.json of .*"nephos\.env\.PORT" must be a string, not an array: /);
    const noQemu = await nephos(['run', '-d', '--accel', ACCEL, '--name', 'x6', image], { env: { NEPHOS_QEMU: join(dir, 'no-qemu') } });
    assertOneError(noQemu, /^nephos: .*no-qemu is not installed: run the README's setup command \(Debian package qemu-system-x86\)\n$/);
    assert.equal(existsSync(join(INSTANCES, 'x6')), false, 'no instance is left when QEMU could not start');
    assertOneError(await nephos(['logs', '--tail', 'many', 'taken']), /^nephos: --tail "many" is not a number of lines: /);
    assertOneError(await nephos(['stop', '-t', 'soon', 'taken']), /^nephos: -t "soon" is not a number of seconds: /);
    assertOneError(await nephos(['stop']), /^nephos: nephos stop needs an instance name: /);
    assertOneError(await nephos(['ps', 'extra']), /^nephos: nephos ps takes no arguments/);
    for (const n of ['x1', 'x2', 'x3', 'x4', 'x5']) assert.equal(existsSync(join(INSTANCES, n)), false, n);
  } finally {
    await cleanup('taken', 'orphan');
    rmSync(dir, { recursive: true, force: true });
    removeApp(badConfig);
    removeApp(badType);
  }
});

test('no permission on /dev/kvm: --accel kvm is refused with the fix', async (t) => {
  // As root every file is accessible, so run nephos as an unprivileged user when we are root and
  // /dev/kvm is not open to everyone.
  const kvm = existsSync('/dev/kvm') ? statSync('/dev/kvm') : undefined;
  if (process.getuid?.() !== 0 || !kvm || (kvm.mode & 0o006) === 0o006) {
    t.skip('needs root (to run as nobody) and a /dev/kvm closed to others');
    return;
  }
  // The checkout may sit where that user cannot read (a clone under /root, for instance).
  const probe = spawnSync(process.execPath, [NEPHOS, '--version'], { uid: 65534, gid: 65534, cwd: '/', env: { PATH: process.env.PATH ?? '' } });
  if (probe.status !== 0) {
    t.skip('user nobody cannot run this checkout\'s nephos');
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'nephos-nobody-'));
  const dir = mkdtempSync(join(tmpdir(), 'nephos-nobody-img-'));
  try {
    chmodSync(home, 0o777);
    chmodSync(dir, 0o755);
    const img = join(dir, 'ticker.img');
    writeFileSync(img, readFileSync(image));
    chmodSync(img, 0o644);
    const r = await new Promise<Result>((resolve) => {
      const child = spawn(process.execPath, [NEPHOS, 'run', '-d', '--accel', 'kvm', img], {
        uid: 65534, gid: 65534, cwd: '/', env: { PATH: process.env.PATH ?? '', NEPHOS_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    assertOneError(r, /^nephos: no permission to use \/dev\/kvm: add yourself to the kvm group, or run with --accel tcg\n$/);
  } finally {
    rmSync(home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

test('afterwards: no instance and no QEMU of this suite is left', async () => {
  assert.deepEqual(existsSync(INSTANCES) ? readdirSync(INSTANCES) : [], []);
  assert.deepEqual(processesMentioning(TEST_HOME), []);
});
