// `nephos run` in the foreground: boots the image under QEMU, streams the application's stdout and
// stderr (demultiplexed from the stdio port) to ours, shows kernel messages (panics) on stderr,
// forwards Ctrl-C/SIGTERM to the guest as a graceful stop, and exits with the guest's status.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunOptions } from '../args';
import { fail } from '../errors';
import { decodeExit, EXIT_RECORD } from './exit';
import { encodeGuestConfig, qemuArgs, resolveAccel } from './qemu';
import { StdioDemux } from './stdio';

export const QEMU = process.env.NEPHOS_QEMU || 'qemu-system-x86_64';
const STOP_TIMEOUT_MS = 10_000;

function notice(msg: string): void {
  process.stderr.write(`nephos: ${msg}\n`);
}

/** Sends one HTTP request over the guest's control socket; resolves with the status code. */
export function controlRequest(socketPath: string, method: string, path: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = connect(socketPath);
    let data = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error('control channel timed out'));
    }, timeoutMs);
    s.on('connect', () => s.write(`${method} ${path} HTTP/1.1\r\nHost: nephos\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`));
    s.on('data', (d) => {
      data += d;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (m) {
        clearTimeout(timer);
        s.end();
        resolve(Number(m[1]));
      }
    });
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export async function runCommand(opts: RunOptions): Promise<number> {
  if (opts.detach) throw fail('-d (detached runs) is not available yet', 'run in the foreground');
  const accel = resolveAccel(opts.accel, notice);
  const dir = mkdtempSync(join(tmpdir(), 'nephos-'));
  const controlSocket = join(dir, 'control.sock');
  const append = encodeGuestConfig({
    argv: opts.args,
    env: opts.env,
    tty: {
      stdout: !!process.stdout.isTTY,
      stderr: !!process.stderr.isTTY,
      columns: process.stdout.columns,
      rows: process.stdout.rows,
    },
    name: opts.name,
  });
  // NEPHOS_KERNEL_ARGS: extra kernel command-line words, for the crash-path tests
  // (nephos.selftest=fault) and debugging.
  const extraArgs = process.env.NEPHOS_KERNEL_ARGS?.trim();
  const args = qemuArgs({
    kernel: opts.kernel,
    initrd: opts.initrd,
    memoryBytes: opts.memory,
    accel,
    append: extraArgs ? `${append} ${extraArgs}` : append,
    stdio: { fd: 3 },
    controlSocket,
  });
  if (process.env.NEPHOS_DEBUG) process.stderr.write(`nephos: ${QEMU} ${args.join(' ')}\n`);

  const child = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  let record: { kind: string; code: number } | undefined;
  let qemuErr = '';
  const serialLog: string[] = [];
  let serialPartial = '';

  const demux = new StdioDemux((stream, bytes) => {
    (stream === 1 ? process.stdout : process.stderr).write(bytes);
  });
  const stdioPipe = child.stdio[3] as NodeJS.ReadableStream;
  stdioPipe.on('data', (d: Buffer) => demux.push(d));
  stdioPipe.on('error', () => {});

  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    serialPartial += d;
    let nl: number;
    while ((nl = serialPartial.indexOf('\n')) >= 0) {
      const line = serialPartial.slice(0, nl).replace(/\r$/, '');
      serialPartial = serialPartial.slice(nl + 1);
      const m = EXIT_RECORD.exec(line);
      if (m) record = { kind: m[1], code: Number(m[2]) };
      else if (line.length) {
        serialLog.push(line);
        // Kernel messages (panics, out of memory) are for the user.
        process.stderr.write(`${line}\n`);
      }
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    qemuErr += d;
  });

  let stopping = 0;
  let killTimer: NodeJS.Timeout | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    stopping++;
    if (stopping > 1) {
      child.kill('SIGKILL');
      return;
    }
    controlRequest(controlSocket, 'POST', `/v1/signal?name=${sig === 'SIGINT' ? 'SIGINT' : 'SIGTERM'}`)
      .catch(() => child.kill('SIGKILL'));
    killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? fail(`${QEMU} is not installed`, "run the README's setup command (Debian package qemu-system-x86)") : e);
    });
    child.on('close', (code, sig) => resolve([code, sig]));
  }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (killTimer) clearTimeout(killTimer);
    rmSync(dir, { recursive: true, force: true });
  });

  const exit = decodeExit(record, status, signal);
  switch (exit.kind) {
    case 'qemu-error': {
      const msg = qemuErr.trim().split('\n').filter(Boolean).pop() ?? `exit status ${status}`;
      throw fail(`QEMU failed: ${msg.replace(/^qemu-system-x86_64: /, '')}`, 'see NEPHOS_DEBUG=1 nephos run ... for the command line');
    }
    case 'reset':
      notice('the VM reset unexpectedly (triple fault): this is a Nephos bug; the serial log is above');
      break;
    case 'killed':
      if (stopping) notice('the guest did not stop in time and was powered off');
      break;
    default:
      break;
  }
  return exit.code;
}
