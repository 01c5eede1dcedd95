// TAP devices for `--net tap[:IFNAME]`: the guest's NIC becomes a real Linux interface on the host,
// so Linux's own TCP can be the peer. An existing device is used as it is (its host-side address is
// the user's to configure); a missing one is created and brought up, which needs root.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fail } from '../errors';

export function ensureTap(ifname: string): void {
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(ifname)) throw fail(`invalid interface name ${JSON.stringify(ifname)}`, 'use 1-15 letters, digits, _ . or -');
  if (existsSync(`/sys/class/net/${ifname}`)) return;
  const add = spawnSync('ip', ['tuntap', 'add', 'dev', ifname, 'mode', 'tap'], { encoding: 'utf8' });
  if (add.error || add.status !== 0) {
    const why = add.error ? 'the ip command (iproute2) is missing' : (add.stderr || '').trim();
    throw fail(`cannot create the TAP device ${ifname} (${why})`,
      `create it as root first: ip tuntap add dev ${ifname} mode tap user $(id -un) && ip link set ${ifname} up`);
  }
  spawnSync('ip', ['link', 'set', ifname, 'up']);
}
