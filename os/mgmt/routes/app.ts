// OSv's `app` group, for Nephos's one bundled application:
//   PUT /app/          restarts the application with new arguments: `command` (shell-quoted, as
//                      OSv takes it; `;` and `&` are refused: one application per VM) or a JSON
//                      body {"args": [...]} for exact bytes; neither: the kept command line
//                      (POST /os/cmdline) or the current arguments. The VM, the network stack, the
//                      file systems (/tmp included), the environment and the API stay up; the answer
//                      (202) is OSv's string of "thread ids": here the new generation number.
//   GET /app/finished  "1" once generation `tid` has ended, else "0" (OSv's shape)
//   GET /app/          status, generation, arguments, start time, last exit code (ours)
import type { MgmtHost } from '../host';
import { error, ok, type RouteSpec } from '../router';
import { arr, int, obj, str } from '../schema';
import { decodeUtf8 } from '../../core/utf8';
import { splitArgs, type OsState } from './os';

export const APP_STATE = obj({
  status: { type: 'string', enum: ['starting', 'running', 'stopping', 'exited'] },
  generation: int(), argv: arr(str()), startedAt: int('ms since the epoch'),
  lastExitCode: { type: 'integer', nullable: true }, restarts: int(),
});

export function appRoutes(host: MgmtHost, os: OsState): RouteSpec[] {
  return [
    {
      method: 'GET', path: '/app/', group: 'app', summary: 'The application: status, generation, arguments, last exit code',
      response: { schema: APP_STATE },
      handler: () => ok({ ...host.app.state(), argv: host.app.state().argv.slice() }),
    },
    {
      method: 'PUT', path: '/app/', group: 'app', summary: 'Restarts the bundled application with new arguments (the VM and the API stay up)',
      params: [{ name: 'command', in: 'query', description: 'the arguments (process.argv[2...]), shell-quoted', schema: str() }],
      body: { type: 'json', schema: obj({ args: arr(str()) }) },
      response: { schema: str('the new generation number'), status: 202 },
      handler: (req) => {
        let args: string[] | undefined;
        if (req.query.command !== undefined) {
          if (/[;&]/.test(req.query.command.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ''))) return error(400, 'one application per VM: ";" and "&" are not accepted');
          args = splitArgs(req.query.command);
          if (!args) return error(400, 'command has unbalanced quotes');
        } else if (req.body.length) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(decodeUtf8(req.body));
          } catch {
            return error(400, 'the body is not JSON');
          }
          const a = (parsed as { args?: unknown })?.args;
          if (!Array.isArray(a) || a.some((x) => typeof x !== 'string')) return error(400, 'the body must be {"args": [strings]}');
          args = a as string[];
        }
        const st = host.app.state();
        if (st.status === 'stopping') return error(409, 'a restart is already in progress');
        const { generation } = host.app.restart(args ?? os.nextArgs ?? st.argv);
        os.nextArgs = undefined;
        return ok(String(generation), 202);
      },
    },
    {
      method: 'GET', path: '/app/finished', group: 'app', summary: 'Whether generation `tid` has ended: "1" or "0"',
      params: [{ name: 'tid', in: 'query', required: true, description: 'generation number (as PUT /app/ answered)', schema: int() }],
      response: { schema: str() },
      handler: (req) => {
        const tid = Number(req.query.tid);
        if (!Number.isSafeInteger(tid) || tid < 1) return error(400, 'tid must be a generation number');
        const st = host.app.state();
        if (tid > st.generation) return error(404, `no generation ${tid}`);
        return ok(tid < st.generation || st.status === 'exited' ? '1' : '0');
      },
    },
  ];
}
