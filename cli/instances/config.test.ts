import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIB, parseRunArgs } from '../args';
import { NephosError } from '../errors';
import { mergeRunConfig, parseAppRunConfig } from './config';

function rejects(value: unknown, pattern: RegExp): void {
  assert.throws(() => parseAppRunConfig(value), (e: unknown) => {
    assert.ok(e instanceof NephosError, String(e));
    assert.match(e.message, pattern);
    return true;
  });
}

const flags = (argv: string[]) => {
  const r = parseRunArgs(argv, { readFile: () => '', hostEnv: {} });
  assert.notEqual(r, 'help');
  return r as Exclude<typeof r, 'help'>;
};

test('a full "nephos" key is read with the flags\' value syntax', () => {
  const c = parseAppRunConfig({ memory: '256M', ports: ['8080:80', '9000:90/tcp'], env: { NODE_ENV: 'production', PORT: 80 }, args: ['--port', '80'], accel: 'tcg' });
  assert.equal(c.memory, 256 * MIB);
  assert.deepEqual(c.ports, [{ host: 8080, guest: 80 }, { host: 9000, guest: 90 }]);
  assert.deepEqual({ ...c.env }, { NODE_ENV: 'production', PORT: '80' });
  assert.deepEqual(c.args, ['--port', '80']);
  assert.equal(c.accel, 'tcg');
  assert.deepEqual(parseAppRunConfig(undefined), {});
  assert.equal(parseAppRunConfig({ memory: 64 * MIB + 1 }).memory, 65 * MIB);
});

test('unknown keys and wrong types are errors naming the key', () => {
  rejects({ memroy: '1G' }, /^package\.json "nephos" has an unknown key "memroy": use memory, ports, env, args or accel$/);
  rejects('256M', /^package\.json "nephos" must be an object, not a string/);
  rejects([], /"nephos" must be an object, not an array/);
  rejects({ memory: true }, /^package\.json "nephos\.memory" must be a size such as "256M", not a boolean/);
  rejects({ memory: 'lots' }, /^package\.json "nephos\.memory" "lots" is not a size: write a number with K, M or G/);
  rejects({ memory: '1M' }, /"nephos\.memory" "1M" is too little memory: give at least "8M"/);
  rejects({ memory: -5 }, /"nephos\.memory" -5 is not a size/);
  rejects({ ports: '8080:80' }, /"nephos\.ports" must be an array of "HOST:GUEST" strings, not a string/);
  rejects({ ports: [8080] }, /"nephos\.ports\[0\]" must be a "HOST:GUEST" string, not a number/);
  rejects({ ports: ['8080:80', 'x'] }, /^package\.json "nephos\.ports\[1\]": "x" is not HOST:GUEST: write the host port/);
  rejects({ ports: ['8080:80', '8080:81'] }, /"nephos\.ports" publishes host port 8080 twice/);
  rejects({ env: ['A=1'] }, /"nephos\.env" must be an object of strings, not an array/);
  rejects({ env: { A: { b: 1 } } }, /"nephos\.env\.A" must be a string, not an object/);
  rejects({ env: { A: null } }, /"nephos\.env\.A" must be a string, not null/);
  rejects({ env: { 'A B': '1' } }, /"nephos\.env": "A B" is not a variable name/);
  rejects({ args: '--port 80' }, /"nephos\.args" must be an array of strings, not a string/);
  rejects({ args: ['--port', 80] }, /"nephos\.args\[1\]" must be a string, not a number/);
  rejects({ accel: 'fast' }, /^package\.json "nephos\.accel": "fast" is not an accelerator: use --accel auto, kvm or tcg$/);
  rejects({ accel: 1 }, /"nephos\.accel" must be "auto", "kvm" or "tcg", not a number/);
});

test('flags override the file: -m, -p, --accel replace; -e adds and wins; -- args replace', () => {
  const app = parseAppRunConfig({ memory: '256M', ports: ['8080:80'], env: { A: 'file', B: 'file' }, args: ['from-file'], accel: 'tcg' });
  const none = mergeRunConfig(flags(['app']), app);
  assert.equal(none.memory, 256 * MIB);
  assert.deepEqual(none.ports, [{ host: 8080, guest: 80 }]);
  assert.deepEqual({ ...none.env }, { A: 'file', B: 'file' });
  assert.deepEqual(none.args, ['from-file']);
  assert.equal(none.accel, 'tcg');
  const all = mergeRunConfig(flags(['-m', '64M', '-p', '1:2', '-e', 'B=flag', '-e', 'C=flag', '--accel', 'auto', 'app', '--', 'x']), app);
  assert.equal(all.memory, 64 * MIB);
  assert.deepEqual(all.ports, [{ host: 1, guest: 2 }]);
  assert.deepEqual({ ...all.env }, { A: 'file', B: 'flag', C: 'flag' });
  assert.deepEqual(all.args, ['x']);
  assert.equal(all.accel, 'auto');
  // Without a file, the flags' defaults.
  const bare = mergeRunConfig(flags(['app']), {});
  assert.equal(bare.memory, 128 * MIB);
  assert.equal(bare.accel, 'auto');
});

test('run: --rm and the list of given options', () => {
  const r = flags(['--rm', '-m', '1G', 'app', '-e', 'A=1']);
  assert.equal(r.rm, true);
  assert.deepEqual(r.given.sort(), ['env', 'memory', 'rm']);
  assert.equal(flags(['app']).rm, false);
});
