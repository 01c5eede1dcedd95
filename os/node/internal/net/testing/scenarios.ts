// Scripted client/server interactions over 127.0.0.1, written against the Node API only, so the
// same code runs on host Node (with its own net/http/dgram/dns and fetch) and on the guest's
// engine (with ours over the loopback provider). net.engine.test.ts compares the two transcripts
// line by line. Lines are "name: value"; nothing here depends on timing or ports.

export interface Mods {
  net: any;
  http: any;
  dgram: any;
  dns: any;
  fetch: (input: string, init?: any) => Promise<any>;
  Headers: any;
  ReadableStream: any;
  TextDecoderStream: any;
}

type Log = (line: string) => void;

function rawExchange(mods: Mods, port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const sock = mods.net.connect(port, '127.0.0.1', () => sock.end(bytes));
    let out = '';
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => { out += d; });
    sock.on('error', () => {});
    sock.on('close', () => resolve(out.replace(/Date: [^\r]*/g, 'Date: X')));
  });
}

export async function runScenarios(mods: Mods, log: Log): Promise<void> {
  const { net, http, dgram, dns } = mods;

  // ---- net: echo with half-close ----
  const echo = net.createServer({ allowHalfOpen: true }, (s: any) => {
    const chunks: any[] = [];
    s.on('data', (d: any) => chunks.push(d));
    s.on('end', () => s.end(`echo(${Buffer.concat(chunks).toString()})`));
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  const ep = echo.address().port;
  log(`net.address: ${echo.address().address} ${echo.address().family} ${typeof ep}`);
  const got = await new Promise<string>((resolve, reject) => {
    const events: string[] = [];
    const c = net.connect({ port: ep, host: '127.0.0.1' }, () => events.push('connect'));
    c.on('ready', () => events.push('ready'));
    let data = '';
    c.on('data', (d: any) => { data += d; });
    c.on('end', () => events.push('end'));
    c.on('close', (h: boolean) => { events.push(`close ${h}`); resolve(`${events.join(',')} ${data} ${c.bytesRead} ${c.bytesWritten}`); });
    c.on('error', reject);
    c.write('a');
    c.end('bc');
  });
  log(`net.echo: ${got}`);
  const refused = await new Promise<any>((resolve) => net.connect(1, '127.0.0.1').on('error', resolve));
  log(`net.refused: ${refused.code} ${refused.syscall} ${refused.message}`);
  // A server listening without a host is dual-stack: IPv4 peers read as IPv4-mapped addresses.
  const dual = net.createServer((s: any) => { s.end(`${s.remoteAddress} ${s.remoteFamily} ${s.localAddress} ${s.address().family}`); });
  await new Promise<void>((r) => dual.listen(0, () => r()));
  const dualSeen = await new Promise<string>((resolve) => {
    let out = '';
    const c = net.connect(dual.address().port, '127.0.0.1');
    c.on('data', (d: any) => { out += d; });
    c.on('end', () => resolve(`${out} | client ${c.remoteAddress} ${c.remoteFamily}`));
  });
  log(`net.dualStack: ${dual.address().address} ${dual.address().family} ${dualSeen}`);
  await new Promise<void>((r) => dual.close(() => r()));
  await new Promise<void>((r) => echo.close(() => r()));
  const notRunning = await new Promise<any>((resolve) => echo.close(resolve));
  log(`net.closeTwice: ${notRunning.code}`);

  // ---- http server + client ----
  const server = http.createServer((req: any, res: any) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => { body += d; });
    req.on('end', () => {
      if (req.url === '/chunked') { res.write('a'); res.end('b'); return; }
      if (req.url === '/json') { res.setHeader('Content-Type', 'application/json'); res.end(JSON.stringify({ m: req.method, b: body, te: req.headers['transfer-encoding'] ?? null })); return; }
      if (req.url === '/redirect') { res.writeHead(302, { Location: '/json' }); res.end(); return; }
      res.end(`${req.method} ${req.url} ${body}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = server.address().port;
  const get = (path: string, opts: any = {}) => new Promise<any>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, ...opts }, (res: any) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, data, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
  const r1 = await get('/hello');
  log(`http.get: ${r1.status} ${r1.data} ${r1.headers['content-length']} ${r1.headers.connection} ${r1.headers['keep-alive']}`);
  const r2 = await get('/chunked');
  log(`http.chunked: ${r2.data} ${r2.headers['transfer-encoding']}`);
  const r3 = await get('/json', { method: 'POST', body: 'payload' });
  log(`http.post: ${r3.data}`);
  const agent = new http.Agent({ keepAlive: true });
  const k1 = await get('/a', { agent });
  const k2 = await get('/b', { agent });
  log(`http.keepalive: ${k1.reused} ${k2.reused}`);
  agent.destroy();
  log(`http.raw: ${JSON.stringify(await rawExchange(mods, port, 'GET /raw HTTP/1.1\r\nHost: x\r\n\r\n'))}`);
  log(`http.smuggle: ${JSON.stringify(await rawExchange(mods, port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'))}`);
  log(`http.bareLF: ${JSON.stringify(await rawExchange(mods, port, 'GET / HTTP/1.1\nHost: x\n\n'))}`);
  log(`http.pipelined: ${JSON.stringify(await rawExchange(mods, port, 'GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n'))}`);
  log(`http.head: ${JSON.stringify(await rawExchange(mods, port, 'HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n'))}`);

  // ---- fetch ----
  const f1 = await mods.fetch(`http://127.0.0.1:${port}/json`, { method: 'POST', body: 'fetched' });
  log(`fetch.post: ${f1.status} ${f1.headers.get('content-type')} ${await f1.text()}`);
  const f2 = await mods.fetch(`http://127.0.0.1:${port}/redirect`);
  log(`fetch.redirect: ${f2.status} ${f2.redirected} ${new URL(f2.url).pathname} ${JSON.stringify(await f2.json())}`);
  const stream = new mods.ReadableStream({ start(c: any) { c.enqueue(new TextEncoder().encode('str')); c.enqueue(new TextEncoder().encode('eam')); c.close(); } });
  const f3 = await mods.fetch(`http://127.0.0.1:${port}/json`, { method: 'PUT', body: stream, duplex: 'half' });
  log(`fetch.stream: ${await f3.text()}`);
  const f4 = await mods.fetch(`http://127.0.0.1:${port}/chunked`);
  const parts: string[] = [];
  for await (const chunk of f4.body.pipeThrough(new mods.TextDecoderStream())) parts.push(chunk);
  log(`fetch.body: ${parts.join('')}`);
  const badPort = await mods.fetch('http://127.0.0.1:1/').catch((e: any) => e);
  log(`fetch.badPort: ${badPort.name} ${badPort.message} ${badPort.cause?.message}`);
  const refusedFetch = await mods.fetch('http://127.0.0.1:2/').catch((e: any) => e);
  log(`fetch.refused: ${refusedFetch.name} ${refusedFetch.message} ${refusedFetch.cause?.code} ${refusedFetch.cause?.message}`);
  const h = new mods.Headers([['B', '2'], ['a', '1'], ['b', '3']]);
  log(`fetch.headers: ${JSON.stringify([...h])}`);
  await new Promise<void>((r) => server.close(() => r()));
  server.closeAllConnections?.();

  // ---- dns without the network ----
  const lk = await new Promise<any[]>((resolve) => dns.lookup('localhost', { family: 4 }, (...a: any[]) => resolve(a)));
  log(`dns.localhost: ${JSON.stringify(lk)}`);
  const lit = await dns.promises.lookup('10.1.2.3', { all: true });
  log(`dns.literal: ${JSON.stringify(lit)}`);

  // ---- dgram over loopback ----
  const a = dgram.createSocket('udp4');
  const b = dgram.createSocket('udp4');
  await new Promise<void>((r) => a.bind(0, '127.0.0.1', () => r()));
  const msg = await new Promise<string>((resolve) => {
    a.on('message', (m: any, rinfo: any) => resolve(`${m} ${rinfo.address} ${rinfo.family} ${rinfo.size}`));
    b.send('ping', a.address().port, '127.0.0.1');
  });
  log(`dgram.message: ${msg}`);
  a.close();
  b.close();
}
