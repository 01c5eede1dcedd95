// Kernel module metadata and load order, without depmod: Debian's linux-image package ships no
// modules.dep (it is generated at install), so the baseline reads each module's `.modinfo` section
// (NUL-separated `key=value` strings; `depends=a,b` lists the modules it needs, `name=` its name;
// scripts/mod/modpost.c writes them) and orders a closure so that dependencies load first.
//
// The ELF reader is checked: any offset or size that falls outside the file is a ModinfoError, never
// an out-of-range read (ELF-64 Object File Format: section header table at e_shoff, e_shnum entries
// of e_shentsize bytes, names in section e_shstrndx).
// Module names use underscores; file names may use dashes (virtio-rng.ko is virtio_rng).

export class ModinfoError extends Error {}

export interface ModuleInfo {
  name: string;
  depends: string[];
  /** Every key=value pair in .modinfo, in order (keys repeat: alias, parm, ...). */
  fields: [string, string][];
}

export const moduleName = (fileName: string) => fileName.replace(/\.ko(\.(xz|zst|gz))?$/, '').replace(/-/g, '_');

function sectionBytes(elf: Uint8Array, wanted: string): Uint8Array | undefined {
  const fail = (why: string): never => {
    throw new ModinfoError(`not a kernel module: ${why}`);
  };
  if (elf.length < 64 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) fail('no ELF magic');
  if (elf[4] !== 2 || elf[5] !== 1) fail('not ELF64 little-endian');
  const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const u64 = (at: number) => {
    const v = view.getBigUint64(at, true);
    if (v > BigInt(elf.length)) fail(`offset ${v} past the end of the file`);
    return Number(v);
  };
  const shoff = u64(0x28);
  const shentsize = view.getUint16(0x3a, true);
  const shnum = view.getUint16(0x3c, true);
  const shstrndx = view.getUint16(0x3e, true);
  if (shentsize < 64 || shoff + shnum * shentsize > elf.length) fail('section header table out of bounds');
  if (shstrndx >= shnum) fail('section name table index out of range');
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    const offset = u64(at + 24);
    const size = u64(at + 32);
    const type = view.getUint32(at + 4, true);
    if (type !== 8 /* SHT_NOBITS */ && offset + size > elf.length) fail(`section ${i} out of bounds`);
    return { nameOffset: view.getUint32(at, true), offset, size };
  };
  const names = section(shstrndx);
  const nameOf = (off: number) => {
    let end = names.offset + off;
    if (end >= names.offset + names.size) fail('section name out of bounds');
    const start = end;
    while (end < names.offset + names.size && elf[end] !== 0) end++;
    return Buffer.from(elf.subarray(start, end)).toString('latin1');
  };
  for (let i = 1; i < shnum; i++) {
    const s = section(i);
    if (nameOf(s.nameOffset) === wanted) return elf.subarray(s.offset, s.offset + s.size);
  }
  return undefined;
}

/** Parses a module's .modinfo; `fileName` supplies the name when the section has no `name=`. */
export function readModinfo(elf: Uint8Array, fileName: string): ModuleInfo {
  const bytes = sectionBytes(elf, '.modinfo');
  if (!bytes) throw new ModinfoError(`${fileName}: no .modinfo section`);
  const fields: [string, string][] = [];
  for (const s of Buffer.from(bytes).toString('utf8').split('\0')) {
    const eq = s.indexOf('=');
    if (eq > 0) fields.push([s.slice(0, eq), s.slice(eq + 1)]);
  }
  const get = (k: string) => fields.find(([key]) => key === k)?.[1];
  return {
    name: get('name') || moduleName(fileName),
    depends: (get('depends') ?? '').split(',').filter(Boolean).map(moduleName),
    fields,
  };
}

/**
 * The modules to load for `roots`, dependencies first (a depth-first post-order, so the order is
 * stable for the same inputs). `lookup` gives a module's info by name, or undefined when the kernel
 * package has no such module file: an error, since `depends=` only ever names modules.
 */
export function loadOrder(roots: string[], lookup: (name: string) => ModuleInfo | undefined): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') throw new ModinfoError(`module dependency cycle: ${[...path, name].join(' -> ')}`);
    const info = lookup(name);
    if (!info) throw new ModinfoError(`module ${name}${path.length ? ` (needed by ${path.join(' -> ')})` : ''} not found in the kernel package`);
    state.set(name, 'visiting');
    for (const d of info.depends) visit(d, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const r of roots) visit(moduleName(r), []);
  return order;
}
