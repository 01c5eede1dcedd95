// OSv's `network` group: interfaces with their counters (ifconfig) and the routing table, read from
// the network stack (os/net) and the NIC driver. OSv's Interface shape: config {name, addr, mask,
// broadcast, flags, mtu, phys_addr}, data {ifi_* counters, as BSD's struct if_data}, time; we add
// the driver's virtio counters under data too (OSv adds its own wakeup/kick figures there).
// Without a NIC the lists hold only the loopback interface (the stack answers 127/8 itself).
import type { MgmtHost, NetInterfaceView } from '../host';
import { error, ok, type RouteSpec } from '../router';
import { arr, bool, int, map, num, obj, str } from '../schema';

export function ipv4(a: number): string {
  return [24, 16, 8, 0].map((s) => (a >>> s) & 255).join('.');
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

const INTERFACE = obj({
  config: obj({ name: str(), addr: str(), mask: str(), broadcast: str(), flags: str(), mtu: int(), phys_addr: str() }),
  data: map(num()),
  time: int('ms since the epoch'),
});

const ROUTE = obj({ destination: str(), gateway: str(), flags: str(), netif: str(), ipv6: bool() });

function sum(d: Record<string, number>): number {
  let n = 0;
  for (const k in d) n += d[k];
  return n;
}

export function interfacesOf(host: MgmtHost): Record<string, unknown>[] {
  const time = Math.floor(host.wallMs());
  const net = host.net();
  const list: NetInterfaceView[] = net ? net.interfaces() : [];
  const out = list.map((i) => {
    const mask = maskOf(i.prefixLength);
    const data: Record<string, number> = {
      ifi_ipackets: i.counters.rxPackets, ifi_ibytes: i.counters.rxBytes,
      ifi_opackets: i.counters.txPackets, ifi_obytes: i.counters.txBytes,
      ifi_ierrors: i.device.deviceErrors ?? 0, ifi_oerrors: i.device.txDropped ?? 0,
      ifi_iqdrops: sum(i.counters.drops) + (i.device.rxDropped ?? 0), ifi_noproto: i.counters.drops['ipv4-unknown-protocol'] ?? 0,
      ifi_collisions: 0, ifi_imcasts: 0, ifi_omcasts: 0, ifi_mtu: i.mtu,
    };
    for (const [k, v] of Object.entries(i.device)) data[`virtio_${k}`] = v;
    return {
      config: {
        name: i.name, addr: ipv4(i.address), mask: ipv4(mask), broadcast: i.address ? ipv4((i.address | ~mask) >>> 0) : '0.0.0.0',
        flags: i.up ? 'UP BROADCAST RUNNING MULTICAST' : 'BROADCAST MULTICAST', mtu: i.mtu, phys_addr: i.mac,
      },
      data,
      time,
    };
  });
  out.push({
    config: { name: 'lo0', addr: '127.0.0.1', mask: '255.0.0.0', broadcast: '0.0.0.0', flags: 'UP LOOPBACK RUNNING', mtu: 65536, phys_addr: '00:00:00:00:00:00' },
    data: { ifi_ipackets: list.reduce((n, i) => n + i.counters.loopbackPackets, 0), ifi_ibytes: 0, ifi_opackets: 0, ifi_obytes: 0, ifi_ierrors: 0, ifi_oerrors: 0, ifi_iqdrops: 0, ifi_noproto: 0, ifi_collisions: 0, ifi_imcasts: 0, ifi_omcasts: 0, ifi_mtu: 65536 },
    time,
  });
  return out;
}

export function networkRoutes(host: MgmtHost): RouteSpec[] {
  const g = 'network';
  return [
    {
      method: 'GET', path: '/network/ifconfig/', group: g, summary: 'Every network interface with its configuration and counters',
      response: { schema: arr(INTERFACE) }, handler: () => ok(interfacesOf(host)),
    },
    {
      method: 'GET', path: '/network/ifconfig/{intf}', group: g, summary: 'One interface',
      params: [{ name: 'intf', in: 'path', required: true, description: 'interface name (eth0, lo0)', schema: str() }],
      response: { schema: INTERFACE },
      handler: (req) => {
        const found = interfacesOf(host).find((i) => (i.config as { name: string }).name === req.params.intf);
        return found ? ok(found) : error(404, `no interface ${req.params.intf}`);
      },
    },
    {
      method: 'GET', path: '/network/route/', group: g, summary: 'The IPv4 routing table',
      response: { schema: arr(ROUTE) },
      handler: () => {
        const net = host.net();
        const routes = net ? net.routes() : [];
        return ok(routes.map((r) => ({
          destination: r.prefixLength === 0 ? 'default' : `${ipv4(r.network)}/${r.prefixLength}`,
          gateway: r.gateway ? ipv4(r.gateway) : 'link#1',
          flags: r.gateway ? 'UGS' : 'U',
          netif: r.netif,
          ipv6: false,
        })));
      },
    },
  ];
}
