/* Ops describing the machine (boot info, memory) and the entropy pool. */
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "nephos/boot.h"
#include "nephos/heap.h"
#include "nephos/kernel.h"
#include "../arch/x86/cpu.h"

static void set_num(JSContext *ctx, JSValue o, const char *k, double v)
{
    JS_SetPropertyStr(ctx, o, k, JS_NewFloat64(ctx, v));
}

static void set_str(JSContext *ctx, JSValue o, const char *k, const char *v)
{
    JS_SetPropertyStr(ctx, o, k, JS_NewString(ctx, v ? v : ""));
}

static const struct { uint8_t leaf_ecx; uint8_t bit; const char *name; } feature_bits[] = {
    /* CPUID.1:EDX (leaf_ecx = 0) and CPUID.1:ECX (leaf_ecx = 1), CPUID.7:EBX (2) */
    {0, 0, "fpu"}, {0, 4, "tsc"}, {0, 5, "msr"}, {0, 6, "pae"}, {0, 8, "cx8"}, {0, 9, "apic"},
    {0, 15, "cmov"}, {0, 19, "clflush"}, {0, 23, "mmx"}, {0, 24, "fxsr"}, {0, 25, "sse"}, {0, 26, "sse2"},
    {1, 0, "sse3"}, {1, 1, "pclmulqdq"}, {1, 9, "ssse3"}, {1, 12, "fma"}, {1, 13, "cx16"},
    {1, 19, "sse4_1"}, {1, 20, "sse4_2"}, {1, 21, "x2apic"}, {1, 22, "movbe"}, {1, 23, "popcnt"},
    {1, 24, "tsc_deadline"}, {1, 25, "aes"}, {1, 26, "xsave"}, {1, 28, "avx"}, {1, 29, "f16c"},
    {1, 30, "rdrand"}, {1, 31, "hypervisor"},
    {2, 3, "bmi1"}, {2, 5, "avx2"}, {2, 8, "bmi2"}, {2, 18, "rdseed"}, {2, 19, "adx"}, {2, 29, "sha_ni"},
};

static JSValue cpu_info(JSContext *ctx)
{
    JSValue cpu = JS_NewObject(ctx);
    uint32_t a, b, c, d, max;
    char vendor[13] = {0};
    cpuid(0, 0, &max, &b, &c, &d);
    memcpy(vendor, &b, 4); memcpy(vendor + 4, &d, 4); memcpy(vendor + 8, &c, 4);
    set_str(ctx, cpu, "vendor", vendor);
    uint32_t regs[3][4] = {{0}};
    /* Feature leaves as the VM defines them (read at CPL0 at boot). */
    a = boot_cpl0.cpuid1[0];
    regs[0][0] = boot_cpl0.cpuid1[3]; regs[1][0] = boot_cpl0.cpuid1[2];
    set_num(ctx, cpu, "family", ((a >> 8) & 0xF) + (((a >> 8) & 0xF) == 0xF ? ((a >> 20) & 0xFF) : 0));
    set_num(ctx, cpu, "model", ((a >> 4) & 0xF) | (((a >> 16) & 0xF) << 4));
    set_num(ctx, cpu, "stepping", a & 0xF);
    regs[2][0] = boot_cpl0.cpuid7[1];
    char brand[49] = {0};
    cpuid(0x80000000, 0, &a, &b, &c, &d);
    if (a >= 0x80000004) {
        for (uint32_t i = 0; i < 3; i++) {
            cpuid(0x80000002 + i, 0, &a, &b, &c, &d);
            memcpy(brand + 16 * i, &a, 4); memcpy(brand + 16 * i + 4, &b, 4);
            memcpy(brand + 16 * i + 8, &c, 4); memcpy(brand + 16 * i + 12, &d, 4);
        }
    }
    char *bp = brand;
    while (*bp == ' ') bp++;
    set_str(ctx, cpu, "brand", bp);
    JSValue flags = JS_NewArray(ctx);
    uint32_t n = 0;
    for (size_t i = 0; i < sizeof feature_bits / sizeof feature_bits[0]; i++) {
        if ((regs[feature_bits[i].leaf_ecx][0] >> feature_bits[i].bit) & 1)
            JS_SetPropertyUint32(ctx, flags, n++, JS_NewString(ctx, feature_bits[i].name));
    }
    JS_SetPropertyStr(ctx, cpu, "flags", flags);
    set_num(ctx, cpu, "count", 1);
    return cpu;
}

JSValue op_boot_info(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    JSValue o = JS_NewObject(ctx);
    set_str(ctx, o, "cmdline", bootinfo.cmdline);
    JS_SetPropertyStr(ctx, o, "archive", JS_NewArrayBuffer(ctx, (uint8_t *)(uintptr_t)bootinfo.initrd_addr, bootinfo.initrd_size, NULL, NULL, 0));
    JSValue mem = JS_NewArray(ctx);
    for (int i = 0; i < bootinfo.nmem; i++) {
        JSValue r = JS_NewObject(ctx);
        set_num(ctx, r, "addr", (double)bootinfo.mem[i].addr);
        set_num(ctx, r, "size", (double)bootinfo.mem[i].size);
        set_num(ctx, r, "type", bootinfo.mem[i].type);
        JS_SetPropertyUint32(ctx, mem, (uint32_t)i, r);
    }
    JS_SetPropertyStr(ctx, o, "memoryMap", mem);
    set_num(ctx, o, "ramBytes", (double)bootinfo.ram_bytes);
    set_num(ctx, o, "heapBytes", (double)bootinfo.heap_bytes);
    set_str(ctx, o, "hypervisor", boot_cpl0.hypervisor == HYPERVISOR_KVM ? "kvm" : "none");
    set_str(ctx, o, "clockSource", clock_info.source);
    set_str(ctx, o, "wallClockSource", clock_info.wall_source);
    set_num(ctx, o, "tscHz", (double)clock_info.tsc_hz);
    set_num(ctx, o, "lapicTicksPerMs", clock_info.lapic_ticks_per_ms);
    set_num(ctx, o, "engineNs", (double)bootinfo.engine_ns);
    set_num(ctx, o, "osLoadedNs", (double)bootinfo.os_loaded_ns);
    set_num(ctx, o, "ioapics", ioapic_count());
    set_str(ctx, o, "entropySources", random_sources());
    JS_SetPropertyStr(ctx, o, "cpu", cpu_info(ctx));
    return o;
}

JSValue op_mem_info(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    struct heap_stats st;
    heap_get_stats(&st);
    JSValue o = JS_NewObject(ctx);
    set_num(ctx, o, "total", (double)st.total);
    set_num(ctx, o, "used", (double)st.used);
    set_num(ctx, o, "peak", (double)st.peak);
    set_num(ctx, o, "allocations", (double)st.allocations);
    set_num(ctx, o, "failures", (double)st.failures);
    size_t free_bytes, largest, blocks;
    heap_free_summary(&free_bytes, &largest, &blocks);
    set_num(ctx, o, "largestFree", (double)largest);
    set_num(ctx, o, "ramBytes", (double)bootinfo.ram_bytes);
    return o;
}

JSValue op_random_fill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    size_t n;
    uint8_t *p = engine_bytes(ctx, argv[0], &n);
    if (!p) return JS_EXCEPTION;
    return JS_NewBool(ctx, random_fill(p, n));
}

void random_note_source(const char *name);

JSValue op_random_seed(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    size_t n;
    uint32_t credit;
    uint8_t *p = engine_bytes(ctx, argv[0], &n);
    if (!p || JS_ToUint32(ctx, &credit, argv[1])) return JS_EXCEPTION;
    if (credit > n) credit = (uint32_t)n;
    random_absorb(p, n, (int)credit);
    if (credit) random_note_source("virtio-rng");
    return JS_UNDEFINED;
}

/* Deliberate failures, for the tests of the crash paths (enabled by nephos.selftest= on the kernel
 * command line, which only the host tool sets): "fault" dereferences NULL at CPL3, "abort" fails an
 * engine assertion, "stack" overflows the C stack into the guard page. */
static int recurse(volatile int *p, int n)
{
    volatile char pad[4096];
    pad[0] = (char)n;
    return n > 0 ? recurse(p, n + 1) + pad[0] : *p;
}

JSValue op_debug_crash(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    const char *kind = JS_ToCString(ctx, argv[0]);
    if (!kind) return JS_EXCEPTION;
    if (!strcmp(kind, "fault")) {
        volatile int *volatile p = (int *)0;
        *p = 1;
    } else if (!strcmp(kind, "abort")) {
        abort();
    } else if (!strcmp(kind, "stack")) {
        recurse((volatile int *)0, 1);
    }
    JS_FreeCString(ctx, kind);
    return JS_UNDEFINED;
}
