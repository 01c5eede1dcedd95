// node:dgram over the stack's UdpLayer (os/net/udp.ts) on two simulated hosts: bind forms and
// 'listening', send/'message' with rinfo both ways, send callbacks and implicit bind, connect,
// EADDRINUSE, broadcast permission, close, ref/unref, argument errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestBed, CLIENT, SERVER, once } from './internal/net/testing/bed';

function pair() {
  const bed = new TestBed();
  const a = bed.host(CLIENT);
  const b = bed.host(SERVER);
  return { bed, a, b, adg: a.mods.dgram, bdg: b.mods.dgram };
}

test('bind, send, message with rinfo, reply, close', async () => {
  const { bed, adg, bdg } = pair();
  const server = bdg.createSocket('udp4');
  server.on('message', (msg: Buffer, rinfo: any) => {
    server.send(`echo:${msg}`, rinfo.port, rinfo.address);
  });
  let listening = false;
  server.bind(5353, () => { listening = true; });
  await bed.until(once(server, 'listening'));
  assert.equal(listening, true);
  assert.deepEqual(server.address(), { address: '0.0.0.0', family: 'IPv4', port: 5353 });
  const client = adg.createSocket('udp4');
  const sent: any[] = [];
  client.send('hello', 5353, '10.0.0.2', (err: any, bytes: number) => sent.push([err, bytes]));
  const [msg, rinfo] = await bed.until(once(client, 'message'));
  assert.equal(String(msg), 'echo:hello');
  assert.deepEqual(rinfo, { address: '10.0.0.2', family: 'IPv4', port: 5353, size: 10 });
  assert.deepEqual(sent, [[null, 5]]);
  assert.ok(client.address().port >= 49152, 'send bound the socket to an ephemeral port');
  let closed = false;
  client.close(() => { closed = true; });
  assert.throws(() => client.address(), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
  await bed.run(1);
  assert.equal(closed, true);
  server.close();
});

test('buffer lists and offsets are sent as one datagram', async () => {
  const { bed, adg, bdg } = pair();
  const server = bdg.createSocket({ type: 'udp4' });
  server.bind(7000);
  await bed.until(once(server, 'listening'));
  const client = adg.createSocket('udp4');
  client.send([Buffer.from('ab'), 'cd', new Uint8Array([0x65])], 7000, '10.0.0.2');
  const [m1] = await bed.until(once(server, 'message'));
  assert.equal(String(m1), 'abcde');
  client.send(Buffer.from('0123456789'), 2, 3, 7000, '10.0.0.2');
  const [m2] = await bed.until(once(server, 'message'));
  assert.equal(String(m2), '234');
  client.close();
  server.close();
});

test('connect filters the peer and allows send without an address; remoteAddress', async () => {
  const { bed, adg, bdg } = pair();
  const server = bdg.createSocket('udp4');
  server.bind(9000);
  await bed.until(once(server, 'listening'));
  const client = adg.createSocket('udp4');
  let connected = false;
  client.connect(9000, '10.0.0.2', () => { connected = true; });
  await bed.until(once(client, 'connect'));
  assert.equal(connected, true);
  assert.deepEqual(client.remoteAddress(), { address: '10.0.0.2', family: 'IPv4', port: 9000 });
  assert.throws(() => client.send('x', 0, 1, 9000, '10.0.0.2'), { code: 'ERR_SOCKET_DGRAM_IS_CONNECTED' });
  assert.throws(() => client.send('x', 0, 1, 9000), { code: 'ERR_SOCKET_DGRAM_IS_CONNECTED' });
  assert.throws(() => client.connect(9000, '10.0.0.2'), { code: 'ERR_SOCKET_DGRAM_IS_CONNECTED' });
  client.send('via connect');
  const [m] = await bed.until(once(server, 'message'));
  assert.equal(String(m), 'via connect');
  client.disconnect();
  assert.throws(() => client.remoteAddress(), { code: 'ERR_SOCKET_DGRAM_NOT_CONNECTED' });
  client.close();
  server.close();
});

test('EADDRINUSE as an error event; reuseAddr allows sharing', async () => {
  const { bed, bdg } = pair();
  const a = bdg.createSocket('udp4');
  a.bind(6000);
  await bed.until(once(a, 'listening'));
  const b = bdg.createSocket('udp4');
  b.bind(6000);
  const [err] = await bed.until(once(b, 'error'));
  assert.equal(err.code, 'EADDRINUSE');
  assert.equal(err.syscall, 'bind');
  assert.equal(err.message, 'bind EADDRINUSE 0.0.0.0:6000');
  const c = bdg.createSocket({ type: 'udp4', reuseAddr: true });
  const d = bdg.createSocket({ type: 'udp4', reuseAddr: true });
  c.bind(6001);
  d.bind(6001);
  await bed.until(Promise.all([once(c, 'listening'), once(d, 'listening')]));
  assert.throws(() => c.bind(1), { code: 'ERR_SOCKET_ALREADY_BOUND' });
  for (const s of [a, c, d]) s.close();
});

test('broadcast needs setBroadcast (EACCES in the send callback)', async () => {
  const { bed, adg, bdg } = pair();
  const server = bdg.createSocket('udp4');
  server.bind(67);
  await bed.until(once(server, 'listening'));
  const client = adg.createSocket('udp4');
  client.bind(0);
  await bed.until(once(client, 'listening'));
  const err: any = await bed.until(new Promise((resolve) => client.send('x', 67, '255.255.255.255', resolve)));
  assert.equal(err.code, 'EACCES');
  assert.equal(err.syscall, 'send');
  client.setBroadcast(true);
  client.send('disc', 67, '255.255.255.255');
  const [m, rinfo] = await bed.until(once(server, 'message'));
  assert.equal(String(m), 'disc');
  assert.equal(rinfo.address, '10.0.0.1');
  client.close();
  server.close();
});

test('ref/unref: a bound socket keeps the loop alive; udp6 and bad types', async () => {
  const { bed, a, adg } = pair();
  const s = adg.createSocket('udp4');
  assert.equal(a.refs, 0);
  s.bind(0);
  await bed.until(once(s, 'listening'));
  assert.equal(a.refs, 1);
  s.unref();
  assert.equal(a.refs, 0);
  s.ref();
  assert.equal(a.refs, 1);
  s.close();
  assert.equal(a.refs, 0);
  assert.throws(() => adg.createSocket('tcp'), { code: 'ERR_SOCKET_BAD_TYPE' });
  const six = adg.createSocket('udp6');
  six.bind(0);
  const [err] = await bed.until(once(six, 'error'));
  assert.equal(err.code, 'EAFNOSUPPORT');
  const t = adg.createSocket('udp4');
  assert.throws(() => t.send('x', 0, '10.0.0.2'), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => t.send(5 as any, 53, '10.0.0.2'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => t.addMembership('224.0.0.1'), { code: 'ERR_NOT_SUPPORTED_ON_NEPHOS' });
});

test('send to a name resolves it with dns.lookup; lookup failures reach the callback', async () => {
  const { bed, a, adg, bdg } = pair();
  a.dns.a('peer.test', SERVER);
  const server = bdg.createSocket('udp4');
  server.bind(5000);
  await bed.until(once(server, 'listening'));
  const client = adg.createSocket('udp4');
  client.send('named', 5000, 'peer.test');
  const [m] = await bed.until(once(server, 'message'));
  assert.equal(String(m), 'named');
  const err: any = await bed.until(new Promise((resolve) => client.send('x', 5000, 'nowhere.test', resolve)));
  assert.equal(err.code, 'ENOTFOUND');
  client.close();
  server.close();
});
