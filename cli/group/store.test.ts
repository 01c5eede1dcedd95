import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NephosError } from '../errors';
import { checkGroupName, createGroup, findGroup, freeIndexes, type GroupMember, type GroupRecord, listGroupNames, membersToRemove, parseReplicas, removeGroupDir } from './store';

const home = mkdtempSync(join(tmpdir(), 'nephos-groups-'));
after(() => rmSync(home, { recursive: true, force: true }));

const m = (index: number): GroupMember => ({ name: `web-${index}`, index, ports: [], draining: false });

test('replica counts', () => {
  assert.equal(parseReplicas('3', '--replicas'), 3);
  assert.equal(parseReplicas('0', 'the replica count'), 0);
  for (const bad of ['0', '-1', 'x', '65', '1.5', '']) assert.throws(() => parseReplicas(bad, '--replicas'), NephosError, bad);
});

test('group names leave room for the member suffix', () => {
  assert.equal(checkGroupName('web'), 'web');
  assert.throws(() => checkGroupName('x'.repeat(61)), NephosError);
  assert.throws(() => checkGroupName('-web'), NephosError);
});

test('new members take the lowest free numbers; shrinking removes stopped ones, then the highest', () => {
  assert.deepEqual(freeIndexes([m(1), m(3)], 3), [2, 4, 5]);
  assert.deepEqual(membersToRemove([m(1), m(2), m(3), m(4)], 2).map((x) => x.index), [4, 3]);
  assert.deepEqual(membersToRemove([m(1), m(2), m(3), m(4)], 2, (x) => x.index !== 1).map((x) => x.index), [1, 4]);
  assert.deepEqual(membersToRemove([m(1)], 3), []);
});

test('a group directory appears whole, once per name, and goes away', async () => {
  const rec: GroupRecord = {
    version: 1, name: 'web', createdAt: new Date().toISOString(), ports: [{ host: 8080, guest: 80 }],
    template: { image: '/x.img', app: 'x', memory: 1 << 26, env: {}, args: [], net: { kind: 'user' }, accel: 'auto', autoRemove: false },
    restart: { kind: 'no' }, replicas: 2, members: [], daemon: null, status: 'running',
  };
  const g = createGroup(home, rec);
  assert.throws(() => createGroup(home, rec), /in use by a replica group/);
  assert.deepEqual(listGroupNames(home), ['web']);
  await g.update((r) => ({ ...r, members: [m(1)] }));
  assert.equal(findGroup(home, 'web')!.read()!.members.length, 1);
  removeGroupDir(g);
  assert.equal(findGroup(home, 'web'), undefined);
  assert.deepEqual(listGroupNames(home), []);
});
