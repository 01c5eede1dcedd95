// Nephos's own observation endpoints:
//   GET /metrics            Prometheus text exposition format 0.0.4: API requests and bytes, network
//                           bytes and packets, TCP connections and retransmissions, memory and the
//                           engine heap, event-loop lag, uptime, app restarts
//   GET /console/lines      the kept console log as JSON lines after a sequence number (polling)
//   GET /console/stream     the same, then live, as Server-Sent Events (WHATWG HTML 9.2); resumes
//                           after Last-Event-ID. On the control channel a stream holds the channel
//                           (QEMU's socket takes one client at a time): prefer /console/lines there.
//   GET /stats              one JSON snapshot of the figures the dashboard charts
import type { MgmtHost } from '../host';
import type { LagMonitor } from '../lag';
import { sseEvent } from '../consolelog';
import { error, ok, type RouteSpec } from '../router';
import { arr, int, num, obj, str, bool } from '../schema';
import type { ApiStats } from '../server';

const LINE = obj({ seq: int(), time: num(), stream: { type: 'string', enum: ['kernel', 'stdout', 'stderr'] }, text: str() });
const KEEPALIVE_MS = 15_000;

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Prometheus exposition (text format 0.0.4): # HELP / # TYPE, then samples. */
export class Exposition {
  #out: string[] = [];
  metric(name: string, type: 'counter' | 'gauge', help: string, samples: [Record<string, string>, number][]): void {
    this.#out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const l = Object.entries(labels).map(([k, v]) => `${k}="${esc(v)}"`).join(',');
      this.#out.push(`${name}${l ? `{${l}}` : ''} ${Number.isFinite(value) ? value : 0}`);
    }
  }
  text(): string {
    return `${this.#out.join('\n')}\n`;
  }
}

export function metricsText(host: MgmtHost, stats: ApiStats, lag: LagMonitor): string {
  const e = new Exposition();
  e.metric('nephos_uptime_seconds', 'gauge', 'Seconds since boot.', [[{}, host.now() / 1000]]);
  e.metric('nephos_api_requests_total', 'counter', 'Management API requests answered, by status code.',
    [...stats.byStatus].sort((a, b) => a[0] - b[0]).map(([code, n]) => [{ code: String(code) }, n]));
  e.metric('nephos_api_requests_by_transport_total', 'counter', 'Management API requests, by transport.',
    [...stats.byTransport].map(([t, n]) => [{ transport: t }, n]));
  e.metric('nephos_api_received_bytes_total', 'counter', 'Bytes received by the management API.', [[{}, stats.bytesIn]]);
  e.metric('nephos_api_sent_bytes_total', 'counter', 'Bytes sent by the management API.', [[{}, stats.bytesOut]]);
  e.metric('nephos_api_open_connections', 'gauge', 'Open management API connections.', [[{}, stats.openConnections]]);
  const net = host.net();
  if (net) {
    const ifs = net.interfaces();
    e.metric('nephos_network_receive_bytes_total', 'counter', 'Bytes received by the interface.', ifs.map((i) => [{ interface: i.name }, i.counters.rxBytes]));
    e.metric('nephos_network_transmit_bytes_total', 'counter', 'Bytes sent by the interface.', ifs.map((i) => [{ interface: i.name }, i.counters.txBytes]));
    e.metric('nephos_network_receive_packets_total', 'counter', 'Packets received by the interface.', ifs.map((i) => [{ interface: i.name }, i.counters.rxPackets]));
    e.metric('nephos_network_transmit_packets_total', 'counter', 'Packets sent by the interface.', ifs.map((i) => [{ interface: i.name }, i.counters.txPackets]));
    e.metric('nephos_network_drops_total', 'counter', 'Packets dropped by the stack, all reasons.', ifs.map((i) => [{ interface: i.name }, Object.values(i.counters.drops).reduce((a, b) => a + b, 0)]));
    const tcp = net.tcpStats() as Record<string, number>;
    e.metric('nephos_tcp_connections', 'gauge', 'TCP connections held by the stack, by state group.', [
      [{ state: 'established' }, tcp.currentEstablished ?? 0], [{ state: 'time_wait' }, tcp.timeWait ?? 0], [{ state: 'all' }, tcp.connections ?? 0],
    ]);
    e.metric('nephos_tcp_opens_total', 'counter', 'TCP connections opened.', [[{ side: 'active' }, tcp.activeOpens ?? 0], [{ side: 'passive' }, tcp.passiveOpens ?? 0]]);
    e.metric('nephos_tcp_retransmits_total', 'counter', 'TCP segments retransmitted.', [[{}, tcp.retransmits ?? 0]]);
    e.metric('nephos_tcp_segments_total', 'counter', 'TCP segments, by direction.', [[{ direction: 'in' }, tcp.segmentsIn ?? 0], [{ direction: 'out' }, tcp.segmentsOut ?? 0]]);
  }
  const http = host.httpStats();
  e.metric('nephos_http_requests_total', 'counter', 'Requests received by the application\'s node:http servers.', [[{}, http.requests]]);
  e.metric('nephos_http_responses_total', 'counter', 'Response heads the application\'s node:http servers wrote, by status class.',
    http.responses.map((n, i) => [{ code: `${i + 1}xx` }, n]));
  e.metric('nephos_http_refused_total', 'counter', 'Requests the HTTP parser refused (malformed, too large).', [[{}, http.refused]]);
  const m = host.memory();
  e.metric('nephos_memory_bytes', 'gauge', 'Memory under the kernel allocator.', [[{ kind: 'total' }, m.total], [{ kind: 'used' }, m.used], [{ kind: 'peak' }, m.peak]]);
  e.metric('nephos_ram_bytes', 'gauge', 'RAM of the VM.', [[{}, m.ramBytes]]);
  const heap = host.heapStats();
  e.metric('nephos_heap_bytes', 'gauge', 'JavaScript engine heap (QuickJS memory_used_size and malloc_size).',
    [[{ kind: 'used' }, heap.memory_used_size ?? 0], [{ kind: 'malloc' }, heap.malloc_size ?? 0]]);
  e.metric('nephos_heap_objects', 'gauge', 'Objects in the JavaScript heap.', [[{}, heap.obj_count ?? 0]]);
  const loop = host.loopStats();
  e.metric('nephos_event_loop_lag_seconds', 'gauge', 'Worst timer lag of the last window.', [[{}, lag.recentMs() / 1000]]);
  e.metric('nephos_event_loop_lag_max_seconds', 'gauge', 'Worst timer lag since boot.', [[{}, loop.lagMs / 1000]]);
  e.metric('nephos_event_loop_iterations_total', 'counter', 'Event-loop iterations.', [[{}, loop.iterations]]);
  const app = host.app.state();
  e.metric('nephos_app_restarts_total', 'counter', 'Application restarts through the API.', [[{}, app.restarts]]);
  e.metric('nephos_console_lines_total', 'counter', 'Console lines written.', [[{}, host.console.lastSeq]]);
  return e.text();
}

export function observeRoutes(host: MgmtHost, stats: ApiStats, lag: LagMonitor): RouteSpec[] {
  const afterOf = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  return [
    {
      method: 'GET', path: '/metrics', group: 'metrics', summary: 'Prometheus metrics (text format 0.0.4)',
      response: { contentType: 'text/plain; version=0.0.4', schema: str() },
      handler: () => ({ status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8', body: metricsText(host, stats, lag) }),
    },
    {
      method: 'GET', path: '/stats', group: 'metrics', summary: 'One snapshot of what the dashboard charts: memory, heap, loop lag, API requests, network bytes, app',
      response: {
        schema: obj({
          time: num(), uptime: num(), memory: obj({ total: int(), used: int() }), heapUsed: int(), lagMs: num(),
          apiRequests: int(), netRxBytes: int(), netTxBytes: int(), tcpEstablished: int(), tcpAccepted: int(), app: obj({ status: str(), generation: int(), restarts: int(), argv: arr(str()) }),
          ready: bool(), hostname: str(),
        }),
      },
      handler: () => {
        const m = host.memory();
        const net = host.net();
        const ifs = net ? net.interfaces() : [];
        const tcp = net ? (net.tcpStats() as Record<string, number>) : {};
        const app = host.app.state();
        return ok({
          time: host.wallMs(), uptime: host.now() / 1000, memory: { total: m.total, used: m.used },
          heapUsed: host.heapStats().memory_used_size ?? 0, lagMs: lag.recentMs(), apiRequests: stats.requests,
          netRxBytes: ifs.reduce((n, i) => n + i.counters.rxBytes, 0), netTxBytes: ifs.reduce((n, i) => n + i.counters.txBytes, 0),
          tcpEstablished: tcp.currentEstablished ?? 0, tcpAccepted: tcp.passiveOpens ?? 0,
          app: { status: app.status, generation: app.generation, restarts: app.restarts, argv: app.argv.slice() },
          ready: host.ready(), hostname: host.hostname(),
        });
      },
    },
    {
      method: 'GET', path: '/console/lines', group: 'console', summary: 'Kept console lines after a sequence number (default: the last 200)',
      params: [
        { name: 'after', in: 'query', description: 'only lines with a greater sequence number', schema: int() },
        { name: 'limit', in: 'query', description: 'at most this many (the newest), default 200, at most 5000', schema: int() },
      ],
      response: { schema: obj({ last: int(), lines: arr(LINE) }) },
      handler: (req) => {
        const after = afterOf(req.query.after) ?? 0;
        const limit = afterOf(req.query.limit) ?? 200;
        if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > 5000) return error(400, 'after must be >= 0 and limit 1-5000');
        return ok({ last: host.console.lastSeq, lines: host.console.lines(after, limit) });
      },
    },
    {
      method: 'GET', path: '/console/stream', group: 'console', summary: 'The console log as Server-Sent Events: kept lines after Last-Event-ID (or `after`), then live',
      params: [{ name: 'after', in: 'query', description: 'start after this sequence number (else Last-Event-ID, else the last 100 lines)', schema: int() }],
      response: { contentType: 'text/event-stream', schema: str() },
      handler: (req) => {
        const fromHeader = afterOf(req.headers['last-event-id']);
        const after = afterOf(req.query.after) ?? fromHeader;
        if (after !== undefined && (!Number.isSafeInteger(after) || after < 0)) return error(400, 'after must be a sequence number');
        return {
          status: 200,
          contentType: 'text/event-stream',
          stream: {
            start(write) {
              write('retry: 2000\n\n');
              for (const l of host.console.lines(after ?? 0, after === undefined ? 100 : Infinity)) write(sseEvent(l));
              const unsubscribe = host.console.subscribe((l) => write(sseEvent(l)));
              let cancelPing = () => {};
              const ping = () => {
                cancelPing = host.after(KEEPALIVE_MS, () => {
                  write(': keep-alive\n\n');
                  ping();
                });
              };
              ping();
              return () => {
                unsubscribe();
                cancelPing();
              };
            },
          },
        };
      },
    },
  ];
}
