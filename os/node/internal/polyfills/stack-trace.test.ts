import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEngineStack, parseEngineFrame, callSitesOf, stackHeader, installStackTraceApi, setFrameMapper } from './stack-trace';

const engineStack = '    at foo (/app/main.js:14)\n    at <anonymous> (/app/main.js)\n    at map (native)\n    at <eval> (/app/main.js:20)\n    at anonymous (<input>:3)\n';

test('engine frames parse into CallSites with V8-shaped strings', () => {
  const frames = parseEngineStack(engineStack);
  assert.equal(frames.length, 5);
  const sites = callSitesOf(frames);
  assert.deepEqual(sites.map((s) => [s.getFunctionName(), s.getFileName(), s.getLineNumber(), s.isNative(), s.isToplevel(), s.isEval()]), [
    ['foo', '/app/main.js', 14, false, false, false],
    [null, '/app/main.js', null, false, false, false],
    ['map', undefined, null, true, false, false],
    [null, '/app/main.js', 20, false, true, false],
    ['anonymous', '<input>', 3, false, false, true],
  ]);
  assert.deepEqual(sites.map(String), ['foo (/app/main.js:14)', '/app/main.js', 'map (native)', '/app/main.js:20', 'anonymous (<input>:3)']);
  // The engine has no columns: 1 when the line is known (V8 never gives a JS frame null), else null.
  assert.equal(sites[0].getColumnNumber(), 1);
  assert.equal(sites[1].getColumnNumber(), null);
  assert.equal(parseEngineFrame('not a frame'), null);
  assert.deepEqual(parseEngineFrame('    at Object.<anonymous> (/x.js:1:2)')!.line, 1);
});

test('the header follows Error.prototype.toString for any object', () => {
  assert.equal(stackHeader({}), 'Error');
  assert.equal(stackHeader({ name: 'N', message: 'm' }), 'N: m');
  assert.equal(stackHeader({ message: 'm' }), 'Error: m');
  assert.equal(stackHeader({ name: '', message: 'm' }), 'm');
  assert.equal(stackHeader({ get name() { throw new Error('x'); } }), 'Error');
});

test('installed on an Error without the API: capture, skip a function, prepareStackTrace, limit', () => {
  // A stand-in for the engine's Error whose stacks look like QuickJS's.
  const frames = ['    at captureStackTrace (/os.js:1)', '    at inner (/app.js:2)', '    at outer (/app.js:3)', '    at <eval> (/app.js:4)'];
  const FakeError = function (this: { stack: string }) { this.stack = `${frames.join('\n')}\n`; } as unknown as ErrorConstructor;
  const api = installStackTraceApi(FakeError);
  assert.equal(api.installed, true);
  const E = FakeError as unknown as { captureStackTrace(o: object, fn?: Function): void; stackTraceLimit: number; prepareStackTrace?: Function };
  assert.equal(E.stackTraceLimit, 10);
  const a: { stack?: string } = {};
  E.captureStackTrace(a);
  assert.deepEqual(Object.keys(a), []);
  assert.equal(a.stack, 'Error\n    at inner (/app.js:2)\n    at outer (/app.js:3)\n    at /app.js:4');
  const b: { stack?: string; name: string; message: string } = { name: 'X', message: 'y' };
  E.captureStackTrace(b, function inner() {});
  assert.equal(b.stack, 'X: y\n    at outer (/app.js:3)\n    at /app.js:4');
  E.prepareStackTrace = (err: unknown, sites: { getFunctionName(): string | null }[]) => sites.map((s) => s.getFunctionName());
  const c: { stack?: unknown } = {};
  E.captureStackTrace(c);
  assert.deepEqual(c.stack, ['inner', 'outer', null]);
  E.prepareStackTrace = undefined;
  E.stackTraceLimit = 1;
  const d: { stack?: string } = {};
  E.captureStackTrace(d);
  assert.equal(d.stack, 'Error\n    at inner (/app.js:2)');
  d.stack = 'overwritten';
  assert.equal(d.stack, 'overwritten');
  assert.throws(() => E.captureStackTrace(5 as unknown as object), TypeError);
  const engineError = { name: 'TypeError', message: 'bad', stack: '    at f (/a.js:1)\n' };
  api.repairStack(engineError);
  assert.equal(engineError.stack, 'TypeError: bad\n    at f (/a.js:1)');
});

test('an engine that has the API (V8) is left alone', () => {
  const api = installStackTraceApi(Error);
  assert.equal(api.installed, false);
  assert.equal(typeof (Error as unknown as { captureStackTrace: unknown }).captureStackTrace, 'function');
});

test('CallSites report source-mapped positions, as the formatted stack does', () => {
  setFrameMapper((file, line) => (file === '/nephos/app.js' && line === 40 ? { file: '/app/lib.js', line: 2, column: 3 } : file === '/nephos/os.js' ? { file: 'nephos:os/x.ts' } : undefined));
  try {
    const sites = callSitesOf(parseEngineStack('    at f (/nephos/app.js:40)\n    at g (/nephos/os.js:900)\n    at h (/app/other.js:7)\n'));
    assert.deepEqual(sites.map((s) => [s.getFileName(), s.getLineNumber(), s.getColumnNumber()]), [['/app/lib.js', 2, 3], ['nephos:os/x.ts', null, null], ['/app/other.js', 7, 1]]);
    assert.equal(String(sites[0]), 'f (/app/lib.js:2:3)');
  } finally {
    setFrameMapper(undefined);
  }
});
