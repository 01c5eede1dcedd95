// Command-line parsing for every `nephos` command, and the typed options of `build` and `run`.
//
// The rules (the contract in docs/cli.md, "General"): options may appear anywhere before `--`;
// everything after the first `--` belongs to the application, untouched. An option's value is the
// next word (`-m 256M`), or attached (`-m256M`, `-m=256M`, `--memory=256M`). Long names follow
// docker (`--memory`, `--env`, `--publish`, `--detach`). A bad word is a NephosError naming the
// flag and the fix; nothing here prints or exits.
//
// Layout: a generic parser driven by a CommandSpec (parseArgs, formatHelp), then the value
// parsers (sizes, ports, addresses, dotenv files), then the commands' option types.

import { fail } from './errors';
import { parseReplicas } from './group/store';
import { parseRestartPolicy, type RestartPolicy } from './supervisor/policy';

// ---------------------------------------------------------------------------------------------
// Generic parser

export interface OptionSpec {
  /** Long name without dashes: `memory` is `--memory`. */
  long: string;
  /** One-letter alias: `m` is `-m`. */
  short?: string;
  /** Name of the value in help (`SIZE`); absent for a flag that takes no value. */
  value?: string;
  repeatable?: boolean;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** Synopsis after `nephos`, e.g. `run [OPTIONS] <app|image> [-- ARGS...]`. */
  usage: string;
  summary: string;
  options: OptionSpec[];
  examples: string[];
  /** Extra paragraphs for --help. */
  notes?: string[];
}

export interface ParsedArgs {
  /** Values by long name, in order of appearance; a flag without value records ''. */
  options: Map<string, string[]>;
  positionals: string[];
  /** Everything after the first `--`. */
  rest: string[];
  help: boolean;
}

const HELP: OptionSpec = { long: 'help', short: 'h', help: 'show this help' };

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  const all = [...spec.options, HELP];
  const byLong = new Map(all.map((o) => [o.long, o]));
  const byShort = new Map(all.filter((o) => o.short).map((o) => [o.short!, o]));
  let help = false;
  let i = 0;
  const record = (opt: OptionSpec, shown: string, attached: string | undefined) => {
    let value = '';
    if (opt.value) {
      if (attached !== undefined) value = attached;
      else if (i < argv.length && argv[i] !== '--') value = argv[i++];
      else throw fail(`${shown} needs a value (${opt.value})`, `see \`nephos ${spec.name} --help\``);
    } else if (attached !== undefined) {
      throw fail(`${shown} takes no value (got "${attached}")`, `write ${shown} alone`);
    }
    if (opt === HELP) help = true;
    const list = options.get(opt.long) ?? [];
    // A single-valued option given twice: the last one wins, as in docker.
    options.set(opt.long, opt.repeatable ? [...list, value] : [value]);
  };
  const unknown = (word: string) =>
    fail(`unknown option ${word} for \`nephos ${spec.name}\``,
      `see \`nephos ${spec.name} --help\`; to pass it to the app, put it after \`--\``);
  while (i < argv.length) {
    const word = argv[i++];
    if (word === '--') return { options, positionals, rest: argv.slice(i), help };
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const opt = byLong.get(name);
      if (!opt) throw unknown(word.slice(0, eq < 0 ? undefined : eq));
      record(opt, `--${name}`, eq < 0 ? undefined : word.slice(eq + 1));
    } else if (word.startsWith('-') && word.length > 1) {
      const opt = byShort.get(word[1]);
      if (!opt) throw unknown(word);
      // `-m256M` and `-m=256M` attach the value; `-d` alone is a flag; flags bundle as in POSIX
      // utilities and docker (`-aq`, `-dp 8080:8080`): letters up to one that takes a value,
      // which takes the rest of the word or the next one.
      const tail = word.slice(2);
      if (!opt.value && tail !== '' && !tail.startsWith('=')) {
        for (let k = 1; k < word.length; k++) {
          const o = byShort.get(word[k]);
          if (!o) throw unknown(`-${word[k]}`);
          if (!o.value) { record(o, `-${word[k]}`, undefined); continue; }
          const rest = word.slice(k + 1);
          record(o, `-${word[k]}`, rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest);
          break;
        }
        continue;
      }
      record(opt, `-${word[1]}`, tail === '' ? undefined : tail.startsWith('=') ? tail.slice(1) : tail);
    } else {
      positionals.push(word);
    }
  }
  return { options, positionals, rest: [], help };
}

/** The last value of a single-valued option, if given. */
function last(parsed: ParsedArgs, long: string): string | undefined {
  const list = parsed.options.get(long);
  return list ? list[list.length - 1] : undefined;
}

export function formatHelp(spec: CommandSpec): string {
  const rows = [...spec.options, HELP].map((o) => {
    const names = `${o.short ? `-${o.short}, ` : '    '}--${o.long}${o.value ? ` ${o.value}` : ''}`;
    return [names, o.help + (o.repeatable ? ' (repeatable)' : '')];
  });
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  const lines = [`Usage: nephos ${spec.usage}`, '', spec.summary, '', 'Options:'];
  for (const [names, help] of rows) lines.push(`  ${names.padEnd(width)}${help}`);
  for (const note of spec.notes ?? []) lines.push('', note);
  lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Values

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
export const MIB = 1024 * 1024;
export const MIN_MEMORY = 8 * MIB;

/**
 * A memory size: `128M`, `1G`, `512K`, `1.5G`, `134217728` (plain bytes), units binary and case-
 * insensitive, an optional `B`/`iB` after the unit. Returns bytes.
 */
export function parseSize(text: string, flag = '-m'): number {
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  const bytes = m ? Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]) : NaN;
  if (!m || !Number.isSafeInteger(bytes) || (m[2] === '' && m[1].includes('.'))) {
    throw fail(`${flag} ${JSON.stringify(text)} is not a size`, 'write a number with K, M or G, e.g. 256M or 1G');
  }
  return bytes;
}

/** A TCP or UDP port number, 1-65535. */
export function parsePort(text: string, what: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw fail(`${what} ${JSON.stringify(text)} is not a port number`, 'use a number from 1 to 65535');
  }
  return Number(text);
}

export interface PortMapping { host: number; guest: number }

/** `-p HOST:GUEST` (an optional `/tcp` suffix is accepted). */
export function parsePortMapping(text: string): PortMapping {
  const m = /^([^:]*):([^:/]*)(?:\/(\w+))?$/.exec(text);
  if (!m) throw fail(`-p ${JSON.stringify(text)} is not HOST:GUEST`, 'write the host port, a colon and the guest port, e.g. -p 8080:80');
  if (m[3] !== undefined && m[3].toLowerCase() !== 'tcp') {
    throw fail(`-p ${text}: only TCP ports can be published`, 'drop the /' + m[3] + ' suffix');
  }
  return { host: parsePort(m[1], '-p host port'), guest: parsePort(m[2], '-p guest port') };
}

/** A dotted-quad IPv4 address as a u32 (`10.0.2.15` is 0x0a00020f). */
export function parseIPv4(text: string, flag: string): number {
  const parts = text.split('.');
  // Leading zeros are refused: some tools read them as octal, so their meaning is ambiguous.
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) {
    throw fail(`${flag} ${JSON.stringify(text)} is not an IPv4 address`, 'write four numbers 0-255 separated by dots, e.g. 10.0.2.15');
  }
  return parts.reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
}

export function formatIPv4(addr: number): string {
  return [24, 16, 8, 0].map((s) => (addr >>> s) & 255).join('.');
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export type NetMode = { kind: 'user' } | { kind: 'tap'; ifname?: string };

/** `--net user`, `--net tap`, `--net tap:IFNAME` (Linux interface names: 1-15 bytes, no / : or space). */
export function parseNet(text: string): NetMode {
  if (text === 'user') return { kind: 'user' };
  if (text === 'tap') return { kind: 'tap' };
  const m = /^tap:(.*)$/.exec(text);
  if (m && /^[A-Za-z0-9_.-]{1,15}$/.test(m[1]) && m[1] !== '.' && m[1] !== '..') return { kind: 'tap', ifname: m[1] };
  if (m) throw fail(`--net ${text}: bad interface name`, 'use 1-15 letters, digits, "_", "." or "-", e.g. --net tap:nephos0');
  throw fail(`--net ${JSON.stringify(text)} is not a network mode`, 'use --net user or --net tap[:IFNAME]');
}

export type Accel = 'auto' | 'kvm' | 'tcg';

/** The QEMU machine model: microvm (virtio-mmio, the default) or q35 (SeaBIOS, virtio-pci). */
export type Machine = 'microvm' | 'q35';

export function parseMachine(text: string): Machine {
  if (text === 'microvm' || text === 'q35') return text;
  throw fail(`--machine ${JSON.stringify(text)} is not a machine model`, 'use --machine microvm or q35');
}

export function parseAccel(text: string): Accel {
  if (text === 'auto' || text === 'kvm' || text === 'tcg') return text;
  throw fail(`--accel ${JSON.stringify(text)} is not an accelerator`, 'use --accel auto, kvm or tcg');
}

/** Instance names, as docker's: a letter or digit, then letters, digits, `_`, `.`, `-`. */
export function parseName(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(text)) {
    throw fail(`--name ${JSON.stringify(text)} is not a valid name`, 'use up to 63 letters, digits, "_", "." or "-", starting with a letter or digit');
  }
  return text;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * `-e KEY=VALUE`; `-e KEY` alone copies KEY from nephos's own environment (omitted when unset),
 * as docker does. Returns undefined for an unset `-e KEY`.
 */
export function parseEnvAssignment(text: string, hostEnv: Record<string, string | undefined>): [string, string] | undefined {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  if (!ENV_KEY.test(key)) {
    throw fail(`-e ${JSON.stringify(text)}: ${JSON.stringify(key)} is not a variable name`, 'write -e KEY=VALUE with KEY made of letters, digits and "_"');
  }
  const value = eq < 0 ? hostEnv[key] : text.slice(eq + 1);
  if (value === undefined) return undefined;
  if (value.includes('\0')) throw fail(`-e ${key}: the value contains a NUL byte`, 'remove it');
  return [key, value];
}

/**
 * Parses a dotenv file (the syntax of the `dotenv` package): `KEY=VALUE` lines, optional `export `
 * prefix, blank lines and `#` comments, unquoted values trimmed with a ` #` comment cut off,
 * 'single' and `backtick` quotes literal, "double" quotes with \n \r \t \" \\ escapes; quoted values
 * may span lines. Unlike `dotenv`, a line it cannot read is an error with its line number.
 */
export function parseEnvFile(text: string, fileName: string): [string, string][] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: [string, string][] = [];
  const bad = (lineNo: number, what: string) => fail(`${fileName} line ${lineNo}: ${what}`, 'write KEY=VALUE (dotenv syntax) or remove the line');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m) throw bad(lineNo, `expected KEY=VALUE, got ${JSON.stringify(truncate(line))}`);
    const key = m[1];
    if (!ENV_KEY.test(key)) throw bad(lineNo, `${JSON.stringify(key)} is not a variable name`);
    let rest = m[2];
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // Find the closing quote, reading further lines when the value spans several.
      let body = rest.slice(1);
      let close = findClose(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i];
        close = findClose(body, quote);
      }
      if (close < 0) throw bad(lineNo, `the ${quote} quote is never closed`);
      const after = body.slice(close + 1).trim();
      if (after !== '' && !after.startsWith('#')) throw bad(i + 1, `unexpected text after the closing quote: ${JSON.stringify(truncate(after))}`);
      value = body.slice(0, close);
      if (quote === '"') value = value.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c]!);
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      value = rest.trim();
    }
    if (value.includes('\0')) throw bad(lineNo, 'the value contains a NUL byte');
    out.push([key, value]);
  }
  return out;
}

function findClose(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (quote === '"' && body[j] === '\\') j++;
    else if (body[j] === quote) return j;
  }
  return -1;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

// ---------------------------------------------------------------------------------------------
// `nephos build`

export const BUILD_SPEC: CommandSpec = {
  name: 'build',
  usage: 'build [OPTIONS] <app>',
  summary: 'Builds a bootable image of a Node.js app: a directory (entry: package.json "main", else index.ts,\n' +
    'index.js, index.mjs) or a single .ts/.js/.mjs/.cjs file. Prints the image path on stdout.',
  options: [
    { long: 'output', short: 'o', value: 'FILE', help: 'write the image to FILE (default: ./<app name>.img)' },
  ],
  examples: ['nephos build examples/hello', 'nephos build ./server.ts -o server.img', 'nephos run $(nephos build .) -- --port 80'],
};

export interface BuildArgs {
  app: string;
  output?: string;
}

export function parseBuildArgs(argv: readonly string[]): BuildArgs | 'help' {
  const parsed = parseArgs(BUILD_SPEC, argv);
  if (parsed.help) return 'help';
  const [app, ...extra] = [...parsed.positionals, ...parsed.rest];
  if (app === undefined) throw fail('nephos build needs an app', 'give a directory or a .ts/.js file, e.g. nephos build ./app');
  if (extra.length) throw fail(`unexpected argument ${JSON.stringify(extra[0])}`, 'nephos build takes one app');
  const output = last(parsed, 'output');
  if (output === '') throw fail('-o needs a file name', 'e.g. -o app.img');
  return { app, output };
}

// ---------------------------------------------------------------------------------------------
// `nephos run`

export const DEFAULT_MEMORY = 128 * MIB;

export const RUN_SPEC: CommandSpec = {
  name: 'run',
  usage: 'run [OPTIONS] <app|image> [-- ARGS...]',
  summary: 'Boots an app in a new VM (building it first if given an app rather than an image). In the\n' +
    'foreground, the app\'s console output is on stdout and nephos exits with the app\'s exit code.',
  options: [
    { long: 'memory', short: 'm', value: 'SIZE', help: 'guest memory, e.g. 256M or 1G (default 128M)' },
    { long: 'env', short: 'e', value: 'KEY=VALUE', repeatable: true, help: 'set an environment variable (KEY alone: copy it from this shell)' },
    { long: 'env-file', value: 'FILE', repeatable: true, help: 'read environment variables from a dotenv file' },
    { long: 'publish', short: 'p', value: 'HOST:GUEST', repeatable: true, help: 'publish guest TCP port GUEST on 127.0.0.1:HOST' },
    { long: 'net', value: 'MODE', help: 'user (default) or tap[:IFNAME] (a TAP device, created when missing; root)' },
    { long: 'ip', value: 'ADDR/PREFIX', help: 'static guest address, e.g. 10.0.2.15/24 (default: DHCP)' },
    { long: 'gw', value: 'ADDR', help: 'default gateway for --ip' },
    { long: 'dns', value: 'ADDR', help: 'DNS server for --ip' },
    { long: 'accel', value: 'ACCEL', help: 'auto (default: KVM when /dev/kvm is usable), kvm or tcg' },
    { long: 'machine', value: 'MODEL', help: 'microvm (default; virtio-mmio) or q35 (PCI, virtio-pci devices; SeaBIOS boots seconds slower)' },
    { long: 'api-port', value: 'N', help: 'also serve the management API on guest port N (token required)' },
    { long: 'detach', short: 'd', help: 'run in the background; print the instance name once the app is ready' },
    { long: 'name', value: 'NAME', help: 'name of the instance (unique; generated when absent)' },
    { long: 'rm', help: 'remove the instance when it exits' },
    { long: 'restart', value: 'POLICY', help: 'no (default), on-failure[:N] or always: restart the VM when it ends, with backoff (needs -d)' },
    { long: 'replicas', value: 'N', help: 'run N instances NAME-1..NAME-N behind the published ports (a balancer on 127.0.0.1; implies -d)' },
  ],
  notes: [
    'Everything after `--` goes to the app as process.argv[2...], byte for byte. Options may come\n' +
    'anywhere before `--`. Values from --env-file are read first, then -e, so -e wins.',
    'The app\'s package.json may set defaults under "nephos": memory, ports, env, args, accel\n' +
    '(e.g. "nephos": {"memory": "256M", "env": {"NODE_ENV": "production"}}); flags override them.',
    'Every run is an instance (see `nephos ps`): in the foreground too, so `nephos stop NAME` from\n' +
    'another terminal stops it. It is kept after it exits, with its logs, until `nephos rm` (or --rm).',
  ],
  examples: [
    'nephos run examples/hello -- --name world',
    'nephos run -m 256M -e NODE_ENV=production -p 8080:80 ./server',
    'nephos run -d --name web --env-file .env -p 8080:3000 web.img',
    'nephos run --rm examples/hello',
    'nephos run --net tap:nephos0 --ip 192.168.100.2/24 --gw 192.168.100.1 --dns 1.1.1.1 app.img',
    'nephos run -d --restart on-failure:5 --name worker ./worker',
    'nephos run --replicas 3 --name web -p 8080:8080 ./server',
    'nephos run --machine q35 -p 8080:8080 ./server',
  ],
};

export interface StaticIPv4 {
  address: number;
  prefix: number;
  gateway?: number;
  dns?: number;
}

/** What `nephos run` was asked to do, as parsed from its command line. */
export interface RunArgs {
  /** The app directory, app file or image as given. */
  target: string;
  /** The app's arguments (process.argv[2...]), exact. */
  args: string[];
  /** Guest memory in bytes, a whole number of MiB (rounded up). */
  memory: number;
  /** process.env of the guest (null-prototype object, so any key is safe). */
  env: Record<string, string>;
  ports: PortMapping[];
  net: NetMode;
  /** Static configuration; DHCP when absent. */
  ipv4?: StaticIPv4;
  accel: Accel;
  /** --machine; absent: microvm. */
  machine?: Machine;
  apiPort?: number;
  detach: boolean;
  name?: string;
  /** --rm: remove the instance when it exits. */
  rm: boolean;
  /** --restart (cli/supervisor/policy.ts); absent: "no". */
  restart?: RestartPolicy;
  /** --replicas: a group of this many instances behind the published ports (cli/group/). */
  replicas?: number;
  /** Long names of the options given on the command line (flags override the app's config). */
  given: string[];
}

export interface RunParseContext {
  readFile: (path: string) => string;
  hostEnv: Record<string, string | undefined>;
}

export function parseRunArgs(argv: readonly string[], ctx: RunParseContext): RunArgs | 'help' {
  const parsed = parseArgs(RUN_SPEC, argv);
  if (parsed.help) return 'help';
  const [target, ...extra] = parsed.positionals;
  if (target === undefined) throw fail('nephos run needs an app or an image', 'e.g. nephos run ./app or nephos run app.img');
  if (extra.length) {
    throw fail(`unexpected argument ${JSON.stringify(extra[0])} after ${JSON.stringify(target)}`,
      `put the app's arguments after \`--\` (nephos run ${target} -- ${extra.join(' ')})`);
  }
  const value = (long: string) => last(parsed, long);
  const all = (long: string) => parsed.options.get(long) ?? [];

  const memoryText = value('memory');
  let memory = DEFAULT_MEMORY;
  if (memoryText !== undefined) {
    memory = Math.ceil(parseSize(memoryText) / MIB) * MIB;
    if (memory < MIN_MEMORY) {
      const hint = /^\d+$/.test(memoryText) ? ` (a plain number is bytes: did you mean ${memoryText}M?)` : '';
      throw fail(`-m ${memoryText} is too little memory${hint}`, `give at least ${MIN_MEMORY / MIB}M`);
    }
  }

  const env: Record<string, string> = Object.create(null);
  for (const file of all('env-file')) {
    let text: string;
    try {
      text = ctx.readFile(file);
    } catch (e) {
      throw fail(`cannot read --env-file ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path');
    }
    for (const [k, v] of parseEnvFile(text, file)) env[k] = v;
  }
  for (const text of all('env')) {
    const kv = parseEnvAssignment(text, ctx.hostEnv);
    if (kv) env[kv[0]] = kv[1];
  }

  const ports = all('publish').map(parsePortMapping);
  const seen = new Set<number>();
  for (const p of ports) {
    if (seen.has(p.host)) throw fail(`-p: host port ${p.host} is published twice`, 'give each host port once');
    seen.add(p.host);
  }

  const netText = value('net');
  const net = netText === undefined ? { kind: 'user' as const } : parseNet(netText);
  if (net.kind === 'tap' && ports.length) {
    throw fail('-p works with --net user only', 'with a TAP device, reach the guest at its own address');
  }

  const ipv4 = parseStaticIPv4(value('ip'), value('gw'), value('dns'));
  const accelText = value('accel');
  const machineText = value('machine');
  const apiPortText = value('api-port');
  const nameText = value('name');
  const restartText = value('restart');
  const replicasText = value('replicas');
  return {
    target,
    args: parsed.rest,
    memory,
    env,
    ports,
    net,
    ...(ipv4 ? { ipv4 } : {}),
    accel: accelText === undefined ? 'auto' : parseAccel(accelText),
    ...(machineText !== undefined ? { machine: parseMachine(machineText) } : {}),
    ...(apiPortText !== undefined ? { apiPort: parsePort(apiPortText, '--api-port') } : {}),
    detach: parsed.options.has('detach'),
    ...(nameText !== undefined ? { name: parseName(nameText) } : {}),
    rm: parsed.options.has('rm'),
    ...(restartText !== undefined ? { restart: parseRestartPolicy(restartText) } : {}),
    ...(replicasText !== undefined ? { replicas: parseReplicas(replicasText, '--replicas') } : {}),
    given: [...parsed.options.keys()],
  };
}

function parseStaticIPv4(ip?: string, gw?: string, dns?: string): StaticIPv4 | undefined {
  if (ip === undefined) {
    if (gw !== undefined) throw fail('--gw needs --ip', 'give the guest a static address with --ip ADDR/PREFIX, or drop --gw to use DHCP');
    if (dns !== undefined) throw fail('--dns needs --ip', 'give the guest a static address with --ip ADDR/PREFIX, or drop --dns to use DHCP');
    return undefined;
  }
  const m = /^([^/]*)\/(\d{1,2})$/.exec(ip);
  if (!m) throw fail(`--ip ${JSON.stringify(ip)} has no prefix length`, 'write ADDR/PREFIX, e.g. --ip 10.0.2.15/24');
  const address = parseIPv4(m[1], '--ip');
  const prefix = Number(m[2]);
  if (prefix < 1 || prefix > 32) throw fail(`--ip ${ip}: prefix length ${prefix} is out of range`, 'use 1 to 32, e.g. /24');
  const mask = maskOf(prefix);
  if (prefix <= 30 && ((address & ~mask) >>> 0 === 0 || (address | ~mask) >>> 0 === address)) {
    throw fail(`--ip ${ip} is the network or broadcast address of its subnet`, 'pick a host address inside the subnet');
  }
  const result: StaticIPv4 = { address, prefix };
  if (gw !== undefined) {
    const gateway = parseIPv4(gw, '--gw');
    if (((gateway & mask) >>> 0) !== ((address & mask) >>> 0)) {
      throw fail(`--gw ${gw} is not in the subnet of --ip ${ip}`, 'give a gateway on the same subnet');
    }
    if (gateway === address) throw fail(`--gw ${gw} is the guest's own address`, 'give the router\'s address');
    result.gateway = gateway;
  }
  if (dns !== undefined) result.dns = parseIPv4(dns, '--dns');
  return result;
}
