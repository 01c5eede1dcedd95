// The instance lock across processes: this file re-runs itself as worker processes that increment
// a counter file under the lock with a pause between read and write, so any overlap loses counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLock } from './lock';
import { sleep } from './proc';

const WORKER = process.env.NEPHOS_LOCK_TEST_WORKER;

async function increment(counter: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await withLock(counter, 'the counter', async () => {
      const n = Number(readFileSync(counter, 'utf8'));
      await sleep(1);
      writeFileSync(counter, String(n + 1));
    });
  }
}

function runWorker(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [__filename], { env: { ...process.env, NEPHOS_LOCK_TEST_WORKER: args.join('\n') }, stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', resolve));
}

if (WORKER) {
  const [mode, counter, times] = WORKER.split('\n');
  if (mode === 'count') {
    increment(counter, Number(times)).then(() => process.exit(0), () => process.exit(1));
  } else if (mode === 'hold') {
    // Takes the lock and never lets go: the test kills this process.
    withLock(counter, 'the counter', () => {
      writeFileSync(`${counter}.held`, 'yes');
      return new Promise(() => setInterval(() => {}, 1000));
    });
  }
} else {
  test('four processes and two tasks in this one never overlap under the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nephos-lock-'));
    const counter = join(dir, 'counter');
    writeFileSync(counter, '0');
    try {
      const codes = await Promise.all([
        ...[1, 2, 3, 4].map(() => runWorker(['count', counter, '25'])),
        increment(counter, 25).then(() => 0),
        increment(counter, 25).then(() => 0),
      ]);
      assert.deepEqual(codes, [0, 0, 0, 0, 0, 0]);
      assert.equal(readFileSync(counter, 'utf8'), String(6 * 25));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a lock whose holder was killed is free at once; a held one times out with a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nephos-lock-'));
    const key = join(dir, 'k');
    try {
      const child = spawn(process.execPath, [__filename], { env: { ...process.env, NEPHOS_LOCK_TEST_WORKER: `hold\n${key}` }, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      for (let i = 0; i < 500; i++) {
        try {
          readFileSync(`${key}.held`);
          break;
        } catch {
          await sleep(10);
        }
      }
      try {
        await assert.rejects(withLock(key, 'instance "x"', () => 1, 200), /^NephosError: instance "x" is locked by another nephos command: wait for it to finish, then try again$/);
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      assert.equal(await withLock(key, 'instance "x"', () => 42, 1000), 42);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
