import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOrder, moduleName, ModinfoError, readModinfo, type ModuleInfo } from './modinfo';

/** A minimal relocatable ELF64 with the given sections (what readModinfo looks at: the section table). */
function elf(sections: { name: string; data: Buffer }[]): Buffer {
  const shstr = Buffer.concat([Buffer.from('\0'), ...sections.map((s) => Buffer.from(`${s.name}\0`)), Buffer.from('.shstrtab\0')]);
  const all = [...sections, { name: '.shstrtab', data: shstr }];
  const header = Buffer.alloc(64);
  header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  let offset = 64;
  const placed = all.map((s) => {
    const at = offset;
    offset += s.data.length;
    return at;
  });
  const shoff = offset;
  header.writeBigUInt64LE(BigInt(shoff), 0x28);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(all.length + 1, 0x3c);
  header.writeUInt16LE(all.length, 0x3e);
  const table = Buffer.alloc(64 * (all.length + 1));
  let nameAt = 1;
  all.forEach((s, i) => {
    const e = 64 * (i + 1);
    table.writeUInt32LE(s.name === '.shstrtab' ? shstr.indexOf('.shstrtab') : nameAt, e);
    if (s.name !== '.shstrtab') nameAt += s.name.length + 1;
    table.writeUInt32LE(s.name === '.shstrtab' ? 3 : 1, e + 4);
    table.writeBigUInt64LE(BigInt(placed[i]), e + 24);
    table.writeBigUInt64LE(BigInt(s.data.length), e + 32);
  });
  return Buffer.concat([header, ...all.map((s) => s.data), table]);
}

const modinfo = (pairs: string[]) => Buffer.from(pairs.join('\0') + '\0');

test('reads name and depends from .modinfo among other sections', () => {
  const ko = elf([
    { name: '.text', data: Buffer.alloc(40, 0xc3) },
    { name: '.modinfo', data: modinfo(['license=GPL', 'depends=net_failover,virtio,virtio_ring', 'alias=virtio:d00000001v*', 'name=virtio_net', 'vermagic=6.1.0 SMP mod_unload']) },
  ]);
  const info = readModinfo(ko, 'virtio_net.ko');
  assert.equal(info.name, 'virtio_net');
  assert.deepEqual(info.depends, ['net_failover', 'virtio', 'virtio_ring']);
  assert.deepEqual(info.fields[0], ['license', 'GPL']);
});

test('an empty depends= and a missing name= (file name used, dashes become underscores)', () => {
  const info = readModinfo(elf([{ name: '.modinfo', data: modinfo(['depends=']) }]), 'virtio-rng.ko.xz');
  assert.equal(info.name, 'virtio_rng');
  assert.deepEqual(info.depends, []);
  assert.equal(moduleName('net_failover.ko.zst'), 'net_failover');
});

test('malformed files are ModinfoErrors, not range errors', () => {
  const good = elf([{ name: '.modinfo', data: modinfo(['name=x']) }]);
  assert.throws(() => readModinfo(Buffer.from('not an elf'), 'x.ko'), ModinfoError);
  assert.throws(() => readModinfo(good.subarray(0, good.length - 10), 'x.ko'), /out of bounds/);
  const badShoff = Buffer.from(good);
  badShoff.writeBigUInt64LE(2n ** 40n, 0x28);
  assert.throws(() => readModinfo(badShoff, 'x.ko'), /past the end/);
  const badSection = Buffer.from(good);
  const shoff = Number(badSection.readBigUInt64LE(0x28));
  badSection.writeBigUInt64LE(2n ** 20n, shoff + 64 + 32); // .modinfo size
  assert.throws(() => readModinfo(badSection, 'x.ko'), ModinfoError);
  assert.throws(() => readModinfo(elf([{ name: '.text', data: Buffer.alloc(4) }]), 'x.ko'), /no \.modinfo/);
  // Every truncation of a valid module fails cleanly (or still parses), never with a RangeError.
  for (let n = 0; n < good.length; n++) {
    try {
      readModinfo(good.subarray(0, n), 'x.ko');
    } catch (e) {
      assert.ok(e instanceof ModinfoError, `truncated to ${n}: ${(e as Error).message}`);
    }
  }
});

test('load order puts dependencies first, each module once (the virtio_net closure)', () => {
  const mods: Record<string, string[]> = {
    virtio_mmio: ['virtio', 'virtio_ring'],
    virtio_net: ['net_failover', 'virtio', 'virtio_ring'],
    net_failover: ['failover'],
    failover: [],
    virtio: [],
    virtio_ring: [],
  };
  const lookup = (n: string): ModuleInfo | undefined => (mods[n] ? { name: n, depends: mods[n], fields: [] } : undefined);
  assert.deepEqual(loadOrder(['virtio_mmio', 'virtio-net'], lookup), ['virtio', 'virtio_ring', 'virtio_mmio', 'failover', 'net_failover', 'virtio_net']);
});

test('a missing module or a cycle is an error naming the chain', () => {
  const lookup = (deps: Record<string, string[]>) => (n: string): ModuleInfo | undefined => (deps[n] ? { name: n, depends: deps[n], fields: [] } : undefined);
  assert.throws(() => loadOrder(['a'], lookup({ a: ['b'] })), /module b \(needed by a\) not found/);
  assert.throws(() => loadOrder(['nope'], lookup({})), /module nope not found/);
  assert.throws(() => loadOrder(['a'], lookup({ a: ['b'], b: ['a'] })), /cycle: a -> b -> a/);
});
