// The node:fs operations that walk more than one path: mkdir -p, rm -r (Node's rimraf), rmdir,
// readdir { recursive }, the JavaScript realpath, mkdtemp and cp. Each follows the algorithm of
// the Node 20 function it stands for (named per method), step by step, so results and errors
// match: e.g. rmSync of a missing path fails in "lstat", realpathSync reports the first missing
// prefix from "lstat", and recursive mkdir reports the full path it was given.

import { Buffer } from 'buffer';
import { codes, systemError, uvErrors } from '../../../core/errors';
import { isDirMode, isFileMode, isLinkMode, S_IFMT } from '../../../fs/types';
import type { Vfs, VfsStat } from '../../../fs/vfs';
import { basename, dirname, join, normalize, relative, resolve } from './paths';
import { Dirent, direntType } from './stats';
import type { Thunk } from './ops';
import {
  encodeResult, getOptions, getValidatedPath, getValidMode, parseFileMode, validateBoolean, validateFunction,
  validateInt32, validateObject, validateUint32,
} from './validators';

const TEMP_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface RmOptions { force: boolean; recursive: boolean; maxRetries: number; retryDelay: number }

export interface CpOptions {
  dereference: boolean;
  errorOnExist: boolean;
  filter?: (src: string, dest: string) => unknown;
  force: boolean;
  preserveTimestamps: boolean;
  recursive: boolean;
  verbatimSymlinks: boolean;
  mode: number;
}

/** Node's SystemError for ERR_FS_* codes: "<prefix>: <syscall> returned <code> (<message>) <path>". */
export function fsSystemError(key: string, info: { code: string; message: string; path: string; syscall: string; errno: number }): Error {
  const err = new codes[key](`${info.syscall} returned ${info.code} (${info.message}) ${info.path}`) as unknown as Error & Record<string, unknown>;
  err.name = 'SystemError';
  err.errno = info.errno;
  err.syscall = info.syscall;
  err.path = info.path;
  err.info = { ...info };
  return err;
}

function code(err: unknown): string | undefined {
  return (err as { code?: string })?.code;
}

export class FsTree {
  readonly vfs: Vfs;
  #random: () => number;

  constructor(vfs: Vfs, random: () => number) {
    this.vfs = vfs;
    this.#random = random;
  }

  // ---- mkdir ----

  mkdir(path: unknown, options: unknown): Thunk<string | undefined> {
    let mode: unknown = 0o777;
    let recursive: unknown = false;
    if (typeof options === 'number' || typeof options === 'string') {
      mode = parseFileMode(options, 'mode');
    } else if (options) {
      const o = options as { recursive?: unknown; mode?: unknown };
      if (o.recursive !== undefined) recursive = o.recursive;
      if (o.mode !== undefined) mode = o.mode; // validated below under the name 'mode', as Node
    }
    validateBoolean(recursive, 'options.recursive');
    const p = getValidatedPath(path);
    const m = parseFileMode(mode, 'mode');
    return () => {
      if (!recursive) { this.vfs.mkdir(p, m); return undefined; }
      return this.#mkdirp(p, m);
    };
  }

  /** node_file.cc MKDirpSync: create missing parents; returns the first directory created. */
  #mkdirp(path: string, mode: number): string | undefined {
    const stack = [path];
    let first: string | undefined;
    const fail = (c: string) => systemError(c, { syscall: 'mkdir', path });
    while (stack.length) {
      const next = stack[stack.length - 1];
      let err: string | undefined;
      try { this.vfs.mkdir(next, mode); } catch (e) { err = code(e); if (!err) throw e; }
      if (err === undefined) {
        stack.pop();
        first ??= next;
        continue;
      }
      // Returned at once; anything else (EEXIST, and EROFS too) is judged by a stat of the path,
      // so a missing directory on a read-only mount reports ENOENT, exactly as Node does.
      if (err === 'EACCES' || err === 'ENOSPC' || err === 'ENOTDIR' || err === 'EPERM') throw fail(err);
      if (err === 'ENOENT') {
        const cut = next.lastIndexOf('/');
        const parent = cut < 0 ? next : next.slice(0, cut);
        if (parent === next || parent === '') throw fail(err);
        stack.push(parent);
        continue;
      }
      stack.pop();
      let st: VfsStat;
      try { st = this.vfs.stat(next); } catch (e) { throw fail(code(e) ?? 'EIO'); }
      if (!isDirMode(st.mode)) throw fail(err === 'EEXIST' && stack.length > 0 ? 'ENOTDIR' : 'EEXIST');
    }
    return first;
  }

  #exists(path: string): boolean {
    try { this.vfs.lstat(path); return true; } catch { return false; }
  }

  // ---- rm / rmdir (lib/internal/fs/rimraf.js) ----

  rm(path: unknown, options: unknown): Thunk<void> {
    const p = getValidatedPath(path);
    const opts = validateRmdirOptions(options, { retryDelay: 100, maxRetries: 0, recursive: false, force: false });
    validateBoolean(opts.force, 'options.force');
    return () => {
      if (!this.#validateRm(p, opts, false)) return;
      this.#rimraf(p);
    };
  }

  rmdir(path: unknown, options: unknown): Thunk<void> {
    const p = getValidatedPath(path);
    const recursive = (options as { recursive?: unknown } | undefined)?.recursive;
    const opts = validateRmdirOptions(options, { retryDelay: 100, maxRetries: 0, recursive: false, force: false });
    return () => {
      if (recursive) {
        // Deprecated rmdir(path, { recursive: true }): rm -r of an existing directory.
        if (this.#validateRm(p, { ...opts, force: false }, true)) return this.#rimraf(p);
      }
      this.vfs.rmdir(p);
    };
  }

  /** validateRmOptionsSync: lstat first (ENOENT in "lstat" unless force), a directory needs recursive. */
  #validateRm(path: string, opts: RmOptions, expectDir: boolean): boolean {
    if (!opts.force || expectDir || !opts.recursive) {
      let isDirectory: boolean | undefined;
      try {
        isDirectory = isDirMode(this.vfs.lstat(path).mode);
      } catch (err) {
        if (!(opts.force && code(err) === 'ENOENT')) throw err;
      }
      if (expectDir && !isDirectory) return false;
      if (isDirectory && !opts.recursive) {
        throw fsSystemError('ERR_FS_EISDIR', { code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno: -uvErrors.EISDIR[0] });
      }
    }
    return true;
  }

  #rimraf(path: string): void {
    let st: VfsStat;
    try { st = this.vfs.lstat(path); } catch (err) { if (code(err) === 'ENOENT') return; throw err; }
    try {
      if (isDirMode(st.mode)) this.#rmdirTree(path, null);
      else this.vfs.unlink(path);
    } catch (err) {
      const c = code(err);
      if (c === 'ENOENT') return;
      if (c === 'EPERM') return this.#rmdirTree(path, err);
      if (c !== 'EISDIR') throw err;
      this.#rmdirTree(path, err);
    }
  }

  #rmdirTree(path: string, originalErr: unknown): void {
    try {
      this.vfs.rmdir(path);
    } catch (err) {
      const c = code(err);
      if (c === 'ENOENT') return;
      if (c === 'ENOTDIR') throw originalErr || err;
      if (c === 'ENOTEMPTY' || c === 'EEXIST' || c === 'EPERM') {
        for (const entry of this.vfs.readdir(path)) this.#rimraf(path.endsWith('/') ? path + entry.name : `${path}/${entry.name}`);
        try { this.vfs.rmdir(path); } catch (again) { if (code(again) !== 'ENOENT') throw again; }
        return;
      }
      throw originalErr === null ? err : originalErr;
    }
  }

  // ---- readdir { recursive: true } (readdirSyncRecursive) ----

  readdirRecursive(base: string, withFileTypes: boolean, encoding: unknown): unknown[] {
    const results: unknown[] = [];
    const queue = [base];
    for (let i = 0; i < queue.length; i++) {
      const dir = queue[i];
      const entries = this.vfs.readdir(dir);
      for (const e of entries) {
        if (withFileTypes) {
          const dirent = new Dirent(encodeResult(e.name, encoding), direntType(e.type), dir);
          results.push(dirent);
          if (dirent.isDirectory()) queue.push(join(dir, e.name));
        } else {
          const full = join(dir, e.name);
          results.push(encodeResult(relative(resolve(this.vfs.cwd(), base), resolve(this.vfs.cwd(), full)), encoding));
          // internalModuleStat: follows symlinks, so linked directories are walked too.
          let isDir = false;
          try { isDir = isDirMode(this.vfs.stat(full).mode); } catch { /* not there any more */ }
          if (isDir) queue.push(full);
        }
      }
    }
    return results;
  }

  // ---- realpath (the JavaScript realpathSync of lib/fs.js) ----

  realpath(path: unknown, options: unknown): Thunk<string | Buffer> {
    const opts = getOptions(options);
    const p = getValidatedPath(path);
    return () => encodeResult(this.#realpathJs(p), opts.encoding);
  }

  #realpathJs(input: string): string {
    let p = resolve(this.vfs.cwd(), input);
    const seenLinks = new Map<string, string>();
    const knownHard = new Set<string>();
    let current = '/';
    let base = '/';
    let pos = 1;
    while (pos < p.length) {
      const next = p.indexOf('/', pos);
      const previous = current;
      if (next === -1) {
        const last = p.slice(pos);
        current += last;
        base = previous + last;
        pos = p.length;
      } else {
        current += p.slice(pos, next + 1);
        base = previous + p.slice(pos, next);
        pos = next + 1;
      }
      if (knownHard.has(base)) continue;
      const st = this.vfs.lstat(base);
      if (!isLinkMode(st.mode)) { knownHard.add(base); continue; }
      const id = `${st.dev}:${st.ino}`;
      let target = seenLinks.get(id);
      if (target === undefined) {
        this.vfs.stat(base); // dangling links and loops fail here, in "stat"
        target = this.vfs.readlink(base);
        seenLinks.set(id, target);
      }
      const resolvedLink = resolve(previous, target);
      p = resolve(resolvedLink, p.slice(pos));
      current = base = '/';
      pos = 1;
    }
    return p;
  }

  // ---- mkdtemp ----

  mkdtemp(prefix: unknown, options: unknown): Thunk<string | Buffer> {
    const opts = getOptions(options);
    const pre = getValidatedPath(prefix, 'prefix');
    return () => {
      for (let attempt = 0; ; attempt++) {
        let suffix = '';
        for (let i = 0; i < 6; i++) suffix += TEMP_CHARS[Math.floor(this.#random() * TEMP_CHARS.length) % TEMP_CHARS.length];
        const path = pre + suffix;
        try {
          this.vfs.mkdir(path, 0o700);
          return encodeResult(path, opts.encoding);
        } catch (err) {
          const c = code(err);
          if (c === 'EEXIST' && attempt < 100) continue;
          if (!c) throw err;
          throw systemError(c, { syscall: 'mkdtemp', path: `${pre}XXXXXX` });
        }
      }
    };
  }

  // ---- cp (lib/internal/fs/cp/cp-sync.js) ----

  cp(src: unknown, dest: unknown, options: unknown): Thunk<void> {
    const opts = validateCpOptions(options);
    const s = getValidatedPath(src, 'src');
    const d = getValidatedPath(dest, 'dest');
    return () => this.#cpStart(s, d, opts);
  }

  #cpStart(src: string, dest: string, opts: CpOptions): void {
    const checked = this.#checkPaths(src, dest, opts);
    if (!checked) return;
    this.#checkParentPaths(src, checked.srcStat, dest);
    const destParent = dirname(dest);
    if (!this.#exists(destParent)) this.#mkdirp(destParent, 0o777);
    this.#cpEntry(checked.destStat, src, dest, opts);
  }

  #cpStat(path: string, opts: CpOptions): VfsStat {
    return opts.dereference ? this.vfs.stat(path) : this.vfs.lstat(path);
  }

  #checkPaths(src: string, dest: string, opts: CpOptions): { srcStat: VfsStat; destStat: VfsStat | null } | null {
    if (opts.filter) {
      const keep = opts.filter(src, dest);
      if (keep && typeof (keep as { then?: unknown }).then === 'function') throw new codes.ERR_INVALID_RETURN_VALUE('boolean', 'filter', keep);
      if (!keep) return null;
    }
    const srcStat = this.#cpStat(src, opts);
    let destStat: VfsStat | null = null;
    try { destStat = this.#cpStat(dest, opts); } catch (err) { if (code(err) !== 'ENOENT') throw err; }
    const srcIsDir = isDirMode(srcStat.mode);
    if (destStat) {
      if (destStat.ino === srcStat.ino && destStat.dev === srcStat.dev) {
        throw fsSystemError('ERR_FS_CP_EINVAL', { message: 'src and dest cannot be the same', path: dest, syscall: 'cp', errno: 22, code: 'EINVAL' });
      }
      if (srcIsDir && !isDirMode(destStat.mode)) {
        throw fsSystemError('ERR_FS_CP_DIR_TO_NON_DIR', { message: `cannot overwrite non-directory ${dest} with directory ${src}`, path: dest, syscall: 'cp', errno: 21, code: 'EISDIR' });
      }
      if (!srcIsDir && isDirMode(destStat.mode)) {
        throw fsSystemError('ERR_FS_CP_NON_DIR_TO_DIR', { message: `cannot overwrite directory ${dest} with non-directory ${src}`, path: dest, syscall: 'cp', errno: 20, code: 'ENOTDIR' });
      }
    }
    if (srcIsDir && isSrcSubdir(this.vfs.cwd(), src, dest)) {
      throw fsSystemError('ERR_FS_CP_EINVAL', { message: `cannot copy ${src} to a subdirectory of self ${dest}`, path: dest, syscall: 'cp', errno: 22, code: 'EINVAL' });
    }
    return { srcStat, destStat };
  }

  #checkParentPaths(src: string, srcStat: VfsStat, dest: string): void {
    const cwd = this.vfs.cwd();
    const srcParent = resolve(cwd, dirname(src));
    const destParent = resolve(cwd, dirname(dest));
    if (destParent === srcParent || destParent === '/') return;
    let st: VfsStat;
    try { st = this.vfs.stat(destParent); } catch (err) { if (code(err) === 'ENOENT') return; throw err; }
    if (st.ino === srcStat.ino && st.dev === srcStat.dev) {
      throw fsSystemError('ERR_FS_CP_EINVAL', { message: `cannot copy ${src} to a subdirectory of self ${dest}`, path: dest, syscall: 'cp', errno: 22, code: 'EINVAL' });
    }
    this.#checkParentPaths(src, srcStat, destParent);
  }

  #cpEntry(destStat: VfsStat | null, src: string, dest: string, opts: CpOptions): void {
    const srcStat = this.#cpStat(src, opts);
    const type = srcStat.mode & S_IFMT;
    if (isDirMode(type)) {
      if (!opts.recursive) {
        throw fsSystemError('ERR_FS_EISDIR', { message: `${src} is a directory (not copied)`, path: src, syscall: 'cp', errno: 22, code: 'EISDIR' });
      }
      if (!destStat) {
        this.vfs.mkdir(dest, 0o777);
        this.#cpDir(src, dest, opts);
        this.vfs.chmod(dest, srcStat.mode & 0o7777);
      } else {
        this.#cpDir(src, dest, opts);
      }
      return;
    }
    if (isFileMode(type)) {
      if (destStat) {
        if (opts.force) this.vfs.unlink(dest);
        else if (opts.errorOnExist) {
          throw fsSystemError('ERR_FS_CP_EEXIST', { message: `${dest} already exists`, path: dest, syscall: 'cp', errno: 17, code: 'EEXIST' });
        } else return;
      }
      this.vfs.copyFile(src, dest, (opts.mode & 1) !== 0);
      if (opts.preserveTimestamps) {
        const now = this.vfs.stat(src);
        this.vfs.utimes(dest, now.atimeMs, now.mtimeMs);
      }
      this.vfs.chmod(dest, srcStat.mode & 0o7777);
      return;
    }
    if (isLinkMode(type)) return this.#cpLink(destStat, src, dest, opts);
    throw fsSystemError('ERR_FS_CP_UNKNOWN', { message: `cannot copy an unknown file type ${dest}`, path: dest, syscall: 'cp', errno: 22, code: 'EINVAL' });
  }

  #cpDir(src: string, dest: string, opts: CpOptions): void {
    for (const entry of this.vfs.readdir(src, 'opendir')) {
      const srcItem = join(src, entry.name);
      const destItem = join(dest, entry.name);
      const checked = this.#checkPaths(srcItem, destItem, opts);
      if (checked) this.#cpEntry(checked.destStat, srcItem, destItem, opts);
    }
  }

  #cpLink(destStat: VfsStat | null, src: string, dest: string, opts: CpOptions): void {
    const cwd = this.vfs.cwd();
    let resolvedSrc = this.vfs.readlink(src);
    if (!opts.verbatimSymlinks && !resolvedSrc.startsWith('/')) resolvedSrc = resolve(cwd, join(dirname(src), resolvedSrc));
    if (!destStat) { this.vfs.symlink(resolvedSrc, dest); return; }
    let resolvedDest: string;
    try {
      resolvedDest = this.vfs.readlink(dest);
    } catch (err) {
      if (code(err) === 'EINVAL') { this.vfs.symlink(resolvedSrc, dest); return; }
      throw err;
    }
    if (!resolvedDest.startsWith('/')) resolvedDest = resolve(cwd, join(dirname(dest), resolvedDest));
    if (isSrcSubdir(cwd, resolvedSrc, resolvedDest)) {
      throw fsSystemError('ERR_FS_CP_EINVAL', { message: `cannot copy ${resolvedSrc} to a subdirectory of self ${resolvedDest}`, path: dest, syscall: 'cp', errno: 22, code: 'EINVAL' });
    }
    if (isDirMode(this.vfs.stat(dest).mode) && isSrcSubdir(cwd, resolvedDest, resolvedSrc)) {
      throw fsSystemError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', { message: `cannot overwrite ${resolvedDest} with ${resolvedSrc}`, path: dest, syscall: 'cp', errno: 22, code: 'EINVAL' });
    }
    this.vfs.unlink(dest);
    this.vfs.symlink(resolvedSrc, dest);
  }
}

function isSrcSubdir(cwd: string, src: string, dest: string): boolean {
  const a = resolve(cwd, src).split('/').filter(Boolean);
  const b = resolve(cwd, dest).split('/').filter(Boolean);
  return a.every((seg, i) => b[i] === seg);
}

function validateRmdirOptions(options: unknown, defaults: RmOptions): RmOptions {
  if (options === undefined) return defaults;
  validateObject(options, 'options');
  const opts = { ...defaults, ...(options as object) } as RmOptions;
  validateBoolean(opts.recursive, 'options.recursive');
  validateInt32(opts.retryDelay, 'options.retryDelay', 0);
  validateUint32(opts.maxRetries, 'options.maxRetries');
  return opts;
}

export function validateCpOptions(options: unknown): CpOptions {
  const defaults: CpOptions = { dereference: false, errorOnExist: false, filter: undefined, force: true, preserveTimestamps: false, recursive: false, verbatimSymlinks: false, mode: 0 };
  if (options === undefined) return defaults;
  validateObject(options, 'options');
  const opts = { ...defaults, ...(options as object) } as CpOptions;
  validateBoolean(opts.dereference, 'options.dereference');
  validateBoolean(opts.errorOnExist, 'options.errorOnExist');
  validateBoolean(opts.force, 'options.force');
  validateBoolean(opts.preserveTimestamps, 'options.preserveTimestamps');
  validateBoolean(opts.recursive, 'options.recursive');
  validateBoolean(opts.verbatimSymlinks, 'options.verbatimSymlinks');
  opts.mode = getValidMode(opts.mode, 0);
  if (opts.dereference && opts.verbatimSymlinks) throw new codes.ERR_INCOMPATIBLE_OPTION_PAIR('dereference', 'verbatimSymlinks');
  if (opts.filter !== undefined) validateFunction(opts.filter, 'options.filter');
  return opts;
}

export { basename, normalize };
