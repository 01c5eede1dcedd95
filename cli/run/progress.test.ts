import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress, SHOW_AFTER_MS, silentProgress } from './progress';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('not a terminal: nothing is ever written', async () => {
  let written = '';
  const p = createProgress({ isTTY: false, write: (t) => (written += t) });
  assert.equal(p, silentProgress);
  assert.equal(await p.step('building', async () => {
    await wait(SHOW_AFTER_MS + 150);
    return 7;
  }), 7);
  assert.equal(written, '');
});

test('a terminal: fast steps draw nothing; a slow one shows the innermost label, then erases it', async () => {
  let written = '';
  const p = createProgress({ isTTY: true, write: (t) => (written += t) });
  await p.step('fast', async () => wait(5));
  assert.equal(written, '');
  const result = await p.step('building app', async () => {
    await p.step('building the kernel', async () => wait(SHOW_AFTER_MS + 150));
    return 'done';
  });
  assert.equal(result, 'done');
  assert.match(written, /\r\x1b\[K[|/\\-] building the kernel \(0\.\d+s\)/);
  assert.ok(written.endsWith('\r\x1b[K'), JSON.stringify(written));
});

test('a failing step still erases its line and passes the error on', async () => {
  let written = '';
  const p = createProgress({ isTTY: true, write: (t) => (written += t) });
  await assert.rejects(p.step('booting', async () => {
    await wait(SHOW_AFTER_MS + 150);
    throw new Error('boom');
  }), /boom/);
  assert.match(written, /booting/);
  assert.ok(written.endsWith('\r\x1b[K'));
});
