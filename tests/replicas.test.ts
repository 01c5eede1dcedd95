// Replica groups with real VMs: `run --replicas` behind one published port, the balancer's spread,
// a replica stopped in the middle of the load, scale up and down while serving, group stop and
// rm, and every error case. Each test removes its group; the last checks nothing is left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEL, makeApp, nephos, removeApp, TEST_HOME } from './helpers';
import { assertOneError, daemonsOf, freePort, getOnce, load, processesMentioning, ps, waitFor, WHO_APP } from './replicas-lib';

let appDir: string;
let image: string;

before(async () => {
  appDir = makeApp({ 'index.js': WHO_APP, 'package.json': JSON.stringify({ name: 'who' }) });
  image = join(appDir, 'who.img');
  const r = await nephos(['build', appDir, '-o', image]);
  assert.equal(r.code, 0, r.stderr);
});

after(() => removeApp(appDir));

async function group(name: string, replicas: number, port: number, extra: string[] = []): Promise<void> {
  const r = await nephos(['run', '--accel', ACCEL, '--replicas', String(replicas), '--name', name, '-p', `${port}:8080`, ...extra, image]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${name}\n`);
}

async function removeGroup(name: string): Promise<void> {
  const r = await nephos(['rm', '-f', name]);
  assert.equal(r.code, 0, r.stderr);
}

const members = async (name: string) => (await ps()).filter((s) => s.group === name).sort((a, b) => a.name.localeCompare(b.name));

test('3 replicas behind one port serve 1,000 requests spread over all three', async () => {
  const port = await freePort();
  await group('web', 3, port);
  try {
    const list = await members('web');
    assert.deepEqual(list.map((s) => [s.name, s.status, s.ready]), [['web-1', 'running', true], ['web-2', 'running', true], ['web-3', 'running', true]]);
    // Each on an internal port of its own, none of them the published one.
    const internal = list.map((s) => s.ports[0].host);
    assert.equal(new Set(internal).size, 3);
    assert.ok(!internal.includes(port));
    const r = await load(port, 1000, 8);
    assert.deepEqual(r.errors, []);
    assert.equal(r.ok, 1000);
    assert.deepEqual(Object.keys(r.by).sort(), ['web-1', 'web-2', 'web-3']);
    // Round robin over equally idle replicas: close to a third each.
    for (const n of Object.values(r.by)) assert.ok(n >= 200, `spread: ${JSON.stringify(r.by)}`);
    const table = await nephos(['ps']);
    assert.match(table.stdout, /^GROUP\s+STATUS\s+REPLICAS\s+HEALTHY\s+PORTS/m);
    assert.match(table.stdout, new RegExp(`^web\\s+running\\s+3/3\\s+3\\s+127\\.0\\.0\\.1:${port}->8080/tcp`, 'm'));
    // logs and inspect take the group's name: every member's lines prefixed with its name; the
    // group's record with each member's object.
    const logs = await nephos(['logs', 'web']);
    assert.equal(logs.code, 0, logs.stderr);
    assert.deepEqual(logs.stdout.split('\n').filter(Boolean), ['web-1 | listening as web-1', 'web-2 | listening as web-2', 'web-3 | listening as web-3']);
    const inspected = await nephos(['inspect', 'web']);
    assert.equal(inspected.code, 0, inspected.stderr);
    const g = JSON.parse(inspected.stdout);
    assert.equal(g.group, 'web');
    assert.equal(g.replicas, 3);
    assert.deepEqual(g.members.map((m: { name: string; status: string }) => [m.name, m.status]), [['web-1', 'running'], ['web-2', 'running'], ['web-3', 'running']]);
  } finally {
    await removeGroup('web');
  }
});

test('a replica stopped during the load loses no request that was not in flight on it', async () => {
  const port = await freePort();
  await group('svc', 3, port);
  try {
    let stopAt = 0;
    let stopping: Promise<unknown> | undefined;
    const CONCURRENCY = 6;
    const r = await load(port, 900, CONCURRENCY, (done) => {
      if (done === 200) {
        stopAt = Date.now();
        stopping = nephos(['stop', 'svc-2']);
      }
    });
    const stopped = await stopping!;
    assert.equal((stopped as { code: number }).code, 0);
    // Only a request in flight on svc-2 at that moment may fail; those started after the stop
    // began all succeed (the balancer retries a connection svc-2 refused or dropped unanswered).
    assert.ok(r.errors.length <= CONCURRENCY, `errors: ${JSON.stringify(r.errors)}`);
    assert.deepEqual(r.errors.filter((e) => e.at > stopAt + 50), []);
    assert.equal(r.ok + r.errors.length, 900);
    assert.ok(r.by['svc-2'] > 0 && r.by['svc-1'] > 0 && r.by['svc-3'] > 0, JSON.stringify(r.by));
    const after = await members('svc');
    assert.deepEqual(after.map((s) => [s.name, s.status]), [['svc-1', 'running'], ['svc-2', 'exited'], ['svc-3', 'running']]);
    // The group keeps serving from the two left.
    const more = await load(port, 60, 4);
    assert.deepEqual(more.errors, []);
    assert.deepEqual(Object.keys(more.by).sort(), ['svc-1', 'svc-3']);
  } finally {
    await removeGroup('svc');
  }
});

test('a replica whose QEMU is killed is taken out of rotation; the others serve', async () => {
  const port = await freePort();
  await group('kl', 2, port);
  try {
    const victim = (await members('kl')).find((s) => s.name === 'kl-1')!;
    process.kill(victim.pid!, 'SIGKILL');
    const r = await load(port, 100, 4);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(Object.keys(r.by), ['kl-2']);
    const st = (await members('kl')).find((s) => s.name === 'kl-1')!;
    assert.equal(st.status, 'crashed');
    // Removing the crashed replica takes it out of the group (the daemon notices).
    const rm = await nephos(['rm', 'kl-1']);
    assert.equal(rm.code, 0, rm.stderr);
    await waitFor('the group to shrink to 1/2', async () => /^kl\s+running\s+1\/2\s+1\s/m.test((await nephos(['ps'])).stdout), 10_000);
    const scaled = await nephos(['scale', 'kl', '2']);
    assert.equal(scaled.stdout, 'kl-1\n', 'the free number is used again');
  } finally {
    await removeGroup('kl');
  }
});

test('scale to 5 and back to 2 while serving', async () => {
  const port = await freePort();
  await group('sc', 3, port);
  try {
    let phase = 'start';
    const seen: Record<string, Set<string>> = { up: new Set(), down: new Set() };
    let stop = false;
    // A steady load for the whole test, recording who answered in each phase.
    const loader = (async () => {
      const errors: string[] = [];
      let ok = 0;
      while (!stop) {
        await Promise.all([0, 1, 2, 3].map(async () => {
          try {
            const who = await getOnce(port);
            ok++;
            seen[phase]?.add(who);
          } catch (e) {
            errors.push(`${phase}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          }
        }));
      }
      return { ok, errors };
    })();
    const up = await nephos(['scale', 'sc', '5']);
    assert.equal(up.code, 0, up.stderr);
    assert.equal(up.stdout, 'sc-4\nsc-5\n');
    assert.deepEqual((await members('sc')).map((s) => [s.name, s.status, s.ready]), [1, 2, 3, 4, 5].map((i) => [`sc-${i}`, 'running', true]));
    phase = 'up';
    await waitFor('the new replicas to answer', () => seen.up.has('sc-4') && seen.up.has('sc-5'), 20_000);
    const down = await nephos(['scale', 'sc', '2']);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(down.stdout, 'sc-5\nsc-4\nsc-3\n');
    phase = 'down';
    await waitFor('answers after scaling down', () => seen.down.size > 0 && seen.down, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    const { ok, errors } = await loader;
    // Removed replicas were drained first: no request lost at all.
    assert.deepEqual(errors, []);
    assert.ok(ok > 50, `requests: ${ok}`);
    assert.deepEqual([...seen.down].sort(), ['sc-1', 'sc-2']);
    const left = (await ps()).filter((s) => s.name.startsWith('sc-')).map((s) => s.name).sort();
    assert.deepEqual(left, ['sc-1', 'sc-2'], 'removed replicas are gone, not just stopped');
  } finally {
    await removeGroup('sc');
  }
});

test('stop NAME stops the balancer and every replica; rm NAME removes them all', async () => {
  const port = await freePort();
  await group('st', 2, port, ['--restart', 'always']);
  const stopped = await nephos(['stop', '-t', '2', 'st']);
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.equal(stopped.stdout, 'st\n');
  await assert.rejects(getOnce(port, 2000), (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED');
  const list = await members('st');
  assert.deepEqual(list.map((s) => s.status), ['exited', 'exited']);
  // --restart always does not bring back a group stopped on purpose.
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual((await members('st')).map((s) => s.status), ['exited', 'exited']);
  const psTable = await nephos(['ps', '-a']);
  assert.match(psTable.stdout, /^st\s+stopped\s+2\/2\s+0/m);
  // restart brings it back, serving again.
  const again = await nephos(['restart', 'st']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(await getOnce(port), /^st-[12]$/);
  const removed = await nephos(['rm', '-f', 'st']);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(removed.stdout, 'st\n');
  assert.deepEqual((await ps()).filter((s) => s.name.startsWith('st-')), []);
  assert.ok(!existsSync(join(TEST_HOME, 'groups', 'st')));
});

test('every error case: non-zero exit and one nephos: line naming the fix', async () => {
  const port = await freePort();
  assertOneError(await nephos(['run', '--replicas', '0', image]), /^nephos: --replicas "0" is not a replica count: give a whole number from 1 to 64\n$/);
  assertOneError(await nephos(['run', '--replicas', 'many', image]), /--replicas "many" is not a replica count/);
  assertOneError(await nephos(['run', '--replicas', '2', '--rm', image]), /--replicas and --rm do not go together/);
  assertOneError(await nephos(['run', '--replicas', '2', '--net', 'tap', image]), /--replicas works with --net user only/);
  assertOneError(await nephos(['scale', 'nothing', '3']), /^nephos: no instance named "nothing": see `nephos ps -a` for the list\n$/);
  assertOneError(await nephos(['scale', 'x']), /nephos scale takes a group name and a count/);
  assertOneError(await nephos(['scale', 'x', '-3']), /unknown option -3/);
  assertOneError(await nephos(['scale', 'x', '99']), /"99" is not a replica count/);
  // A published port already taken: refused before anything boots, nothing left behind.
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
  try {
    assertOneError(await nephos(['run', '--accel', ACCEL, '--replicas', '2', '--name', 'busy', '-p', `${port}:8080`, image]),
      new RegExp(`^nephos: 127\\.0\\.0\\.1:${port} is already in use: choose another host port with -p`));
    assert.deepEqual((await ps()).filter((s) => s.name.startsWith('busy')), []);
    assert.ok(!existsSync(join(TEST_HOME, 'groups', 'busy')));
  } finally {
    blocker.close();
  }
  // A group's name is taken for instances, and the other way round; scale refuses a plain instance.
  await group('taken', 1, await freePort());
  try {
    assertOneError(await nephos(['run', '-d', '--accel', ACCEL, '--name', 'taken', image]), /the name "taken" is in use by a replica group/);
    assertOneError(await nephos(['run', '--accel', ACCEL, '--replicas', '1', '--name', 'taken-1', image]), /the name "taken-1" is in use by an instance/);
    assertOneError(await nephos(['scale', 'taken-1', '2']), /"taken-1" is an instance, not a replica group/);
    assertOneError(await nephos(['rm', 'taken']), /^nephos: group "taken" is running: stop it first \(nephos stop taken\), or use nephos rm -f taken\n$/);
  } finally {
    await removeGroup('taken');
  }
});

test('afterwards: no instance, group, QEMU or daemon of this suite is left', async () => {
  const dir = (d: string) => (existsSync(join(TEST_HOME, d)) ? readdirSync(join(TEST_HOME, d)) : []);
  assert.deepEqual(dir('instances'), []);
  assert.deepEqual(dir('groups'), []);
  await waitFor('the daemons to exit', () => daemonsOf(TEST_HOME).length === 0, 15_000);
  assert.deepEqual(processesMentioning(`${TEST_HOME}/instances`).filter((p) => p.cmd.startsWith('qemu')), []);
});
