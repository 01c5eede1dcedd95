// `nephos run` in the foreground: boots the instance's VM, streams the application's stdout and
// stderr (demultiplexed from the stdio port) to ours, shows kernel messages (panics) on stderr,
// and exits with the guest's status. The run is an ordinary instance meanwhile (`ps` lists it,
// `stop` from another terminal stops it): this process is its supervisor, copies the output into
// the instance's console.log and stdio.log as it passes (so `logs` works during and after the
// run), and records the end once the last byte has been copied.
//
// Ctrl-C (SIGINT) or SIGTERM to nephos: the same signal goes to the app through the control
// channel (its handlers run); after STOP_TIMEOUT_MS, or at a second signal, the VM is powered off.
import { closeSync, openSync, writeSync } from 'node:fs';
import { fail } from '../errors';
import { controlRequest } from '../instances/control';
import { finalize, markReady, requestStop, stateOrGone } from '../instances/lifecycle';
import { type ExitRecord, outcomeOf } from '../instances/records';
import { powerOff } from '../instances/stop';
import { READY_RECORD } from '../../os/mgmt/lifecycle';
import { decodeExit, EXIT_RECORD } from './exit';
import { beginRun, type LaunchSpec } from './launch';
import { StdioDemux } from './stdio';

const STOP_TIMEOUT_MS = 10_000;


function notice(msg: string): void {
  process.stderr.write(`nephos: ${msg}\n`);
}

export async function runForeground(spec: Omit<LaunchSpec, 'foreground' | 'tty'>): Promise<number> {
  const { inst } = spec;
  const launched = await beginRun({
    ...spec,
    foreground: true,
    tty: {
      stdout: !!process.stdout.isTTY,
      stderr: !!process.stderr.isTTY,
      columns: process.stdout.columns,
      rows: process.stdout.rows,
    },
  });
  if ('busy' in launched) throw fail(`instance "${inst.name}" is already running`, `stop it first: nephos stop ${inst.name}`);
  const { child, state } = launched;
  const run = state.run;
  const consoleFd = openSync(inst.paths.console, 'a', 0o600);
  const stdioFd = openSync(inst.paths.stdio, 'a', 0o600);
  // State updates made while the VM runs, finished before the end is recorded.
  let bookkeeping: Promise<unknown> = Promise.resolve();
  const later = (fn: () => Promise<unknown>) => {
    bookkeeping = bookkeeping.then(fn).catch(() => {});
  };

  let record: ExitRecord | undefined;
  let qemuErr = '';
  let serialPartial = '';

  const demux = new StdioDemux((stream, bytes) => {
    (stream === 1 ? process.stdout : process.stderr).write(bytes);
  });
  const stdioPipe = child.stdio[3] as NodeJS.ReadableStream;
  stdioPipe.on('data', (d: Buffer) => {
    writeSync(stdioFd, d);
    demux.push(d);
  });
  stdioPipe.on('error', () => {});

  child.stdout!.on('data', (d: Buffer) => {
    writeSync(consoleFd, d);
    serialPartial += d.toString('latin1');
    let nl: number;
    while ((nl = serialPartial.indexOf('\n')) >= 0) {
      const line = Buffer.from(serialPartial.slice(0, nl).replace(/\r$/, ''), 'latin1').toString('utf8');
      serialPartial = serialPartial.slice(nl + 1);
      const m = EXIT_RECORD.exec(line);
      if (m) record = { kind: m[1] as ExitRecord['kind'], code: Number(m[2]) };
      else if (line === READY_RECORD) later(() => markReady(inst, run, false));
      else if (line.length) process.stderr.write(`${line}\n`); // kernel messages (panics, out of memory)
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    qemuErr += d;
  });

  let signals = 0;
  let killTimer: NodeJS.Timeout | undefined;
  const forceOff = () => later(() => powerOff(inst, run));
  const onSignal = (sig: NodeJS.Signals) => {
    if (++signals > 1) {
      forceOff();
      return;
    }
    later(() => requestStop(inst, false));
    controlRequest(inst.paths.control, 'POST', `/v1/signal?name=${sig === 'SIGINT' ? 'SIGINT' : 'SIGTERM'}`).catch(forceOff);
    killTimer = setTimeout(forceOff, STOP_TIMEOUT_MS);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on('close', (code, sig) => resolve([code, sig]));
  }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (killTimer) clearTimeout(killTimer);
    closeSync(consoleFd);
    closeSync(stdioFd);
  });
  await bookkeeping;

  // Powered off by us or by `nephos stop`/`rm -f` from elsewhere: QMP's quit exits QEMU with 0.
  const poweredOff = !!stateOrGone(inst)?.stopping?.powerOff;
  const outcome = outcomeOf(record, poweredOff, { status, signal });
  await finalize(inst, run, outcome);

  const exit = decodeExit(record, status, signal);
  if (!record && poweredOff) {
    if (signals) notice('the guest did not stop in time and was powered off');
    return 137;
  }
  switch (exit.kind) {
    case 'qemu-error': {
      const msg = qemuErr.trim().split('\n').filter(Boolean).pop() ?? `exit status ${status}`;
      throw fail(`QEMU failed: ${msg.replace(/^qemu-system-x86_64: /, '')}`, 'see NEPHOS_DEBUG=1 nephos run ... for the command line');
    }
    case 'reset':
      notice('the VM reset unexpectedly (triple fault): this is a Nephos bug; the serial log is above');
      break;
    default:
      break;
  }
  return exit.code;
}
