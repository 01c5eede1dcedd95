import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as nodeStream from 'node:stream';
import * as nodeConsumers from 'node:stream/consumers';
import * as nodeUtil from 'node:util';
import { streamScenarios, setStreamScheduler } from './testing/stream-cases';

// readable-stream takes nextTick from the npm `process` shim, which defers with setTimeout; the
// OS bundle gives it the runtime's process instead. Give it the host's real nextTick here.
const req = createRequire(import.meta.url);
req('process/').nextTick = process.nextTick.bind(process);

setStreamScheduler((fn) => setTimeout(fn, 1));

test('stream scenarios log what host Node logs', async () => {
  const stream = (await import('./stream')).default;
  const consumers = await import('./stream-consumers');
  for (const [name, scenario] of Object.entries(streamScenarios)) {
    if (process.env.DEBUG_STREAM) console.error('scenario', name);
    const record = async (s: any, c: any) => {
      const lines: string[] = [];
      await scenario(s, c, (...parts) => lines.push(parts.map((p) => (typeof p === 'string' ? p : nodeUtil.inspect(p))).join(' ')));
      return lines;
    };
    const mine = await record(stream, consumers);
    const theirs = await record((nodeStream as any).default, nodeConsumers);
    assert.deepEqual(mine, theirs, name);
    assert.ok(mine.length > 0);
  }
});

test('module shape follows Node 20', async () => {
  const stream = (await import('./stream')).default;
  const promises = await import('./stream-promises');
  for (const key of Object.keys((nodeStream as any).default)) assert.ok(key in stream, key);
  assert.equal(typeof promises.pipeline, 'function');
  assert.equal(typeof promises.finished, 'function');
  assert.equal(stream.promises.pipeline, promises.pipeline);
});
