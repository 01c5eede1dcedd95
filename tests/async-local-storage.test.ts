// AsyncLocalStorage in a real VM, compared line for line with host Node running the same app:
// stores survive await, promise chains, thenables, async generators, timers, intervals,
// immediates, nextTick, queueMicrotask, EventEmitter listeners, fs and crypto callbacks;
// enterWith, exit and AsyncResource.bind; a then() registered inside run() and resolved outside
// sees the store of registration (as Node's promise hooks give). This needs the engine patch
// (kernel/engine/patches/0002-async-context.patch) and the loop's context capture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { hostNode, makeApp, removeApp, run } from './helpers';

const APP = `const { AsyncLocalStorage, AsyncResource } = require('node:async_hooks');
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const crypto = require('node:crypto');
const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
const lines = [];
const seen = (tag) => lines.push(\`\${tag}: \${JSON.stringify(als.getStore())} \${JSON.stringify(other.getStore())}\`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function request(id) {
  seen(\`req\${id} start\`);
  await null;
  seen(\`req\${id} after await\`);
  await sleep(5 * id);
  seen(\`req\${id} after sleep\`);
  await new Promise((r) => setImmediate(r));
  seen(\`req\${id} after immediate\`);
  await new Promise((r) => process.nextTick(r));
  seen(\`req\${id} after nextTick\`);
  await Promise.all([sleep(1), Promise.resolve(1).then((x) => x + 1)]);
  seen(\`req\${id} after all\`);
  await { then(resolve) { seen(\`req\${id} thenable\`); resolve(); } };
  for await (const x of (async function* () { yield 1; await sleep(1); yield 2; })()) seen(\`req\${id} for-await \${x}\`);
  await new Promise((r) => fs.readdir('/', () => { seen(\`req\${id} fs callback\`); r(); }));
  await new Promise((r) => crypto.pbkdf2('p', 's', 1, 8, 'sha256', () => { seen(\`req\${id} pbkdf2 callback\`); r(); }));
  return id;
}

let resolveLater;
const later = new Promise((r) => (resolveLater = r));
als.run({ ctx: 'then-time' }, () => later.then(() => seen('then registered in context, resolved outside')));

const emitter = new EventEmitter();
emitter.on('ping', () => seen('listener'));

als.run({ id: 1 }, () => {
  other.run('o1', () => request(1));
  setTimeout(() => { seen('timeout'); resolveLater(); }, 2);
  setImmediate(() => seen('immediate'));
  process.nextTick(() => seen('nextTick'));
  queueMicrotask(() => seen('microtask'));
  emitter.emit('ping');
  let n = 0;
  const iv = setInterval(() => { seen(\`interval \${n}\`); if (++n === 2) clearInterval(iv); }, 3);
  const bound = AsyncResource.bind(() => seen('bound'));
  setTimeout(() => als.run({ id: 'elsewhere' }, bound), 4);
  als.exit(() => setTimeout(() => seen('exit'), 1));
});
als.run({ id: 2 }, () => request(2));
setTimeout(() => {
  als.enterWith({ entered: true });
  seen('entered');
  setTimeout(() => seen('after enterWith'), 1);
}, 30);
setTimeout(() => seen('unrelated timeout'), 31);
seen('top level');
process.on('exit', () => { console.log(lines.sort().join('\\n')); });
`;

test('AsyncLocalStorage in a VM prints what host Node prints', { timeout: 300_000 }, async () => {
  const app = makeApp({ 'index.js': APP });
  try {
    const expected = hostNode(join(app, 'index.js'));
    assert.equal(expected.code, 0, expected.stderr);
    assert.ok(expected.stdout.split('\n').length > 30, expected.stdout);
    const r = await run(app, [], [], { timeoutMs: 240_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, expected.stdout);
  } finally {
    removeApp(app);
  }
});
