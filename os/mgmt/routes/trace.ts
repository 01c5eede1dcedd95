// OSv's `trace` group, mapped onto the counters Nephos keeps anyway. OSv has compiled-in
// tracepoints that can be switched on and counted; Nephos's equivalents are the counters of the
// network stack (os/net: TCP segments, retransmissions, drops by reason; interface packets and
// drops by reason) and of the drivers (virtio-net, virtio-console: frames, notifies, interrupts).
// Each counter is a trace event named after its layer: tcp_retransmits, tcp_drop_bad_checksum,
// net_rx_packets, net_drop_ipv4_bad_checksum, virtio_net_interrupts...
//
// What differs from OSv, honestly: counting is always on underneath (it costs an increment), so
// "enabled" selects which events /trace/count reports; DELETE /trace/count zeroes the reported
// counts by keeping a baseline; backtraces are not recorded (asking for them is a 400); there is no
// sampling profiler (/trace/sampler accepts only freq=0) and no per-event buffer (/trace/buffers
// dumps the counters as JSON).
import type { MgmtHost } from '../host';
import { error, ok, type ApiRequest, type RouteSpec } from '../router';
import { arr, bool, int, obj, str } from '../schema';

const EVENT = obj({ name: str(), id: str(), enabled: bool(), backtrace: bool() });
const COUNTS = obj({ time_ms: int(), list: arr(obj({ name: str(), count: int() })) });

const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();

/** Every counter as a trace event: name -> current value. */
export function traceCounters(host: MgmtHost): Map<string, number> {
  const out = new Map<string, number>();
  const net = host.net();
  if (net) {
    const tcp = net.tcpStats();
    for (const [k, v] of Object.entries(tcp)) {
      if (typeof v === 'number') out.set(`tcp_${snake(k)}`, v);
      else for (const [r, n] of Object.entries(v)) out.set(`tcp_drop_${snake(r)}`, n);
    }
    for (const i of net.interfaces()) {
      const c = i.counters;
      out.set('net_rx_packets', (out.get('net_rx_packets') ?? 0) + c.rxPackets);
      out.set('net_rx_bytes', (out.get('net_rx_bytes') ?? 0) + c.rxBytes);
      out.set('net_tx_packets', (out.get('net_tx_packets') ?? 0) + c.txPackets);
      out.set('net_tx_bytes', (out.get('net_tx_bytes') ?? 0) + c.txBytes);
      out.set('net_loopback_packets', (out.get('net_loopback_packets') ?? 0) + c.loopbackPackets);
      for (const [r, n] of Object.entries(c.drops)) out.set(`net_drop_${snake(r)}`, (out.get(`net_drop_${snake(r)}`) ?? 0) + n);
    }
  }
  for (const [dev, counters] of Object.entries(host.drivers())) {
    for (const [k, v] of Object.entries(counters)) out.set(`${snake(dev)}_${snake(k)}`, v);
  }
  return out;
}

export class TraceState {
  /** Events switched off (all are on by default). */
  readonly disabled = new Set<string>();
  /** Events whose counting was switched off (POST /trace/count/{id}?enabled=false). */
  readonly uncounted = new Set<string>();
  /** Values at the last DELETE /trace/count. */
  baseline = new Map<string, number>();
}

function parseBool(v: string | undefined): boolean | undefined {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

function matcher(req: ApiRequest): RegExp | string {
  const m = req.query.match;
  if (m === undefined || m === '') return /.*/;
  try {
    return new RegExp(m);
  } catch {
    return `match ${JSON.stringify(m)} is not a regular expression`;
  }
}

export function traceRoutes(host: MgmtHost, st: TraceState): RouteSpec[] {
  const g = 'trace';
  const info = (name: string) => ({ name, id: name, enabled: !st.disabled.has(name), backtrace: false });
  const counts = () => {
    const list: { name: string; count: number }[] = [];
    for (const [name, v] of traceCounters(host)) {
      if (st.disabled.has(name) || st.uncounted.has(name)) continue;
      list.push({ name, count: Math.max(0, v - (st.baseline.get(name) ?? 0)) });
    }
    return { time_ms: Math.floor(host.wallMs()), list };
  };
  const EVENT_ID = { name: 'eventid', in: 'path' as const, required: true, description: 'event name', schema: str() };
  const known = (id: string) => traceCounters(host).has(id);
  return [
    {
      method: 'GET', path: '/trace/status', group: g, summary: 'Trace events (the stack\'s and drivers\' counters) and whether each is enabled',
      params: [{ name: 'match', in: 'query', description: 'regular expression on event names', schema: str() }],
      response: { schema: arr(EVENT) },
      handler: (req) => {
        const re = matcher(req);
        if (typeof re === 'string') return error(400, re);
        return ok([...traceCounters(host).keys()].filter((n) => re.test(n)).map(info));
      },
    },
    {
      method: 'POST', path: '/trace/status', group: g, summary: 'Enables or disables the matching events',
      params: [
        { name: 'match', in: 'query', description: 'regular expression on event names', schema: str() },
        { name: 'enabled', in: 'query', required: true, description: 'true or false', schema: bool() },
        { name: 'backtrace', in: 'query', description: 'must be false: backtraces are not recorded', schema: bool() },
      ],
      response: { schema: arr(EVENT) },
      handler: (req) => {
        const re = matcher(req);
        if (typeof re === 'string') return error(400, re);
        const enabled = parseBool(req.query.enabled);
        if (enabled === undefined) return error(400, 'enabled must be true or false');
        if (parseBool(req.query.backtrace)) return error(400, 'backtraces are not recorded on Nephos');
        const names = [...traceCounters(host).keys()].filter((n) => re.test(n));
        for (const n of names) if (enabled) st.disabled.delete(n); else st.disabled.add(n);
        return ok(names.map(info));
      },
    },
    {
      method: 'GET', path: '/trace/event/{eventid}', group: g, summary: 'One trace event', params: [EVENT_ID],
      response: { schema: EVENT },
      handler: (req) => (known(req.params.eventid) ? ok(info(req.params.eventid)) : error(404, `no trace event ${req.params.eventid}`)),
    },
    {
      method: 'POST', path: '/trace/event/{eventid}', group: g, summary: 'Enables or disables one trace event',
      params: [EVENT_ID, { name: 'enabled', in: 'query', required: true, description: 'true or false', schema: bool() },
        { name: 'backtrace', in: 'query', description: 'must be false', schema: bool() }],
      response: { schema: EVENT },
      handler: (req) => {
        const id = req.params.eventid;
        if (!known(id)) return error(404, `no trace event ${id}`);
        const enabled = parseBool(req.query.enabled);
        if (enabled === undefined) return error(400, 'enabled must be true or false');
        if (parseBool(req.query.backtrace)) return error(400, 'backtraces are not recorded on Nephos');
        if (enabled) st.disabled.delete(id); else st.disabled.add(id);
        return ok(info(id));
      },
    },
    {
      method: 'POST', path: '/trace/count/{eventid}', group: g, summary: 'Turns counting of one event on or off',
      params: [EVENT_ID, { name: 'enabled', in: 'query', required: true, description: 'true or false', schema: bool() }],
      response: { schema: EVENT },
      handler: (req) => {
        const id = req.params.eventid;
        if (!known(id)) return error(404, `no trace event ${id}`);
        const enabled = parseBool(req.query.enabled);
        if (enabled === undefined) return error(400, 'enabled must be true or false');
        if (enabled) st.uncounted.delete(id); else st.uncounted.add(id);
        return ok(info(id));
      },
    },
    {
      method: 'GET', path: '/trace/count', group: g, summary: 'Counts of the enabled events since boot or the last DELETE',
      response: { schema: COUNTS }, handler: () => ok(counts()),
    },
    {
      method: 'DELETE', path: '/trace/count', group: g, summary: 'Zeroes the reported counts',
      response: { schema: COUNTS },
      handler: () => {
        st.baseline = traceCounters(host);
        return ok(counts());
      },
    },
    {
      method: 'POST', path: '/trace/sampler', group: g, summary: 'Sampling profiler: not available on Nephos (freq=0, "stop", is accepted)',
      params: [{ name: 'freq', in: 'query', required: true, description: 'samples per second; only 0', schema: int() }],
      response: { schema: str() },
      handler: (req) => (req.query.freq === '0' ? ok('stopped') : error(400, 'Nephos has no sampling profiler; only freq=0 is accepted')),
    },
    {
      method: 'GET', path: '/trace/buffers', group: g, summary: 'A dump of every counter as JSON (Nephos keeps no per-event buffers)',
      response: { contentType: 'application/octet-stream', schema: { type: 'string', format: 'binary' } },
      handler: () => ({ status: 200, contentType: 'application/octet-stream', body: JSON.stringify(Object.fromEntries(traceCounters(host))) }),
    },
  ];
}
