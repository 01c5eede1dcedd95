// AssertionError as Node 20's lib/internal/assert/assertion_error.js: the generated messages
// ("Expected values to be strictly equal:\n\n1 !== 2\n"), the line diff of createErrDiff for
// strictEqual/deepStrictEqual (identical leading/trailing lines collapsed, "+ actual - expected"),
// the name/code shape ('AssertionError [ERR_ASSERTION]' while the stack is captured) and the
// inspect view that truncates long actual/expected strings. Colours only when the runtime's
// stderr is a TTY with colours, as in Node.

import { inspect } from '../util';
import { runtime } from './runtime-hooks';
import { invalidArgType } from './validators';

let blue = '';
let green = '';
let red = '';
let white = '';

const kReadableOperator: Record<string, string> = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};
const kMaxShortLength = 12;

function copyError(source: any): Error {
  const target = Object.assign(Object.create(Object.getPrototypeOf(source)), source);
  Object.defineProperty(target, 'message', { value: source.message });
  return target;
}

export function inspectValue(val: unknown): string {
  return inspect(val, {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false,
    breakLength: Infinity, showProxy: false, sorted: true, getters: true,
  });
}

// Node's internal/util/colors refresh(): colours only when stderr is a TTY that can show them.
function refreshColors(): void {
  const stderr = runtime.stderr();
  if (stderr?.isTTY) {
    const force = runtime.env().FORCE_COLOR;
    const has = force !== undefined ? force !== '0' && force !== 'false' : (typeof stderr.getColorDepth === 'function' ? stderr.getColorDepth() > 2 : true);
    blue = has ? '\u001b[34m' : '';
    green = has ? '\u001b[32m' : '';
    white = has ? '\u001b[39m' : '';
    red = has ? '\u001b[31m' : '';
  }
}

const removeColors = (s: string) => s.replace(/\u001b\[\d\d?m/g, '');

function createErrDiff(actual: unknown, expected: unknown, operator: string, message: unknown = ''): string {
  const header = () => `${message || kReadableOperator[operator]}`;
  let other = '';
  let res = '';
  let end = '';
  let skipped = false;
  const actualInspected = inspectValue(actual);
  const actualLines = actualInspected.split('\n');
  const expectedLines = inspectValue(expected).split('\n');
  let i = 0;
  let indicator = '';
  if (operator === 'strictEqual' && ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
    (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const c = inspect.defaultOptions.colors;
    const actualRaw = c ? removeColors(actualLines[0]) : actualLines[0];
    const expectedRaw = c ? removeColors(expectedLines[0]) : expectedLines[0];
    const inputLength = actualRaw.length + expectedRaw.length;
    if (inputLength <= kMaxShortLength) {
      if ((typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null) && (actual !== 0 || expected !== 0)) {
        return `${header()}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject') {
      const stderr = runtime.stderr() as { isTTY?: boolean; columns?: number } | undefined;
      const maxLength = stderr?.isTTY ? stderr.columns ?? 80 : 80;
      if (inputLength < maxLength) {
        while (actualRaw[i] === expectedRaw[i]) i++;
        if (i > 2) {
          indicator = `\n  ${' '.repeat(i)}^`;
          i = 0;
        }
      }
    }
  }
  let a = actualLines[actualLines.length - 1];
  let b = expectedLines[expectedLines.length - 1];
  while (a === b) {
    if (i++ < 3) end = `\n  ${a}${end}`;
    else other = a;
    actualLines.pop();
    expectedLines.pop();
    if (actualLines.length === 0 || expectedLines.length === 0) break;
    a = actualLines[actualLines.length - 1];
    b = expectedLines[expectedLines.length - 1];
  }
  const maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    const lines = actualInspected.split('\n');
    if (lines.length > 50) {
      lines[46] = `${blue}...${white}`;
      while (lines.length > 47) lines.pop();
    }
    return `${kReadableOperator.notIdentical}\n\n${lines.join('\n')}\n`;
  }
  if (i >= 5) {
    end = `\n${blue}...${white}${end}`;
    skipped = true;
  }
  if (other !== '') {
    end = `\n  ${other}${end}`;
    other = '';
  }
  let printedLines = 0;
  let identical = 0;
  const msg = `${header()}\n${green}+ actual${white} ${red}- expected${white}`;
  const skippedMsg = ` ${blue}...${white} Lines skipped`;
  let lines = actualLines;
  let plusMinus = `${green}+${white}`;
  let maxLength = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    plusMinus = `${red}-${white}`;
    maxLength = actualLines.length;
  }
  const flushIdentical = (source: string[]) => {
    if (identical > 2) {
      if (identical > 3) {
        if (identical > 4) {
          if (identical === 5) { res += `\n  ${source[i - 3]}`; printedLines++; } else { res += `\n${blue}...${white}`; skipped = true; }
        }
        res += `\n  ${source[i - 2]}`;
        printedLines++;
      }
      res += `\n  ${source[i - 1]}`;
      printedLines++;
    }
    identical = 0;
  };
  for (i = 0; i < maxLines; i++) {
    if (maxLength < i + 1) {
      flushIdentical(lines);
      if (lines === actualLines) res += `\n${plusMinus} ${lines[i]}`;
      else other += `\n${plusMinus} ${lines[i]}`;
      printedLines++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      let divergingLines = actualLine !== expectedLine && (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
      if (divergingLines && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
        divergingLines = false;
        actualLine += ',';
      }
      if (divergingLines) {
        flushIdentical(actualLines);
        res += `\n${green}+${white} ${actualLine}`;
        other += `\n${red}-${white} ${expectedLine}`;
        printedLines += 2;
      } else {
        res += other;
        other = '';
        identical++;
        if (identical <= 2) {
          res += `\n  ${actualLine}`;
          printedLines++;
        }
      }
    }
    if (printedLines > 50 && i < maxLines - 2) {
      return `${msg}${skippedMsg}\n${res}\n${blue}...${white}${other}\n${blue}...${white}`;
    }
  }
  return `${msg}${skipped ? skippedMsg : ''}\n${res}${other}${end}${indicator}`;
}

function addEllipsis(s: string): string {
  const lines = s.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  } else if (s.length > 512) {
    return `${s.slice(512)}...`;
  }
  return s;
}

export interface AssertionErrorOptions {
  message?: unknown; actual?: unknown; expected?: unknown; operator?: string;
  stackStartFn?: Function; stackStartFunction?: Function; details?: { message?: string; actual: unknown; expected: unknown; operator: string; stack?: unknown }[];
}

function generatedMessage(actual: unknown, expected: unknown, operator: string | undefined): string {
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') return createErrDiff(actual, expected, operator);
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let base = kReadableOperator[operator];
    const res = inspectValue(actual).split('\n');
    if (operator === 'notStrictEqual' && ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) base = kReadableOperator.notStrictEqualObject;
    if (res.length > 50) {
      res[46] = `${blue}...${white}`;
      while (res.length > 47) res.pop();
    }
    if (res.length === 1) return `${base}${res[0].length > 5 ? '\n\n' : ' '}${res[0]}`;
    return `${base}\n\n${res.join('\n')}\n`;
  }
  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const knownOperator = kReadableOperator[operator ?? ''];
  if (operator === 'notDeepEqual' && res === other) {
    res = `${knownOperator}\n\n${res}`;
    if (res.length > 1024) res = `${res.slice(0, 1021)}...`;
    return res;
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`;
  if (other.length > 512) other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    res = `${knownOperator}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else {
    const newOp = kReadableOperator[`${operator}Unequal`];
    if (newOp) res = `${newOp}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    else other = ` ${operator} ${other}`;
  }
  return `${res}${other}`;
}

export class AssertionError extends Error {
  generatedMessage!: boolean;
  code!: 'ERR_ASSERTION';
  actual: unknown;
  expected: unknown;
  operator!: string | undefined;

  constructor(options: AssertionErrorOptions) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'Object', options);
    const { message, operator, stackStartFn, details, stackStartFunction } = options;
    const E = Error as unknown as { stackTraceLimit?: number; captureStackTrace?: (o: object, fn?: Function) => void };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    let { actual, expected } = options;
    let text: string;
    if (message == null && !details) {
      refreshColors();
      // Copies without the stack keep the two stacks out of the message, as in Node.
      if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null &&
        'stack' in actual && actual instanceof Error && 'stack' in expected && expected instanceof Error) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
    }
    if (message != null) {
      text = operator === 'deepStrictEqual' || operator === 'strictEqual' ? createErrDiff(options.actual, options.expected, operator, message) : String(message);
    } else if (details) {
      text = details.map((d) => d.message ?? generatedMessage(d.actual, d.expected, d.operator)).join('\n');
    } else {
      text = generatedMessage(actual, expected, operator);
    }
    super(text);
    E.stackTraceLimit = limit;
    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      for (let i = 0; i < details.length; i++) {
        (this as any)[`message ${i}`] = details[i].message;
        (this as any)[`actual ${i}`] = details[i].actual;
        (this as any)[`expected ${i}`] = details[i].expected;
        (this as any)[`operator ${i}`] = details[i].operator;
        (this as any)[`stack trace ${i}`] = details[i].stack;
      }
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    E.captureStackTrace?.(this, stackStartFn || stackStartFunction);
    void this.stack; // format the stack while the name carries the code, as Node does
    this.name = 'AssertionError';
  }

  toString(): string { return `${this.name} [${this.code}]: ${this.message}`; }

  [Symbol.for('nodejs.util.inspect.custom')](_recurseTimes: number, ctx: object): string {
    const tmpActual = this.actual;
    const tmpExpected = this.expected;
    if (typeof this.actual === 'string') this.actual = addEllipsis(this.actual);
    if (typeof this.expected === 'string') this.expected = addEllipsis(this.expected);
    const result = inspect(this, { ...ctx, customInspect: false, depth: 0 });
    this.actual = tmpActual;
    this.expected = tmpExpected;
    return result;
  }
}
Object.defineProperty(AssertionError, 'name', { value: 'AssertionError' });
