import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUILD_SPEC, DEFAULT_MEMORY, formatHelp, formatIPv4, MIB, parseArgs, parseBuildArgs, parseEnvFile, parseIPv4,
  parsePortMapping, parseRunArgs, parseSize, RUN_SPEC, type RunArgs, type RunParseContext,
} from './args';
import { NephosError } from './errors';

const ctx = (files: Record<string, string> = {}, hostEnv: Record<string, string> = {}): RunParseContext => ({
  readFile: (p) => {
    if (!(p in files)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    return files[p];
  },
  hostEnv,
});

function run(argv: string[], c = ctx()): RunArgs {
  const r = parseRunArgs(argv, c);
  assert.notEqual(r, 'help');
  return r as RunArgs;
}

/** Asserts that `fn` throws a NephosError whose message matches `pattern`. */
function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof NephosError, `expected a NephosError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test('run: defaults', () => {
  const r = run(['app']);
  assert.equal(r.target, 'app');
  assert.deepEqual(r.args, []);
  assert.equal(r.memory, DEFAULT_MEMORY);
  assert.equal(r.memory, 128 * MIB);
  assert.deepEqual({ ...r.env }, {});
  assert.deepEqual(r.ports, []);
  assert.deepEqual(r.net, { kind: 'user' });
  assert.equal(r.ipv4, undefined);
  assert.equal(r.accel, 'auto');
  assert.equal(r.apiPort, undefined);
  assert.equal(r.detach, false);
  assert.equal(r.name, undefined);
});

test('run: every option, anywhere before --, and everything after -- untouched', () => {
  const r = run([
    '-m', '256M', 'app', '-e', 'A=1', '--env', 'B=two words', '-p', '8080:80', '--publish=9000:90/tcp',
    '--net', 'user', '--ip', '10.0.2.15/24', '--gw', '10.0.2.2', '--dns', '10.0.2.3', '--accel', 'tcg',
    '--api-port', '8000', '-d', '--name', 'web-1',
    '--', '--name', 'world', '-m', '1G', '--', ' spaced "quoted" ', 'ünïcode',
  ]);
  assert.equal(r.target, 'app');
  assert.equal(r.memory, 256 * MIB);
  assert.deepEqual({ ...r.env }, { A: '1', B: 'two words' });
  assert.deepEqual(r.ports, [{ host: 8080, guest: 80 }, { host: 9000, guest: 90 }]);
  assert.deepEqual(r.ipv4, { address: 0x0a00020f, prefix: 24, gateway: 0x0a000202, dns: 0x0a000203 });
  assert.equal(r.accel, 'tcg');
  assert.equal(r.apiPort, 8000);
  assert.equal(r.detach, true);
  assert.equal(r.name, 'web-1');
  assert.deepEqual(r.args, ['--name', 'world', '-m', '1G', '--', ' spaced "quoted" ', 'ünïcode']);
});

test('run: attached values (-m512M, -m=512M, --memory=512M) and last one wins', () => {
  assert.equal(run(['-m512M', 'a']).memory, 512 * MIB);
  assert.equal(run(['-m=512M', 'a']).memory, 512 * MIB);
  assert.equal(run(['--memory=1G', 'a']).memory, 1024 * MIB);
  assert.equal(run(['-m', '64M', '-m', '32M', 'a']).memory, 32 * MIB);
  assert.equal(run(['--accel=kvm', '--accel', 'auto', 'a']).accel, 'auto');
});

test('sizes: units, case, plain bytes, fractions', () => {
  assert.equal(parseSize('16M'), 16 * MIB);
  assert.equal(parseSize('16m'), 16 * MIB);
  assert.equal(parseSize('1G'), 1024 * MIB);
  assert.equal(parseSize('512K'), 512 * 1024);
  assert.equal(parseSize('512KiB'), 512 * 1024);
  assert.equal(parseSize('2GB'), 2048 * MIB);
  assert.equal(parseSize('1.5G'), 1536 * MIB);
  assert.equal(parseSize('134217728'), 128 * MIB);
  for (const bad of ['', 'M', '12X', '-5M', '1.5', '1e9', '0x10M', '12 M B', '1,5G', 'lots']) {
    rejects(() => parseSize(bad), /is not a size/);
  }
});

test('run: memory rounded up to MiB, too little refused with a hint for plain numbers', () => {
  assert.equal(run(['-m', '16777217', 'a']).memory, 17 * MIB);
  rejects(() => run(['-m', '128', 'a']), /-m 128 is too little memory \(a plain number is bytes: did you mean 128M\?\): give at least 8M/);
  rejects(() => run(['-m', '4M', 'a']), /-m 4M is too little memory: give at least 8M/);
  rejects(() => run(['-m', 'big', 'a']), /^-m "big" is not a size: write a number with K, M or G/);
});

test('run: -e forms, KEY alone from the host environment, bad names', () => {
  const r = run(['-e', 'A=x=y', '-e', 'EMPTY=', '-e', 'HOME_DIR', '-e', 'UNSET', 'a'], ctx({}, { HOME_DIR: '/root' }));
  assert.deepEqual({ ...r.env }, { A: 'x=y', EMPTY: '', HOME_DIR: '/root' });
  rejects(() => run(['-e', '=x', 'a']), /is not a variable name/);
  rejects(() => run(['-e', '1A=x', 'a']), /is not a variable name/);
  rejects(() => run(['-e', 'A B=x', 'a']), /is not a variable name/);
  rejects(() => run(['-e', 'A=x\0y', 'a']), /NUL byte/);
  // A key that is an Object.prototype name is an ordinary variable.
  assert.equal(run(['-e', '__proto__=p', 'a']).env.__proto__, 'p');
});

test('run: --env-file then -e, -e wins; several files in order', () => {
  const files = { '.env': 'A=from-file\nB=b\n', 'more.env': 'B=more\n' };
  const r = run(['--env-file', '.env', '-e', 'A=from-flag', '--env-file', 'more.env', 'a'], ctx(files));
  assert.deepEqual({ ...r.env }, { A: 'from-flag', B: 'more' });
  rejects(() => run(['--env-file', 'missing.env', 'a']), /cannot read --env-file missing\.env \(ENOENT\): check the path/);
});

test('dotenv syntax: comments, export, quotes, escapes, multi-line, inline comments', () => {
  const text = [
    '\uFEFF# a comment',
    '',
    'PLAIN=hello world  ',
    'export EXPORTED=yes',
    '  SPACED = around  ',
    "SINGLE='raw \\n $x # not a comment'",
    'DOUBLE="line1\\nline2\\t\\"q\\" \\\\"',
    'BACKTICK=`it\'s "both"`',
    'INLINE=value # comment',
    'HASH=a#b',
    'EMPTY=',
    'QUOTED_EMPTY=""',
    'MULTI="first',
    'second"',
    'AFTER="x" # trailing comment',
    'DOTTED.KEY-1=ok\r',
  ].join('\n');
  assert.deepEqual(parseEnvFile(text, '.env'), [
    ['PLAIN', 'hello world'],
    ['EXPORTED', 'yes'],
    ['SPACED', 'around'],
    ['SINGLE', 'raw \\n $x # not a comment'],
    ['DOUBLE', 'line1\nline2\t"q" \\'],
    ['BACKTICK', 'it\'s "both"'],
    ['INLINE', 'value'],
    ['HASH', 'a#b'],
    ['EMPTY', ''],
    ['QUOTED_EMPTY', ''],
    ['MULTI', 'first\nsecond'],
    ['AFTER', 'x'],
    ['DOTTED.KEY-1', 'ok'],
  ]);
});

test('dotenv: bad lines are errors with the file name and line number', () => {
  rejects(() => parseEnvFile('A=1\njust words\n', 'app.env'), /^app\.env line 2: expected KEY=VALUE, got "just words": write KEY=VALUE/);
  rejects(() => parseEnvFile('A=1\n\n1BAD=x', 'e'), /^e line 3: "1BAD" is not a variable name/);
  rejects(() => parseEnvFile('A="open\nB=2\n', 'e'), /^e line 1: the " quote is never closed/);
  rejects(() => parseEnvFile("X='a' b", 'e'), /^e line 1: unexpected text after the closing quote: "b"/);
  rejects(() => parseEnvFile('=nokey', 'e'), /^e line 1: expected KEY=VALUE/);
  rejects(() => run(['--env-file', 'f', 'a'], ctx({ f: 'OK=1\noops' })), /^f line 2: expected KEY=VALUE/);
});

test('ports: HOST:GUEST, range, protocol, duplicates', () => {
  assert.deepEqual(parsePortMapping('1:65535'), { host: 1, guest: 65535 });
  assert.deepEqual(parsePortMapping('8080:80/TCP'), { host: 8080, guest: 80 });
  for (const bad of ['8080', '8080:', ':80', 'a:80', '1:2:3', '']) rejects(() => parsePortMapping(bad), /-p/);
  rejects(() => parsePortMapping('0:80'), /-p host port "0" is not a port number: use a number from 1 to 65535/);
  rejects(() => parsePortMapping('80:65536'), /-p guest port "65536" is not a port number/);
  rejects(() => parsePortMapping('53:53/udp'), /only TCP ports can be published/);
  rejects(() => run(['-p', '8080:80', '-p', '8080:81', 'a']), /host port 8080 is published twice/);
  assert.deepEqual(run(['-p', '8080:80', '-p', '8081:80', 'a']).ports.length, 2);
});

test('--net modes', () => {
  assert.deepEqual(run(['--net', 'tap', 'a']).net, { kind: 'tap' });
  assert.deepEqual(run(['--net', 'tap:nephos0', 'a']).net, { kind: 'tap', ifname: 'nephos0' });
  rejects(() => run(['--net', 'bridge', 'a']), /--net "bridge" is not a network mode: use --net user or --net tap\[:IFNAME\]/);
  rejects(() => run(['--net', 'tap:', 'a']), /bad interface name/);
  rejects(() => run(['--net', 'tap:waytoolonginterface', 'a']), /bad interface name/);
  rejects(() => run(['--net', 'tap:a/b', 'a']), /bad interface name/);
  rejects(() => run(['--net', 'tap', '-p', '80:80', 'a']), /-p works with --net user only/);
});

test('IPv4 addresses are u32 numbers; static configuration is checked', () => {
  assert.equal(parseIPv4('255.255.255.255', '--dns'), 0xffffffff);
  assert.equal(parseIPv4('0.0.0.0', '--dns'), 0);
  assert.equal(parseIPv4('192.168.1.2', '--dns'), 0xc0a80102);
  assert.equal(formatIPv4(0xc0a80102), '192.168.1.2');
  for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.x', '', '1..2.3']) {
    rejects(() => parseIPv4(bad, '--gw'), /--gw .* is not an IPv4 address/);
  }
  assert.deepEqual(run(['--ip', '192.168.100.2/24', 'a']).ipv4, { address: 0xc0a86402, prefix: 24 });
  assert.deepEqual(run(['--ip', '10.1.2.3/32', 'a']).ipv4, { address: 0x0a010203, prefix: 32 });
  rejects(() => run(['--ip', '10.0.2.15', 'a']), /has no prefix length: write ADDR\/PREFIX/);
  rejects(() => run(['--ip', '10.0.2.15/33', 'a']), /prefix length 33 is out of range/);
  rejects(() => run(['--ip', '10.0.2.15/0', 'a']), /prefix length 0 is out of range/);
  rejects(() => run(['--ip', '10.0.2.0/24', 'a']), /network or broadcast address/);
  rejects(() => run(['--ip', '10.0.2.255/24', 'a']), /network or broadcast address/);
  rejects(() => run(['--ip', '10.0.2.15/24', '--gw', '10.0.3.1', 'a']), /--gw 10\.0\.3\.1 is not in the subnet of --ip 10\.0\.2\.15\/24/);
  rejects(() => run(['--ip', '10.0.2.15/24', '--gw', '10.0.2.15', 'a']), /the guest's own address/);
  rejects(() => run(['--gw', '10.0.2.2', 'a']), /^--gw needs --ip/);
  rejects(() => run(['--dns', '1.1.1.1', 'a']), /^--dns needs --ip/);
});

test('--accel, --api-port, --name', () => {
  assert.equal(run(['--accel', 'kvm', 'a']).accel, 'kvm');
  rejects(() => run(['--accel', 'hvf', 'a']), /--accel "hvf" is not an accelerator: use --accel auto, kvm or tcg/);
  rejects(() => run(['--api-port', '0', 'a']), /--api-port "0" is not a port number/);
  rejects(() => run(['--api-port', '80a', 'a']), /is not a port number/);
  assert.equal(run(['--name', 'a.b_c-9', 'a']).name, 'a.b_c-9');
  for (const bad of ['-x', '.hidden', 'has space', 'x'.repeat(64), 'é']) rejects(() => run(['--name', bad, 'a']), /is not a valid name/);
});

test('--machine: microvm (absent by default) or q35; anything else refused', () => {
  assert.equal(run(['a']).machine, undefined);
  assert.equal(run(['--machine', 'q35', 'a']).machine, 'q35');
  assert.equal(run(['--machine=microvm', 'a']).machine, 'microvm');
  rejects(() => run(['--machine', 'pc', 'a']), /^--machine "pc" is not a machine model: use --machine microvm or q35$/);
});

test('bad command lines: unknown options, missing values, flags with values, stray arguments', () => {
  rejects(() => run(['--foo', 'a']), /^unknown option --foo for `nephos run`: see `nephos run --help`; to pass it to the app, put it after `--`/);
  rejects(() => run(['--foo=1', 'a']), /^unknown option --foo for/);
  rejects(() => run(['-x', 'a']), /^unknown option -x for/);
  rejects(() => run(['a', '-m']), /^-m needs a value \(SIZE\)/);
  rejects(() => run(['a', '--name', '--', 'x']), /^--name needs a value \(NAME\)/);
  rejects(() => run(['-d=yes', 'a']), /^-d takes no value \(got "yes"\)/);
  rejects(() => run(['--detach=1', 'a']), /^--detach takes no value/);
  rejects(() => run([]), /^nephos run needs an app or an image/);
  rejects(() => run(['app', 'world']), /^unexpected argument "world" after "app": put the app's arguments after `--` \(nephos run app -- world\)/);
});

test('--help is recognised anywhere before --, and not after', () => {
  assert.equal(parseRunArgs(['--help'], ctx()), 'help');
  assert.equal(parseRunArgs(['app', '-h'], ctx()), 'help');
  assert.deepEqual(run(['app', '--', '--help']).args, ['--help']);
  assert.equal(parseBuildArgs(['-h']), 'help');
});

test('build arguments', () => {
  assert.deepEqual(parseBuildArgs(['app']), { app: 'app', output: undefined });
  assert.deepEqual(parseBuildArgs(['-o', 'x.img', 'app']), { app: 'app', output: 'x.img' });
  assert.deepEqual(parseBuildArgs(['app', '--output=y.img']), { app: 'app', output: 'y.img' });
  rejects(() => parseBuildArgs([]), /^nephos build needs an app/);
  rejects(() => parseBuildArgs(['a', 'b']), /^unexpected argument "b"/);
  rejects(() => parseBuildArgs(['-m', '1G', 'a']), /^unknown option -m for `nephos build`/);
  rejects(() => parseBuildArgs(['a', '-o']), /^-o needs a value \(FILE\)/);
});

test('help lists every option and examples', () => {
  for (const spec of [RUN_SPEC, BUILD_SPEC]) {
    const help = formatHelp(spec);
    assert.match(help, new RegExp(`^Usage: nephos ${spec.name} `));
    for (const o of spec.options) assert.ok(help.includes(`--${o.long}`), `help of ${spec.name} lacks --${o.long}`);
    assert.match(help, /\nExamples:\n {2}nephos /);
    assert.match(help, /-h, --help/);
  }
  assert.match(formatHelp(RUN_SPEC), /-e, --env KEY=VALUE +.*\(repeatable\)/);
});

test('parseArgs: a lone "-" is a positional, -- stops option parsing', () => {
  const p = parseArgs(BUILD_SPEC, ['-', '--', '-o', 'x']);
  assert.deepEqual(p.positionals, ['-']);
  assert.deepEqual(p.rest, ['-o', 'x']);
  assert.equal(p.options.size, 0);
});

test('short flags bundle (-aq, -dp PORTS); a letter that takes a value takes the rest of the word', () => {
  const spec = { name: 'ps', summary: '', usage: '', examples: [], options: [
    { long: 'all', short: 'a', help: '' }, { long: 'quiet', short: 'q', help: '' }, { long: 'publish', short: 'p', value: 'PORTS', help: '' },
  ] };
  const flags = (argv: string[]) => Object.fromEntries(parseArgs(spec, argv).options);
  assert.deepEqual(flags(['-aq']), { all: [''], quiet: [''] });
  assert.deepEqual(flags(['-qap', '8080:80']), { quiet: [''], all: [''], publish: ['8080:80'] });
  assert.deepEqual(flags(['-ap8080:80']), { all: [''], publish: ['8080:80'] });
  assert.deepEqual(flags(['-ap=1:2']), { all: [''], publish: ['1:2'] });
  rejects(() => parseArgs(spec, ['-ax']), /^unknown option -x for `nephos ps`/);
  rejects(() => parseArgs(spec, ['-ap']), /^-p needs a value \(PORTS\)/);
  const r = run(['-dm', '64M', 'app']);
  assert.equal(r.detach, true);
  assert.equal(r.memory, 64 * MIB);
});
