// node:module and `require`: Node's CommonJS resolution over the OS's file systems, for what the
// build did not bundle (dynamic `require(name)`, createRequire, files read at run time). Built-in
// modules come from the registry (os/node/registry.ts); JavaScript files are compiled at run time
// with Node's wrapper; JSON files are parsed. ES modules cannot be loaded at run time (the build
// bundles them): ERR_REQUIRE_ESM.
import { codes } from '../core/errors';

export interface ModuleHost {
  /** 'file', 'dir' or undefined for a path. */
  kind(path: string): 'file' | 'dir' | undefined;
  readText(path: string): string;
  /** Compiles `source` as a script named `filename`; returns its completion value. */
  compile(source: string, filename: string): unknown;
  builtin(name: string): unknown;
  isBuiltin(name: string): boolean;
  builtinNames: readonly string[];
}

interface ModuleRecord {
  id: string;
  path: string;
  exports: any;
  filename: string;
  loaded: boolean;
  children: ModuleRecord[];
  paths: string[];
  parent?: ModuleRecord | null;
  require?: NodeRequire;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

function nodeModulePaths(from: string): string[] {
  const out: string[] = [];
  let dir = normalise(from);
  for (;;) {
    if (!dir.endsWith('/node_modules')) out.push(dir === '/' ? '/node_modules' : `${dir}/node_modules`);
    if (dir === '/') break;
    dir = dirname(dir);
  }
  return out;
}

function notFound(request: string, parent: string | undefined): Error {
  const err = new Error(`Cannot find module '${request}'${parent ? `\nRequire stack:\n- ${parent}` : ''}`) as Error & { code: string; requireStack: string[] };
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = parent ? [parent] : [];
  return err;
}

export class ModuleSystem {
  readonly cache: Record<string, ModuleRecord> = Object.create(null);
  main: ModuleRecord | undefined;

  constructor(private readonly host: ModuleHost) {}

  private tryFile(p: string): string | undefined {
    return this.host.kind(p) === 'file' ? p : undefined;
  }

  private tryExtensions(p: string): string | undefined {
    return this.tryFile(p) ?? this.tryFile(`${p}.js`) ?? this.tryFile(`${p}.json`) ?? this.tryFile(`${p}.cjs`);
  }

  private tryDirectory(p: string): string | undefined {
    if (this.host.kind(p) !== 'dir') return undefined;
    const pkgPath = `${p}/package.json`;
    if (this.host.kind(pkgPath) === 'file') {
      try {
        const pkg = JSON.parse(this.host.readText(pkgPath));
        if (typeof pkg.main === 'string' && pkg.main) {
          const m = normalise(`${p}/${pkg.main}`);
          const found = this.tryExtensions(m) ?? this.tryDirectoryIndex(m);
          if (found) return found;
        }
      } catch {
        // Node reports invalid package.json when it needs "main"; fall back to index like Node does on missing main.
      }
    }
    return this.tryDirectoryIndex(p);
  }

  private tryDirectoryIndex(p: string): string | undefined {
    return this.tryFile(`${p}/index.js`) ?? this.tryFile(`${p}/index.json`) ?? this.tryFile(`${p}/index.cjs`);
  }

  resolve(request: string, parentFile: string | undefined): string {
    if (typeof request !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('id', 'string', request);
    if (request === '') throw new codes.ERR_INVALID_ARG_VALUE('id', request, 'must be a non-empty string');
    if (this.host.isBuiltin(request)) return request.startsWith('node:') ? request : request;
    if (request.startsWith('node:')) throw new codes.ERR_UNKNOWN_BUILTIN_MODULE(request);
    const base = parentFile ? dirname(parentFile) : '/app';
    if (request.startsWith('/') || request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') {
      const p = normalise(request.startsWith('/') ? request : `${base}/${request}`);
      const found = this.tryExtensions(p) ?? this.tryDirectory(p);
      if (found) return found;
      throw notFound(request, parentFile);
    }
    for (const dir of nodeModulePaths(base)) {
      const p = `${dir}/${request}`;
      const found = this.tryExtensions(p) ?? this.tryDirectory(p);
      if (found) return found;
    }
    throw notFound(request, parentFile);
  }

  load(request: string, parent: ModuleRecord | undefined): unknown {
    if (this.host.isBuiltin(request)) return this.host.builtin(request.replace(/^node:/, ''));
    const filename = this.resolve(request, parent?.filename);
    const cached = this.cache[filename];
    if (cached) return cached.exports;
    const mod = this.createModule(filename, parent);
    this.cache[filename] = mod;
    try {
      this.execute(mod);
    } catch (err) {
      delete this.cache[filename];
      throw err;
    }
    return mod.exports;
  }

  createModule(filename: string, parent: ModuleRecord | undefined): ModuleRecord {
    const mod: ModuleRecord = {
      id: filename, path: dirname(filename), exports: {}, filename, loaded: false, children: [],
      paths: nodeModulePaths(dirname(filename)), parent: parent ?? null,
    };
    mod.require = this.makeRequire(mod);
    parent?.children.push(mod);
    return mod;
  }

  private execute(mod: ModuleRecord): void {
    const f = mod.filename;
    if (f.endsWith('.json')) {
      try {
        mod.exports = JSON.parse(stripBom(this.host.readText(f)));
      } catch (err) {
        (err as Error).message = `${f}: ${(err as Error).message}`;
        throw err;
      }
    } else if (f.endsWith('.mjs')) {
      throw new codes.ERR_REQUIRE_ESM(f);
    } else if (f.endsWith('.node')) {
      throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS(`Native addon ${f}`);
    } else {
      const source = stripShebang(stripBom(this.host.readText(f)));
      const wrapper = this.host.compile(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, f) as Function;
      wrapper.call(mod.exports, mod.exports, mod.require, mod, f, mod.path);
    }
    mod.loaded = true;
  }

  makeRequire(mod: ModuleRecord | undefined): NodeRequire {
    const require = ((id: string) => this.load(id, mod)) as NodeRequire;
    const resolve = ((request: string) => {
      if (this.host.isBuiltin(request)) return request;
      return this.resolve(request, mod?.filename);
    }) as NodeRequire['resolve'];
    resolve.paths = (request: string) => (this.host.isBuiltin(request) ? null : nodeModulePaths(mod ? mod.path : '/app'));
    require.resolve = resolve;
    require.cache = this.cache as any;
    require.main = this.main as any;
    require.extensions = Object.create(null);
    Object.defineProperty(require, 'main', { get: () => this.main, enumerable: true });
    return require;
  }

  /** require() for code located at `filename` (module.createRequire). */
  createRequire(filename: string | { href: string }): NodeRequire {
    let f = typeof filename === 'string' ? filename : filename?.href;
    if (typeof f !== 'string') throw new codes.ERR_INVALID_ARG_VALUE('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
    if (f.startsWith('file://')) f = decodeURIComponent(f.slice(7));
    if (!f.startsWith('/')) throw new codes.ERR_INVALID_ARG_VALUE('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
    const mod = this.createModule(f.endsWith('/') ? `${f}noop.js` : f, undefined);
    return mod.require!;
  }

  /** The entry module record for the bundled application (its `require` is the runtime's). */
  mainModule(filename: string): ModuleRecord {
    const mod = this.createModule(filename, undefined);
    this.cache[filename] = mod;
    this.main = mod;
    return mod;
  }

  /** The node:module exports. */
  api(): Record<string, unknown> {
    const self = this;
    function Module(this: any, id = '', parent?: any) {
      this.id = id;
      this.exports = {};
      this.parent = parent;
      this.filename = null;
      this.loaded = false;
      this.children = [];
      this.paths = [];
    }
    Object.assign(Module, {
      builtinModules: [...this.host.builtinNames],
      createRequire: (f: string) => self.createRequire(f),
      isBuiltin: (name: string) => this.host.isBuiltin(name),
      _cache: this.cache,
      _extensions: Object.create(null),
      _pathCache: Object.create(null),
      globalPaths: [],
      _nodeModulePaths: nodeModulePaths,
      _resolveFilename: (request: string, parent?: { filename?: string }) => self.resolve(request, parent?.filename),
      _load: (request: string, parent?: ModuleRecord) => self.load(request, parent),
      wrap: (script: string) => `(function (exports, require, module, __filename, __dirname) { ${script}\n});`,
      wrapper: ['(function (exports, require, module, __filename, __dirname) { ', '\n});'],
      syncBuiltinESMExports: () => {},
      findSourceMap: () => undefined,
      register: () => {
        throw new codes.ERR_NOT_SUPPORTED_ON_NEPHOS('module.register (loader hooks)');
      },
    });
    (Module as any).Module = Module;
    return Module as unknown as Record<string, unknown>;
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function stripShebang(s: string): string {
  return s.startsWith('#!') ? `//${s.slice(2)}` : s;
}
