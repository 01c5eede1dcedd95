// Control-channel endpoints for the instance's life cycle (the host tool's stop, ps and inspect):
//   GET  /v1/status               state, uptime, memory
//   POST /v1/signal?name=SIGTERM  delivers a signal to the application (its handlers run; without
//                                 one, Node's default: exit with 128 + signal number)
import type { ControlHandler, ControlRequest, ControlResponse } from './control';

export interface LifecycleHost {
  status(): Record<string, unknown>;
  signal(name: string): void;
}

const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGQUIT', 'SIGKILL']);

export function lifecycleRoutes(host: LifecycleHost): ControlHandler {
  return (req: ControlRequest): ControlResponse => {
    switch (req.path) {
      case '/v1/status':
        if (req.method !== 'GET') return { status: 405, body: { error: 'use GET' }, headers: { allow: 'GET' } };
        return { status: 200, body: host.status() };
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
