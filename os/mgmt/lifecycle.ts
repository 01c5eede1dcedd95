// Control-channel endpoints for the instance's life cycle (the host tool's run -d, stop, ps and
// inspect; cli/instances/control.ts is the client):
//   GET  /v1/status               state ("starting" until the app's main module has been
//                                 evaluated, then "running"), ready, uptime, memory
//   GET  /v1/ready                200 {"ready":true} once ready, else 503 {"ready":false}
//   POST /v1/signal?name=SIGTERM  delivers a signal to the application (its handlers run; without
//                                 one, Node's default: exit with 128 + signal number)
//
// "Ready" means: the OS is up and the application's main module has been evaluated (its
// top-level await included), which is when `node app.js` would be serving. The host does not poll
// for it: the OS also writes READY_RECORD on the serial console at that moment, so the host
// learns it from the console log it keeps anyway, in order with the exit record.
import type { ControlHandler, ControlRequest, ControlResponse } from './control';

/** The serial-console line the OS writes once ready (cli/instances reads it). */
export const READY_RECORD = 'NEPHOS_READY';

export interface LifecycleHost {
  status(): Record<string, unknown>;
  ready(): boolean;
  signal(name: string): void;
}

const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGQUIT', 'SIGKILL']);

export function lifecycleRoutes(host: LifecycleHost): ControlHandler {
  return (req: ControlRequest): ControlResponse => {
    switch (req.path) {
      case '/v1/status': {
        if (req.method !== 'GET') return { status: 405, body: { error: 'use GET' }, headers: { allow: 'GET' } };
        const ready = host.ready();
        return { status: 200, body: { ...host.status(), state: ready ? 'running' : 'starting', ready } };
      }
      case '/v1/ready': {
        if (req.method !== 'GET') return { status: 405, body: { error: 'use GET' }, headers: { allow: 'GET' } };
        const ready = host.ready();
        return { status: ready ? 200 : 503, body: { ready } };
      }
      case '/v1/signal': {
        if (req.method !== 'POST') return { status: 405, body: { error: 'use POST' }, headers: { allow: 'POST' } };
        const name = req.query.name ?? 'SIGTERM';
        if (!SIGNALS.has(name)) return { status: 400, body: { error: `unknown signal ${name}` } };
        host.signal(name);
        return { status: 202, body: { signal: name } };
      }
      default:
        return { status: 404, body: { error: `no route ${req.path}` } };
    }
  };
}
