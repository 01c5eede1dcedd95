// `nephos api NAME METHOD PATH [key=value...] [@body.json]`: one call of an instance's management
// API over its control socket (docs/api.md lists the endpoints). key=value pairs become query
// parameters (OSv's API takes its parameters there); @FILE sends the file as the body (JSON when
// it parses as JSON, else raw bytes: uploads). The answer's body goes to stdout as returned
// (JSON for JSON endpoints, bytes for file reads); an HTTP error exits 1 with the server's
// message on stderr.
import { readFileSync } from 'node:fs';
import { type CommandSpec, formatHelp, parseArgs } from '../args';
import { fail } from '../errors';
import type { Command } from '../main';
import { refresh } from '../instances/lifecycle';
import { InstanceGone, isFinal, openInstance } from '../instances/store';
import { homeOf } from './common';
import { apiCall } from './api-client';

export const API_SPEC: CommandSpec = {
  name: 'api',
  usage: 'api NAME METHOD PATH [key=value...] [@body.json]',
  summary: 'Calls a running instance\'s management API over its host-only control socket.\n' +
    'key=value pairs are query parameters; @FILE sends FILE as the body. Prints the answer\'s body;\n' +
    'an HTTP error exits 1 with the server\'s message on stderr. Endpoints: docs/api.md, or\n' +
    '`nephos api NAME GET /openapi.json`.',
  options: [
    { long: 'header', short: 'H', value: 'NAME:VALUE', repeatable: true, help: 'an extra request header (e.g. -H Content-Type:multipart/form-data;boundary=x)' },
    { long: 'timeout', value: 'SECONDS', help: 'give up after this long (default 10)' },
  ],
  examples: [
    'nephos api web GET /os/uptime',
    'nephos api web POST /env/GREETING val=hi',
    'nephos api web GET /file/tmp/report.txt op=GET > report.txt',
    'nephos api web PUT /file/tmp/data.json op=WRITE @data.json',
    'nephos api web PUT /app/ command="--port 8080"',
    'nephos api web GET /metrics',
  ],
};

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']);

export const api: Command = {
  spec: API_SPEC,
  async run(argv, io) {
    const parsed = parseArgs(API_SPEC, argv);
    if (parsed.help) {
      io.out(formatHelp(API_SPEC));
      return 0;
    }
    const words = [...parsed.positionals, ...parsed.rest];
    const [name, methodWord, path, ...extra] = words;
    if (!name || !methodWord || !path) throw fail('nephos api needs NAME METHOD PATH', 'e.g. nephos api web GET /os/uptime');
    const method = methodWord.toUpperCase();
    if (!METHODS.has(method)) throw fail(`${JSON.stringify(methodWord)} is not an HTTP method`, 'use GET, POST, PUT or DELETE');
    if (!path.startsWith('/')) throw fail(`the path ${JSON.stringify(path)} must start with /`, 'e.g. /os/uptime');
    const query: string[] = [];
    let body: Buffer | undefined;
    const headers: Record<string, string> = {};
    for (const w of extra) {
      if (w.startsWith('@')) {
        if (body) throw fail('only one @FILE body can be sent', 'merge the bodies');
        try {
          body = readFileSync(w.slice(1));
        } catch (e) {
          throw fail(`cannot read ${w.slice(1)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path');
        }
        let json = true;
        try {
          JSON.parse(body.toString('utf8'));
        } catch {
          json = false;
        }
        headers['Content-Type'] = json ? 'application/json' : 'application/octet-stream';
        continue;
      }
      const eq = w.indexOf('=');
      if (eq <= 0) throw fail(`${JSON.stringify(w)} is neither key=value nor @FILE`, 'write parameters as key=value');
      query.push(`${encodeURIComponent(w.slice(0, eq))}=${encodeURIComponent(w.slice(eq + 1))}`);
    }
    for (const h of parsed.options.get('header') ?? []) {
      const c = h.indexOf(':');
      if (c <= 0) throw fail(`-H ${JSON.stringify(h)} is not NAME:VALUE`, 'e.g. -H Content-Type:application/json');
      headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    }
    const timeoutText = parsed.options.get('timeout')?.[0];
    const timeoutMs = timeoutText === undefined ? 10_000 : Number(timeoutText) * 1000;
    if (!(timeoutMs > 0)) throw fail(`--timeout ${timeoutText} is not a number of seconds`, 'e.g. --timeout 30');

    const inst = openInstance(name, homeOf(io));
    const st = await refresh(inst);
    if (!st) throw new InstanceGone(name);
    if (isFinal(st.status)) throw fail(`instance "${name}" is not running (${st.status})`, `start it with \`nephos restart ${name}\``);
    const target = query.length ? `${path}${path.includes('?') ? '&' : '?'}${query.join('&')}` : path;
    let answer;
    try {
      answer = await apiCall(inst.paths.control, { method, path: target, body, headers, timeoutMs });
    } catch (e) {
      throw fail(`instance "${name}" did not answer (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, `check it with \`nephos ps\` and \`nephos logs ${name}\``);
    }
    if (answer.status >= 400) {
      let message = answer.body.toString('utf8');
      try {
        message = JSON.parse(message).message ?? message;
      } catch {
        // plain text
      }
      io.err(`nephos: ${method} ${path}: ${answer.status} ${message}\n`);
      return 1;
    }
    const type = answer.headers['content-type'] ?? '';
    if (/^application\/json/.test(type) || /^text\//.test(type)) {
      const text = answer.body.toString('utf8');
      io.out(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    } else {
      io.outBytes ? io.outBytes(answer.body) : io.out(answer.body.toString('latin1'));
    }
    return 0;
  },
};
