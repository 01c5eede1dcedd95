// The restart loop against a real instance directory, with the boot stood in for: the decisions it
// records (backoff, give up, stopped on purpose, halted) and when it boots.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { self } from '../instances/proc';
import { createInstance, initialState, type Instance, type InstanceState, removeInstanceDir } from '../instances/store';
import { parseRestartPolicy } from './policy';
import { readRecord } from './record';
import { halt, setPolicy } from './daemon';
import { RestartWatcher } from './watcher';

const home = mkdtempSync(join(tmpdir(), 'nephos-watcher-'));
after(() => rmSync(home, { recursive: true, force: true }));

let n = 0;
function instance(): Instance {
  return createInstance({
    version: 1, name: `w${++n}`, image: '/nonexistent.img', app: 'app', memory: 64 << 20, env: {}, args: [], ports: [],
    net: { kind: 'user' }, accel: 'tcg', autoRemove: false, createdAt: new Date().toISOString(),
  }, initialState(), home);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Records run `run` as ended `upMs` after it started, at `endMs`. */
function ended(inst: Instance, run: number, over: Partial<InstanceState>, endMs = Date.now(), upMs = 300): void {
  inst.writeState({
    ...initialState(), run, status: 'crashed', exitCode: null, exitReason: 'lost', detached: true,
    startedAt: iso(endMs - upMs), finishedAt: iso(endMs), ...over,
  });
}

/** A stand-in boot: the next run is up (this process plays QEMU, so it is alive). */
function fakeBoot(boots: number[]) {
  return async (inst: Instance) => {
    const st = inst.state();
    boots.push(st.run + 1);
    inst.writeState({ ...st, run: st.run + 1, status: 'running', qemu: self(), startedAt: new Date().toISOString(), finishedAt: null, exitCode: null, exitReason: null, stopping: null });
  };
}

test('on-failure: a crash is restarted after 100 ms, the next after 200 ms', async () => {
  const inst = instance();
  await setPolicy(inst, parseRestartPolicy('on-failure'));
  let now = Date.now();
  const boots: number[] = [];
  const w = new RestartWatcher(inst, { now: () => now, log: () => {}, boot: fakeBoot(boots) });
  ended(inst, 1, {}, now);
  assert.equal(await w.tick(), 'watch');
  let rec = readRecord(inst)!;
  assert.equal(rec.activity, 'backoff');
  assert.equal(rec.backoffMs, 100);
  assert.equal(Date.parse(rec.nextAt!) - now, 100);
  assert.equal(await w.tick(), 'watch');
  assert.deepEqual(boots, [], 'not before the backoff');
  now += 100;
  assert.equal(await w.tick(), 'watch');
  assert.deepEqual(boots, [2]);
  rec = readRecord(inst)!;
  assert.equal(rec.restarts, 1);
  assert.equal(rec.activity, 'watching');
  // Run 2 crashes 300 ms later: the delay doubles.
  now += 300;
  ended(inst, 2, {}, now);
  await w.tick();
  rec = readRecord(inst)!;
  assert.equal(rec.backoffMs, 200);
  assert.deepEqual(rec.history.map((h) => [h.run, h.delayMs]), [[1, 100], [2, 200]]);
});

test('on-failure:1 gives up after one restart; exit 0 is never restarted', async () => {
  const inst = instance();
  await setPolicy(inst, parseRestartPolicy('on-failure:1'));
  let now = Date.now();
  const boots: number[] = [];
  const w = new RestartWatcher(inst, { now: () => now, log: () => {}, boot: fakeBoot(boots) });
  ended(inst, 1, { status: 'exited', exitCode: 2, exitReason: 'exit' }, now);
  await w.tick();
  now += 100;
  await w.tick();
  ended(inst, 2, { status: 'exited', exitCode: 2, exitReason: 'exit' }, now + 10);
  assert.equal(await w.tick(), 'done');
  assert.deepEqual(boots, [2]);
  assert.match(readRecord(inst)!.message!, /gave up after 1 restart/);

  const clean = instance();
  await setPolicy(clean, parseRestartPolicy('on-failure'));
  ended(clean, 1, { status: 'exited', exitCode: 0, exitReason: 'exit' });
  assert.equal(await new RestartWatcher(clean, { now: Date.now, log: () => {}, boot: fakeBoot([]) }).tick(), 'done');
});

test('always restarts a clean exit, but not a run stopped on purpose', async () => {
  const inst = instance();
  await setPolicy(inst, parseRestartPolicy('always'));
  let now = Date.now();
  const boots: number[] = [];
  const w = new RestartWatcher(inst, { now: () => now, log: () => {}, boot: fakeBoot(boots) });
  ended(inst, 1, { status: 'exited', exitCode: 0, exitReason: 'exit' }, now);
  await w.tick();
  now += 100;
  await w.tick();
  assert.deepEqual(boots, [2]);
  ended(inst, 2, { status: 'exited', exitCode: 143, exitReason: 'exit', stopping: { by: self(), at: iso(now), powerOff: false } }, now);
  assert.equal(await w.tick(), 'done');
  assert.equal(readRecord(inst)!.message, 'stopped on purpose');
  assert.deepEqual(boots, [2]);
});

test('halted during the backoff: no restart', async () => {
  const inst = instance();
  await setPolicy(inst, parseRestartPolicy('always'));
  let now = Date.now();
  const boots: number[] = [];
  const w = new RestartWatcher(inst, { now: () => now, log: () => {}, boot: fakeBoot(boots) });
  ended(inst, 1, {}, now);
  await w.tick();
  await halt(inst);
  now += 1000;
  assert.equal(await w.tick(), 'done');
  assert.deepEqual(boots, []);
});

test('a long run resets the backoff; a removed instance ends the watch', async () => {
  const inst = instance();
  await setPolicy(inst, parseRestartPolicy('always'));
  const now = Date.now();
  const w = new RestartWatcher(inst, { now: () => now, log: () => {}, boot: fakeBoot([]) });
  ended(inst, 5, {}, now, 60_000);
  await w.tick();
  assert.equal(readRecord(inst)!.backoffMs, 100);
  removeInstanceDir(inst);
  assert.equal(await w.tick(), 'done');
});
