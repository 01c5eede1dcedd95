// Restart policies with real VMs: a QEMU killed from outside comes back under on-failure with the
// backoff visible in ps; always restarts a clean exit; no leaves it exited; on-failure:N gives
// up; stop halts the policy and restart resumes it; the supervisor survives the CLI and leaves
// nothing behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEL, makeApp, nephos, removeApp, TEST_HOME } from './helpers';
import { assertOneError, daemonsOf, processesMentioning, ps, type Row, waitFor } from './replicas-lib';

// Runs until told otherwise; with EXIT_AFTER_MS it exits by itself with EXIT_CODE.
const APP = `
console.log('started');
const after = Number(process.env.EXIT_AFTER_MS || 0);
if (after) setTimeout(() => process.exit(Number(process.env.EXIT_CODE || 0)), after);
else setInterval(() => {}, 1000);
`;

let appDir: string;
let image: string;

before(async () => {
  appDir = makeApp({ 'index.js': APP, 'package.json': JSON.stringify({ name: 'restartee', nephos: { memory: '32M' } }) });
  image = join(appDir, 'restartee.img');
  const r = await nephos(['build', appDir, '-o', image]);
  assert.equal(r.code, 0, r.stderr);
});

after(() => removeApp(appDir));

async function started(name: string, extra: string[]): Promise<void> {
  const r = await nephos(['run', '-d', '--accel', ACCEL, '--name', name, ...extra, image]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${name}\n`);
}

async function row(name: string): Promise<Row> {
  const r = (await ps()).find((s) => s.name === name);
  assert.ok(r, `${name} in ps -a`);
  return r;
}

async function cleanup(...names: string[]): Promise<void> {
  const existing = names.filter((n) => existsSync(join(TEST_HOME, 'instances', n)));
  if (existing.length) await nephos(['rm', '-f', ...existing]);
}

test('on-failure: a QEMU killed from outside comes back, with the backoff doubling, visible in ps', async () => {
  await started('phoenix', ['--restart', 'on-failure']);
  try {
    const first = await row('phoenix');
    assert.equal(first.restartPolicy, 'on-failure');
    assert.equal(first.restartCount, 0);
    let pid = first.pid!;
    const backoffs: number[] = [];
    let sawRestarting = false;
    for (let k = 1; k <= 3; k++) {
      process.kill(pid, 'SIGKILL');
      // Watch ps while it comes back: the pending restart shows (status and table) with its delay.
      const back = await waitFor(`restart ${k}`, async () => {
        const r = await row('phoenix');
        if (r.restarting && r.nextRestartAt) {
          sawRestarting = true;
          assert.equal(r.status, 'crashed');
          const table = await nephos(['ps']);
          if (/phoenix\s+\S+\s+restarting in \d+\.\ds \(backoff/.test(table.stdout)) sawRestarting = true;
        }
        return r.status === 'running' && r.ready && r.pid !== pid && r.restartCount === k && r;
      }, 30_000, 20);
      backoffs.push(back.backoffMs!);
      pid = back.pid!;
    }
    assert.deepEqual(backoffs, [100, 200, 400]);
    assert.ok(sawRestarting, 'ps showed the instance restarting at least once');
    const history = JSON.parse(readFileSync(join(TEST_HOME, 'instances', 'phoenix', 'restart.json'), 'utf8')).history;
    assert.deepEqual(history.map((h: { status: string; exitReason: string }) => [h.status, h.exitReason]), [['crashed', 'lost'], ['crashed', 'lost'], ['crashed', 'lost']]);
    // The supervisor is a daemon of its own, not the CLI that started the instance.
    assert.equal(daemonsOf(TEST_HOME).length, 1);
  } finally {
    await cleanup('phoenix');
  }
});

test('always restarts after a clean exit; stop halts it; restart resumes it', async () => {
  await started('loop', ['--restart', 'always', '-e', 'EXIT_AFTER_MS=300', '-e', 'EXIT_CODE=0']);
  try {
    const r = await waitFor('two restarts', async () => {
      const s = await row('loop');
      return (s.restartCount ?? 0) >= 2 && s;
    }, 30_000);
    assert.equal(r.restartPolicy, 'always');
    const stopped = await nephos(['stop', 'loop']);
    assert.equal(stopped.code, 0, stopped.stderr);
    const count = (await row('loop')).restartCount;
    await new Promise((res) => setTimeout(res, 1500));
    const after = await row('loop');
    assert.equal(after.status, 'exited');
    assert.equal(after.restarting, false);
    assert.equal(after.restartCount, count, 'no restart after stop');
    await waitFor('the supervisor to exit', () => daemonsOf(TEST_HOME).length === 0, 10_000);
    const again = await nephos(['restart', 'loop']);
    assert.equal(again.code, 0, again.stderr);
    await waitFor('a restart under the policy again', async () => ((await row('loop')).restartCount ?? 0) > count!, 30_000);
  } finally {
    await cleanup('loop');
  }
});

test('no leaves it exited; on-failure does not restart exit 0; on-failure:2 gives up', async () => {
  await Promise.all([
    started('once', ['-e', 'EXIT_AFTER_MS=300', '-e', 'EXIT_CODE=3']),
    started('clean', ['--restart', 'on-failure', '-e', 'EXIT_AFTER_MS=300', '-e', 'EXIT_CODE=0']),
    started('flaky', ['--restart', 'on-failure:2', '-e', 'EXIT_AFTER_MS=300', '-e', 'EXIT_CODE=3']),
  ]);
  try {
    const flaky = await waitFor('flaky to give up', async () => {
      const s = await row('flaky');
      return s.restartMessage ? s : undefined;
    }, 30_000);
    assert.equal(flaky.status, 'exited');
    assert.equal(flaky.exitCode, 3);
    assert.equal(flaky.restartCount, 2);
    assert.match(flaky.restartMessage!, /gave up after 2 restarts \(on-failure:2\)/);
    await new Promise((res) => setTimeout(res, 1000));
    const once = await row('once');
    assert.deepEqual([once.status, once.exitCode, once.restartPolicy, once.restartCount], ['exited', 3, undefined, undefined]);
    assert.ok(!existsSync(join(TEST_HOME, 'instances', 'once', 'restart.json')));
    const clean = await row('clean');
    assert.deepEqual([clean.status, clean.exitCode, clean.restartCount], ['exited', 0, 0]);
    await waitFor('the supervisors to exit', () => daemonsOf(TEST_HOME).length === 0, 10_000);
    const table = await nephos(['ps', '-a']);
    assert.match(table.stdout, /flaky\s+\S+\s+exited \(3\) \d+s ago \(restarts: 2\)/);
  } finally {
    await cleanup('once', 'clean', 'flaky');
  }
});

test('error cases: bad policy, --restart without -d, with --rm', async () => {
  assertOneError(await nephos(['run', '--restart', 'sometimes', image]), /^nephos: --restart "sometimes" is not a restart policy: use --restart no, on-failure\[:N\] or always\n$/);
  assertOneError(await nephos(['run', '--restart', 'on-failure:0', image]), /the retry count must be a whole number of at least 1/);
  assertOneError(await nephos(['run', '--restart', 'always', image]), /^nephos: --restart needs -d: run the instance detached/);
  assertOneError(await nephos(['run', '-d', '--rm', '--restart', 'always', image]), /--restart and --rm do not go together/);
});

test('afterwards: no instance, QEMU or supervisor of this suite is left', async () => {
  assert.deepEqual(existsSync(join(TEST_HOME, 'instances')) ? readdirSync(join(TEST_HOME, 'instances')) : [], []);
  await waitFor('the daemons to exit', () => daemonsOf(TEST_HOME).length === 0, 15_000);
  assert.deepEqual(processesMentioning(`${TEST_HOME}/instances`).filter((p) => p.cmd.startsWith('qemu')), []);
});
