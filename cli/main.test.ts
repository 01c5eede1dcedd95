import { removeTree, tempTree } from './build/testing';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { COMMANDS, main, type Io } from './main';

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), env };
  const code = await main(argv, io);
  return { code, out, err };
}

test('--version and help go to stdout with status 0', async () => {
  const v = await cli(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out, /^nephos \d+\.\d+\.\d+ \(engine QuickJS 2021-03-27\)\n$/);
  for (const argv of [[], ['--help'], ['-h'], ['help']]) {
    const h = await cli(argv);
    assert.equal(h.code, 0);
    assert.equal(h.err, '');
    for (const name of Object.keys(COMMANDS)) assert.match(h.out, new RegExp(`\\n  ${name} +\\S`));
    assert.match(h.out, /125 when nephos fails/);
  }
  for (const argv of [['run', '--help'], ['help', 'run'], ['build', '-h']]) {
    const h = await cli(argv);
    assert.equal(h.code, 0);
    assert.match(h.out, /^Usage: nephos (run|build) /);
    assert.match(h.out, /Examples:/);
  }
});

test('failures: one nephos: line on stderr, status 125, nothing on stdout, no stack', async () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /^nephos: unknown command "frobnicate": see `nephos --help` for the list\n$/],
    [['help', 'frobnicate'], /^nephos: unknown command "frobnicate"/],
    [['-m', '1G', 'run', 'x'], /^nephos: unknown option -m: put options after the command/],
    [['run'], /^nephos: nephos run needs an app or an image: /],
    [['run', '-m', 'lots', 'x'], /^nephos: -m "lots" is not a size: /],
    [['run', '/no/such/app'], /^nephos: \/no\/such\/app does not exist: give an app directory or a \.ts\/\.js file\n$/],
    [['build', '/no/such/app'], /^nephos: \/no\/such\/app does not exist/],
  ];
  for (const [argv, pattern] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 125, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
    assert.match(r.err, pattern);
    assert.equal(r.err.split('\n').length, 2, `one line: ${r.err}`);
  }
});

test('an image that is not one, and a corrupt image, are refused before booting', async () => {
  const dir = tempTree({ 'fake.img': 'not an image at all', 'bad.img': 'NEPHOSIM truncated' });
  try {
    const fake = await cli(['run', join(dir, 'fake.img')]);
    assert.equal(fake.code, 125);
    assert.match(fake.err, /^nephos: .*fake\.img is not a nephos image \(bad magic\): build one with `nephos build <app>`\n$/);
    const bad = await cli(['run', join(dir, 'bad.img')]);
    assert.equal(bad.code, 125);
    assert.match(bad.err, /^nephos: bad\.img is corrupt \(truncated header\): rebuild it with `nephos build`\n$/);
  } finally {
    removeTree(dir);
  }
});

test('NEPHOS_DEBUG=1 adds the stack trace', async () => {
  const r = await cli(['run', '-m', 'lots', 'x'], { NEPHOS_DEBUG: '1' });
  assert.equal(r.code, 125);
  assert.match(r.err, /^nephos: -m "lots" is not a size: .*\nNephosError: .*\n {4}at /);
});

test('the bin bundles the CLI and runs from any directory', () => {
  const root = process.env.NEPHOS_ROOT ?? process.cwd();
  const bin = join(root, 'cli', 'bin', 'nephos.js');
  const cwd = tempTree({});
  try {
    const v = spawnSync(process.execPath, [bin, '--version'], { cwd, encoding: 'utf8' });
    assert.equal(v.status, 0, v.stderr);
    assert.match(v.stdout, /^nephos \d/);
    const bad = spawnSync(process.execPath, [bin, 'run', '--net', 'wifi', 'x'], { cwd, encoding: 'utf8' });
    assert.equal(bad.status, 125);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr, 'nephos: --net "wifi" is not a network mode: use --net user or --net tap[:IFNAME]\n');
  } finally {
    removeTree(cwd);
  }
});

test('a missing .img is reported as a missing image', async () => {
  const r = await cli(['run', '/no/such/hello.img']);
  assert.equal(r.code, 125);
  assert.equal(r.err, 'nephos: /no/such/hello.img does not exist: check the path, or build the image with `nephos build`\n');
});
