import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guestFigures, metricSum, parseMetrics, procSample, rates, type Sample } from './stats-sample';

const TEXT = `# HELP nephos_memory_bytes Memory under the kernel allocator.
# TYPE nephos_memory_bytes gauge
nephos_memory_bytes{kind="total"} 129966048
nephos_memory_bytes{kind="used"} 7218112
nephos_network_receive_bytes_total{interface="eth0"} 1200
nephos_network_receive_bytes_total{interface="lo"} 34
nephos_network_transmit_bytes_total{interface="eth0"} 726
nephos_tcp_opens_total{side="active"} 2
nephos_tcp_opens_total{side="passive"} 41
nephos_odd{label="a \\"quoted\\" \\\\ value",b="x"} 1.5e3 1700000000000
nephos_inf +Inf
`;

test('Prometheus text: samples, labels with escapes, timestamps, special values', () => {
  const { samples, skipped } = parseMetrics(TEXT);
  assert.equal(skipped, 0);
  assert.equal(samples.length, 9);
  const odd = samples.find((s) => s.name === 'nephos_odd')!;
  assert.deepEqual({ ...odd.labels }, { label: 'a "quoted" \\ value', b: 'x' });
  assert.equal(odd.value, 1500);
  assert.equal(samples.find((s) => s.name === 'nephos_inf')!.value, Infinity);
  assert.equal(metricSum(samples, 'nephos_network_receive_bytes_total'), 1234);
  assert.equal(metricSum(samples, 'nephos_tcp_opens_total', { side: 'passive' }), 41);
  assert.equal(metricSum(samples, 'nephos_missing'), undefined);
});

test('malformed lines from the guest are counted, not thrown', () => {
  const { samples, skipped } = parseMetrics('good 1\nbad{ 2\nbad{x="1"  3\n{x="y"} 4\nnovalue\nnan_value NaN\nlabel_junk{x=1} 2\n\u0000 5\n');
  assert.deepEqual(samples.map((s) => s.name), ['good']);
  assert.equal(skipped, 7);
});

test('guest figures: HTTP requests when exported, else accepted connections', () => {
  const base = guestFigures(parseMetrics(TEXT).samples);
  assert.deepEqual(base, { memoryUsed: 7218112, rxBytes: 1234, txBytes: 726, requests: 41, requestsSource: 'tcp-connections' });
  const withHttp = guestFigures(parseMetrics(`${TEXT}nephos_http_requests_total{code="200"} 90\nnephos_http_requests_total{code="404"} 10\n`).samples);
  assert.equal(withHttp.requests, 100);
  assert.equal(withHttp.requestsSource, 'http');
  assert.deepEqual(guestFigures([]), { memoryUsed: null, rxBytes: null, txBytes: null, requests: null, requestsSource: null });
});

test('rates between two samples: CPU % of one host CPU and requests/s', () => {
  const guest = guestFigures([]);
  const a: Sample = { at: 1000, proc: { cpuTicks: 100, rssBytes: 1 }, guest: { ...guest, requests: 10 } };
  const b: Sample = { at: 3000, proc: { cpuTicks: 150, rssBytes: 1 }, guest: { ...guest, requests: 110 } };
  assert.deepEqual(rates(a, b), { cpuPercent: 25, requestsPerSecond: 50 });
  assert.deepEqual(rates(undefined, b), { cpuPercent: null, requestsPerSecond: null });
  // A counter that went backwards (the guest restarted) gives no rate rather than a negative one.
  assert.equal(rates(b, { ...a, at: 4000 }).requestsPerSecond, null);
});

test('procSample reads this very process', () => {
  const s = procSample(process.pid)!;
  assert.ok(s.cpuTicks >= 0);
  assert.ok(s.rssBytes > 1024 * 1024, `rss ${s.rssBytes}`);
  assert.equal(procSample(0x7ffffff0), undefined);
});
