// The `nephos` command: dispatch to subcommands, global --help and --version, and the one place
// where failures become an exit status (cli/errors.ts).
//
// A command is a CommandSpec (its flags and help, cli/args.ts) plus `run(argv, io)` returning the
// exit status. build and run live here; the instance commands in cli/commands/. Adding one (api,
// dashboard, bench) means adding an entry to COMMANDS; help, the unknown-command error and bash
// completion follow from the table.
//
// Streams: stdout only for what scripts consume (the image path of `build`, the app's output of a
// foreground `run`, the instance name of `run -d`, JSON of `ps --json` and `inspect`, help text
// that was asked for); everything else goes to stderr, progress only when it is a terminal.

import { readFileSync } from 'node:fs';
import { BUILD_SPEC, type CommandSpec, formatHelp, parseBuildArgs, parseRunArgs, RUN_SPEC } from './args';
import { type BuildDeps, buildImage } from './build';
import { loadApp } from './build/app';
import { api } from './commands/api';
import { completionCommand } from './commands/completion';
import { dashboard } from './commands/dashboard';
import { inspect } from './commands/inspect';
import { logs } from './commands/logs';
import { ps } from './commands/ps';
import { runCommand } from './commands/run';
import { restart, rm, stop } from './commands/stop';
import { scale } from './commands/scale';
import { stats } from './commands/stats';
import { DAEMON_WORD, daemonMain } from './supervisor/entry';
import { describeFailure, fail } from './errors';
import { NEPHOS_VERSION } from './image';
import { parseAppRunConfig } from './instances/config';
import { createProgress, type Progress } from './run/progress';
import { ENGINE, hostTools } from './toolchain/engine';
import { kernelElf } from './toolchain/kernel';
import { osBytecode } from './toolchain/os';

export interface Io {
  out: (text: string) => void;
  /** Raw bytes to stdout (`api` file reads); text commands use out. */
  outBytes?: (bytes: Uint8Array) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: progress is shown (never in pipes). */
  stderrIsTTY?: boolean;
}

export interface Command {
  spec: CommandSpec;
  run: (argv: string[], io: Io) => Promise<number>;
}

/** The toolchain steps, each shown as progress when it takes long (a first build). */
function buildDeps(io: Io, progress: Progress): BuildDeps {
  return {
    kernelElf: () => progress.step('building the kernel and engine', kernelElf),
    osBytecode: () => progress.step('building the OS', osBytecode),
    jsc: async () => (await progress.step('building the engine\'s host tools', hostTools)).jsc,
    engineVersion: ENGINE.version,
    log: (line) => io.err(`${line}\n`),
  };
}

function progressOf(io: Io): Progress {
  return createProgress({ isTTY: !!io.stderrIsTTY, write: io.err });
}

const build: Command = {
  spec: BUILD_SPEC,
  async run(argv, io) {
    const args = parseBuildArgs(argv);
    if (args === 'help') return help(BUILD_SPEC, io);
    // A bad "nephos" key in package.json is reported at build time, not first at run time.
    parseAppRunConfig(loadApp(args.app).nephosConfig);
    const progress = progressOf(io);
    const path = await progress.step('bundling and packing the app', () => buildImage(args.app, args.output, buildDeps(io, progress)));
    io.out(`${path}\n`);
    return 0;
  },
};

const run: Command = {
  spec: RUN_SPEC,
  async run(argv, io) {
    const args = parseRunArgs(argv, { readFile: (p) => readFileSync(p, 'utf8'), hostEnv: io.env });
    if (args === 'help') return help(RUN_SPEC, io);
    const progress = progressOf(io);
    return runCommand(args, io, buildDeps(io, progress), progress);
  },
};

/** Every command, in the order `nephos --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  build, run, ps, logs, stop, restart, rm, inspect, api, dashboard, scale, stats,
  completion: completionCommand(() => Object.values(COMMANDS).map((c) => c.spec)),
};

function help(spec: CommandSpec, io: Io): number {
  io.out(formatHelp(spec));
  return 0;
}

/** A summary's first sentence (up to the first ". " or ": "), for the command list. */
function firstSentence(summary: string): string {
  return summary.replace(/\s*\n\s*/g, ' ').split(/(?<=\.) |: /)[0].replace(/[:.]$/, '');
}

export function generalHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length)) + 3;
  return [
    'Usage: nephos <command> [OPTIONS] [ARGS...]',
    '',
    'Nephos runs one Node.js app per virtual machine, on a small OS written in TypeScript.',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}${firstSentence(COMMANDS[n].spec.summary)}`),
    '',
    'Options:',
    '  -h, --help     show help (also: nephos <command> --help, nephos help <command>)',
    '      --version  print the version',
    '',
    'Exit status: the app\'s own for a foreground run; 125 when nephos fails; 134 guest panic;',
    '137 VM killed or out of memory. Set NEPHOS_DEBUG=1 for stack traces. See docs/cli.md.',
    '',
    'Examples:',
    '  nephos build examples/hello',
    '  nephos run examples/hello -- --name world',
    '  nephos run -d --name web -p 8080:80 ./server && nephos logs -f web',
    '  nephos ps -a',
    '  nephos stop web && nephos rm web',
    '',
  ].join('\n');
}

export function versionText(): string {
  return `nephos ${NEPHOS_VERSION} (engine QuickJS ${ENGINE.version})\n`;
}

/** Runs the command line `argv` (without `node` and the script); returns the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h') {
      io.out(generalHelp());
      return 0;
    }
    // The detached supervisor and group daemons (cli/supervisor/daemon.ts): not a user command.
    if (first === DAEMON_WORD) return await daemonMain(rest, io.env);
    if (first === '--version') {
      io.out(versionText());
      return 0;
    }
    if (first === 'help') {
      if (rest[0] === undefined) {
        io.out(generalHelp());
        return 0;
      }
      const command = COMMANDS[rest[0]];
      if (!command) throw fail(`unknown command ${JSON.stringify(rest[0])}`, 'see `nephos --help` for the list');
      return help(command.spec, io);
    }
    const command = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!command) {
      if (first.startsWith('-')) throw fail(`unknown option ${first}`, 'put options after the command, e.g. `nephos run -m 256M app`; see `nephos --help`');
      throw fail(`unknown command ${JSON.stringify(first)}`, 'see `nephos --help` for the list');
    }
    return await command.run(rest, io);
  } catch (e) {
    const { text, exitCode } = describeFailure(e, io.env.NEPHOS_DEBUG === '1');
    io.err(text);
    return exitCode;
  }
}

/** Entry point of the bundled CLI (cli/bin/nephos.js calls it). */
export async function cli(): Promise<void> {
  const io: Io = {
    out: (t) => process.stdout.write(t),
    outBytes: (b) => process.stdout.write(b),
    err: (t) => process.stderr.write(t),
    env: process.env,
    stderrIsTTY: !!process.stderr.isTTY,
  };
  // The reader of our output went away (`nephos logs | head`): end quietly as Unix tools do on
  // SIGPIPE, never with a stack trace. A foreground `nephos run` (it handles SIGTERM) stops its VM
  // gracefully first; its output is still in the instance's console log.
  let pipeClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    if (pipeClosed) return;
    pipeClosed = true;
    if (process.listenerCount('SIGTERM') > 0) process.emit('SIGTERM', 'SIGTERM');
    else process.exit(0);
  });
  const code = await main(process.argv.slice(2), io);
  // Writes to a pipe are asynchronous: exit only once everything written has left, or the tail of
  // the guest's output is lost.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((resolve) => s.write('', () => resolve()))));
  process.exit(code);
}
