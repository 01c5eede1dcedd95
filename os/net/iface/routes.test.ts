import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Routes } from './routes';
import { TokenBucket } from './ratelimit';
import { ip } from '../testing/harness';

test('routes: longest prefix wins, on-link routes return the destination', () => {
  const r = new Routes();
  r.add({ network: 0, prefixLength: 0, gateway: ip('10.0.0.1'), origin: 'config' });
  r.add({ network: ip('10.0.0.99'), prefixLength: 24, gateway: 0, origin: 'config' }); // host bits cleared
  r.add({ network: ip('172.16.0.0'), prefixLength: 12, gateway: ip('10.0.0.2'), origin: 'user' });
  assert.equal(r.nextHop(ip('10.0.0.7')), ip('10.0.0.7'));
  assert.equal(r.nextHop(ip('172.20.1.1')), ip('10.0.0.2'));
  assert.equal(r.nextHop(ip('8.8.8.8')), ip('10.0.0.1'));
  assert.equal(r.list()[1].network, ip('10.0.0.0'));
  assert.equal(r.remove({ origin: 'config' }), 2);
  assert.equal(r.nextHop(ip('8.8.8.8')), undefined);
  assert.equal(r.nextHop(ip('172.16.0.1')), ip('10.0.0.2'));
  assert.equal(r.toString(), '172.16.0.0/12 via 10.0.0.2');
});

test('ratelimit: a burst, then one token per interval', () => {
  const b = new TokenBucket(3, 100);
  assert.deepEqual([b.take(0), b.take(0), b.take(0), b.take(0)], [true, true, true, false]);
  assert.equal(b.take(50), false);
  assert.equal(b.take(100), true);
  assert.equal(b.take(100), false);
  assert.deepEqual([b.take(10_000), b.take(10_000), b.take(10_000), b.take(10_000)], [true, true, true, false]);
});
