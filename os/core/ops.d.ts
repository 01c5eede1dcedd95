// The native op table as TypeScript sees it. Mirrors kernel/engine/ops.def exactly (same names,
// same signatures; os/core/ops.test.ts checks). Only os/core/machine.ts touches these.

export interface BootInfo {
  cmdline: string;
  archive: ArrayBuffer;
  memoryMap: { addr: number; size: number; type: number }[];
  ramBytes: number;
  heapBytes: number;
  hypervisor: string;
  clockSource: string;
  wallClockSource: string;
  tscHz: number;
  lapicTicksPerMs: number;
  /** Monotonic ns (since the PVH entry) when the engine was created and the OS bytecode read. */
  engineNs: number;
  osLoadedNs: number;
  ioapics: number;
  entropySources: string;
  cpu: { vendor: string; brand: string; family: number; model: number; stepping: number; flags: string[]; count: number };
}

export interface MemInfo {
  total: number;
  used: number;
  peak: number;
  allocations: number;
  failures: number;
  largestFree: number;
  ramBytes: number;
}

export interface HeapStats {
  malloc_size: number; malloc_limit: number; memory_used_size: number; malloc_count: number;
  memory_used_count: number; atom_count: number; atom_size: number; str_count: number; str_size: number;
  obj_count: number; obj_size: number; prop_count: number; prop_size: number; shape_count: number;
  shape_size: number; js_func_count: number; js_func_size: number; js_func_code_size: number;
  c_func_count: number; array_count: number; fast_array_count: number; fast_array_elements: number;
  binary_object_count: number; binary_object_size: number;
}

export interface NativeOps {
  // machine
  op_serial_write(data: string | Uint8Array): void;
  op_exit(kind: number, code: number): never;
  op_port_in(port: number, width: number): number;
  op_port_out(port: number, width: number, value: number): void;
  op_mmio_read(addr: number, width: number): number;
  op_mmio_write(addr: number, width: number, value: number): void;
  op_dma_alloc(size: number, align: number): [ArrayBuffer, number];
  op_mem_fence(): void;
  // interrupts and time
  op_irq_route(gsi: number, vector: number, flags: number): boolean;
  op_irq_take(): number[];
  op_irq_seq(): number;
  op_idle(seq: number): number;
  op_timer_arm(ns: number): void;
  op_now(): number;
  op_wall(): number;
  // system
  op_boot_info(): BootInfo;
  op_mem_info(): MemInfo;
  op_random_fill(buf: Uint8Array): boolean;
  op_random_seed(bytes: Uint8Array, credit: number): void;
  op_debug_crash(kind: string): void;
  // engine
  op_jobs_run(): void;
  op_job_enqueue(fn: (...args: any[]) => unknown, ...args: unknown[]): void;
  op_rejections_take(): Array<[Promise<unknown>, unknown, boolean]>;
  op_eval_bytecode(code: Uint8Array): unknown;
  op_eval_script(source: string, filename: string): unknown;
  op_gc(): void;
  op_heap_stats(): HeapStats;
  /** The async context slot promise jobs carry (kernel/engine/patches/0002-async-context.patch). */
  op_async_context_get(): unknown;
  op_async_context_set(value: unknown): void;
  // hot loops
  op_net_checksum(bytes: Uint8Array, start: number, end: number, acc: number): number;
  // strings
  op_utf8_encode(s: string): ArrayBuffer;
  op_utf8_decode(bytes: Uint8Array, start: number, end: number, fatal: boolean): string | null;
}
