// path.win32, approximated: Nephos runs Linux-flavoured Node apps, which meet Windows paths only
// when handling foreign strings (a client's upload name, a config written on Windows). These
// functions accept both separators, know drive letters ("C:") and UNC roots ("\\server\share"),
// and produce backslashes, which covers basename/dirname/extname/join/normalize/parse as apps use
// them. Not reproduced: per-drive current directories in resolve(), device names, and every
// corner of Node's lib/path.js win32 half (see path.test.ts for the cases that are compared).

import { validateString, invalidArgType } from './internal/validators';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const posixBase = require('path-browserify/index.js');

const toPosix = (p: string) => p.replace(/\\/g, '/');
const toWin = (p: string) => p.replace(/\//g, '\\');

/** Splits "C:\\a" into ["C:", "\\a"] and "\\\\srv\\share\\a" into ["\\\\srv\\share", "\\a"]. */
function splitDevice(p: string): [string, string] {
  const drive = /^([a-zA-Z]:)(.*)$/.exec(p);
  if (drive) return [drive[1], drive[2]];
  const unc = /^([\\/]{2}[^\\/]+[\\/]+[^\\/]+)(.*)$/.exec(p);
  if (unc) return [toWin(unc[1]), unc[2]];
  return ['', p];
}

function normalize(path: string): string {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const [device, rest] = splitDevice(path);
  const absolute = /^[\\/]/.test(rest);
  let tail = toWin(posixBase.normalize(toPosix(rest) || '.'));
  if (tail === '.' && device && !absolute) tail = '.';
  if (tail === '.' && device && absolute) tail = '\\';
  if (!absolute && device && tail === '.') return device;
  return device + tail;
}

export const win32: Record<string, any> = {
  sep: '\\',
  delimiter: ';',
  normalize,
  isAbsolute(path: string): boolean {
    validateString(path, 'path');
    const [device, rest] = splitDevice(path);
    return /^[\\/]/.test(rest) || (device.startsWith('\\\\'));
  },
  join(...paths: string[]): string {
    paths.forEach((p) => validateString(p, 'path'));
    const joined = paths.filter((p) => p.length > 0).join('\\');
    return joined.length === 0 ? '.' : normalize(joined);
  },
  resolve(...paths: string[]): string {
    paths.forEach((p, i) => validateString(p, `paths[${i}]`));
    let resolved = '';
    for (let i = paths.length - 1; i >= 0 && !win32.isAbsolute(resolved); i--) {
      if (paths[i]) resolved = resolved ? `${paths[i]}\\${resolved}` : paths[i];
    }
    if (!win32.isAbsolute(resolved)) resolved = `C:\\${resolved}`;
    const out = normalize(resolved);
    return out.length > 3 && out.endsWith('\\') ? out.slice(0, -1) : out;
  },
  relative(from: string, to: string): string {
    validateString(from, 'from');
    validateString(to, 'to');
    const f = win32.resolve(from);
    const t = win32.resolve(to);
    if (f.toLowerCase() === t.toLowerCase()) return '';
    const [fd, fr] = splitDevice(f);
    const [td, tr] = splitDevice(t);
    if (fd.toLowerCase() !== td.toLowerCase()) return t;
    return toWin(posixBase.relative(toPosix(fr) || '/', toPosix(tr) || '/'));
  },
  /** Node's: an absolute drive path becomes \\\\?\\C:\\..., a UNC path \\\\?\\UNC\\... */
  toNamespacedPath(path: string): string {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (resolved.length <= 2) return path;
    if (resolved[0] === '\\') {
      if (resolved[1] === '\\' && resolved[2] !== '?' && resolved[2] !== '.') return `\\\\?\\UNC\\${resolved.slice(2)}`;
    } else if (/^[A-Za-z]:\\/.test(resolved)) {
      return `\\\\?\\${resolved}`;
    }
    return path;
  },
  dirname(path: string): string {
    validateString(path, 'path');
    const [device, rest] = splitDevice(path);
    if (rest === '' ) return device || '.';
    const d = toWin(posixBase.dirname(toPosix(rest)));
    return device + (d === '.' && device ? (rest.startsWith('\\') || rest.startsWith('/') ? '\\' : '') || '.' : d);
  },
  basename(path: string, suffix?: string): string {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    return posixBase.basename(toPosix(splitDevice(path)[1]), suffix);
  },
  extname(path: string): string {
    validateString(path, 'path');
    return posixBase.extname(toPosix(splitDevice(path)[1]));
  },
  format(pathObject: { root?: string; dir?: string; base?: string; name?: string; ext?: string }): string {
    if (pathObject === null || typeof pathObject !== 'object') throw invalidArgType('pathObject', 'Object', pathObject);
    const dir = pathObject.dir || pathObject.root;
    const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : '';
    const base = pathObject.base || `${pathObject.name || ''}${ext}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}\\${base}`;
  },
  parse(path: string): { root: string; dir: string; base: string; ext: string; name: string } {
    validateString(path, 'path');
    const [device, rest] = splitDevice(path);
    const p = posixBase.parse(toPosix(rest));
    const root = device + (p.root ? '\\' : '');
    const dir = p.dir ? device + toWin(p.dir) : root;
    return { root, dir: p.dir === '/' ? root : dir, base: p.base, ext: p.ext, name: p.name };
  },
  _makeLong(path: string): string { return path; },
};

export default win32;
