// OSv's `os` group (modules/httpserver-api/api-doc/listings/os.json): identity, time, memory, the
// console log, hostname, command line, threads and power. Shapes as OSv answers them: plain JSON
// strings and numbers, {time_ms, list} for threads.
//
// Nephos specifics: the "command line" is the application's (process.argv[2...] as a shell-quoted
// string); POST /os/cmdline keeps it for the next start (PUT /app/ without a command, and
// POST /os/reboot, which restarts the application in place: QEMU runs with -no-reboot, so a
// machine reboot would end the instance). Threads: the engine has one thread, so /os/threads lists
// what it schedules instead: the event loop, timers, sockets and queued jobs.
import type { MgmtHost } from '../host';
import { error, ok, type RouteSpec } from '../router';
import { arr, int, obj, str } from '../schema';

/** Shell-like quoting for showing an argument vector as one line. */
export function quoteArgs(args: string[]): string {
  return args.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Splits a command line as a POSIX shell would for words and quotes (no expansion). */
export function splitArgs(line: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        cur += line[j];
      }
      if (j >= line.length) return undefined;
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

const THREAD = obj({
  id: int(), cpu: int(), cpu_ms: int(), switches: int(), migrations: int(), preemptions: int(),
  priority: int(), stack_size: int(), status: str(), name: str(),
});

export interface OsState {
  /** Arguments kept for the next start (POST /os/cmdline); undefined: the current ones. */
  nextArgs?: string[];
}

export function osRoutes(host: MgmtHost, state: OsState): RouteSpec[] {
  const g = 'os';
  const text = (path: string, summary: string, value: () => string): RouteSpec => ({
    method: 'GET', path, group: g, summary, response: { schema: str() }, handler: () => ok(value()),
  });
  const long = (path: string, summary: string, value: () => number): RouteSpec => ({
    method: 'GET', path, group: g, summary, response: { schema: int() }, handler: () => ok(value()),
  });
  const power = (path: string, summary: string, action: () => void): RouteSpec => ({
    method: 'POST', path, group: g, summary, response: { schema: str(), status: 202 },
    handler: () => {
      host.after(50, action);
      return ok('', 202);
    },
  });
  return [
    text('/os/name', 'Operating system name', () => 'Nephos'),
    text('/os/version', 'Operating system version', () => host.version),
    text('/os/vendor', 'Operating system vendor', () => 'Nephos'),
    long('/os/uptime', 'Seconds since boot', () => Math.floor(host.now() / 1000)),
    text('/os/date', 'Current date and time (ISO 8601, UTC)', () => new Date(host.wallMs()).toISOString()),
    long('/os/memory/total', 'Memory under the allocator, bytes', () => host.memory().total),
    long('/os/memory/free', 'Free memory under the allocator, bytes', () => { const m = host.memory(); return m.total - m.used; }),
    long('/os/memory/balloon', 'Balloon size, bytes (no balloon device: always 0)', () => 0),
    text('/os/dmesg', 'The console log: kernel and OS messages and the application\'s output, oldest first', () => host.console.text()),
    text('/os/hostname', 'The hostname (os.hostname() in the application)', () => host.hostname()),
    {
      method: 'POST', path: '/os/hostname', group: g, summary: 'Sets the hostname the application sees',
      params: [{ name: 'name', in: 'query', required: true, description: 'new hostname (RFC 1123 labels)', schema: str() }],
      response: { schema: str() },
      handler: (req) => {
        const name = req.query.name;
        if (name === undefined || !/^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(name)) {
          return error(400, 'name must be a hostname (letters, digits, "-" and "." labels of 1-63 characters)');
        }
        host.setHostname(name);
        return ok(name);
      },
    },
    text('/os/cmdline', 'The application\'s command line (arguments after the entry), shell-quoted', () => quoteArgs(host.app.state().argv)),
    {
      method: 'POST', path: '/os/cmdline', group: g, summary: 'Keeps a command line for the next start of the application (PUT /app/ without command, POST /os/reboot)',
      params: [{ name: 'cmdline', in: 'query', required: true, description: 'arguments, shell-quoted', schema: str() }],
      response: { schema: str() },
      handler: (req) => {
        const line = req.query.cmdline;
        const args = line === undefined ? undefined : splitArgs(line);
        if (!args) return error(400, 'cmdline must be a shell-quoted argument list (unbalanced quotes?)');
        state.nextArgs = args;
        return ok(quoteArgs(args));
      },
    },
    {
      method: 'GET', path: '/os/threads', group: g,
      summary: 'What the single engine thread schedules, in OSv\'s thread shape: the event loop, timers, sockets, queued jobs',
      response: { schema: obj({ time_ms: int(), list: arr(THREAD) }) },
      handler: () => ok({
        time_ms: Math.floor(host.wallMs()),
        list: host.tasks().map((t, i) => ({
          id: i + 1, cpu: 0, cpu_ms: Math.floor(t.cpuMs ?? 0), switches: 0, migrations: 0, preemptions: 0,
          priority: i === 0 ? 1 : 0, stack_size: 0, status: t.status, name: t.name,
        })),
      }),
    },
    power('/os/poweroff', 'Powers the VM off (exit code 0) once the answer has left', () => host.powerOff(0)),
    power('/os/shutdown', 'Stops the application gracefully (SIGTERM; its handlers run)', () => host.app.signal('SIGTERM')),
    power('/os/reboot', 'Restarts the application in place with the kept command line (the VM stays up)', () => host.app.restart(state.nextArgs ?? host.app.state().argv)),
  ];
}
