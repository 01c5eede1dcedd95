// assert.CallTracker (deprecated in Node 20, DEP0173, still present): wraps functions to count
// calls, then verify() that each was called the expected number of times. As Node's
// lib/internal/assert/calltracker.js: the wrapper is a Proxy so name and length stay the
// function's; report() lists the functions whose count is off.
import { codes } from '../../core/errors';
import { AssertionError } from './assertion-error';
import { invalidArgType } from './validators';

interface CallRecord {
  thisArg: unknown;
  arguments: unknown[];
}

interface Report {
  message: string;
  actual: number;
  expected: number;
  operator: string;
  stack: Error;
}

class CallTrackerContext {
  calls: CallRecord[] = [];
  constructor(readonly expected: number, readonly name: string, readonly stack: Error) {}

  report(): Report | undefined {
    if (this.calls.length === this.expected) return undefined;
    return {
      message: `Expected the ${this.name} function to be executed ${this.expected} time(s) but was executed ${this.calls.length} time(s).`,
      actual: this.calls.length, expected: this.expected, operator: this.name, stack: this.stack,
    };
  }
}

const noop = () => {};

export class CallTracker {
  #contexts = new Set<CallTrackerContext>();
  #tracked = new WeakMap<Function, CallTrackerContext>();

  #context(tracked: unknown): CallTrackerContext {
    const ctx = typeof tracked === 'function' ? this.#tracked.get(tracked) : undefined;
    if (!ctx) throw new codes.ERR_INVALID_ARG_VALUE('tracked', tracked, 'is not a tracked function');
    return ctx;
  }

  calls(fn?: Function | number, expected: number = 1): Function {
    if (typeof fn === 'number') {
      expected = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn);
    if (typeof expected !== 'number') throw invalidArgType('expected', 'number', expected);
    if (!Number.isInteger(expected)) throw new codes.ERR_OUT_OF_RANGE('expected', 'an integer', expected);
    if (expected < 1 || expected > 4294967295) throw new codes.ERR_OUT_OF_RANGE('expected', '>= 1 && <= 4294967295', expected);
    const ctx = new CallTrackerContext(expected, fn.name || 'calls', new Error());
    const tracked = new Proxy(fn, {
      apply(target, thisArg, args) {
        ctx.calls.push(Object.freeze({ thisArg, arguments: args }));
        return Reflect.apply(target, thisArg, args);
      },
    });
    this.#contexts.add(ctx);
    this.#tracked.set(tracked, ctx);
    return tracked;
  }

  getCalls(tracked: Function): CallRecord[] {
    return [...this.#context(tracked).calls];
  }

  reset(tracked?: Function): void {
    if (tracked === undefined) {
      for (const ctx of this.#contexts) ctx.calls = [];
      return;
    }
    this.#context(tracked).calls = [];
  }

  report(): Report[] {
    const out: Report[] = [];
    for (const ctx of this.#contexts) {
      const r = ctx.report();
      if (r) out.push(r);
    }
    return out;
  }

  verify(): void {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors } as never);
  }
}
