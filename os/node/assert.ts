// node:assert as Node 20's lib/assert.js, written over our util.inspect and deep-equality
// (internal/comparisons.ts) because the npm `assert` package's messages are Node 10's:
// ok/equal/notEqual/strictEqual/notStrictEqual/deepEqual/deepStrictEqual/notDeep*, throws/
// doesNotThrow/rejects/doesNotReject with validation objects, classes, RegExps and functions,
// match/doesNotMatch, fail, ifError, AssertionError, and assert.strict.
//
// One difference: for `assert(false)` / `assert.ok(x)` without a message Node reads the call site's
// source to print "The expression evaluated to a falsy value: assert.ok(x)"; the engine gives no
// columns, so we print what Node prints when the source is unavailable ("false == true").

import { codes } from '../core/errors';
import { inspect, deprecate } from './util';
import { CallTracker as Tracker } from './internal/call-tracker';
import { isDeepEqual, isDeepStrictEqual } from './internal/comparisons';
import { isPromise, isRegExp, isNativeError } from './internal/types';
import { AssertionError, type AssertionErrorOptions } from './internal/assertion-error';
import { invalidArgType, invalidArgValue, invalidReturnValue, validateFunction, withMessage } from './internal/validators';
import { runtime } from './internal/runtime-hooks';

const NO_EXCEPTION_SENTINEL = {};
const isError = (e: unknown): e is Error => isNativeError(e) || e instanceof Error;

function innerFail(obj: AssertionErrorOptions): never {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function innerOk(fn: Function, argLen: number, value: unknown, message?: unknown): void {
  if (!value) {
    let generated = false;
    if (argLen === 0) {
      generated = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generated = true;
    } else if (message instanceof Error) {
      throw message;
    }
    const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    err.generatedMessage = generated;
    throw err;
  }
}

function missingArgs(n: number): void {
  if (n < 2) throw new codes.ERR_MISSING_ARGS('actual', 'expected');
}

function ok(...args: unknown[]): void { innerOk(ok, args.length, ...(args as [unknown, unknown?])); }

let warnedFail = false;
function fail(actual?: unknown, expected?: unknown, message?: unknown, operator?: string, stackStartFn?: Function): never {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedFail) {
      warnedFail = true;
      runtime.emitWarning('assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message });
  if (internalMessage) err.generatedMessage = true;
  throw err;
}

function equal(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
}
function notEqual(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
}
function deepEqual(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  if (!isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
}
function notDeepEqual(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
}
function deepStrictEqual(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
}
function notDeepStrictEqual(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  if (isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
}
function strictEqual(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
}
function notStrictEqual(actual: unknown, expected: unknown, message?: unknown): void {
  missingArgs(arguments.length);
  if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
}

class Comparison {
  constructor(obj: any, keys: string[], actual?: any) {
    for (const key of keys) {
      if (key in obj) {
        if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) && obj[key].exec(actual[key]) !== null) {
          (this as any)[key] = actual[key];
        } else {
          (this as any)[key] = obj[key];
        }
      }
    }
  }
}

function compareExceptionKey(actual: any, expected: any, key: string, message: unknown, keys: string[], fn: Function): void {
  if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
    if (!message) {
      const a = new Comparison(actual, keys);
      const b = new Comparison(expected, keys, actual);
      const err = new AssertionError({ actual: a, expected: b, operator: 'deepStrictEqual', stackStartFn: fn });
      err.actual = actual;
      err.expected = expected;
      err.operator = fn.name;
      throw err;
    }
    innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  }
}

function expectedException(actual: any, expected: any, message: unknown, fn: Function): void {
  let generatedMessage = false;
  let throwError = false;
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
      throwError = true;
    } else if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) throw invalidArgValue('error', expected, 'may not be an empty object');
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) && expected[key].exec(actual[key]) !== null) continue;
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    if (!message) {
      generatedMessage = true;
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = (actual.constructor && actual.constructor.name) || actual.name;
        if (expected.name === name) message += 'an error with identical name but a different prototype.';
        else message += `"${name}"`;
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
    throwError = true;
  } else {
    const res = Reflect.apply(expected, {}, [actual]);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        const name = expected.name ? `"${expected.name}" ` : '';
        message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
        if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
      }
      throwError = true;
    }
  }
  if (throwError) {
    const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function getActual(fn: unknown): unknown {
  validateFunction(fn, 'fn');
  try { fn(); } catch (e) { return e; }
  return NO_EXCEPTION_SENTINEL;
}

function checkIsPromise(obj: any): boolean {
  return isPromise(obj) || (obj !== null && typeof obj === 'object' && typeof obj.then === 'function' && typeof obj.catch === 'function');
}

async function waitForActual(promiseFn: unknown): Promise<unknown> {
  let resultPromise: unknown;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();
    if (!checkIsPromise(resultPromise)) throw invalidReturnValue('instance of Promise', 'promiseFn', resultPromise);
  } else if (checkIsPromise(promiseFn)) {
    resultPromise = promiseFn;
  } else {
    throw invalidArgType('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try { await resultPromise; } catch (e) { return e; }
  return NO_EXCEPTION_SENTINEL;
}

function expectsError(stackStartFn: Function, actual: any, error?: any, message?: unknown, ...rest: unknown[]): void {
  if (typeof error === 'string') {
    if (arguments.length === 4) {
      throw invalidArgType('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw withMessage(new codes.ERR_AMBIGUOUS_ARGUMENT('error/message', ''), `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw withMessage(new codes.ERR_AMBIGUOUS_ARGUMENT('error/message', ''), `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw invalidArgType('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }
  if (actual === NO_EXCEPTION_SENTINEL) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const fnType = stackStartFn === rejects ? 'rejection' : 'exception';
    innerFail({ actual: undefined, expected: error, operator: stackStartFn.name, message: `Missing expected ${fnType}${details}`, stackStartFn });
  }
  if (!error) return;
  expectedException(actual, error, message, stackStartFn);
}

function hasMatchingError(actual: any, expected: any): boolean {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw invalidArgType('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(stackStartFn: Function, actual: any, error?: any, message?: unknown): void {
  if (actual === NO_EXCEPTION_SENTINEL) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const fnType = stackStartFn === doesNotReject ? 'rejection' : 'exception';
    innerFail({ actual, expected: error, operator: stackStartFn.name, message: `Got unwanted ${fnType}${details}\nActual message: "${actual && actual.message}"`, stackStartFn });
  }
  throw actual;
}

function throws(promiseFn: unknown, ...args: unknown[]): void { expectsError(throws, getActual(promiseFn), ...args); }
async function rejects(promiseFn: unknown, ...args: unknown[]): Promise<void> { expectsError(rejects, await waitForActual(promiseFn), ...args); }
function doesNotThrow(fn: unknown, ...args: unknown[]): void { expectsNoError(doesNotThrow, getActual(fn), ...args); }
async function doesNotReject(fn: unknown, ...args: unknown[]): Promise<void> { expectsNoError(doesNotReject, await waitForActual(fn), ...args); }

function ifError(err: any): void {
  if (err !== null && err !== undefined) {
    let message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += inspect(err);
    }
    const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    const origStack = err.stack;
    if (typeof origStack === 'string') {
      const origStackStart = origStack.indexOf('\n    at');
      if (origStackStart !== -1) {
        const originalFrames = origStack.slice(origStackStart + 1).split('\n');
        let newFrames = String(newErr.stack).split('\n');
        for (const errFrame of originalFrames) {
          const pos = newFrames.indexOf(errFrame);
          if (pos !== -1) { newFrames = newFrames.slice(0, pos); break; }
        }
        newErr.stack = `${newFrames.join('\n')}\n${originalFrames.join('\n')}`;
      }
    }
    throw newErr;
  }
}

function internalMatch(string: unknown, regexp: unknown, message: unknown, fn: Function): void {
  if (!isRegExp(regexp)) throw invalidArgType('regexp', 'RegExp', regexp);
  const isMatch = fn === match;
  if (typeof string !== 'string' || (regexp.exec(string) !== null) !== isMatch) {
    if (message instanceof Error) throw message;
    const generatedMessage = !message;
    message = message || (typeof string !== 'string'
      ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
      : `${isMatch ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression '}${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
    const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}
function match(string: unknown, regexp: unknown, message?: unknown): void { internalMatch(string, regexp, message, match); }
function doesNotMatch(string: unknown, regexp: unknown, message?: unknown): void { internalMatch(string, regexp, message, doesNotMatch); }

type Assert = ((value: unknown, message?: unknown) => void) & Record<string, any>;

const CallTracker = deprecate(Tracker, 'assert.CallTracker is deprecated.', 'DEP0173');

export const assert: Assert = Object.assign(function assert(...args: unknown[]) { innerOk(assert, args.length, ...(args as [unknown, unknown?])); }, {
  ok, fail, equal, notEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual, strictEqual, notStrictEqual,
  throws, rejects, doesNotThrow, doesNotReject, ifError, match, doesNotMatch, AssertionError, CallTracker,
}) as Assert;

function strict(...args: unknown[]): void { innerOk(strict, args.length, ...(args as [unknown, unknown?])); }
export const strictAssert: Assert = Object.assign(strict, assert, {
  equal: strictEqual, deepEqual: deepStrictEqual, notEqual: notStrictEqual, notDeepEqual: notDeepStrictEqual,
}) as Assert;
strictAssert.strict = strictAssert;
assert.strict = strictAssert;

export {
  ok, fail, equal, notEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual, strictEqual, notStrictEqual,
  throws, rejects, doesNotThrow, doesNotReject, ifError, match, doesNotMatch, AssertionError,
};
export default assert;
