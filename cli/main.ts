// The `nephos` command: dispatch to subcommands, global --help and --version, and the one place
// where failures become an exit status (cli/errors.ts).
//
// A command is a CommandSpec (its flags and help, cli/args.ts) plus `run(argv, io)` returning the
// exit status. Adding one (ps, logs, stop, rm, restart, inspect, api, dashboard, bench, completion)
// means adding an entry to COMMANDS; help and the unknown-command error follow from the table.
//
// Streams: stdout only for what scripts consume (the image path of `build`, the app's output of a
// foreground `run`, the instance name of `run -d`, help text that was asked for); everything else
// goes to stderr.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILD_SPEC, type CommandSpec, formatHelp, parseBuildArgs, parseRunArgs, RUN_SPEC, type RunOptions } from './args';
import { type BuildDeps, buildImage, cachedAppImage } from './build';
import { describeFailure, fail } from './errors';
import { bootFiles, looksLikeImage, NEPHOS_VERSION } from './image';
import { runCommand } from './run';
import { ENGINE, hostTools } from './toolchain/engine';
import { kernelElf } from './toolchain/kernel';
import { osBytecode } from './toolchain/os';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

export interface Command {
  spec: CommandSpec;
  run: (argv: string[], io: Io) => Promise<number>;
}

function buildDeps(io: Io): BuildDeps {
  return {
    kernelElf,
    osBytecode,
    jsc: async () => (await hostTools()).jsc,
    engineVersion: ENGINE.version,
    log: (line) => io.err(`${line}\n`),
  };
}

/** True when `path` is a file that starts with the image magic. */
function isImageFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(8);
      return readSync(fd, head, 0, 8, 0) === 8 && looksLikeImage(head);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

const build: Command = {
  spec: BUILD_SPEC,
  async run(argv, io) {
    const args = parseBuildArgs(argv);
    if (args === 'help') return help(BUILD_SPEC, io);
    const path = await buildImage(args.app, args.output, buildDeps(io));
    io.out(`${path}\n`);
    return 0;
  },
};

const run: Command = {
  spec: RUN_SPEC,
  async run(argv, io) {
    const args = parseRunArgs(argv, { readFile: (p) => readFileSync(p, 'utf8'), hostEnv: io.env });
    if (args === 'help') return help(RUN_SPEC, io);
    // An image is recognised by its magic; a name ending in .img is taken for one too, so that a
    // typo or a damaged file gets the image's error (bootFiles verifies it) and not the app's.
    let image: string;
    if (isImageFile(args.target) || /\.img$/i.test(args.target)) {
      image = resolve(args.target);
    } else {
      image = await cachedAppImage(args.target, buildDeps(io));
    }
    const boot = bootFiles(image);
    const opts: RunOptions = { ...args, image, kernel: boot.kernel, initrd: boot.initrd, meta: boot.meta };
    return runCommand(opts);
  },
};

/** Every command, in the order `nephos --help` lists them. */
export const COMMANDS: Record<string, Command> = { build, run };

function help(spec: CommandSpec, io: Io): number {
  io.out(formatHelp(spec));
  return 0;
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
    ...names.map((n) => `  ${n.padEnd(width)}${COMMANDS[n].spec.summary.split('\n')[0].replace(/[:.]?$/, '')}`),
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
    err: (t) => process.stderr.write(t),
    env: process.env,
  };
  const code = await main(process.argv.slice(2), io);
  // Writes to a pipe are asynchronous: exit only once everything written has left, or the tail of
  // the guest's output is lost.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((resolve) => s.write('', () => resolve()))));
  process.exit(code);
}
