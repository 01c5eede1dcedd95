// A script that exercises node:fs over the image fs and a tmpfs on the guest's engine (QuickJS
// 2021-03-27) without a VM. fs.engine.test.ts bundles it (esbuild, iife, es2020) and runs it with
// the host build of the engine; by hand:
//   npx esbuild os/node/internal/fs/engine-check.ts --bundle --format=iife --target=es2020 \
//     --platform=browser --outfile=/tmp/fs-check.js && node scripts/qjs.mjs /tmp/fs-check.js
// It prints one "ok <what>" line per check and "done" last; a failed check prints "FAIL ...".

import './engine-check-prelude';
import { Buffer } from 'buffer';
import { buildArchive, parseArchive } from '../../../fs/archive';
import { Imagefs } from '../../../fs/imagefs';
import { Tmpfs } from '../../../fs/tmpfs';
import { Vfs } from '../../../fs/vfs';
import { createFs } from '../../fs';

const g = globalThis as any;
const log: (line: string) => void = typeof g.print === 'function' ? g.print : (line: string) => g.console.log(line);
let failures = 0;
function check(what: string, cond: boolean, detail?: unknown): void {
  if (cond) log(`ok ${what}`);
  else { failures++; log(`FAIL ${what} ${detail === undefined ? '' : String(detail)}`); }
}
function code(fn: () => unknown): string {
  try { fn(); return 'none'; } catch (e) { return (e as { code?: string }).code ?? String(e); }
}

async function main(): Promise<void> {
  const archive = buildArchive([{ path: '/app/index.js', data: Buffer.from('console.log(1)') }]);
  let clock = 1_700_000_000_000;
  const vfs = new Vfs({ cwd: () => '/app' });
  vfs.mount('/', new Imagefs(parseArchive(archive), { mtimeMs: clock }));
  vfs.mount('/tmp', new Tmpfs({ now: () => clock++, budget: 1 << 20 }));
  const fs = createFs({ vfs, defer: (fn) => { Promise.resolve().then(fn); } });

  check('read the image', fs.readFileSync('index.js', 'utf8') === 'console.log(1)');
  check('image is read-only', code(() => fs.writeFileSync('/app/x', 'y')) === 'EROFS');
  fs.mkdirSync('/tmp/a/b', { recursive: true });
  fs.writeFileSync('/tmp/a/b/f.txt', 'héllo');
  fs.appendFileSync('/tmp/a/b/f.txt', ' wörld');
  check('write and read utf8', fs.readFileSync('/tmp/a/b/f.txt', 'utf8') === 'héllo wörld');
  const st = fs.statSync('/tmp/a/b/f.txt')!;
  check('stat', st.isFile() && st.size === 13 && st.mtime instanceof Date, st.size);
  const big = fs.statSync('/tmp/a/b/f.txt', { bigint: true }) as any;
  check('bigint stat', typeof big.size === 'bigint' && big.mtimeNs > 0n);
  fs.symlinkSync('b/f.txt', '/tmp/a/link');
  check('symlink + realpath', fs.realpathSync('/tmp/a/link') === '/tmp/a/b/f.txt');
  check('readdir withFileTypes', fs.readdirSync('/tmp/a', { withFileTypes: true }).map((d: any) => `${d.name}:${d.isDirectory()}`).sort().join(',') === 'b:true,link:false');
  check('ENOENT message', (() => { try { fs.openSync('/tmp/nope'); } catch (e) { return (e as Error).message; } })() === "ENOENT: no such file or directory, open '/tmp/nope'");
  fs.renameSync('/tmp/a/b/f.txt', '/tmp/a/g.txt');
  fs.copyFileSync('/tmp/a/g.txt', '/tmp/a/h.txt');
  check('rename + copyFile', fs.readFileSync('/tmp/a/h.txt', 'utf8') === 'héllo wörld');
  const fd = fs.openSync('/tmp/a/h.txt', 'r+');
  fs.writeSync(fd, 'J', 0);
  const buf = Buffer.alloc(5);
  fs.readSync(fd, buf, 0, 5, 0);
  fs.ftruncateSync(fd, 3);
  fs.closeSync(fd);
  check('fd read/write/truncate', buf.toString('latin1').startsWith('J') && fs.readFileSync('/tmp/a/h.txt').length === 3);
  check('ENOSPC past the budget', code(() => fs.writeFileSync('/tmp/huge', Buffer.alloc(2 << 20))) === 'ENOSPC');

  let sync = true;
  const viaCallback = await new Promise<string>((resolve, reject) => {
    fs.readFile('/tmp/a/g.txt', 'utf8', (err: Error | null, data?: unknown) => (err ? reject(err) : resolve(data as string)));
    sync = false;
  });
  check('callback form is asynchronous', !sync && viaCallback === 'héllo wörld');
  await fs.promises.writeFile('/tmp/p.txt', 'promised');
  const handle = await fs.promises.open('/tmp/p.txt', 'r');
  const { bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
  await handle.close();
  check('promises + FileHandle', bytesRead === 8 && (await fs.promises.readFile('/tmp/p.txt', 'utf8')) === 'promised');
  const dir = await fs.promises.opendir('/tmp/a');
  const names: string[] = [];
  for await (const entry of dir) names.push(String(entry.name));
  check('opendir async iteration', names.sort().join(',') === 'b,g.txt,h.txt,link', names);

  await new Promise<void>((resolve, reject) => {
    const w = fs.createWriteStream('/tmp/s.txt');
    w.on('error', reject);
    w.on('close', () => resolve());
    w.write('stream ');
    w.end('data');
  });
  const chunks: string[] = [];
  await new Promise<void>((resolve, reject) => {
    fs.createReadStream('/tmp/s.txt', { encoding: 'utf8', highWaterMark: 4, start: 1 })
      .on('data', (c: string) => chunks.push(c)).on('error', reject).on('close', () => resolve());
  });
  check('write and read streams', chunks.join('') === 'tream data' && chunks.length === 3, chunks);
  fs.rmSync('/tmp/a', { recursive: true });
  check('rm -r', !fs.existsSync('/tmp/a'));
  check('watch is not supported', code(() => fs.watch('/tmp')) === 'ERR_NOT_SUPPORTED_ON_NEPHOS');
  check('no descriptor leaked', vfs.fds.list().length === 0, vfs.fds.list());
  log(failures ? `FAIL ${failures} checks` : 'done');
}

main().catch((err) => log(`FAIL uncaught ${err && (err as Error).stack || err}`));
