// Differential test of the HTTP parser against host Node's own (llhttp): every request fixture is
// sent over a real loopback socket to a host Node http.Server that records what its handlers see
// (requests with headers, bodies and trailers; upgrade and CONNECT heads; the clientError code and
// reason), and the same bytes go through our HttpParser (testing/run-parser.ts). The two records
// must be identical.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { allRequestFixtures } from './testing/request-fixtures';
import { runParser, bytesOf, type Outcome, type SeenRequest } from './testing/run-parser';

function hostNode(server: http.Server, port: number, bytes: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const out: Outcome = { requests: [] };
    const seen = (event: SeenRequest['event'], req: http.IncomingMessage, head?: Buffer): SeenRequest => {
      const r: SeenRequest = { event, method: req.method!, url: req.url!, version: req.httpVersion, headers: req.rawHeaders, body: '', trailers: [] };
      if (head) r.head = head.toString('latin1');
      out.requests.push(r);
      return r;
    };
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const r = seen('request', req);
      req.on('data', (d: Buffer) => { r.body += d.toString('latin1'); });
      req.on('end', () => { r.trailers = req.rawTrailers; res.end(); });
    };
    const onUpgrade = (event: 'upgrade' | 'connect') => (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      seen(event, req, head);
      socket.destroy();
    };
    const onClientError = (err: any, socket: net.Socket) => {
      out.error = { code: err.code, reason: err.reason };
      socket.destroy();
    };
    server.on('request', onRequest);
    server.on('checkContinue', onRequest);
    const up = onUpgrade('upgrade');
    const co = onUpgrade('connect');
    server.on('upgrade', up);
    server.on('connect', co);
    server.on('clientError', onClientError);
    const s = net.connect(port, '127.0.0.1', () => s.end(Buffer.from(bytes, 'latin1')));
    s.resume();
    s.on('error', () => {});
    s.on('close', () => {
      // Let the server finish what the last bytes triggered.
      setTimeout(() => {
        server.off('request', onRequest);
        server.off('checkContinue', onRequest);
        server.off('upgrade', up);
        server.off('connect', co);
        server.off('clientError', onClientError);
        resolve(out);
      }, 20);
    });
  });
}

test('our parser and host Node\'s llhttp agree on every fixture', async () => {
  const server = http.createServer({ requireHostHeader: false } as http.ServerOptions);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const mismatches: string[] = [];
  try {
    for (const f of allRequestFixtures()) {
      const theirs = await hostNode(server, port, f.bytes);
      const ours = runParser(bytesOf(f.bytes));
      // Node's request objects keep at most 2000 header entries by default.
      // Node's rawHeaders keep whole 32-pair batches past the 2000-entry limit: compare the first 2000.
      for (const r of [...ours.requests, ...theirs.requests]) r.headers = r.headers.slice(0, 2000);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        mismatches.push(`${f.name}\n  node: ${JSON.stringify(theirs).slice(0, 400)}\n  ours: ${JSON.stringify(ours).slice(0, 400)}`);
      }
      const expected = theirs.error ? theirs.error.code : 'ok';
      if (expected !== f.expect) mismatches.push(`${f.name}: fixture says ${f.expect}, host Node did ${expected}`);
    }
  } finally {
    server.close();
  }
  assert.deepEqual(mismatches, []);
});
