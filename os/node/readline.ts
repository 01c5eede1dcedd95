// node:readline on Nephos: Node 20's Interface for line-oriented input from any readable stream
// (lib/internal/readline/interface.js, its non-terminal path): 'line' events split on \n, \r\n and
// a lone \r (a \r\n split across chunks within crlfDelay counts once), the unfinished last line
// on 'end', question(), prompt()/setPrompt(), pause()/resume(), write(), close(), the async
// iterator (for await (const line of rl)), the signal option; and the cursor helpers (cursorTo,
// moveCursor, clearLine, clearScreenDown) that write ECMA-48 sequences to a stream.
//
// Not implemented: terminal mode's line editing, history navigation, tab completion and keypress
// decoding; with `terminal: true` the Interface reads lines as in non-terminal mode. process.stdin
// yields nothing yet on Nephos (no input is forwarded), so an Interface over it only closes.
import { EventEmitter } from './events';
import { Readable } from './stream';
import { StringDecoder } from './string_decoder';
import { codes } from '../core/errors';
import { invalidArgType, validateAbortSignal, validateFunction, validateString } from './internal/validators';
import { clearLineSequence, cursorSequence, moveSequence } from './tty';

const lineEnding = /\r?\n|\r(?!\n)/g;
const kQuestionCallback = Symbol('kQuestionCallback');
const kLineBuffer = Symbol('kLineBuffer');
const kSawReturnAt = Symbol('kSawReturnAt');
const kDecoder = Symbol('kDecoder');
const kPrompt = Symbol('kPrompt');
const kOldPrompt = Symbol('kOldPrompt');
const kLineStream = Symbol('kLineStream');
const kCleanup = Symbol('kCleanup');

type Stream = EventEmitter & { pause?(): unknown; resume?(): unknown; write?(s: string, cb?: () => void): unknown; isTTY?: boolean; columns?: number };

interface Options {
  input?: Stream;
  output?: Stream;
  completer?: unknown;
  terminal?: boolean;
  prompt?: string;
  crlfDelay?: number;
  historySize?: number;
  history?: string[];
  tabSize?: number;
  signal?: AbortSignal;
  escapeCodeTimeout?: number;
  removeHistoryDuplicates?: boolean;
}

export class Interface extends EventEmitter {
  input: Stream | undefined;
  output: Stream | undefined;
  terminal: boolean;
  line = '';
  cursor = 0;
  history: string[];
  historySize: number;
  crlfDelay: number;
  tabSize: number;
  escapeCodeTimeout: number;
  removeHistoryDuplicates: boolean;
  completer: unknown;
  isCompletionEnabled = true;
  closed = false;
  paused = false;
  [kQuestionCallback]: ((answer: string) => void) | null = null;
  [kLineBuffer]: string | null = null;
  [kSawReturnAt] = 0;
  [kDecoder] = new StringDecoder('utf8');
  [kPrompt]: string;
  [kOldPrompt] = '';
  [kLineStream]: any;
  [kCleanup]: () => void;

  constructor(input?: unknown, output?: unknown, completer?: unknown, terminal?: boolean) {
    super();
    let opts: Options;
    // An options object is recognised by its `input` (as Node does).
    if ((input as Options | undefined)?.input) {
      opts = input as Options;
    } else {
      opts = { input: input as Stream, output: output as Stream, completer, terminal };
    }
    let history = opts.history;
    let historySize = opts.historySize;
    if (history === undefined) history = [];
    else if (!Array.isArray(history)) throw invalidArgType('history', 'Array', history);
    if (historySize === undefined) historySize = 30;
    if (typeof historySize !== 'number' || Number.isNaN(historySize) || historySize < 0) {
      throw new codes.ERR_INVALID_ARG_VALUE('historySize', historySize);
    }
    if (opts.completer !== undefined && typeof opts.completer !== 'function') {
      throw new codes.ERR_INVALID_ARG_VALUE('completer', opts.completer);
    }
    const tabSize = opts.tabSize ?? 8;
    if (typeof tabSize !== 'number' || !Number.isInteger(tabSize) || tabSize < 1) throw invalidArgType('tabSize', 'number', tabSize);
    const prompt = opts.prompt ?? '> ';
    validateString(prompt, 'prompt');
    this.input = opts.input;
    this.output = opts.output;
    this.completer = opts.completer;
    this.terminal = opts.terminal === undefined ? !!this.output?.isTTY : !!opts.terminal;
    this.history = history;
    this.historySize = historySize;
    this.tabSize = tabSize;
    this.crlfDelay = opts.crlfDelay ? Math.max(100, opts.crlfDelay) : 100;
    this.escapeCodeTimeout = opts.escapeCodeTimeout ?? 500;
    this.removeHistoryDuplicates = !!opts.removeHistoryDuplicates;
    this[kPrompt] = prompt;

    const input0 = this.input;
    const ondata = (data: unknown) => this.normalWrite(data);
    const onend = () => {
      const rest = this[kLineBuffer];
      if (typeof rest === 'string' && rest.length > 0) this.emit('line', rest);
      this.close();
    };
    const onerror = (err: unknown) => this.emit('error', err);
    this[kCleanup] = () => {
      input0?.removeListener('data', ondata);
      input0?.removeListener('error', onerror);
      input0?.removeListener('end', onend);
    };
    if (input0) {
      input0.on('error', onerror);
      input0.on('data', ondata);
      input0.on('end', onend);
    }
    this.once('close', () => this[kCleanup]());

    if (opts.signal !== undefined) {
      validateAbortSignal(opts.signal, 'options.signal');
      const signal = opts.signal;
      if (signal.aborted) {
        (globalThis as any).process.nextTick(() => this.close());
      } else {
        const onAborted = () => this.close();
        signal.addEventListener('abort', onAborted, { once: true });
        this.once('close', () => signal.removeEventListener('abort', onAborted));
      }
    }
    input0?.resume?.();
  }

  get columns(): number {
    return this.output?.columns ?? Infinity;
  }

  setPrompt(prompt: string): void {
    this[kPrompt] = prompt;
  }

  getPrompt(): string {
    return this[kPrompt];
  }

  private writeToOutput(s: string): void {
    validateString(s, 'stringToWrite');
    this.output?.write?.(s);
  }

  prompt(_preserveCursor?: boolean): void {
    if (this.paused) this.resume();
    this.writeToOutput(this[kPrompt]);
  }

  question(query: string, options?: unknown, cb?: (answer: string) => void): void {
    if (typeof options === 'function') cb = options as (answer: string) => void;
    if (options !== null && typeof options === 'object') {
      const signal = (options as { signal?: AbortSignal }).signal;
      if (signal) {
        validateAbortSignal(signal, 'options.signal');
        if (signal.aborted) return;
        const onAbort = () => this.questionCancel();
        signal.addEventListener('abort', onAbort, { once: true });
        const cleanup = () => signal.removeEventListener('abort', onAbort);
        const original = cb;
        cb = typeof original === 'function' ? (answer) => { cleanup(); original(answer); } : cleanup;
      }
    }
    if (typeof cb === 'function') this.askQuestion(query, cb);
  }

  /** @internal */
  askQuestion(query: string, cb: (answer: string) => void): void {
    if (this.closed) throw new codes.ERR_USE_AFTER_CLOSE('readline');
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }

  /** @internal */
  questionCancel(): void {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
    }
  }

  private onLine(line: string): void {
    const cb = this[kQuestionCallback];
    if (cb) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }

  private normalWrite(b: unknown): void {
    if (b === undefined) return;
    let string = typeof b === 'string' ? b : this[kDecoder].write(b as Uint8Array);
    // A \n right after a \r that ended the previous chunk belongs to that line ending.
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.charCodeAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    let match = lineEnding.exec(string);
    if (match !== null) {
      if (this[kLineBuffer]) {
        string = this[kLineBuffer] + string;
        this[kLineBuffer] = null;
        lineEnding.lastIndex = 0;
        match = lineEnding.exec(string)!;
      }
      this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
      const indexes = [0, match.index, lineEnding.lastIndex];
      let next: RegExpExecArray | null;
      while ((next = lineEnding.exec(string)) !== null) indexes.push(next.index, lineEnding.lastIndex);
      const last = indexes.length - 1;
      this[kLineBuffer] = string.slice(indexes[last]);
      for (let i = 1; i < last; i += 2) {
        this.onLine(string.slice(indexes[i - 1], indexes[i]));
        if (this.closed) return;
      }
    } else if (string) {
      this[kLineBuffer] = this[kLineBuffer] ? this[kLineBuffer] + string : string;
    }
  }

  pause(): this | undefined {
    if (this.paused) return undefined;
    this.input?.pause?.();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume(): this | undefined {
    if (!this.paused) return undefined;
    this.input?.resume?.();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  write(d: unknown, _key?: unknown): void {
    if (this.closed) throw new codes.ERR_USE_AFTER_CLOSE('readline');
    if (this.paused) this.resume();
    this.normalWrite(d);
  }

  close(): void {
    if (this.closed) return;
    this.pause();
    this.closed = true;
    this.emit('close');
  }

  getCursorPos(): { rows: number; cols: number } {
    const cols = this[kPrompt].length + this.cursor;
    const columns = this.columns;
    return Number.isFinite(columns) ? { rows: Math.floor(cols / columns), cols: cols % columns } : { rows: 0, cols };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    if (this[kLineStream] === undefined) {
      const lineListener = (line: string) => {
        if (!readable.push(line)) this.pause();
      };
      const closeListener = () => readable.push(null);
      const errorListener = (err: Error) => readable.destroy(err);
      const readable: any = new Readable({
        objectMode: true,
        read: () => {
          this.resume();
        },
        destroy: (err: Error | null, cb: (e: Error | null) => void) => {
          this.off('line', lineListener);
          this.off('close', closeListener);
          this.close();
          cb(err);
        },
      });
      this.on('error', errorListener);
      this.on('line', lineListener);
      this.on('close', closeListener);
      this[kLineStream] = readable;
    }
    return (this[kLineStream] as any)[Symbol.asyncIterator]();
  }
}

export function createInterface(input?: unknown, output?: unknown, completer?: unknown, terminal?: boolean): Interface {
  return new Interface(input, output, completer, terminal);
}

type WriteTarget = { write(s: string, cb?: () => void): boolean } | null | undefined;

function writeOrCallback(stream: WriteTarget, data: string, callback?: () => void): boolean {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream === null || stream === undefined) {
    if (typeof callback === 'function') (globalThis as any).process.nextTick(callback);
    return true;
  }
  return stream.write(data, callback);
}

export function cursorTo(stream: WriteTarget, x: unknown, y?: unknown, callback?: () => void): boolean {
  if (typeof y === 'function') {
    callback = y as () => void;
    y = undefined;
  }
  if (Number.isNaN(x)) throw new codes.ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw new codes.ERR_INVALID_ARG_VALUE('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) {
    if (typeof callback === 'function') (globalThis as any).process.nextTick(callback);
    return true;
  }
  if (typeof x !== 'number') throw new codes.ERR_INVALID_CURSOR_POS();
  return writeOrCallback(stream, cursorSequence(x, y as number | undefined), callback);
}

export function moveCursor(stream: WriteTarget, dx: number, dy: number, callback?: () => void): boolean {
  if (stream == null || !(dx || dy)) {
    if (typeof callback === 'function') (globalThis as any).process.nextTick(callback);
    return true;
  }
  return writeOrCallback(stream, moveSequence(dx, dy), callback);
}

export function clearLine(stream: WriteTarget, dir: number, callback?: () => void): boolean {
  return writeOrCallback(stream, clearLineSequence(dir), callback);
}

export function clearScreenDown(stream: WriteTarget, callback?: () => void): boolean {
  return writeOrCallback(stream, '\x1b[0J', callback);
}

/** Keypress decoding is not implemented: input streams keep emitting 'data' only. */
export function emitKeypressEvents(_stream: unknown, _iface?: unknown): void {}

/** readline/promises' Interface: question() returns a promise. */
export class PromisesInterface extends Interface {
  question(query: string, options?: unknown): any {
    return new Promise<string>((resolve, reject) => {
      let cb = resolve;
      const signal = options && typeof options === 'object' ? (options as { signal?: AbortSignal }).signal : undefined;
      if (signal) {
        validateAbortSignal(signal, 'options.signal');
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => {
          this.questionCancel();
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        cb = (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        };
      }
      this.askQuestion(query, cb as (answer: string) => void);
    });
  }
}

/** readline/promises' Readline: cursor actions queued, then written by commit(). */
export class Readline {
  #stream: { write(s: string): unknown };
  #todo: string[] = [];
  #autoCommit: boolean;
  constructor(stream: { write(s: string): unknown }, options?: { autoCommit?: boolean }) {
    if (!stream || typeof stream.write !== 'function') throw invalidArgType('stream', 'Writable', stream);
    this.#stream = stream;
    this.#autoCommit = !!options?.autoCommit;
  }
  #add(s: string): this {
    if (this.#autoCommit) (globalThis as any).process.nextTick(() => this.#stream.write(s));
    else this.#todo.push(s);
    return this;
  }
  cursorTo(x: number, y?: number): this {
    return this.#add(cursorSequence(x, y));
  }
  moveCursor(dx: number, dy: number): this {
    return dx || dy ? this.#add(moveSequence(dx, dy)) : this;
  }
  clearLine(dir: number): this {
    return this.#add(clearLineSequence(dir));
  }
  clearScreenDown(): this {
    return this.#add('\x1b[0J');
  }
  commit(): Promise<void> {
    const data = this.#todo.join('');
    this.#todo = [];
    return new Promise((resolve) => {
      this.#stream.write(data);
      resolve();
    });
  }
  rollback(): this {
    this.#todo = [];
    return this;
  }
}

export const promises = {
  Interface: PromisesInterface,
  Readline,
  createInterface: (input?: unknown, output?: unknown, completer?: unknown, terminal?: boolean) => new PromisesInterface(input, output, completer, terminal),
};

const readline = {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
  promises,
};

export default readline;
