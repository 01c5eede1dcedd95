/* Ops that touch the machine: serial, exit, port and MMIO access, DMA memory, interrupts, the
 * timer and the clocks. Argument checking is minimal by design: only os/core/machine.ts calls
 * these, and a wrong width is a kernel bug (TypeError), not an application error. */
#include <string.h>
#include "engine.h"
#include "nephos/kernel.h"
#include "../arch/x86/cpu.h"
#include "../arch/x86/layout.h"

static int arg_u32(JSContext *ctx, JSValueConst v, uint32_t *out)
{
    return JS_ToUint32(ctx, out, v);
}

static int arg_u64(JSContext *ctx, JSValueConst v, uint64_t *out)
{
    double d;
    if (JS_ToFloat64(ctx, &d, v)) return -1;
    if (!(d >= 0) || d > 18446744073709549568.0) {
        JS_ThrowRangeError(ctx, "address or size out of range");
        return -1;
    }
    *out = (uint64_t)d;
    return 0;
}

JSValue op_serial_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    if (JS_IsString(argv[0])) {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, argv[0]);
        if (!s) return JS_EXCEPTION;
        serial_write(s, n);
        JS_FreeCString(ctx, s);
        return JS_UNDEFINED;
    }
    size_t n;
    uint8_t *p = engine_bytes(ctx, argv[0], &n);
    if (!p) return JS_EXCEPTION;
    serial_write((const char *)p, n);
    return JS_UNDEFINED;
}

JSValue op_exit(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    uint32_t kind, code;
    if (arg_u32(ctx, argv[0], &kind) || arg_u32(ctx, argv[1], &code)) return JS_EXCEPTION;
    if (kind > EXIT_KIND_OOM) kind = EXIT_KIND_PANIC;
    nephos_exit((int)kind, (int)(code & 0xFF));
}

JSValue op_port_in(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    uint32_t port, width;
    if (arg_u32(ctx, argv[0], &port) || arg_u32(ctx, argv[1], &width)) return JS_EXCEPTION;
    switch (width) {
    case 1: return JS_NewUint32(ctx, inb((uint16_t)port));
    case 2: return JS_NewUint32(ctx, inw((uint16_t)port));
    case 4: return JS_NewUint32(ctx, inl((uint16_t)port));
    }
    return JS_ThrowTypeError(ctx, "op_port_in: width must be 1, 2 or 4");
}

JSValue op_port_out(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    uint32_t port, width, v;
    if (arg_u32(ctx, argv[0], &port) || arg_u32(ctx, argv[1], &width) || arg_u32(ctx, argv[2], &v)) return JS_EXCEPTION;
    switch (width) {
    case 1: outb((uint16_t)port, (uint8_t)v); return JS_UNDEFINED;
    case 2: outw((uint16_t)port, (uint16_t)v); return JS_UNDEFINED;
    case 4: outl((uint16_t)port, v); return JS_UNDEFINED;
    }
    return JS_ThrowTypeError(ctx, "op_port_out: width must be 1, 2 or 4");
}

/* MMIO is limited to the 3-4 GiB device window, which boot maps uncached. */
static int mmio_ok(JSContext *ctx, uint64_t addr, uint32_t width)
{
    if (addr < 0xC0000000ULL || addr + width > 0x100000000ULL || (addr & (width - 1))) {
        JS_ThrowRangeError(ctx, "MMIO address 0x%llx outside the device window or misaligned", (unsigned long long)addr);
        return 0;
    }
    return 1;
}

JSValue op_mmio_read(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    uint64_t addr;
    uint32_t width;
    if (arg_u64(ctx, argv[0], &addr) || arg_u32(ctx, argv[1], &width)) return JS_EXCEPTION;
    if (width != 1 && width != 2 && width != 4) return JS_ThrowTypeError(ctx, "op_mmio_read: width must be 1, 2 or 4");
    if (!mmio_ok(ctx, addr, width)) return JS_EXCEPTION;
    uintptr_t a = (uintptr_t)addr;
    switch (width) {
    case 1: return JS_NewUint32(ctx, *(volatile uint8_t *)a);
    case 2: return JS_NewUint32(ctx, *(volatile uint16_t *)a);
    default: return JS_NewUint32(ctx, *(volatile uint32_t *)a);
    }
}

JSValue op_mmio_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    uint64_t addr;
    uint32_t width, v;
    if (arg_u64(ctx, argv[0], &addr) || arg_u32(ctx, argv[1], &width) || arg_u32(ctx, argv[2], &v)) return JS_EXCEPTION;
    if (width != 1 && width != 2 && width != 4) return JS_ThrowTypeError(ctx, "op_mmio_write: width must be 1, 2 or 4");
    if (!mmio_ok(ctx, addr, width)) return JS_EXCEPTION;
    uintptr_t a = (uintptr_t)addr;
    switch (width) {
    case 1: *(volatile uint8_t *)a = (uint8_t)v; break;
    case 2: *(volatile uint16_t *)a = (uint16_t)v; break;
    default: *(volatile uint32_t *)a = v; break;
    }
    return JS_UNDEFINED;
}

static void dma_free(JSRuntime *rt, void *opaque, void *ptr)
{
    (void)rt; (void)opaque;
    free(ptr);
}

JSValue op_dma_alloc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    uint32_t size, align;
    if (arg_u32(ctx, argv[0], &size) || arg_u32(ctx, argv[1], &align)) return JS_EXCEPTION;
    if (!size || (align & (align - 1))) return JS_ThrowRangeError(ctx, "op_dma_alloc: bad size or alignment");
    void *p = aligned_alloc(align < 16 ? 16 : align, size);
    if (!p) return JS_ThrowRangeError(ctx, "op_dma_alloc: out of memory for %u bytes", size);
    memset(p, 0, size);
    JSValue ab = JS_NewArrayBuffer(ctx, p, size, dma_free, NULL, 0);
    if (JS_IsException(ab)) {
        free(p);
        return ab;
    }
    JSValue out = JS_NewArray(ctx);
    JS_SetPropertyUint32(ctx, out, 0, ab);
    JS_SetPropertyUint32(ctx, out, 1, JS_NewFloat64(ctx, (double)(uintptr_t)p));
    return out;
}

JSValue op_mem_fence(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)ctx; (void)this_val; (void)argc; (void)argv;
    __asm__ volatile("mfence" ::: "memory");
    return JS_UNDEFINED;
}

JSValue op_irq_route(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    uint32_t gsi, vector, flags;
    if (arg_u32(ctx, argv[0], &gsi) || arg_u32(ctx, argv[1], &vector) || arg_u32(ctx, argv[2], &flags)) return JS_EXCEPTION;
    if (vector < VEC_IRQ_BASE || vector >= VEC_SPURIOUS) return JS_ThrowRangeError(ctx, "op_irq_route: vector %u not for devices", vector);
    return JS_NewBool(ctx, ioapic_route(gsi, (uint8_t)vector, flags & 1, (flags >> 1) & 1, (flags >> 2) & 1) == 0);
}

JSValue op_irq_take(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    JSValue out = JS_NewArray(ctx);
    uint32_t n = 0;
    for (int w = 0; w < 4; w++) {
        uint64_t bits = __atomic_exchange_n(&irq_pending[w], 0, __ATOMIC_SEQ_CST);
        while (bits) {
            int b = __builtin_ctzll(bits);
            bits &= bits - 1;
            JS_SetPropertyUint32(ctx, out, n++, JS_NewInt32(ctx, w * 64 + b));
        }
    }
    return out;
}

JSValue op_irq_seq(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    return JS_NewFloat64(ctx, (double)irq_seq);
}

JSValue op_idle(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    double seq;
    if (JS_ToFloat64(ctx, &seq, argv[0])) return JS_EXCEPTION;
    return JS_NewFloat64(ctx, (double)svc_call(SVC_IDLE, (uint64_t)seq));
}

JSValue op_timer_arm(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    double ns;
    if (JS_ToFloat64(ctx, &ns, argv[0])) return JS_EXCEPTION;
    lapic_timer_arm(ns >= 1 ? (uint64_t)ns : 0);
    return JS_UNDEFINED;
}

JSValue op_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    return JS_NewFloat64(ctx, (double)clock_mono_ns());
}

JSValue op_wall(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    return JS_NewFloat64(ctx, (double)clock_wall_ns() / 1e6);
}
