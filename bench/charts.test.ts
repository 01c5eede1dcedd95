import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, escapeXml, formatValue, niceTicks } from './charts';

test('niceTicks covers the maximum with round steps of 1, 2 or 5 times a power of ten', () => {
  assert.deepEqual(niceTicks(5600), [0, 2000, 4000, 6000]);
  assert.deepEqual(niceTicks(56.1), [0, 20, 40, 60]);
  assert.deepEqual(niceTicks(3), [0, 1, 2, 3]);
  assert.deepEqual(niceTicks(0.42), [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  assert.deepEqual(niceTicks(100), [0, 20, 40, 60, 80, 100]);
  // Nothing to scale: still a usable axis.
  assert.deepEqual(niceTicks(0), [0, 1]);
  assert.deepEqual(niceTicks(NaN), [0, 1]);
});

test('escapeXml escapes markup in labels', () => {
  assert.equal(escapeXml('a < b & "c" > d'), 'a &lt; b &amp; &quot;c&quot; &gt; d');
});

test('formatValue picks digits by magnitude unless told', () => {
  assert.equal(formatValue(5641.2), '5,641');
  assert.equal(formatValue(56.14), '56.1');
  assert.equal(formatValue(1.234), '1.23');
  assert.equal(formatValue(3, 0), '3');
});

test('barChart draws bars to scale, whiskers, notes for missing values, and escapes text', () => {
  const svg = barChart({
    title: 'Boot <to> ready',
    subtitle: 'host & more',
    unit: 'ms',
    width: 700,
    groups: [
      { label: 'TCG', bars: [{ label: 'Linux', value: 6000, whisker: 8000, color: '#111111' }, { label: 'Nephos', value: 300, color: '#222222' }] },
      { label: 'KVM', bars: [{ label: 'Linux', note: 'n/a (kvm_pvm)', color: '#111111' }] },
    ],
  });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="700" /);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.match(svg, /Boot &lt;to&gt; ready \(ms\)/);
  assert.match(svg, /host &amp; more/);
  assert.doesNotMatch(svg, /<script|href=/);
  // Two bars (Linux and Nephos under TCG) plus the background; the widths are in proportion.
  const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="16" fill="#(\w+)"\/>/g)].map((m) => [Number(m[1]), m[2]]);
  assert.equal(widths.length, 2);
  assert.equal(widths[0][1], '111111');
  assert.ok(Math.abs((widths[0][0] as number) / (widths[1][0] as number) - 20) < 0.2, `ratio of ${widths[0][0]} to ${widths[1][0]}`);
  // The whisker ends at 8000 on a 0..8000 axis: the right end of the plot.
  assert.match(svg, />8,000</);
  assert.match(svg, /n\/a \(kvm_pvm\)/);
  assert.match(svg, />6,000</);
  assert.match(svg, />300</);
});
