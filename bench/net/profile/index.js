// profile: examples/http with an in-process profile of where the server's time goes, for
// bench/net.bench.ts --profile (docs/performance.md). Runs unchanged under host Node and Nephos.
//
// The busy time comes from perf_hooks' eventLoopUtilization (the event loop's idle time is
// measured by the loop itself, in Nephos by os/core/loop.ts around the CPU's idle halt). Inside
// it, self time (a function's time minus the time of wrapped functions it called) of what an app
// can reach: the socket's 'data' dispatch (the HTTP parser, IncomingMessage, the 'request' event),
// the app's handler, ServerResponse.writeHead and end (head formatting, body), Socket.write (the
// stream machinery down to the TCP send buffer). The rest of the busy time is what apps cannot
// wrap: the NIC driver, Ethernet/IPv4/TCP input and output and timers, the event loop itself,
// nextTick/microtask queues and garbage collection.
//   GET  /                  "hello\n" (as examples/http; wrk loads this)
//   POST /__profile/reset   starts a new measurement
//   GET  /__profile         {requests, busyMs, idleMs, layersMs: {...}} since the reset
'use strict';

const http = require('http');
const net = require('net');
const { performance } = require('perf_hooks');

const port = Number(process.env.PORT) || 8080;
const self = new Map();
const stack = [];
let requests = 0;
let elu0 = performance.eventLoopUtilization();

function wrap(obj, method, label) {
  const orig = obj[method];
  obj[method] = function (...args) {
    const frame = { start: performance.now(), child: 0 };
    stack.push(frame);
    try {
      return orig.apply(this, args);
    } finally {
      stack.pop();
      const total = performance.now() - frame.start;
      self.set(label, (self.get(label) || 0) + total - frame.child);
      if (stack.length) stack[stack.length - 1].child += total;
    }
  };
}

const origEmit = net.Socket.prototype.emit;
net.Socket.prototype.emit = function (event, ...args) {
  if (event !== 'data') return origEmit.call(this, event, ...args);
  const frame = { start: performance.now(), child: 0 };
  stack.push(frame);
  try {
    return origEmit.call(this, event, ...args);
  } finally {
    stack.pop();
    const total = performance.now() - frame.start;
    self.set('socket data: HTTP parser, request objects', (self.get('socket data: HTTP parser, request objects') || 0) + total - frame.child);
    if (stack.length) stack[stack.length - 1].child += total;
  }
};
wrap(http.ServerResponse.prototype, 'writeHead', 'response head');
wrap(http.ServerResponse.prototype, 'end', 'response end');
wrap(net.Socket.prototype, 'write', 'socket write (streams, TCP send buffer)');

const app = {
  handle(req, res) {
    const path = req.url.split('?')[0];
    if (req.method === 'GET' && path === '/') {
      requests++;
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 6 });
      res.end('hello\n');
      return;
    }
    if (path === '/__profile/reset') {
      self.clear();
      requests = 0;
      elu0 = performance.eventLoopUtilization();
      res.writeHead(204);
      return res.end();
    }
    if (path === '/__profile') {
      const elu = performance.eventLoopUtilization(elu0);
      const body = JSON.stringify({ requests, busyMs: elu.active, idleMs: elu.idle, utilization: elu.utilization, layersMs: Object.fromEntries(self) });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      return res.end(body);
    }
    const body = 'not found\n';
    res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  },
};
wrap(app, 'handle', 'app handler');

const server = http.createServer((req, res) => app.handle(req, res));
server.listen(port, () => console.log(`profile listening on port ${server.address().port}`));
