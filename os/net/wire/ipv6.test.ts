import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpv6, formatIpv6 } from './ipv6';

test('ipv6: parse and format per RFC 5952', () => {
  const cases: [string, string][] = [
    ['2001:db8::1', '2001:db8::1'], ['::', '::'], ['::1', '::1'], ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], ['fe80::', 'fe80::'], ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'], ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
  ];
  for (const [input, canonical] of cases) {
    const a = parseIpv6(input);
    assert.ok(a, input);
    assert.equal(formatIpv6(a), canonical);
  }
  for (const bad of ['', ':', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', '::1.2.3', '1.2.3.4', '1:2:3:4:5:6:7:8::'])
    assert.equal(parseIpv6(bad), undefined, bad);
});
