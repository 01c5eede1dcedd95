// The group daemon (`nephos __daemon group NAME`, started detached by `run --replicas` and
// restarted by `scale` when it is gone): one per group, it
//   - serves the group's published ports: a Balancer (balancer.ts) per port, whose backends are
//     the members' internal host ports for that guest port;
//   - checks the members' health (health.ts) every HEALTH_INTERVAL_MS and passes it on, and sees
//     membership changes (scale: new members, draining ones) within LOOP_MS by rereading
//     group.json;
//   - applies the group's restart policy to every member (cli/supervisor/watcher.ts), one watch
//     loop per member;
//   - writes status.json (listening ports, each member's health and connection counts) whenever
//     it changes, for ps, scale (which waits for a draining member to have no connection left)
//     and stats.
// It exits when group.json says the group is stopping (after the open connections have ended,
// within stop's -t and at most DRAIN_MS), when the group is removed, or when group.json names another daemon.
import { existsSync } from 'node:fs';
import { self, sleep } from '../instances/proc';
import { Instance } from '../instances/store';
import { RestartWatcher, bootAgain, TICK_MS } from '../supervisor/watcher';
import { readRecord } from '../supervisor/record';
import { Balancer, type Backend } from './balancer';
import { HealthChecker, type Health, HEALTH_INTERVAL_MS } from './health';
import { Group, type GroupDaemonStatus, type GroupRecord } from './store';

export const LOOP_MS = 200;
export const DRAIN_MS = 10_000;

function backendsFor(rec: GroupRecord, guestPort: number): Backend[] {
  const out: Backend[] = [];
  for (const m of rec.members) {
    const p = m.ports.find((x) => x.guest === guestPort);
    if (p) out.push({ id: m.name, host: '127.0.0.1', port: p.host });
  }
  return out;
}

export async function groupDaemonMain(home: string, name: string, log: (line: string) => void): Promise<number> {
  const group = new Group(home, name);
  const me = self();
  const mine = (r: GroupRecord | undefined) => !!r && r.daemon?.pid === me.pid && r.daemon.start === me.start;
  // The spawner records our identity right after spawning us (under the group's lock).
  for (let i = 0; i < 100 && !mine(group.read()); i++) await sleep(20);
  let rec = group.read();
  if (!rec || !mine(rec)) {
    log(`group ${name}: not this daemon's group (another daemon, or removed); exiting`);
    return 0;
  }

  const balancers = new Map<number, { guest: number; balancer: Balancer }>();
  const status = (over: Partial<GroupDaemonStatus> = {}): GroupDaemonStatus => ({
    at: new Date().toISOString(),
    pid: process.pid,
    listening: [...balancers.keys()],
    error: null,
    backends: rec!.members.map((m) => {
      let active = 0;
      let total = 0;
      let failures = 0;
      for (const { balancer } of balancers.values()) {
        const c = balancer.counters(m.name);
        active += c.active;
        total += c.total;
        failures += c.failures;
      }
      const h = health.get(m.name) ?? { healthy: false, reason: 'unchecked' };
      return { member: m.name, healthy: h.healthy, reason: h.reason, active, total, failures };
    }),
    ...over,
  });

  const health = new Map<string, Health>();
  for (const p of rec.ports) {
    const balancer = new Balancer({ log: (l) => log(`group ${name}: ${l}`) });
    try {
      await balancer.listen(p.host);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? `127.0.0.1:${p.host} is already in use` : `cannot listen on 127.0.0.1:${p.host} (${code ?? (e as Error).message})`;
      log(`group ${name}: ${why}`);
      for (const b of balancers.values()) await b.balancer.close();
      balancers.clear();
      group.writeStatus(status({ error: why }));
      return 1;
    }
    balancers.set(p.host, { guest: p.guest, balancer });
  }
  log(`group ${name}: serving ${[...balancers.keys()].map((p) => `127.0.0.1:${p}`).join(', ') || 'no port'}`);

  const apply = () => {
    const healthy = [...health].filter(([, h]) => h.healthy).map(([id]) => id);
    const draining = new Set(rec!.members.filter((m) => m.draining).map((m) => m.name));
    for (const { guest, balancer } of balancers.values()) {
      balancer.setBackends(backendsFor(rec!, guest), healthy.filter((id) => !draining.has(id)));
    }
  };

  let running = true;
  const checker = new HealthChecker();
  const healthLoop = (async () => {
    while (running) {
      const members = rec!.members.slice();
      const results = await Promise.all(members.map(async (m) => {
        try {
          return [m.name, await checker.check(new Instance(home, m.name), m.draining)] as const;
        } catch (e) {
          return [m.name, { healthy: false, reason: (e as Error).message }] as const;
        }
      }));
      for (const [id, h] of results) {
        const before = health.get(id);
        if (!before || before.healthy !== h.healthy) log(`group ${name}: ${id} is ${h.healthy ? 'healthy' : 'unhealthy'} (${h.reason})`);
        health.set(id, h);
      }
      for (const id of [...health.keys()]) if (!rec!.members.some((m) => m.name === id)) health.delete(id);
      apply();
      await sleep(HEALTH_INTERVAL_MS);
    }
  })();

  // One restart-policy loop per member (the policy is the group's, recorded per member).
  const watching = new Set<string>();
  const watch = (member: string) => {
    if (watching.has(member)) return;
    watching.add(member);
    const watcher = new RestartWatcher(new Instance(home, member), { now: Date.now, log: (l) => log(`group ${name}: ${l}`), boot: bootAgain });
    void (async () => {
      while (running && rec!.members.some((m) => m.name === member && !m.draining)) {
        let result = 'watch';
        try {
          result = await watcher.tick();
        } catch (e) {
          log(`group ${name}: ${member}: ${(e as Error).message}`);
        }
        // "done" may change (`nephos restart` resumes a halted member): look again, less often.
        await sleep(result === 'done' ? 5 * TICK_MS : TICK_MS);
      }
      watching.delete(member);
    })();
  };

  let lastStatus = '';
  let drainMs = DRAIN_MS;
  while (running) {
    const next = group.read();
    if (!next || !mine(next) || next.status !== 'running') {
      if (next?.drainMs !== undefined) drainMs = Math.min(next.drainMs, DRAIN_MS);
      running = false;
      break;
    }
    rec = next;
    // A member removed with `nephos rm` (its directory gone) leaves the group. Members are
    // created before they are recorded, so a recorded member without a directory was removed.
    const gone = rec.members.filter((m) => !m.draining && !existsSync(new Instance(home, m.name).paths.dir));
    if (gone.length) {
      const names = new Set(gone.map((m) => m.name));
      log(`group ${name}: ${[...names].join(', ')} removed from the group (instance removed)`);
      rec = (await group.update((r) => ({ ...r, members: r.members.filter((m) => !names.has(m.name) || m.draining) }))) ?? rec;
    }
    apply();
    for (const m of rec.members) {
      const policy = readRecord(new Instance(home, m.name))?.policy;
      if (!m.draining && policy && policy.kind !== 'no') watch(m.name);
    }
    const s = status();
    const key = JSON.stringify({ ...s, at: '' });
    if (key !== lastStatus) {
      lastStatus = key;
      try {
        group.writeStatus(s);
      } catch {
        // Removed meanwhile: the next read ends the loop.
      }
    }
    await sleep(LOOP_MS);
  }

  // Stopping: no new connection; those open may finish (stop's -t, at most DRAIN_MS).
  log(`group ${name}: stopping`);
  for (const { balancer } of balancers.values()) await balancer.close();
  const deadline = Date.now() + drainMs;
  while ([...balancers.values()].some((b) => b.balancer.open > 0) && Date.now() < deadline) await sleep(50);
  for (const { balancer } of balancers.values()) balancer.destroyAll();
  await healthLoop.catch(() => {});
  balancers.clear();
  try {
    if (group.read()) group.writeStatus(status());
  } catch {
    // Removed.
  }
  log(`group ${name}: daemon exits`);
  return 0;
}
