// Real-package tests: apps made the ordinary way (a package.json with pinned versions, `npm
// install` from the registry into a temporary directory), run once with host Node and once with
// `nephos run -p`, sent the same requests, and their answers compared byte for byte: status line,
// raw headers (names, order, values) except Date, and body.
//
//   const app = await installApp('express4', { 'index.js': src }, { express: '4.22.1' });
//   const host = await startHost(app, ['index.js']);           // PORT from the environment
//   const vm = await startNephos(app);                         // nephos run -p H:G -e PORT=G
//   for (const r of requests) assert.deepEqual(norm(await send(vm.port, r)), norm(await send(host.port, r)));
//
// npm's own cache (~/.npm) makes repeated installs within a run (and later runs) fast; a failed
// install, build or boot fails the test with npm's or nephos's own words.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ACCEL, NEPHOS } from '../helpers';

export interface InstalledApp {
  dir: string;
  remove(): void;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/**
 * Writes `files` and a package.json with exactly these `dependencies` into a new directory and runs
 * `npm install` there. Versions are pinned by the caller; the registry is npm's configured one.
 */
export async function installApp(name: string, files: Record<string, string | Uint8Array>, dependencies: Record<string, string>, extra: Record<string, unknown> = {}): Promise<InstalledApp> {
  const dir = mkdtempSync(join(tmpdir(), `nephos-${name}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, ...extra, dependencies }, null, 2));
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    const npm = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--no-package-lock'], dir, 300_000);
    if (npm.code !== 0) throw new Error(`npm install in ${dir} failed (exit ${npm.code}):\n${npm.out.trim()}`);
  } catch (err) {
    remove();
    throw err;
  }
  return { dir, remove };
}

export interface Server {
  port: number;
  /** What the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startProcess(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, port: number, what: string, readyMs: number): Promise<Server> {
  const child: ChildProcess = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exited: string | undefined;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const closed = new Promise<void>((resolve) => child.on('close', (code, sig) => {
    exited = `exited with ${code ?? sig}`;
    resolve();
  }));
  const server: Server = {
    port,
    output: () => out,
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        // nephos forwards the first SIGTERM to the app; a second one powers the VM off.
        const again = setTimeout(() => child.kill('SIGTERM'), 3000);
        const hard = setTimeout(() => child.kill('SIGKILL'), 15000);
        await closed;
        clearTimeout(again);
        clearTimeout(hard);
      }
    },
  };
  return (async () => {
    const deadline = Date.now() + readyMs;
    for (;;) {
      if (exited) throw new Error(`${what} ${exited} before answering on port ${port}:\n${out.trim()}`);
      try {
        await send(port, { path: '/__ready_probe__' }, 1000);
        return server;
      } catch {
        if (Date.now() > deadline) {
          await server.stop();
          throw new Error(`${what} did not answer on port ${port} within ${readyMs} ms:\n${out.trim()}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  })();
}

/** `node <args>` in the app directory with PORT set. */
export async function startHost(app: InstalledApp, args: string[], env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  return startProcess(process.execPath, args, app.dir, { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', ...env, PORT: String(port) }, port, 'host node', 60_000);
}

/** `nephos run --rm -p HOST:GUEST -e PORT=GUEST <app>` (builds the app first). */
export async function startNephos(app: InstalledApp, env: Record<string, string> = {}, guestPort = 3000): Promise<Server> {
  const port = await freePort();
  const envArgs = Object.entries({ TZ: 'UTC', ...env, PORT: String(guestPort) }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  return startProcess(process.execPath, [NEPHOS, 'run', '--rm', '--accel', ACCEL, '-m', '256M', '-p', `${port}:${guestPort}`, ...envArgs, app.dir],
    app.dir, { ...process.env, NEPHOS_DEBUG: '' }, port, 'nephos run', 240_000);
}

export interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Reply {
  status: number;
  statusMessage: string;
  /** Raw header lines as received (name as sent, in order), Date removed. */
  headers: [string, string][];
  body: Buffer;
}

/** One request on a fresh connection (agent: false); the reply as received. */
export function send(port: number, r: Req, timeoutMs = 10_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: r.method ?? 'GET', path: r.path, headers: r.headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const headers: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (res.rawHeaders[i].toLowerCase() !== 'date') headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        }
        resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${r.method ?? 'GET'} ${r.path}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** A reply as text for assert.deepEqual's diff: status line, header lines, body. */
export function show(reply: Reply): string {
  const body = reply.body.toString('utf8');
  const printable = Buffer.from(body, 'utf8').equals(reply.body) ? body : `<${reply.body.length} bytes, sha: ${createHash('sha1').update(reply.body).digest('hex')}>`;
  return [`${reply.status} ${reply.statusMessage}`, ...reply.headers.map(([k, v]) => `${k}: ${v}`), '', printable].join('\n');
}

/** Runs `fn` with a host server and a Nephos server of the same app, stopping both afterwards. */
export async function withBoth(app: InstalledApp, host: () => Promise<Server>, fn: (h: Server, n: Server) => Promise<void>): Promise<void> {
  const [h, n] = await Promise.allSettled([host(), startNephos(app)]);
  try {
    if (h.status === 'rejected') throw h.reason;
    if (n.status === 'rejected') throw n.reason;
    await fn(h.value, n.value);
  } finally {
    if (h.status === 'fulfilled') await h.value.stop();
    if (n.status === 'fulfilled') await n.value.stop();
  }
}
