/*
 * The engine embedding: the one file that knows how QuickJS is created and driven. It builds the
 * runtime with the kernel's allocator, installs the op table as `globalThis.__nephos_ops` (the
 * OS's machine binding takes it and deletes the global before application code runs), finds the
 * OS bytecode in the image archive and runs it. The OS's event loop never returns.
 *
 * Memory policy (as Node's): an allocation of 64 KiB or more that fails returns NULL, so the
 * engine throws (a RangeError/InternalError the app can catch, like Node's "Array buffer
 * allocation failed"); a smaller one means the heap is exhausted, which is fatal (oom()). As the
 * heap fills, the GC threshold is lowered so cycles are collected before memory runs out.
 */
#include <string.h>
#include "engine.h"
#include "nephos/heap.h"
#include "nephos/kernel.h"
#include "../arch/x86/layout.h"

JSRuntime *engine_rt;
JSContext *engine_ctx;
int engine_started;

#define MALLOC_OVERHEAD 16
#define LARGE_ALLOCATION (64 * 1024)

static struct heap_stats hs;

static void gc_pressure(JSMallocState *s)
{
    if (!engine_rt) return;
    heap_get_stats(&hs);
    if (hs.used * 2 > hs.total) {
        size_t free_bytes = hs.total - hs.used;
        JS_SetGCThreshold(engine_rt, s->malloc_size + free_bytes / 2);
    }
}

static void *failed(size_t size)
{
    if (size >= LARGE_ALLOCATION) return NULL;
    oom(size);
}

static void *js_malloc_cb(JSMallocState *s, size_t size)
{
    void *p = malloc(size);
    if (!p) return failed(size);
    s->malloc_count++;
    s->malloc_size += malloc_usable_size(p) + MALLOC_OVERHEAD;
    if ((s->malloc_count & 63) == 0 || size >= 4096) gc_pressure(s);
    return p;
}

static void js_free_cb(JSMallocState *s, void *p)
{
    if (!p) return;
    s->malloc_count--;
    s->malloc_size -= malloc_usable_size(p) + MALLOC_OVERHEAD;
    free(p);
}

static void *js_realloc_cb(JSMallocState *s, void *p, size_t size)
{
    if (!p) return size ? js_malloc_cb(s, size) : NULL;
    size_t old = malloc_usable_size(p);
    if (!size) {
        js_free_cb(s, p);
        return NULL;
    }
    void *q = realloc(p, size);
    if (!q) return failed(size);
    s->malloc_size += malloc_usable_size(q) - old;
    if (size >= 4096) gc_pressure(s);
    return q;
}

static size_t js_usable_cb(const void *p)
{
    return malloc_usable_size((void *)p);
}

static const JSMallocFunctions malloc_functions = {
    js_malloc_cb, js_free_cb, js_realloc_cb, js_usable_cb,
};

/* ---- unhandled rejections: recorded here, examined by the OS after each microtask drain ---- */
static JSValue rejections;
static uint32_t nrejections;

static void rejection_tracker(JSContext *ctx, JSValueConst promise, JSValueConst reason, JS_BOOL handled, void *opaque)
{
    (void)opaque;
    JSValue entry = JS_NewArray(ctx);
    JS_SetPropertyUint32(ctx, entry, 0, JS_DupValue(ctx, promise));
    JS_SetPropertyUint32(ctx, entry, 1, JS_DupValue(ctx, reason));
    JS_SetPropertyUint32(ctx, entry, 2, JS_NewBool(ctx, handled));
    JS_SetPropertyUint32(ctx, rejections, nrejections++, entry);
}

JSValue op_rejections_take(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    JSValue out = rejections;
    rejections = JS_NewArray(ctx);
    nrejections = 0;
    return out;
}

/* ---- helpers for ops ---- */
uint8_t *engine_bytes(JSContext *ctx, JSValueConst v, size_t *len)
{
    size_t off, n, bpe;
    JSValue ab = JS_GetTypedArrayBuffer(ctx, v, &off, &n, &bpe);
    if (!JS_IsException(ab)) {
        size_t total;
        uint8_t *p = JS_GetArrayBuffer(ctx, &total, ab);
        JS_FreeValue(ctx, ab);
        if (!p) return NULL;
        *len = n;
        return p + off;
    }
    JS_FreeValue(ctx, JS_GetException(ctx));
    uint8_t *p = JS_GetArrayBuffer(ctx, len, v);
    if (!p) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        JS_ThrowTypeError(ctx, "expected a Uint8Array or ArrayBuffer");
    }
    return p;
}

void engine_print_exception(JSContext *ctx, JSValueConst exc)
{
    const char *msg = JS_ToCString(ctx, exc);
    kprintf("%s\n", msg ? msg : "(exception)");
    if (msg) JS_FreeCString(ctx, msg);
    if (JS_IsObject(exc)) {
        JSValue stack = JS_GetPropertyStr(ctx, exc, "stack");
        if (!JS_IsUndefined(stack) && !JS_IsException(stack)) {
            const char *s = JS_ToCString(ctx, stack);
            if (s) {
                kprintf("%s", s);
                JS_FreeCString(ctx, s);
            }
        }
        JS_FreeValue(ctx, stack);
    }
}

/* Best effort, from panics: the JavaScript stack at the point of failure. */
void engine_dump_stack(void)
{
    JSContext *ctx = engine_ctx;
    if (!ctx) return;
    JS_ThrowInternalError(ctx, "kernel panic");
    JSValue exc = JS_GetException(ctx);
    JSValue stack = JS_GetPropertyStr(ctx, exc, "stack");
    const char *s = JS_ToCString(ctx, stack);
    kprintf("JavaScript stack:\n%s", s && *s ? s : "    (no JavaScript frames)\n");
    if (s) JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, exc);
}

static const JSCFunctionListEntry op_table[] = {
#define OP(name, argc, sig) JS_CFUNC_DEF(#name, argc, name),
#include "ops.def"
#undef OP
};

extern const uint8_t *archive_find(const uint8_t *a, size_t size, const char *path, size_t *len);

void engine_run(void)
{
    engine_rt = JS_NewRuntime2(&malloc_functions, NULL);
    if (!engine_rt) panic("cannot create the JavaScript runtime");
    /* The C stack is USER_STACK_TOP - USER_STACK_BASE; leave room for native frames. */
    JS_SetMaxStackSize(engine_rt, (USER_STACK_TOP - USER_STACK_BASE) - 96 * 1024);
    JS_SetHostPromiseRejectionTracker(engine_rt, rejection_tracker, NULL);
    /* The engine's first GC threshold is 256 KiB, growing 1.5x: loading the OS (several MiB of
     * objects) would run a dozen full collections. Start at a quarter of the heap (at most 32 MiB);
     * gc_pressure() lowers it again as the heap fills. */
    {
        struct heap_stats st;
        heap_get_stats(&st);
        size_t threshold = st.total / 4;
        if (threshold > (32u << 20)) threshold = 32u << 20;
        if (threshold < (1u << 20)) threshold = 1u << 20;
        JS_SetGCThreshold(engine_rt, threshold);
    }
    engine_ctx = JS_NewContext(engine_rt);
    if (!engine_ctx) panic("cannot create the JavaScript context");
    JSContext *ctx = engine_ctx;
    rejections = JS_NewArray(ctx);
    bootinfo.engine_ns = clock_mono_ns();

    JSValue global = JS_GetGlobalObject(ctx);
    JSValue ops = JS_NewObject(ctx);
    JS_SetPropertyFunctionList(ctx, ops, op_table, sizeof op_table / sizeof op_table[0]);
    JS_DefinePropertyValueStr(ctx, global, "__nephos_ops", ops, JS_PROP_CONFIGURABLE | JS_PROP_WRITABLE);
    JS_FreeValue(ctx, global);

    if (!bootinfo.initrd_size) panic("no image archive: boot with -initrd <archive>");
    size_t len;
    const uint8_t *bc = archive_find((const uint8_t *)(uintptr_t)bootinfo.initrd_addr, bootinfo.initrd_size, "/nephos/os.qbc", &len);
    if (!bc) panic("the image archive has no /nephos/os.qbc");
    JSValue fn = JS_ReadObject(ctx, bc, len, JS_READ_OBJ_BYTECODE);
    if (JS_IsException(fn)) {
        kprintf("nephos: cannot load the OS bytecode (built by another engine version?)\n");
        engine_print_exception(ctx, JS_GetException(ctx));
        panic("OS bytecode rejected");
    }
    engine_started = 1;
    bootinfo.os_loaded_ns = clock_mono_ns();
    JSValue r = JS_EvalFunction(ctx, fn);
    if (JS_IsException(r)) {
        kprintf("nephos: the OS failed:\n");
        engine_print_exception(ctx, JS_GetException(ctx));
        panic("uncaught exception in the OS");
    }
    panic("the OS returned");
}
