// The instance commands in-process, without VMs: help, argument errors, unknown instances, and
// ps/inspect/logs/rm over a state directory written by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIB } from '../args';
import { COMMANDS, main, type Io } from '../main';
import { encodeStdioRecord } from '../run/stdio';
import { createInstance, initialState, type InstanceConfig } from '../instances/store';

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), env };
  const code = await main(argv, io);
  return { code, out, err };
}

test('every command has --help with its usage and examples, on stdout', async () => {
  for (const name of Object.keys(COMMANDS)) {
    for (const argv of [[name, '--help'], ['help', name]]) {
      const r = await cli(argv);
      assert.equal(r.code, 0, argv.join(' '));
      assert.equal(r.err, '');
      assert.match(r.out, new RegExp(`^Usage: nephos ${name}`));
      assert.match(r.out, /\nExamples:\n {2}\S/);
    }
  }
});

test('argument errors and unknown instances: one nephos: line, status 125', async () => {
  const home = mkdtempSync(join(tmpdir(), 'nephos-cmd-'));
  try {
    const env = { NEPHOS_HOME: home };
    const cases: [string[], string][] = [
      [['logs'], 'nephos: nephos logs needs an instance name: see `nephos ps -a` for the names, or `nephos logs --help`\n'],
      [['logs', 'a', 'b'], 'nephos: nephos logs takes one instance name, got 2: run it once per instance\n'],
      [['inspect', 'nobody'], 'nephos: no instance named "nobody": see `nephos ps -a` for the list\n'],
      [['stop', '-t', '-1', 'x'], 'nephos: -t "-1" is not a number of seconds: write e.g. -t 10 (0 powers off at once)\n'],
      [['stop', '--now', 'x'], 'nephos: unknown option --now for `nephos stop`: see `nephos stop --help`; to pass it to the app, put it after `--`\n'],
      [['restart', '--time=abc', 'x'], 'nephos: -t "abc" is not a number of seconds: write e.g. -t 10 (0 powers off at once)\n'],
      [['rm', '--force=yes', 'x'], 'nephos: --force takes no value (got "yes"): write --force alone\n'],
      [['completion'], 'nephos: nephos completion needs a shell: write nephos completion bash\n'],
    ];
    for (const [argv, expected] of cases) {
      const r = await cli(argv, env);
      assert.equal(r.code, 125, argv.join(' '));
      assert.equal(r.out, '');
      assert.equal(r.err, expected);
    }
    // Several names: each failure is its own line.
    const many = await cli(['rm', 'a', 'b'], env);
    assert.equal(many.code, 125);
    assert.equal(many.err, 'nephos: no instance named "a": see `nephos ps -a` for the list\nnephos: no instance named "b": see `nephos ps -a` for the list\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('ps, inspect, logs and rm over instances that have ended', async () => {
  const home = mkdtempSync(join(tmpdir(), 'nephos-cmd-'));
  try {
    const env = { NEPHOS_HOME: home };
    const config: Omit<InstanceConfig, 'name'> = {
      version: 1, image: '/imgs/x.img', app: 'x', memory: 64 * MIB, env: { A: '1' }, args: [], ports: [{ host: 8080, guest: 80 }],
      net: { kind: 'user' }, accel: 'auto', autoRemove: false, createdAt: '2024-01-01T00:00:00.000Z',
    };
    const dead = { ...initialState(), status: 'running' as const, run: 1, qemu: { pid: 999999, start: '1' }, startedAt: '2024-01-01T00:00:01.000Z' };
    const inst = createInstance({ ...config, name: 'old' }, dead, home);
    writeFileSync(inst.paths.console, 'NEPHOS_READY\nNEPHOS_EXIT exit 4\n');
    writeFileSync(inst.paths.stdio, Buffer.concat([encodeStdioRecord(1, Buffer.from('out 1\nout 2\n')), encodeStdioRecord(2, Buffer.from('err\n'))]));
    createInstance({ ...config, name: 'older', createdAt: '2023-01-01T00:00:00.000Z' }, { ...dead }, home);

    assert.equal((await cli(['ps', '--json'], env)).out, '[]\n', 'nothing runs');
    const all = JSON.parse((await cli(['ps', '-a', '--json'], env)).out);
    assert.deepEqual(all.map((s: { name: string; status: string; exitCode: number | null }) => [s.name, s.status, s.exitCode]), [['old', 'exited', 4], ['older', 'crashed', null]]);
    const info = JSON.parse((await cli(['inspect', 'old'], env)).out);
    assert.equal(info.exitReason, 'exit');
    assert.equal(info.guest, null);
    assert.deepEqual(info.config.env, { A: '1' });
    assert.equal(info.paths.controlSocket, join(home, 'instances', 'old', 'control.sock'));
    const logs = await cli(['logs', 'old'], env);
    assert.deepEqual([logs.code, logs.out, logs.err], [0, 'out 1\nout 2\n', 'err\n']);
    assert.deepEqual((await cli(['logs', '-n', '1', 'old'], env)).out, '');
    assert.deepEqual((await cli(['logs', '--tail=2', '-f', 'old'], env)).out, 'out 2\n', '-f on an ended instance returns');
    const rm = await cli(['rm', 'old', 'older'], env);
    assert.deepEqual([rm.code, rm.out.split('\n').sort().join(' ').trim()], [0, 'old older']);
    assert.equal((await cli(['ps', '-aq'], env)).out, '');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
