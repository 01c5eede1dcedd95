// The differential harness's batch runner: the entry of one Nephos image that holds every case
// script (cases/<module>/<name>.js). `nephos run <image> -- A-B C-D ...` runs cases A..B-1, then
// C..D-1, ... of the sorted list, one after another, each as `node cases/<module>/<name>.js` would
// run alone:
//
//   \x1e@@begin <name>\n  <the case's stdout>  \x1e@@end <name>\n
//
// A case is over when the event loop has nothing left to do, which is exactly when Node would
// emit 'beforeExit' for it; then the next case starts right there, synchronously inside the
// runtime's 'beforeExit' emit, which is outside the loop just as a main module is: the loop then
// starts over with its timers phase, so timers-versus-immediates orderings are those of a main
// module. A case that touches the process's own end (process.exit(), an uncaught exception,
// 'exit'/'beforeExit' listeners, process.exitCode) is not simulated: the runner steps aside and the
// runtime ends the VM as Node would end the process, so its exit code and exit-time output are the
// real ones; the host sees a begin marker without an end and restarts the batch after that case.
//
// Isolation: each case is loaded with a fresh module cache entry; what a case leaves on `process`
// (listeners, cwd, env, argv, a patched stdout.write) is put back before the next one. Cases must
// not leave state in built-in modules (util.inspect.defaultOptions, EventEmitter defaults...);
// those that must are marked `@alone` and run in a VM of their own.
'use strict';

const fs = require('fs');
const path = require('path');

const CASES = path.join(__dirname, 'cases');

/** Every case, relative to cases/, sorted as the host sorts them (by UTF-16 code units). */
function listCases(dir, rel) {
  const out = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if (fs.statSync(full).isDirectory()) out.push(...listCases(full, r));
    else if (name.endsWith('.js')) out.push(r);
  }
  return out;
}

const all = listCases(CASES, '');
/** The indices to run, from ranges "A-B" (B exclusive); none given: every case. */
const queue = [];
for (const arg of process.argv.slice(2)) {
  const m = /^(\d+)-(\d+)$/.exec(arg);
  if (!m) throw new Error(`runner: bad range ${JSON.stringify(arg)} (want START-END)`);
  for (let i = Number(m[1]); i < Math.min(Number(m[2]), all.length); i++) queue.push(i);
}
if (process.argv.length <= 2) for (let i = 0; i < all.length; i++) queue.push(i);

const stdout = process.stdout;
const originalWrite = stdout.write;
const original = {
  argv: process.argv.slice(),
  cwd: process.cwd(),
  env: Object.assign({}, process.env),
};
/** Listeners the runtime itself holds on process, per event, before any case ran. */
const baseline = new Map();
for (const ev of process.eventNames()) baseline.set(ev, process.listeners(ev));

let current;

function mark(text) {
  originalWrite.call(stdout, text);
}

function restoreProcess() {
  for (const ev of process.eventNames()) {
    if (ev === 'beforeExit') continue;
    const keep = baseline.get(ev) ?? [];
    for (const l of process.listeners(ev)) if (!keep.includes(l)) process.removeListener(ev, l);
  }
  if (stdout.write !== originalWrite) stdout.write = originalWrite;
  if (process.cwd() !== original.cwd) process.chdir(original.cwd);
  for (const k of Object.keys(process.env)) if (!(k in original.env)) delete process.env[k];
  Object.assign(process.env, original.env);
  process.argv = original.argv.slice();
  // The performance timeline is per process in Node.
  performance.clearMarks();
  performance.clearMeasures();
}

function onBeforeExit() {
  if (current === undefined) return;
  const name = current;
  const lifecycle = process.listenerCount('beforeExit') > 1 ||
    process.listenerCount('exit') > (baseline.get('exit') ?? []).length ||
    process.exitCode !== undefined;
  if (lifecycle) {
    // Node's own ending, by the runtime: the case's listeners run next, then 'exit', then halt.
    process.removeListener('beforeExit', onBeforeExit);
    return;
  }
  current = undefined;
  restoreProcess();
  mark(`\x1e@@end ${name}\n`);
  next();
}

function next() {
  if (!queue.length) return;
  const name = all[queue.shift()];
  current = name;
  const file = path.join(CASES, name);
  // When more cases follow, a no-op immediate keeps the loop alive for one more turn, so a case
  // that schedules nothing still ends through 'beforeExit' rather than ending the VM. It is queued
  // before the case's own immediates, and its one visible effect is that the first poll does not
  // block, so an unref'd immediate may run before a timer it would wait for in Node: such cases
  // are `@alone` (the last case of a VM runs without it, exactly as a main module).
  if (queue.length) setImmediate(() => {});
  process.argv = [original.argv[0], file];
  mark(`\x1e@@begin ${name}\n`);
  process.stderr.write(`@@begin ${name}\n`);
  // Every case starts with a cold module cache for the cases' own files (shared helpers too).
  for (const key of Object.keys(require.cache)) if (key.startsWith(CASES + '/')) delete require.cache[key];
  // A throw here is the case's uncaught exception: the runtime prints it and exits 1, as Node.
  require(file);
}

process.on('beforeExit', onBeforeExit);
next();
