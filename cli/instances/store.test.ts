import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIB } from '../args';
import { NephosError } from '../errors';
import { createInstance, initialState, type InstanceConfig, instancesDir, listInstanceNames, NAME_PATTERN, openInstance, removeInstanceDir } from './store';

const CONFIG: Omit<InstanceConfig, 'name'> = {
  version: 1, image: '/x.img', app: 'x', memory: 128 * MIB, env: {}, args: [], ports: [], net: { kind: 'user' },
  accel: 'auto', autoRemove: false, createdAt: new Date(0).toISOString(),
};

function withHome(fn: (home: string) => void): void {
  const home = mkdtempSync(join(tmpdir(), 'nephos-store-'));
  try {
    fn(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test('an instance is created whole, private, and its name is then in use', () => withHome((home) => {
  const inst = createInstance({ ...CONFIG, name: 'web' }, initialState(), home);
  assert.equal(inst.name, 'web');
  assert.equal(statSync(inst.paths.dir).mode & 0o777, 0o700);
  assert.equal(statSync(inst.paths.state).mode & 0o777, 0o600);
  assert.equal(inst.config().name, 'web');
  assert.equal(inst.state().status, 'starting');
  assert.throws(() => createInstance({ ...CONFIG, name: 'web' }, initialState(), home),
    /^NephosError: the name "web" is in use by a running instance: choose another --name, or remove it with `nephos rm -f web`$/);
  inst.writeState({ ...inst.state(), status: 'exited', exitCode: 0 });
  assert.throws(() => createInstance({ ...CONFIG, name: 'web' }, initialState(), home),
    /^NephosError: the name "web" is in use by an instance that has exited: remove it with `nephos rm web`, or choose another --name$/);
  // Nothing half-made is left behind, and no temporary files.
  assert.deepEqual(readdirSync(instancesDir(home)), ['web']);
  assert.deepEqual(readdirSync(inst.paths.dir).sort(), ['config.json', 'state.json']);
}));

test('generated names are readable, valid and distinct', () => withHome((home) => {
  const names = new Set<string>();
  for (let i = 0; i < 60; i++) names.add(createInstance(CONFIG, initialState(), home).name);
  assert.equal(names.size, 60);
  for (const n of names) assert.match(n, /^[a-z]+-[a-z]+(-\d+)?$/);
  for (const n of names) assert.match(n, NAME_PATTERN);
  assert.deepEqual(listInstanceNames(home), [...names].sort());
}));

test('unknown and malformed names are "no instance"; removal leaves nothing', () => withHome((home) => {
  for (const name of ['nope', '../../etc', '.new-x', '']) {
    assert.throws(() => openInstance(name, home), (e: unknown) => e instanceof NephosError &&
      e.message === `no instance named "${name}": see \`nephos ps -a\` for the list`);
  }
  const inst = createInstance({ ...CONFIG, name: 'gone' }, initialState(), home);
  assert.equal(openInstance('gone', home).name, 'gone');
  removeInstanceDir(inst);
  removeInstanceDir(inst); // twice: already gone is fine
  assert.deepEqual(readdirSync(instancesDir(home)), []);
  assert.deepEqual(listInstanceNames(home), []);
  assert.throws(() => inst.state(), /no instance named "gone"/);
}));
