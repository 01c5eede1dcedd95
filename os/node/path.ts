// node:path (POSIX), from path-browserify (Node's own lib/path.js posix half, as of Node 10),
// wrapped with Node 20's argument checks (ERR_INVALID_ARG_TYPE naming "path", "paths[i]",
// "from"/"to", "suffix", "pathObject") and Node 20's additions (toNamespacedPath).
// path.win32 is the approximation in path-win32.ts: Nephos runs Linux-flavoured Node apps, which
// only meet win32 paths when parsing foreign strings. matchesGlob (experimental in Node 20) is
// not provided.

import { invalidArgType, validateString } from './internal/validators';
import { win32 } from './path-win32';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const base: PosixPath = require('path-browserify/index.js');

interface ParsedPath { root: string; dir: string; base: string; ext: string; name: string }
interface PosixPath {
  resolve(...paths: string[]): string; normalize(p: string): string; isAbsolute(p: string): boolean; join(...paths: string[]): string;
  relative(from: string, to: string): string; dirname(p: string): string; basename(p: string, suffix?: string): string;
  extname(p: string): string; format(o: Partial<ParsedPath>): string; parse(p: string): ParsedPath;
}

/** Node 20's _format: `ext` gets its dot when it lacks one (path-browserify's does not add it). */
export function formatPath(sep: string, o: Partial<ParsedPath>): string {
  const dir = o.dir || o.root;
  const ext = o.ext ? `${o.ext[0] === '.' ? '' : '.'}${o.ext}` : '';
  const baseName = o.base || `${o.name || ''}${ext}`;
  if (!dir) return baseName;
  return dir === o.root ? `${dir}${baseName}` : `${dir}${sep}${baseName}`;
}

const posix = {
  sep: '/',
  delimiter: ':',
  resolve(...paths: string[]): string {
    paths.forEach((p, i) => validateString(p, `paths[${i}]`));
    return base.resolve(...paths);
  },
  normalize(path: string): string { validateString(path, 'path'); return base.normalize(path); },
  isAbsolute(path: string): boolean { validateString(path, 'path'); return base.isAbsolute(path); },
  join(...paths: string[]): string {
    paths.forEach((p) => validateString(p, 'path'));
    return base.join(...paths);
  },
  relative(from: string, to: string): string {
    validateString(from, 'from');
    validateString(to, 'to');
    return base.relative(from, to);
  },
  toNamespacedPath(path: string): string { return path; },
  dirname(path: string): string { validateString(path, 'path'); return base.dirname(path); },
  basename(path: string, suffix?: string): string {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    return base.basename(path, suffix);
  },
  extname(path: string): string { validateString(path, 'path'); return base.extname(path); },
  format(pathObject: Partial<ParsedPath>): string {
    if (pathObject === null || typeof pathObject !== 'object') throw invalidArgType('pathObject', 'Object', pathObject);
    return formatPath('/', pathObject);
  },
  parse(path: string): ParsedPath { validateString(path, 'path'); return base.parse(path); },
  _makeLong(path: string): string { return path; },
  posix: undefined as unknown,
  win32: win32 as unknown,
};
posix.posix = posix;
win32.posix = posix;
win32.win32 = win32;

export const { sep, delimiter, resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname, format, parse } = posix;
export { posix, win32 };
export default posix;
