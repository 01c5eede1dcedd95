// node:vm, node:tty, node:worker_threads and node:child_process: what works behaves as host Node
// (this-context evaluation, color depth rules, module shape), the rest fails with
// ERR_NOT_SUPPORTED_ON_NEPHOS in the form callers expect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostVm from 'node:vm';
import * as hostTty from 'node:tty';
import * as hostWorkers from 'node:worker_threads';
import * as hostChild from 'node:child_process';
import { createVm } from './vm';
import { createTty, getColorDepth } from './tty';
import workerThreads from './worker_threads';
import childProcess from './child_process';

test('vm: runInThisContext and Script evaluate in this realm; compileFunction; contexts fail', () => {
  const evaluated: string[] = [];
  const vm = createVm({ evalScript: (source, filename) => { evaluated.push(filename); return (0, eval)(source); } });
  assert.equal(vm.runInThisContext('1 + 2'), hostVm.runInThisContext('1 + 2'));
  assert.equal(new vm.Script('var nephosVmProbe = 40; nephosVmProbe + 2', { filename: 'probe.js' }).runInThisContext(), 42);
  assert.equal((globalThis as any).nephosVmProbe, 40);
  assert.deepEqual(evaluated, ['evalmachine.<anonymous>', 'probe.js']);
  const f = vm.compileFunction('return a + b', ['a', 'b']);
  assert.equal(f(2, 3), hostVm.compileFunction('return a + b', ['a', 'b'])(2, 3));
  assert.equal(vm.isContext({}), hostVm.isContext({}));
  assert.throws(() => (vm.runInNewContext as any)('1', {}), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  assert.throws(() => (vm.createContext as any)({}), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  assert.throws(() => vm.compileFunction(5 as any), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => vm.isContext(5), { code: 'ERR_INVALID_ARG_TYPE' });
  for (const k of Object.keys(hostVm)) if (!['default', 'SourceTextModule', 'SyntheticModule', 'Module'].includes(k)) assert.ok(k in vm, k);
});

test('tty: isatty from the host; getColorDepth follows Node\'s environment rules', () => {
  const written: string[] = [];
  const tty = createTty({
    isatty: (fd) => fd === 1,
    write: (fd, b) => written.push(`${fd}:${typeof b === 'string' ? b : Buffer.from(b).toString()}`),
    size: () => ({ columns: 100, rows: 30 }),
    env: () => ({ TERM: 'xterm-256color' }),
  });
  assert.deepEqual([0, 1, 2, -1, 1.5, '1'].map((fd) => tty.isatty(fd)), [false, true, false, false, false, false]);
  const ws = new tty.WriteStream(1);
  ws.write('hi');
  ws.cursorTo(2);
  assert.deepEqual(written, ['1:hi', '1:\x1b[3G']);
  assert.deepEqual(ws.getWindowSize(), [100, 30]);
  assert.equal(ws.getColorDepth(), 8);
  assert.equal(ws.hasColors(), true);
  assert.equal(ws.hasColors(2 ** 24), false);
  const rs = new tty.ReadStream(0);
  assert.equal(rs.setRawMode(true), rs);
  assert.equal(rs.isRaw, true);
  const envs: Record<string, string>[] = [
    {}, { TERM: 'dumb' }, { FORCE_COLOR: '0' }, { FORCE_COLOR: '' }, { FORCE_COLOR: '2' }, { FORCE_COLOR: '3' },
    { NO_COLOR: '1', TERM: 'xterm' }, { TERM: 'xterm' }, { TERM: 'screen' }, { TERM: 'xterm-256color' },
    { COLORTERM: 'truecolor' }, { COLORTERM: 'yes' }, { CI: '1' }, { CI: '1', GITHUB_ACTIONS: '1' }, { TMUX: '1' },
    { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4' }, { TERM_PROGRAM: 'Apple_Terminal' }, { TERM: 'mosh' },
    { TEAMCITY_VERSION: '2020.1' }, { TERM: 'linux' }, { TERM: 'vt100' }, { TERM: 'unknown' },
  ];
  const hostStream = Object.create(hostTty.WriteStream.prototype);
  for (const env of envs) assert.equal(getColorDepth(env), hostStream.getColorDepth(env), JSON.stringify(env));
});

test('worker_threads: the main thread; Worker fails clearly', () => {
  const w = workerThreads as any;
  assert.equal(w.isMainThread, hostWorkers.isMainThread);
  assert.equal(w.threadId, hostWorkers.threadId);
  assert.equal(w.parentPort, null);
  assert.equal(w.workerData, null);
  assert.throws(() => new w.Worker('x.js'), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS', message: 'worker_threads.Worker is not supported on Nephos yet' });
  w.setEnvironmentData('k', 1);
  assert.equal(w.getEnvironmentData('k'), 1);
  for (const k of Object.keys(hostWorkers)) if (k !== 'default') assert.ok(k in w, k);
});

test('child_process: sync forms throw, async forms report the error where callers listen', async () => {
  const cp = childProcess as any;
  assert.throws(() => cp.execSync('ls'), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  assert.throws(() => cp.spawnSync('ls'), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
  const viaCallback = await new Promise<Error>((resolve) => cp.exec('git rev-parse HEAD', (err: Error) => resolve(err)));
  assert.equal((viaCallback as any).code, 'ERR_NOT_SUPPORTED_ON_NEPHOS');
  const viaOptionsCallback = await new Promise<Error>((resolve) => cp.execFile('git', ['x'], { cwd: '/' }, (err: Error) => resolve(err)));
  assert.equal((viaOptionsCallback as any).code, 'ERR_NOT_SUPPORTED_ON_NEPHOS');
  const child = cp.spawn('ls', ['-l']);
  assert.ok(child instanceof cp.ChildProcess);
  const events: string[] = [];
  await new Promise<void>((resolve) => {
    child.on('error', (e: any) => events.push(`error ${e.code}`));
    child.on('close', () => { events.push('close'); resolve(); });
  });
  assert.deepEqual(events, ['error ERR_NOT_SUPPORTED_ON_NEPHOS', 'close']);
  assert.deepEqual(child.spawnargs, ['ls', '-l']);
  for (const k of Object.keys(hostChild)) if (k !== 'default') assert.ok(k in cp, k);
});
