// The instance state machine against real processes standing in for QEMU (`sleep`): what refresh
// concludes from liveness and the console log, and stop's power-off path when the guest does not
// answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIB } from '../args';
import { finalize, refresh, requestStop } from './lifecycle';
import { identify, type ProcessId, self, waitExit } from './proc';
import { createInstance, initialState, type InstanceConfig, type InstanceState } from './store';
import { stopInstance } from './stop';

const CONFIG: Omit<InstanceConfig, 'name'> = {
  version: 1, image: '/x.img', app: 'x', memory: 128 * MIB, env: {}, args: [], ports: [], net: { kind: 'user' },
  accel: 'auto', autoRemove: false, createdAt: new Date(0).toISOString(),
};

function fakeQemu(): { child: ChildProcess; id: ProcessId } {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  return { child, id: identify(child.pid!)! };
}

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'nephos-life-'));
  try {
    await fn(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function running(qemu: ProcessId | null, extra: Partial<InstanceState> = {}): InstanceState {
  return { ...initialState(), status: 'running', run: 1, qemu, startedAt: new Date().toISOString(), ...extra };
}

test('a live QEMU stays running; once it is gone without an exit record the instance is crashed (lost)', () => withHome(async (home) => {
  const q = fakeQemu();
  const inst = createInstance({ ...CONFIG, name: 'a' }, running(q.id), home);
  writeFileSync(inst.paths.control, '');
  assert.equal((await refresh(inst))?.status, 'running');
  q.child.kill('SIGKILL');
  await waitExit(q.id, 5000);
  const st = await refresh(inst);
  assert.deepEqual([st?.status, st?.exitCode, st?.exitReason], ['crashed', null, 'lost']);
  assert.ok(st?.finishedAt);
  assert.equal(existsSync(inst.paths.control), false, 'dead sockets are removed');
  // Recorded: a second look changes nothing.
  assert.deepEqual(await refresh(inst), st);
}));

test('the exit record of the current run decides; an earlier run\'s record does not count', () => withHome(async (home) => {
  const earlier = 'NEPHOS_READY\nNEPHOS_EXIT exit 9\n';
  const inst = createInstance({ ...CONFIG, name: 'b' }, running({ pid: 999999, start: '1' }, { consoleOffset: earlier.length, run: 2 }), home);
  writeFileSync(inst.paths.console, `${earlier}NEPHOS_READY\nNEPHOS_EXIT exit 5\n`);
  const st = await refresh(inst);
  assert.deepEqual([st?.status, st?.exitCode, st?.exitReason], ['exited', 5, 'exit']);
  const other = createInstance({ ...CONFIG, name: 'c' }, running({ pid: 999999, start: '1' }, { consoleOffset: earlier.length }), home);
  writeFileSync(other.paths.console, earlier);
  assert.equal((await refresh(other))?.status, 'crashed');
}));

test('a run that became ready after its supervisor left is marked running; a live supervisor keeps the books', () => withHome(async (home) => {
  const q = fakeQemu();
  try {
    const inst = createInstance({ ...CONFIG, name: 'd' }, running(q.id, { status: 'starting' }), home);
    writeFileSync(inst.paths.console, 'NEPHOS_REA');
    assert.equal((await refresh(inst))?.status, 'starting');
    writeFileSync(inst.paths.console, 'NEPHOS_READY\n');
    const st = await refresh(inst);
    assert.equal(st?.status, 'running');
    assert.ok(st?.readyAt);
    // QEMU gone but the supervisor (this process) alive: left for it to record.
    const sup = createInstance({ ...CONFIG, name: 'e' }, running({ pid: 999999, start: '1' }, { supervisor: self() }), home);
    assert.equal((await refresh(sup))?.status, 'running');
    assert.equal((await finalize(sup, 2, { status: 'exited', exitCode: 1, exitReason: 'exit' }))?.status, 'running', 'another run: ignored');
    assert.equal((await finalize(sup, 1, { status: 'exited', exitCode: 1, exitReason: 'exit' }))?.exitCode, 1);
    assert.equal((await finalize(sup, 1, { status: 'crashed', exitCode: null, exitReason: 'lost' }))?.status, 'exited', 'first record wins');
  } finally {
    q.child.kill('SIGKILL');
  }
}));

test('--rm: the instance is removed when its end is recorded', () => withHome(async (home) => {
  const inst = createInstance({ ...CONFIG, name: 'f', autoRemove: true }, running({ pid: 999999, start: '1' }), home);
  writeFileSync(inst.paths.console, 'NEPHOS_EXIT exit 0\n');
  assert.equal((await refresh(inst))?.status, 'exited');
  assert.equal(existsSync(inst.paths.dir), false);
}));

test('one stop request at a time; stop powers off a guest that does not answer, as exit 137', () => withHome(async (home) => {
  const q = fakeQemu();
  try {
    const inst = createInstance({ ...CONFIG, name: 'g' }, running(q.id), home);
    assert.equal((await requestStop(inst, false)).first, true);
    assert.equal((await requestStop(inst, false)).first, false);
    const t0 = Date.now();
    const st = await stopInstance(inst, 300);
    assert.ok(Date.now() - t0 >= 300, 'waited for the timeout first');
    assert.deepEqual([st?.status, st?.exitCode, st?.exitReason], ['exited', 137, 'killed']);
    assert.equal(await waitExit(q.id, 1000), true, 'the stand-in QEMU was killed');
    // Stopping a stopped instance returns its state.
    assert.deepEqual(await stopInstance(inst, 1000), st);
  } finally {
    q.child.kill('SIGKILL');
  }
}));
