// node:vm on Nephos. One realm only: code runs in the application's global context. What works:
// runInThisContext(code, options) and Script#runInThisContext (the engine's global-script
// evaluation, with the filename in stack traces), compileFunction (a Function in this realm),
// isContext (false for everything). Separate contexts (createContext, runInNewContext,
// runInContext, Script#runInNewContext/runInContext), modules (SourceTextModule,
// SyntheticModule) and measureMemory fail with ERR_NOT_SUPPORTED_ON_NEPHOS.
// Difference: a Script's syntax errors surface when it runs, not when it is constructed.
import { Buffer } from './buffer';
import { codes } from '../core/errors';
import { invalidArgType, validateString } from './internal/validators';

export interface VmHost {
  /** Evaluates `source` as a global script named `filename`; returns its completion value. */
  evalScript(source: string, filename: string): unknown;
}

function unsupported(name: string) {
  const fn = function () {
    throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`vm.${name} (separate contexts)`);
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

function filenameOf(options: unknown, fallback: string): string {
  if (typeof options === 'string') return options;
  if (options && typeof options === 'object') {
    const f = (options as { filename?: unknown }).filename;
    if (f !== undefined) {
      validateString(f, 'options.filename');
      return f;
    }
  }
  return fallback;
}

export function createVm(host: VmHost) {
  class Script {
    readonly #code: string;
    readonly #filename: string;
    cachedDataRejected: boolean | undefined;

    constructor(code: unknown, options?: unknown) {
      const source = `${code}`;
      this.#code = source;
      this.#filename = filenameOf(options, 'evalmachine.<anonymous>');
      if (options && typeof options === 'object' && (options as { cachedData?: unknown }).cachedData !== undefined) this.cachedDataRejected = true;
    }

    runInThisContext(_options?: unknown): unknown {
      return host.evalScript(this.#code, this.#filename);
    }

    runInContext(): never {
      return unsupported('Script.runInContext')();
    }

    runInNewContext(): never {
      return unsupported('Script.runInNewContext')();
    }

    createCachedData(): Buffer {
      return Buffer.alloc(0);
    }

    get sourceMapURL(): undefined {
      return undefined;
    }
  }

  function runInThisContext(code: unknown, options?: unknown): unknown {
    return new Script(code, options).runInThisContext();
  }

  function compileFunction(code: unknown, params: unknown = [], options?: unknown): Function {
    validateString(code, 'code');
    if (!Array.isArray(params)) throw invalidArgType('params', 'Array', params);
    params.forEach((p, i) => validateString(p, `params[${i}]`));
    if (options && typeof options === 'object') {
      const o = options as { parsingContext?: unknown; contextExtensions?: unknown[] };
      if (o.parsingContext !== undefined || (o.contextExtensions && o.contextExtensions.length)) {
        return unsupported('compileFunction with parsingContext or contextExtensions')();
      }
    }
    return new Function(...(params as string[]), code);
  }

  return {
    Script,
    createContext: unsupported('createContext'),
    createScript: (code: unknown, options?: unknown) => new Script(code, options),
    runInContext: unsupported('runInContext'),
    runInNewContext: unsupported('runInNewContext'),
    runInThisContext,
    isContext: (object: unknown) => {
      if (object === null || typeof object !== 'object') throw invalidArgType('object', 'Object', object);
      return false;
    },
    compileFunction,
    measureMemory: unsupported('measureMemory'),
    constants: Object.freeze({ USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'), DONT_CONTEXTIFY: Symbol('vm_context_no_contextify') }),
  };
}
