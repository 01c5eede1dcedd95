// The host side of net.engine.test.ts: host Node's own modules and fetch running the shared
// scenarios. Test-only.
import net from 'node:net';
import http from 'node:http';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { runScenarios } from './scenarios';

runScenarios({ net, http, dgram, dns, fetch: globalThis.fetch as any, Headers, ReadableStream, TextDecoderStream }, (line) => process.stdout.write(line + '\n'))
  .then(() => { process.stdout.write('done\n'); process.exit(0); }, (e) => { process.stdout.write(`FAILED ${e && e.stack}\n`); process.exit(1); });
