// The few POSIX path string operations node:fs needs (Node's path.posix semantics), with the
// working directory passed in rather than read from a global process object.

/** Lexical normalisation: collapses "//", "." and ".." (which cannot climb above "/"). */
export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const body = out.join('/');
  if (absolute) return `/${body}`;
  return body || '.';
}

export function resolve(cwd: string, path: string): string {
  return normalize(path.startsWith('/') ? path : `${cwd}/${path}`);
}

export function join(a: string, b: string): string {
  if (a === '') return normalize(b || '.');
  if (b === '') return normalize(a);
  return normalize(`${a}/${b}`);
}

export function dirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return trimmed.slice(0, i);
}

export function basename(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.relative between two absolute normalised paths. */
export function relative(from: string, to: string): string {
  if (from === to) return '';
  const a = from === '/' ? [] : from.slice(1).split('/');
  const b = to === '/' ? [] : to.slice(1).split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...new Array(a.length - i).fill('..'), ...b.slice(i)].join('/');
}
