import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { alive, identify, self, waitExit } from './proc';

test('a process is identified by pid and start time; another start time is another process', () => {
  const me = self();
  assert.equal(me.pid, process.pid);
  assert.match(me.start, /^\d+$/);
  assert.equal(alive(me), true);
  assert.equal(alive({ pid: process.pid, start: String(Number(me.start) + 1) }), false);
  assert.equal(alive(null), false);
  assert.equal(alive({ pid: 0, start: '1' }), false);
  assert.equal(identify(-1), undefined);
});

test('a child that exited is not alive; waitExit sees it go', async () => {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  const id = identify(child.pid!)!;
  assert.ok(id);
  assert.equal(alive(id), true);
  assert.equal(await waitExit(id, 50), false);
  child.kill('SIGKILL');
  assert.equal(await waitExit(id, 5000), true);
  assert.equal(alive(id), false);
});
