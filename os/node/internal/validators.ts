// Node's argument validators (lib/internal/validators.js) and the exact ERR_INVALID_ARG_TYPE
// message of lib/internal/errors.js, which distinguishes primitive types ("of type string"),
// classes ("an instance of Buffer") and other descriptions ("an Array-like Object"), and names
// ending in " argument" ("The first argument must be ..."). The errors are the registry's classes
// (os/core/errors.ts), with the message rebuilt here where the registry's shorter formatter
// differs from Node's.

import { codes, setErrorInspector } from '../../core/errors';

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRegExp = /^([A-Z][a-z0-9]*)+$/;

let inspectFn: ((v: unknown, o?: object) => string) | undefined;
function inspect(v: unknown, o?: object): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  inspectFn ??= require('node-inspect-extracted').inspect as (v: unknown, o?: object) => string;
  return inspectFn(v, o);
}
// The registry's messages (os/core/errors.ts) render received values with the same inspect.
setErrorInspector(inspect);

function formatList(list: string[], word = 'or'): string {
  return list.length < 3 ? list.join(` ${word} `) : `${list.slice(0, -1).join(', ')}, ${word} ${list[list.length - 1]}`;
}

/** "Received ..." as Node's determineSpecificType(). */
export function describeReceived(value: unknown): string {
  if (value == null) return `${value}`;
  if (typeof value === 'function') return `function ${(value as Function).name}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    if (name) return `an instance of ${name}`;
    return inspect(value, { depth: -1 });
  }
  let inspected = inspect(value, { colors: false });
  if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
  return `type ${typeof value} (${inspected})`;
}

export function invalidArgTypeMessage(name: string, expected: string | string[], actual: unknown): string {
  let msg = 'The ';
  if (name.endsWith(' argument')) msg += `${name} `;
  else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  msg += 'must be ';
  const types: string[] = [];
  const instances: string[] = [];
  const other: string[] = [];
  for (const value of Array.isArray(expected) ? expected : [expected]) {
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (classRegExp.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) { types.splice(pos, 1); instances.push('Object'); }
  }
  if (types.length > 0) {
    msg += types.length > 2 ? `one of type ${formatList(types)}` : types.length === 2 ? `one of type ${types[0]} or ${types[1]}` : `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += instances.length > 2 ? `an instance of ${formatList(instances)}` : `an instance of ${instances[0]}${instances.length === 2 ? ` or ${instances[1]}` : ''}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 2) msg += `one of ${formatList(other)}`;
    else if (other.length === 2) msg += `one of ${other[0]} or ${other[1]}`;
    else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += `${other[0]}`;
    }
  }
  return `${msg}. Received ${describeReceived(actual)}`;
}

/** Gives a registry error Node's exact message (and a stack that starts with it). */
export function withMessage<E extends Error>(err: E, message: string): E {
  const old = err.message;
  err.message = message;
  const stack = (err as { stack?: unknown }).stack;
  if (typeof stack === 'string') {
    try {
      Object.defineProperty(err, 'stack', { value: stack.replace(old, message), writable: true, configurable: true, enumerable: false });
    } catch { /* non-configurable: leave it */ }
  }
  return err;
}

export function invalidArgType(name: string, expected: string | string[], actual: unknown): TypeError & { code: string } {
  return withMessage(new codes.ERR_INVALID_ARG_TYPE(name, expected, actual), invalidArgTypeMessage(name, expected, actual)) as TypeError & { code: string };
}

function addNumericalSeparator(val: string): string {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

/** ERR_OUT_OF_RANGE with Node's rendering of the received value. */
export function outOfRange(name: string, range: string, input: unknown, replaceDefaultBoolean = false): RangeError & { code: string } {
  let msg = replaceDefaultBoolean ? name : `The value of "${name}" is out of range.`;
  let received: string;
  if (Number.isInteger(input) && Math.abs(input as number) > 2 ** 32) {
    received = addNumericalSeparator(String(input));
  } else if (typeof input === 'bigint') {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += 'n';
  } else {
    received = inspect(input);
  }
  msg += ` It must be ${range}. Received ${received}`;
  return withMessage(new codes.ERR_OUT_OF_RANGE(name, range, input), msg) as RangeError & { code: string };
}

export function validateNumber(value: unknown, name: string, min?: number, max?: number): asserts value is number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    throw outOfRange(name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`, value);
  }
}

export function validateInteger(value: unknown, name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

export function validateString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

export function validateFunction(value: unknown, name: string): asserts value is Function {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}

export function validateBoolean(value: unknown, name: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

export function validateObject(value: unknown, name: string, { allowArray = false, allowFunction = false, nullable = false } = {}): void {
  if ((!nullable && value === null) || (!allowArray && Array.isArray(value)) ||
    (typeof value !== 'object' && (!allowFunction || typeof value !== 'function'))) {
    throw invalidArgType(name, 'Object', value);
  }
}

export function validateOneOf(value: unknown, name: string, oneOf: unknown[]): void {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw withMessage(new codes.ERR_INVALID_ARG_VALUE(name, value), `The ${name.includes('.') ? 'property' : 'argument'} '${name}' must be one of: ${allowed}. Received ${inspect(value)}`);
  }
}

export function validateAbortSignal(signal: unknown, name: string): void {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

/** ERR_INVALID_ARG_VALUE with Node's rendering of the value (util.inspect, cut at 128 characters). */
export function invalidArgValue(name: string, value: unknown, reason = 'is invalid'): TypeError & { code: string } {
  let inspected = inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return withMessage(new codes.ERR_INVALID_ARG_VALUE(name, value, reason), `The ${type} '${name}' ${reason}. Received ${inspected}`) as TypeError & { code: string };
}

/** ERR_INVALID_RETURN_VALUE as Node 20 words it ("... but got type number (1)."). */
export function invalidReturnValue(input: string, name: string, value: unknown): TypeError & { code: string } {
  return withMessage(new codes.ERR_INVALID_RETURN_VALUE(input, name, value), `Expected ${input} to be returned from the "${name}" function but got ${describeReceived(value)}.`) as TypeError & { code: string };
}
