// Buffer operations run against two Buffer implementations (ours and host Node's, or ours on the
// engine and Node's on the host) with results normalised to comparable strings.

type B = any;

export const bufferOps: Record<string, (B: B) => unknown> = {
  fromStr: (B) => B.from('héllo €𝄞'),
  fromEnc: (B) => ['utf8', 'utf-8', 'UTF8', 'ucs2', 'utf16le', 'latin1', 'binary', 'ascii', 'hex', 'base64', 'base64url'].map((e) => B.from('aGk_Pz4=é', e)),
  toStrEnc: (B) => ['utf8', 'ucs2', 'latin1', 'binary', 'ascii', 'hex', 'base64', 'base64url', 'UCS-2'].map((e) => B.from([0x68, 0xe9, 0xff, 0x00, 0x80, 0x3f]).toString(e)),
  b64variants: (B) => ['aGk=', 'aGk', 'aG k=\n', 'a$Gk', 'aGk=aGk=', 'aGk_-w', 'aGk/+w', 'a', 'ab', 'abc=', '=abc', 'ab=c'].map((s) => [B.from(s, 'base64'), B.from(s, 'base64url')]),
  hexVariants: (B) => ['0a0b0', 'zz', '0az1', 'a', '0A0B', '0 1', ''].map((s) => B.from(s, 'hex')),
  ucs2: (B) => [B.from('ab€', 'ucs2').toString('utf16le'), B.from([0x61, 0, 0x62]).toString('ucs2')],
  isEnc: (B) => ['utf8', 'UTF-8', 'base64url', 'latin1', 'binary', 'ucs-2', 'foo', '', null, 1].map((e) => B.isEncoding(e)),
  byteLen: (B) => [B.byteLength('héllo'), B.byteLength('aGk_Pz4', 'base64url'), B.byteLength('aGk=', 'base64'), B.byteLength('abc', 'hex'), B.byteLength('ab', 'ucs2'), B.byteLength('é', 'latin1'), B.byteLength(new Uint16Array(3)), B.byteLength(new ArrayBuffer(5)), B.byteLength('x', 'nope')],
  byteLenBad: (B) => B.byteLength(5),
  fromNum: (B) => B.from(5), fromNull: (B) => B.from(null), fromUndef: (B) => B.from(undefined), fromFn: (B) => B.from(() => {}),
  fromArr: (B) => B.from([1, 256, -1, 1.5, 'x']), fromObj: (B) => B.from({ length: 2, 0: 1, 1: 2 }), fromBufObj: (B) => B.from({ type: 'Buffer', data: [1, 2] }),
  fromStrObj: (B) => B.from(new String('ab')), fromPrim: (B) => B.from({ [Symbol.toPrimitive]: () => 'prim' }), fromBadLen: (B) => B.from({ length: 'x' }),
  fromAB: (B) => { const ab = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer; return [B.from(ab, 2, 3), B.from(ab, 6), B.from(ab, 'x' as any), B.from(ab, 1, -5)]; },
  fromABOOB: (B) => B.from(new ArrayBuffer(4), 5), fromABLen: (B) => B.from(new ArrayBuffer(4), 1, 4),
  fromBuf: (B) => { const a = B.from('abc'); const b = B.from(a); b[0] = 0x7a; return [a, b]; },
  fromU16: (B) => B.from(new Uint16Array([1, 0x1ff])),
  allocs: (B) => [B.alloc(3), B.alloc(5, 'ab'), B.alloc(4, 'aGk=', 'base64'), B.alloc(3, 257), B.alloc(2, B.from([9])), B.allocUnsafe(3).length, B.allocUnsafeSlow(2).length],
  allocNeg: (B) => B.alloc(-1), allocStr: (B) => B.alloc('5'), allocHuge: (B) => B.alloc(2 ** 33), allocNaN: (B) => B.alloc(NaN),
  badEnc: (B) => B.from('x', 'nope'), toStrBad: (B) => B.from('x').toString('nope'), toStrRange: (B) => [B.from('abcdef').toString('utf8', 2, 100), B.from('abcdef').toString('utf8', -5, 2), B.from('abcdef').toString(undefined, 1, 3), B.from('abcdef').toString('hex', 4, 2)],
  utf8Invalid: (B) => [B.from([0xff, 0xc3, 0x28, 0xe2, 0x82]).toString(), B.from([0xed, 0xa0, 0x80]).toString(), B.from([0xf0, 0x9f, 0x98]).toString()],
  loneSurrogate: (B) => [B.from('\ud800x'), B.from('x\udc00'), B.from('\ud83d\ude00')],
  asciiLatin1: (B) => [B.from([0xe9]).toString('ascii'), B.from('\u00ff\u0100é', 'ascii'), B.from('\u00ff\u0100', 'latin1')],
  reads: (B) => { const b = B.from([0xff, 0x7f, 0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0xfe]); return [b.readUInt8(0), b.readInt8(0), b.readUInt16LE(1), b.readUInt16BE(1), b.readInt16LE(1), b.readInt16BE(0), b.readUInt32LE(0), b.readUInt32BE(1), b.readInt32LE(0), b.readInt32BE(2), b.readUIntLE(0, 6), b.readUIntBE(1, 5), b.readIntLE(0, 3), b.readIntBE(0, 6), b.readIntLE(3, 5), b.readBigUInt64LE(0), b.readBigInt64BE(1), b.readBigInt64LE(0), b.readBigUInt64BE(1), b.readFloatLE(0), b.readFloatBE(1), b.readDoubleLE(0), b.readDoubleBE(1), b.readUint16LE(0), b.readUintBE(0, 2)]; },
  readOOB: (B) => B.alloc(2).readUInt32LE(0), readNeg: (B) => B.alloc(2).readUInt8(-1), readFrac: (B) => B.alloc(2).readUInt8(0.5), readStr: (B) => B.alloc(2).readUInt8('0'),
  readEdge: (B) => B.alloc(4).readUInt16LE(3), readIntNoOff: (B) => B.alloc(4).readUIntLE(), readIntBadLen: (B) => B.alloc(8).readIntBE(0, 7), readBigOOB: (B) => B.alloc(7).readBigInt64LE(),
  writes: (B) => { const b = B.alloc(24); const r = [b.writeUInt8(255, 0), b.writeInt8(-2, 1), b.writeUInt16LE(0xbeef, 2), b.writeInt16BE(-2, 4), b.writeUInt32BE(0xdeadbeef, 6), b.writeInt32LE(-5, 10), b.writeUIntLE(0x123456789a, 14, 5), b.writeIntBE(-0x1234, 19, 3), b.writeUInt8(1.7, 22), b.writeInt8(-1.5, 23)]; return [r, b]; },
  writeBig: (B) => { const b = B.alloc(16); b.writeBigInt64LE(-5n); b.writeBigUInt64BE(0x0102030405060708n, 8); return [b, b.readBigInt64LE(), b.readBigUInt64BE(8)]; },
  writeFloats: (B) => { const b = B.alloc(12); b.writeDoubleBE(Math.PI); b.writeFloatLE(-1.5, 8); return [b, b.readDoubleBE(), b.readFloatLE(8)]; },
  writeRange: (B) => B.alloc(2).writeUInt8(300), writeRange16: (B) => B.alloc(2).writeInt16LE(40000), writeRange32: (B) => B.alloc(4).writeUInt32LE(-1),
  writeRange48: (B) => B.alloc(6).writeIntLE(2 ** 48, 0, 6), writeBigRange: (B) => B.alloc(8).writeBigUInt64LE(-1n), writeBigRange2: (B) => B.alloc(8).writeBigInt64BE(2n ** 63n),
  writeOOB: (B) => B.alloc(3).writeUInt32BE(1), writeUIntBad: (B) => B.alloc(4).writeUIntLE(1, 0, 7), writeFloatOOB: (B) => B.alloc(3).writeFloatLE(1),
  strWrite: (B) => { const b = B.alloc(10); return [b.write('héllo'), b.write('ab', 6, 'latin1'), b.write('zz', 9), b.write('abc', 7, 2), b.write('aGk=', 'base64'), b.write('€', 9), b]; },
  strWriteUcs2: (B) => { const b = B.alloc(5); return [b.write('ab\u00e9', 'ucs2'), b, B.alloc(3).write('abcdef', 'hex'), B.alloc(4).write('aGk=', 'base64')]; },
  writeBadOff: (B) => B.alloc(2).write('a', 5), writeBadType: (B) => B.alloc(2).write(5), writeBadLen: (B) => B.alloc(2).write('a', 0, -1), writeBadEnc: (B) => B.alloc(2).write('a', 'nope'),
  inspect: (B) => [B.from('abc'), B.alloc(60), B.alloc(0), Object.assign(B.from('a'), { extra: 1 })],
  json: (B) => [JSON.stringify(B.from('ab')), B.from('a').toJSON()],
  concat: (B) => [B.concat([B.from('a'), new Uint8Array([98])]), B.concat([B.from('abc')], 2), B.concat([B.from('a')], 4), B.concat([])],
  concatBad: (B) => B.concat([1]), concatBad2: (B) => B.concat('x'), concatBadLen: (B) => B.concat([B.from('a')], -1),
  compare: (B) => [B.compare(B.from('a'), B.from('b')), B.from('b').compare(B.from('a')), B.from('abc').compare(B.from('xbcx'), 1, 3, 1, 3), B.from('a').compare(B.from('a'), 1), B.compare(B.from('ab'), B.from('a'))],
  compareBad: (B) => B.compare('a', B.from('a')), compareBad2: (B) => B.from('a').compare(B.from('a'), -1), compareBad3: (B) => B.from('a').compare(B.from('a'), 0, 5),
  equals: (B) => [B.from('a').equals(B.from('a')), B.from('a').equals(new Uint8Array([97])), B.from('a').equals(B.from('b'))], equalsBad: (B) => B.from('a').equals('a'),
  fill: (B) => [B.alloc(5).fill('ab'), B.alloc(4).fill('ab', 'hex'), B.alloc(4).fill(''), B.alloc(5).fill('é'), B.alloc(5).fill(0x101), B.alloc(5).fill('x', 1, 3), B.alloc(4).fill(B.from([1, 2, 3])), B.alloc(3).fill(true), B.alloc(3).fill('aa', 1, 'hex'), B.alloc(3).fill(1, 2, 1)],
  fillBadHex: (B) => B.alloc(4).fill('zz', 'hex'), fillOOB: (B) => B.alloc(4).fill('a', 0, 5), fillBadEnc: (B) => B.alloc(2).fill('a', 'nope'), fillBadOff: (B) => B.alloc(2).fill('a', -1),
  indexOf: (B) => { const b = B.from('abcabc'); return [b.indexOf('c', 3), b.lastIndexOf('a'), b.includes('bc'), b.indexOf(''), b.indexOf('', 9), b.lastIndexOf(''), b.indexOf('', -1), b.lastIndexOf('b', -3), b.indexOf(98), b.indexOf(98 + 256), b.indexOf(B.from('ca')), b.indexOf('YQ', 'base64'), b.indexOf('c', 'latin1'), b.indexOf('b', -2), b.lastIndexOf('c', 100), b.indexOf('x'), b.lastIndexOf(B.from('bc'), 3), b.indexOf('a', null), b.indexOf('a', {})]; },
  indexOfBad: (B) => B.from('a').indexOf({}), indexOfBadEnc: (B) => B.from('a').indexOf('a', 0, 'nope'),
  subarray: (B) => { const b = B.from('abcdef'); const s = b.subarray(1, 3); s[0] = 0x7a; return [b, s, b.slice(-2), b.subarray(4, 2)]; },
  swap: (B) => [B.from([1, 2, 3, 4]).swap16(), B.from([1, 2, 3, 4]).swap32(), B.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64()], swapBad: (B) => B.from([1, 2, 3]).swap16(), swapBad64: (B) => B.from([1, 2, 3, 4]).swap64(),
  copy: (B) => { const t = B.alloc(6); const s = B.from('abcd'); return [s.copy(t, 1), s.copy(t, 4, 1), s.copy(t, 0, 3, 100), s.copy(t, 10), s.copy(new Uint8Array(2)), t]; },
  copyBad: (B) => B.from('a').copy('x'), copyBadStart: (B) => B.from('a').copy(B.alloc(1), -1),
  isBuffer: (B) => [B.isBuffer(B.alloc(1)), B.isBuffer(new Uint8Array(1)), B.isBuffer(null), B.alloc(1) instanceof Uint8Array],
  aliases: (B) => ['readUint16BE', 'writeBigUint64LE', 'readUintLE', 'writeUint32BE', 'readBigUint64LE'].map((m) => typeof B.prototype[m]),
  poolSize: (B) => B.poolSize, toLocale: (B) => B.from('ab').toLocaleString(),
  iteration: (B) => { const b = B.from('ab'); return [[...b], [...b.entries()], [...b.keys()]]; },
  copyBytesFrom: (B) => [B.copyBytesFrom(new Uint16Array([1, 2, 3]), 1), B.copyBytesFrom(new Uint8Array([1, 2, 3]), 1, 1)],
};

/** A deterministic string for any result, with Buffers shown by class and hex. */
export function normalise(value: unknown, inspect: (v: unknown) => string): string {
  const walk = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return `${v.constructor.name}<${Array.from(v, (x) => x.toString(16).padStart(2, '0')).join('')}>`;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'number' && Object.is(v, -0)) return '-0';
    if (typeof v === 'string') return JSON.stringify(v);
    return v;
  };
  return inspect(walk(value));
}

export function runBufferOp(op: (B: B) => unknown, B: B, inspect: (v: unknown) => string): string {
  try {
    return normalise(op(B), inspect);
  } catch (e: any) {
    return `THROW ${e?.name} ${e?.code} ${e?.message}`;
  }
}
