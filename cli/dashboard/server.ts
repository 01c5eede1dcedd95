// `nephos dashboard`: a local web page with every instance, live. Host side only: this process
// talks to each instance's control socket (os/mgmt serves the API there) and serves one page and a
// small JSON API to the browser on 127.0.0.1.
//
//   GET  /                              the page (page.ts: HTML, inline script, SVG charts)
//   GET  /api/instances                 every instance (as `ps --json`)
//   GET  /api/instances/NAME/stats      the guest's /stats (memory, heap, lag, requests, bytes)
//   GET  /api/instances/NAME/logs?after=N   the guest's console lines after N
//   GET  /api/instances/NAME/env        the guest's environment
//   GET  /api/instances/NAME/files?path=/tmp  a directory listing
//   POST /api/instances/NAME/restart    restarts the application in place (PUT /app/)
//   POST /api/instances/NAME/stop       stops the instance (as `nephos stop`)
// Safety: it listens on loopback only; requests must carry a loopback Host (no DNS rebinding)
// and POSTs the header X-Nephos-Dashboard (a cross-site form cannot set it), so another web page
// in the same browser cannot drive it. Calls to one instance are serialised (QEMU's control
// socket serves one client at a time).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listInstanceNames, openInstance, isFinal, type Instance } from '../instances/store';
import { summarize } from '../instances/view';
import { stopInstance, DEFAULT_STOP_TIMEOUT_S } from '../instances/stop';
import { ApiQueue, type ApiAnswer } from '../commands/api-client';
import { dashboardPage } from './page';

export interface DashboardOptions {
  home: string;
  port: number;
  host?: string;
}

const queues = new Map<string, ApiQueue>();
function queueOf(inst: Instance): ApiQueue {
  let q = queues.get(inst.paths.control);
  if (!q) queues.set(inst.paths.control, (q = new ApiQueue(inst.paths.control)));
  return q;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = type === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

async function guest(inst: Instance, method: string, path: string, timeoutMs = 4000): Promise<{ status: number; body: unknown }> {
  const a: ApiAnswer = await queueOf(inst).call({ method, path, timeoutMs });
  const text = a.body.toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // text
  }
  return { status: a.status, body };
}

function instances(home: string): unknown[] {
  const out: unknown[] = [];
  for (const name of listInstanceNames(home)) {
    try {
      const inst = openInstance(name, home);
      out.push(summarize(inst.config(), inst.state()));
    } catch {
      // removed meanwhile
    }
  }
  return out;
}

export function createDashboard(o: DashboardOptions): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(o, req, res).catch((e) => send(res, 500, { message: String((e as Error)?.message ?? e) }));
  });
}

async function handle(o: DashboardOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return send(res, 403, { message: 'the dashboard answers on loopback only' });
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/') return send(res, 200, dashboardPage(), 'text/html');
  if (req.method === 'GET' && url.pathname === '/api/instances') return send(res, 200, instances(o.home));
  const m = /^\/api\/instances\/([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\/(stats|logs|env|files|restart|stop)$/.exec(url.pathname);
  if (!m) return send(res, 404, { message: 'not found' });
  const [, name, what] = m;
  let inst: Instance;
  try {
    inst = openInstance(name, o.home);
  } catch {
    return send(res, 404, { message: `no instance ${name}` });
  }
  const write = what === 'restart' || what === 'stop';
  if (write !== (req.method === 'POST')) return send(res, 405, { message: 'wrong method' });
  if (write && req.headers['x-nephos-dashboard'] !== '1') return send(res, 403, { message: 'missing X-Nephos-Dashboard header' });
  if (isFinal(inst.state().status) && what !== 'stop') return send(res, 409, { message: `${name} is not running` });
  try {
    switch (what) {
      case 'stats': {
        const r = await guest(inst, 'GET', '/stats');
        return send(res, r.status, r.body);
      }
      case 'logs': {
        const after = Number(url.searchParams.get('after') ?? 0) || 0;
        const r = await guest(inst, 'GET', `/console/lines?after=${after}&limit=500`);
        return send(res, r.status, r.body);
      }
      case 'env': {
        const r = await guest(inst, 'GET', '/env/');
        return send(res, r.status, r.body);
      }
      case 'files': {
        const path = url.searchParams.get('path') ?? '/';
        const r = await guest(inst, 'GET', `/file/${encodeURIComponent(path)}?op=LISTSTATUS`);
        return send(res, r.status, r.body);
      }
      case 'restart': {
        const r = await guest(inst, 'PUT', '/app/');
        return send(res, r.status, r.body);
      }
      default: {
        await stopInstance(inst, DEFAULT_STOP_TIMEOUT_S * 1000);
        return send(res, 200, { stopped: name });
      }
    }
  } catch (e) {
    return send(res, 502, { message: `${name} did not answer (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
  }
}
