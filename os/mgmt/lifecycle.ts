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
import { error, type RouteSpec } from './router';
import { bool, map, obj, str, type Schema } from './schema';

/** The serial-console line the OS writes once ready (cli/instances reads it). */
export const READY_RECORD = 'NEPHOS_READY';

export interface LifecycleHost {
  status(): Record<string, unknown>;
  ready(): boolean;
  signal(name: string): void;
}

export const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGQUIT', 'SIGKILL']);

export function lifecycleRoutes(host: LifecycleHost): RouteSpec[] {
  const any: Schema = {};
  return [
    {
      method: 'GET', path: '/v1/status', group: 'lifecycle', summary: 'The guest\'s state, readiness, uptime and memory',
      response: { schema: { ...map(any), properties: { state: { type: 'string', enum: ['starting', 'running'] }, ready: bool() }, required: ['state', 'ready'] } },
      handler: () => {
        const ready = host.ready();
        return { status: 200, body: { ...host.status(), state: ready ? 'running' : 'starting', ready } };
      },
    },
    {
      method: 'GET', path: '/v1/ready', group: 'lifecycle', summary: '200 once the application\'s main module has been evaluated, else 503',
      response: { schema: obj({ ready: bool() }) },
      handler: () => {
        const ready = host.ready();
        return { status: ready ? 200 : 503, body: { ready } };
      },
    },
    {
      method: 'POST', path: '/v1/signal', group: 'lifecycle', summary: 'Delivers a signal to the application',
      params: [{ name: 'name', in: 'query', description: 'SIGTERM (default), SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGQUIT, SIGKILL', schema: str() }],
      response: { schema: obj({ signal: str() }), status: 202 },
      handler: (req) => {
        const name = req.query.name ?? 'SIGTERM';
        if (!SIGNALS.has(name)) return error(400, `unknown signal ${name}`);
        host.signal(name);
        return { status: 202, body: { signal: name } };
      },
    },
  ];
}
