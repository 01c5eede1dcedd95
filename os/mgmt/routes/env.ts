// OSv's `env` group: the application's environment. The routes read and change the app's own
// process.env object, so a change is what the app sees on its next read (no restart needed).
// OSv shapes: GET /env/ is ["K=V", ...]; GET /env/{var} the value; POST and DELETE answer a string.
import type { MgmtHost } from '../host';
import { error, ok, type RouteSpec } from '../router';
import { arr, str } from '../schema';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const VAR = { name: 'var', in: 'path' as const, required: true, description: 'variable name', schema: str() };

export function envRoutes(host: MgmtHost): RouteSpec[] {
  const g = 'env';
  const has = (k: string) => Object.prototype.hasOwnProperty.call(host.env, k);
  return [
    {
      method: 'GET', path: '/env/', group: g, summary: 'The environment, as "NAME=value" strings',
      response: { schema: arr(str()) },
      handler: () => ok(Object.keys(host.env).map((k) => `${k}=${host.env[k]}`)),
    },
    {
      method: 'GET', path: '/env/{var}', group: g, summary: 'One variable\'s value', params: [VAR],
      response: { schema: str() },
      handler: (req) => (has(req.params.var) ? ok(host.env[req.params.var]) : error(404, `${req.params.var} is not set`)),
    },
    {
      method: 'POST', path: '/env/{var}', group: g, summary: 'Sets a variable (process.env in the application)',
      params: [VAR, { name: 'val', in: 'query', required: true, description: 'the value', schema: str() }],
      response: { schema: str() },
      handler: (req) => {
        const name = req.params.var;
        const val = req.query.val;
        if (!NAME.test(name)) return error(400, `${JSON.stringify(name)} is not a variable name`);
        if (val === undefined) return error(400, 'val is required');
        if (val.includes('\0')) return error(400, 'val must not contain NUL');
        host.env[name] = val;
        return ok(val);
      },
    },
    {
      method: 'DELETE', path: '/env/{var}', group: g, summary: 'Unsets a variable', params: [VAR],
      response: { schema: str() },
      handler: (req) => {
        const name = req.params.var;
        if (!has(name)) return error(404, `${name} is not set`);
        delete host.env[name];
        return ok(name);
      },
    },
  ];
}
