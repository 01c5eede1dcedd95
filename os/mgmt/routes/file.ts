// OSv's `file` group (WebHDFS-style, after Hadoop's REST API): read, stat and list anywhere; create,
// write, upload, rename, copy and delete on writable file systems only (/tmp today; the image file
// system is read-only: 403).
//
// Paths: /file/<path> with the path either plain (/file/tmp/a.txt) or percent-encoded as one
// segment (/file/%2Ftmp%2Fa.txt, as OSv's clients send it). After percent-decoding, a path must be
// canonical: absolute, no empty, "." or ".." segments, no trailing slash (except "/"), no NUL.
// Anything else is refused with 400, never normalised: a client that sends /file/tmp/../etc means
// something we will not guess at (check 6 of the order). The same rule applies to the
// `destination` of RENAME and COPY.
//
// Upload (POST): multipart/form-data (RFC 7578) with a part named "file" (or the first part with a
// filename); the part's bytes are written exactly as received. A raw body with any other content
// type is written as is.
import type { MgmtHost } from '../host';
import { error, ok, type ApiRequest, type ApiResponse, type RouteSpec } from '../router';
import { arr, bool, int, obj, str } from '../schema';
import { isDirMode, isLinkMode, S_IFMT } from '../../fs/types';
import type { Vfs, VfsStat } from '../../fs/vfs';
import { encodeUtf8 } from '../../core/utf8';
import { parseMultipart } from '../multipart';

/** The canonical absolute path a /file request names, or an error message. */
export function filePath(rawTail: string): string | { error: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawTail);
  } catch {
    return { error: 'the path is not valid percent-encoding' };
  }
  const path = decoded.startsWith('/') ? decoded : `/${decoded}`;
  return canonical(path) ? path : { error: `${JSON.stringify(path)} is not a canonical absolute path (no "..", ".", "//" or trailing "/")` };
}

export function canonical(path: string): boolean {
  if (!path.startsWith('/') || path.includes('\0')) return false;
  if (path === '/') return true;
  return !path.slice(1).split('/').some((s) => s === '' || s === '.' || s === '..');
}

export const FILE_STATUS = obj({
  accessTime: int('ms since the epoch'), blockSize: int(), group: str(), length: int(), modificationTime: int('ms since the epoch'),
  owner: str(), pathSuffix: str(), permission: str('octal, e.g. "644"'), replication: int(), symlink: str(),
  type: { type: 'string', enum: ['FILE', 'DIRECTORY', 'SYMLINK'] },
});

function statusOf(vfs: Vfs, path: string, st: VfsStat, suffix: string): Record<string, unknown> {
  const type = isDirMode(st.mode) ? 'DIRECTORY' : isLinkMode(st.mode) ? 'SYMLINK' : 'FILE';
  let symlink = '';
  if (type === 'SYMLINK') {
    try {
      symlink = vfs.readlink(path);
    } catch {
      symlink = '';
    }
  }
  return {
    accessTime: Math.floor(st.atimeMs), blockSize: 4096, group: 'root', length: st.size,
    modificationTime: Math.floor(st.mtimeMs), owner: 'root', pathSuffix: suffix,
    permission: (st.mode & ~S_IFMT & 0o7777).toString(8), replication: 1, symlink, type,
  };
}

/** Is the file system holding `path` writable? (The longest mount-point prefix decides.) */
export function writable(vfs: Vfs, path: string): boolean {
  let best: { path: string; fs: { readOnly: boolean } } | undefined;
  for (const m of vfs.mounts.list()) {
    const inside = m.path === '/' || path === m.path || path.startsWith(`${m.path}/`);
    if (inside && (!best || m.path.length > best.path.length)) best = m;
  }
  return !!best && !best.fs.readOnly;
}

function flag(v: string | undefined, fallback: boolean): boolean | undefined {
  if (v === undefined || v === '') return fallback;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

function readRange(vfs: Vfs, path: string, offset: number, length: number): Uint8Array {
  const fd = vfs.open(path, 'r');
  try {
    const size = vfs.fstat(fd).size;
    const want = Math.max(0, Math.min(length, size - offset));
    const out = new Uint8Array(want);
    let got = 0;
    while (got < want) {
      const n = vfs.read(fd, out, got, want - got, offset + got);
      if (n <= 0) break;
      got += n;
    }
    return out.subarray(0, got);
  } finally {
    vfs.close(fd);
  }
}

function writeWhole(vfs: Vfs, path: string, data: Uint8Array, overwrite: boolean): void {
  const fd = vfs.open(path, overwrite ? 'w' : 'wx');
  try {
    let off = 0;
    while (off < data.length) off += vfs.write(fd, data, off, data.length - off, null);
  } finally {
    vfs.close(fd);
  }
}

function mkdirs(vfs: Vfs, path: string, mode: number, parents: boolean): void {
  if (!parents) {
    vfs.mkdir(path, mode);
    return;
  }
  let cur = '';
  for (const seg of path.slice(1).split('/')) {
    cur += `/${seg}`;
    try {
      vfs.mkdir(cur, mode);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      if (!isDirMode(vfs.stat(cur).mode)) throw e;
    }
  }
}

function removeTree(vfs: Vfs, path: string): void {
  const st = vfs.lstat(path);
  if (isDirMode(st.mode)) {
    for (const e of vfs.readdir(path)) removeTree(vfs, `${path === '/' ? '' : path}/${e.name}`);
    vfs.rmdir(path);
  } else {
    vfs.unlink(path);
  }
}

const PATH = { name: 'path', in: 'path' as const, required: true, description: 'absolute path, plain or percent-encoded; must be canonical', schema: str() };

export function fileRoutes(host: MgmtHost): RouteSpec[] {
  const g = 'file';
  const vfs = host.vfs;
  /** Resolves the path parameter and, for writes, checks the file system is writable. */
  const target = (req: ApiRequest, write: boolean): string | ApiResponse => {
    const p = filePath(req.params.path ?? '');
    if (typeof p !== 'string') return error(400, p.error);
    if (write && !writable(vfs, p)) return error(403, `${p} is on a read-only file system`);
    return p;
  };
  const destination = (req: ApiRequest): string | ApiResponse => {
    const d = req.query.destination;
    if (d === undefined) return error(400, 'destination is required');
    if (!canonical(d)) return error(400, `destination ${JSON.stringify(d)} is not a canonical absolute path`);
    if (!writable(vfs, d)) return error(403, `${d} is on a read-only file system`);
    return d;
  };
  return [
    {
      method: 'GET', path: '/file/{path}', tail: 'path', group: g,
      summary: 'Reads a file (op=GET, raw bytes), stats it (op=GETFILESTATUS) or lists a directory (op=LISTSTATUS)',
      params: [
        PATH,
        { name: 'op', in: 'query', required: true, description: 'GET, GETFILESTATUS or LISTSTATUS', schema: { type: 'string', enum: ['GET', 'GETFILESTATUS', 'LISTSTATUS'] } },
        { name: 'offset', in: 'query', description: 'op=GET: first byte (default 0)', schema: int() },
        { name: 'length', in: 'query', description: 'op=GET: byte count (default: to the end)', schema: int() },
      ],
      response: { schema: { oneOf: [FILE_STATUS, arr(FILE_STATUS), { type: 'string', format: 'binary' }] } },
      handler: (req) => {
        const p = target(req, false);
        if (typeof p !== 'string') return p;
        const op = (req.query.op ?? '').toUpperCase();
        if (op === 'GET') {
          const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
          const length = req.query.length === undefined ? Number.MAX_SAFE_INTEGER : Number(req.query.length);
          if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) return error(400, 'offset and length must be non-negative integers');
          if (isDirMode(vfs.stat(p).mode)) return error(400, `${p} is a directory (use op=LISTSTATUS)`);
          return { status: 200, body: readRange(vfs, p, offset, length), contentType: 'application/octet-stream' };
        }
        if (op === 'GETFILESTATUS') return ok(statusOf(vfs, p, vfs.lstat(p), ''));
        if (op === 'LISTSTATUS') {
          const st = vfs.stat(p);
          if (!isDirMode(st.mode)) return ok([statusOf(vfs, p, st, '')]);
          const base = p === '/' ? '' : p;
          const names = vfs.readdir(p).map((e) => e.name).sort();
          return ok(names.map((n) => statusOf(vfs, `${base}/${n}`, vfs.lstat(`${base}/${n}`), n)));
        }
        return error(400, 'op must be GET, GETFILESTATUS or LISTSTATUS');
      },
    },
    {
      method: 'PUT', path: '/file/{path}', tail: 'path', group: g,
      summary: 'Creates directories (op=MKDIRS), renames (op=RENAME), copies (op=COPY) or writes a file (op=WRITE: the content parameter or the request body)',
      params: [
        PATH,
        { name: 'op', in: 'query', required: true, description: 'MKDIRS, RENAME, COPY or WRITE', schema: { type: 'string', enum: ['MKDIRS', 'RENAME', 'COPY', 'WRITE'] } },
        { name: 'permission', in: 'query', description: 'octal mode for new files and directories (default 755 / 644)', schema: str() },
        { name: 'destination', in: 'query', description: 'RENAME and COPY: the new path', schema: str() },
        { name: 'createParent', in: 'query', description: 'MKDIRS: create missing parents (default true)', schema: bool() },
        { name: 'overwrite', in: 'query', description: 'WRITE and COPY: replace an existing file (default true for WRITE, false for COPY)', schema: bool() },
        { name: 'content', in: 'query', description: 'WRITE: the text to write (else the request body)', schema: str() },
      ],
      body: { type: 'bytes' },
      response: { schema: str() },
      handler: (req) => {
        const p = target(req, true);
        if (typeof p !== 'string') return p;
        const op = (req.query.op ?? '').toUpperCase();
        const perm = req.query.permission;
        if (perm !== undefined && !/^[0-7]{3,4}$/.test(perm)) return error(400, 'permission must be octal, e.g. 755');
        switch (op) {
          case 'MKDIRS': {
            const parents = flag(req.query.createParent, true);
            if (parents === undefined) return error(400, 'createParent must be true or false');
            mkdirs(vfs, p, perm ? parseInt(perm, 8) : 0o755, parents);
            return ok(p);
          }
          case 'RENAME': {
            const d = destination(req);
            if (typeof d !== 'string') return d;
            vfs.rename(p, d);
            return ok(d);
          }
          case 'COPY': {
            const d = destination(req);
            if (typeof d !== 'string') return d;
            const overwrite = flag(req.query.overwrite, false);
            if (overwrite === undefined) return error(400, 'overwrite must be true or false');
            if (isDirMode(vfs.stat(p).mode)) return error(400, `${p} is a directory: COPY copies files`);
            vfs.copyFile(p, d, !overwrite);
            return ok(d);
          }
          case 'WRITE': {
            const overwrite = flag(req.query.overwrite, true);
            if (overwrite === undefined) return error(400, 'overwrite must be true or false');
            const data = req.query.content !== undefined ? encodeUtf8(req.query.content) : req.body;
            writeWhole(vfs, p, data, overwrite);
            if (perm) vfs.chmod(p, parseInt(perm, 8));
            return ok(p);
          }
          default:
            return error(400, 'op must be MKDIRS, RENAME, COPY or WRITE');
        }
      },
    },
    {
      method: 'POST', path: '/file/{path}', tail: 'path', group: g,
      summary: 'Uploads a file: multipart/form-data with a part named "file" (into the directory under its filename when the path is a directory), or a raw body',
      params: [PATH, { name: 'overwrite', in: 'query', description: 'replace an existing file (default true)', schema: bool() }],
      body: { type: 'multipart' },
      response: { schema: str() },
      handler: (req) => {
        const p = target(req, true);
        if (typeof p !== 'string') return p;
        const overwrite = flag(req.query.overwrite, true);
        if (overwrite === undefined) return error(400, 'overwrite must be true or false');
        let data = req.body;
        let filename: string | undefined;
        const type = req.headers['content-type'] ?? '';
        if (/^multipart\/form-data/i.test(type)) {
          const parts = parseMultipart(type, req.body);
          if (typeof parts === 'string') return error(400, parts);
          const part = parts.find((x) => x.name === 'file') ?? parts.find((x) => x.filename !== undefined);
          if (!part) return error(400, 'the form has no part named "file"');
          data = part.data;
          filename = part.filename;
        }
        let dest = p;
        let isDir = false;
        try {
          isDir = isDirMode(vfs.stat(p).mode);
        } catch {
          isDir = false;
        }
        if (isDir) {
          if (!filename || !/^[^/\0]+$/.test(filename) || filename === '.' || filename === '..') return error(400, `${p} is a directory and the upload names no usable filename`);
          dest = `${p === '/' ? '' : p}/${filename}`;
        }
        writeWhole(vfs, dest, data, overwrite);
        return ok(dest);
      },
    },
    {
      method: 'DELETE', path: '/file/{path}', tail: 'path', group: g, summary: 'Deletes a file or directory (recursive=true for a non-empty directory)',
      params: [
        PATH,
        { name: 'op', in: 'query', description: 'DELETE (the only operation; may be omitted)', schema: { type: 'string', enum: ['DELETE'] } },
        { name: 'recursive', in: 'query', description: 'delete a directory with its contents (default false)', schema: bool() },
      ],
      response: { schema: str() },
      handler: (req) => {
        const p = target(req, true);
        if (typeof p !== 'string') return p;
        if (req.query.op !== undefined && req.query.op.toUpperCase() !== 'DELETE') return error(400, 'op must be DELETE');
        const recursive = flag(req.query.recursive, false);
        if (recursive === undefined) return error(400, 'recursive must be true or false');
        if (vfs.mounts.list().some((m) => m.path === p)) return error(409, `${p} is a mount point`);
        const st = vfs.lstat(p);
        if (isDirMode(st.mode)) {
          if (recursive) removeTree(vfs, p);
          else vfs.rmdir(p);
        } else {
          vfs.unlink(p);
        }
        return ok(p);
      },
    },
  ];
}

