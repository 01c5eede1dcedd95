import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIB } from '../args';
import { initialState, type InstanceConfig, type InstanceState } from './store';
import { formatMemory, formatTable, statusText, summarize } from './view';

const config: InstanceConfig = {
  version: 1, name: 'web', image: '/imgs/web.img', app: 'web', memory: 256 * MIB, env: { SECRET: 'x' }, args: [],
  ports: [{ host: 8080, guest: 80 }], net: { kind: 'user' }, accel: 'auto', autoRemove: false, createdAt: '2024-01-01T00:00:00.000Z',
};
const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const running: InstanceState = {
  ...initialState(), status: 'running', run: 1, qemu: { pid: 4242, start: '1' }, accel: 'kvm',
  startedAt: '2024-01-01T00:00:00.000Z', readyAt: '2024-01-01T00:00:00.300Z',
};

test('summaries carry the contract\'s fields; starting counts as running but not ready', () => {
  const s = summarize(config, running);
  assert.deepEqual(s, {
    name: 'web', app: 'web', image: '/imgs/web.img', status: 'running', ready: true, exitCode: null, exitReason: null,
    createdAt: '2024-01-01T00:00:00.000Z', startedAt: '2024-01-01T00:00:00.000Z', finishedAt: null,
    ports: [{ host: 8080, guest: 80, protocol: 'tcp' }], memory: 256 * MIB, accel: 'kvm', pid: 4242,
  });
  const starting = summarize(config, { ...running, status: 'starting' });
  assert.equal(starting.status, 'running');
  assert.equal(starting.ready, false);
  const crashed = summarize(config, { ...running, status: 'crashed', exitCode: null, exitReason: 'lost', finishedAt: '2024-01-01T00:02:00.000Z' });
  assert.deepEqual([crashed.status, crashed.exitCode, crashed.exitReason, crashed.pid], ['crashed', null, 'lost', null]);
});

test('status text and the ps table', () => {
  const now = T0 + 125_000;
  assert.equal(statusText(summarize(config, running), now), 'running 2m');
  assert.equal(statusText(summarize(config, { ...running, status: 'starting' }), T0 + 1000), 'starting 1s');
  const exited = summarize(config, { ...running, status: 'exited', exitCode: 3, exitReason: 'exit', finishedAt: '2024-01-01T00:00:05.000Z' });
  assert.equal(statusText(exited, now), 'exited (3) 2m ago');
  assert.equal(formatMemory(256 * MIB), '256M');
  assert.equal(formatMemory(2048 * MIB), '2G');
  assert.equal(formatTable([summarize(config, running), { ...exited, name: 'worker-1', pid: null, ports: [] }], now),
    'NAME       APP   STATUS              PORTS                    MEMORY   PID\n' +
    'web        web   running 2m          127.0.0.1:8080->80/tcp   256M     4242\n' +
    'worker-1   web   exited (3) 2m ago                            256M\n');
});
