// Builds the native core (kernel/) and the engine into one PVH-bootable ELF, cached by content.
//
// The engine's objects are compiled once per engine source + compiler (a minute on two cores) and
// their stdio calls renamed to the kernel's serial versions (objcopy --redefine-sym), so musl's
// FILE-based stdio, which makes system calls, is never linked. The kernel's own files compile in
// seconds. Flags follow design.md: musl's headers, -O2 -mno-red-zone, no PIE, static link against
// Debian's musl libc.a (libm, strings, formatting) and libgcc; CPL0 files integer-only.
import { readdirSync, statSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cached, hashOf, hashTree } from './cache';
import { engineSource, ENGINE_DEFINES, ENGINE_UNITS } from './engine';
import { ROOT } from './paths';
import { run, ToolError } from './run';
import { runJobs } from './compile';

const KERNEL_DIR = join(ROOT, 'kernel');
export const MUSL_INCLUDE = '/usr/include/x86_64-linux-musl';
export const MUSL_LIBC = '/usr/lib/x86_64-linux-musl/libc.a';

/** Files that run at CPL0: no SSE, no libc. */
const CPL0_SOURCES = new Set(['arch/x86/cpu0.c']);
/** Engine symbols redirected to kernel/libc/stdio.c. */
const STDIO_RENAMES = ['printf', 'fprintf', 'fputc', 'putchar', 'fwrite', 'puts', 'fputs', 'vfprintf'];

function gccIncludeDir(): string {
  return run('gcc', ['-print-file-name=include']).trim();
}

function checkToolchain(): void {
  if (!existsSync(MUSL_LIBC) || !existsSync(join(MUSL_INCLUDE, 'stdio.h'))) {
    throw new ToolError("musl is not installed (Debian package musl-dev): run the README's setup command");
  }
}

function baseFlags(): string[] {
  return [
    '-nostdinc', '-isystem', MUSL_INCLUDE, '-isystem', gccIncludeDir(),
    '-O2', '-g', '-mno-red-zone', '-fno-pie', '-fno-pic', '-fno-stack-protector',
    '-fno-asynchronous-unwind-tables', '-fno-unwind-tables', '-ffunction-sections', '-fdata-sections',
    '-fno-omit-frame-pointer',
  ];
}

function listSources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'tools' && name !== 'tests') listSources(p, out);
    } else if (/\.(c|S)$/.test(name)) out.push(p);
  }
  return out;
}

async function engineObjects(): Promise<string[]> {
  checkToolchain();
  const src = await engineSource();
  // Stack-clash protection: big engine frames probe each page, so an overflow always hits the
  // guard page below the user stack instead of jumping over it.
  const flags = [...baseFlags(), ...ENGINE_DEFINES, '-fstack-clash-protection', '-w'];
  const key = hashOf(src, flags.join(' '), run('gcc', ['--version']), STDIO_RENAMES.join(','));
  const dir = await cached('engine-guest', key, async (out) => {
    await runJobs(ENGINE_UNITS.map((u) => ({ cmd: 'gcc', args: [...flags, '-c', '-o', join(out, u.replace(/\.c$/, '.o')), join(src, u)] })));
    const renames = STDIO_RENAMES.flatMap((s) => ['--redefine-sym', `${s}=nephos_${s}`]);
    for (const u of ENGINE_UNITS) run('objcopy', [...renames, join(out, u.replace(/\.c$/, '.o'))]);
  });
  return ENGINE_UNITS.map((u) => join(dir, u.replace(/\.c$/, '.o')));
}

/** Path of the kernel ELF (built if its sources or the engine changed). */
export async function kernelElf(): Promise<string> {
  const engineObjs = await engineObjects();
  const src = await engineSource();
  const key = hashOf(hashTree(KERNEL_DIR, (n) => /\.(c|S|h|def|ld)$/.test(n)), engineObjs.join(','), baseFlags().join(' '));
  const dir = await cached('kernel', key, async (out) => {
    const sources = listSources(KERNEL_DIR);
    const includes = ['-I', join(KERNEL_DIR, 'include'), '-I', join(KERNEL_DIR, 'arch', 'x86'), '-I', src];
    const objs: string[] = [];
    const jobs = sources.map((file) => {
      const rel = relative(KERNEL_DIR, file);
      const obj = join(out, rel.replace(/[\/]/g, '_').replace(/\.(c|S)$/, '.o'));
      objs.push(obj);
      const extra = CPL0_SOURCES.has(rel)
        ? ['-mgeneral-regs-only', '-ffreestanding', '-fno-builtin', '-fno-tree-loop-distribute-patterns']
        : ['-fstack-clash-protection'];
      return { cmd: 'gcc', args: [...baseFlags(), ...includes, '-Wall', '-Wextra', '-Wno-unused-parameter', ...extra, '-c', '-o', obj, file] };
    });
    await runJobs(jobs);
    const elf = join(out, 'kernel.elf');
    run('gcc', [
      '-nostdlib', '-static', '-no-pie', '-Wl,--gc-sections', '-Wl,-z,noexecstack', '-Wl,--build-id=none',
      '-T', join(KERNEL_DIR, 'arch', 'x86', 'link.ld'), '-o', elf,
      ...objs, ...engineObjs, MUSL_LIBC, run('gcc', ['-print-libgcc-file-name']).trim(),
    ]);
    run('strip', ['-o', join(out, 'kernel.stripped.elf'), elf]);
    writeFileSync(join(out, 'sources.txt'), sources.map((s) => relative(ROOT, s)).join('\n') + '\n');
  });
  return join(dir, 'kernel.stripped.elf');
}

/** The unstripped ELF (symbols, for gdb and crash addresses). */
export async function kernelElfWithSymbols(): Promise<string> {
  const stripped = await kernelElf();
  return stripped.replace(/kernel\.stripped\.elf$/, 'kernel.elf');
}

export function kernelSize(path: string): number {
  return readFileSync(path).length;
}
