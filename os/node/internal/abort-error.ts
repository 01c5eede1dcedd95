// Node's AbortError (lib/internal/errors.js): what promise APIs reject with when their AbortSignal
// fires: name 'AbortError', code 'ABORT_ERR', the signal's reason as `cause`.

import { invalidArgType } from './validators';

export class AbortError extends Error {
  code: string;
  constructor(message = 'The operation was aborted', options: { cause?: unknown } | undefined = undefined) {
    if (options !== undefined && typeof options !== 'object') throw invalidArgType('options', 'Object', options);
    super(message, options as ErrorOptions);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}
Object.defineProperty(AbortError, 'name', { value: 'AbortError' });
