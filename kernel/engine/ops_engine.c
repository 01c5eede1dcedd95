/* Ops that drive the engine: the microtask queue, evaluation of bytecode and source, GC. */
#include <string.h>
#include "engine.h"
#include "nephos/kernel.h"

/* Runs promise jobs until the queue is empty. A job that throws stops the drain and the
 * exception propagates to the caller (the event loop reports it as uncaught); the remaining jobs
 * stay queued for the next call. */
JSValue op_jobs_run(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    for (;;) {
        JSContext *c;
        int r = JS_ExecutePendingJob(JS_GetRuntime(ctx), &c);
        if (r == 0) return JS_UNDEFINED;
        if (r < 0) return JS_EXCEPTION;
    }
}

static JSValue call_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    return JS_Call(ctx, argv[0], JS_UNDEFINED, argc - 1, argv + 1);
}

JSValue op_job_enqueue(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    if (argc < 1 || !JS_IsFunction(ctx, argv[0])) return JS_ThrowTypeError(ctx, "op_job_enqueue: not a function");
    if (JS_EnqueueJob(ctx, call_job, argc, argv)) return JS_EXCEPTION;
    return JS_UNDEFINED;
}

JSValue op_eval_bytecode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    size_t n;
    uint8_t *p = engine_bytes(ctx, argv[0], &n);
    if (!p) return JS_EXCEPTION;
    JSValue fn = JS_ReadObject(ctx, p, n, JS_READ_OBJ_BYTECODE);
    if (JS_IsException(fn)) return fn;
    return JS_EvalFunction(ctx, fn);
}

JSValue op_eval_script(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc;
    size_t n;
    const char *src = JS_ToCStringLen(ctx, &n, argv[0]);
    if (!src) return JS_EXCEPTION;
    const char *name = JS_ToCString(ctx, argv[1]);
    if (!name) {
        JS_FreeCString(ctx, src);
        return JS_EXCEPTION;
    }
    JSValue r = JS_Eval(ctx, src, n, name, JS_EVAL_TYPE_GLOBAL);
    JS_FreeCString(ctx, src);
    JS_FreeCString(ctx, name);
    return r;
}

JSValue op_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

JSValue op_heap_stats(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    JSMemoryUsage u;
    JS_ComputeMemoryUsage(JS_GetRuntime(ctx), &u);
    JSValue o = JS_NewObject(ctx);
#define F(name) JS_SetPropertyStr(ctx, o, #name, JS_NewFloat64(ctx, (double)u.name))
    F(malloc_size); F(malloc_limit); F(memory_used_size); F(malloc_count); F(memory_used_count);
    F(atom_count); F(atom_size); F(str_count); F(str_size); F(obj_count); F(obj_size);
    F(prop_count); F(prop_size); F(shape_count); F(shape_size); F(js_func_count); F(js_func_size);
    F(js_func_code_size); F(c_func_count); F(array_count); F(fast_array_count);
    F(fast_array_elements); F(binary_object_count); F(binary_object_size);
#undef F
    return o;
}

/* The async context slot (AsyncLocalStorage): promise reactions capture it at then()/await, other
 * jobs when enqueued, and it is current while they run (patches/0002-async-context.patch). The
 * event loop saves and restores it around timers, immediates, ticks and I/O callbacks. */
JSValue op_async_context_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val; (void)argc; (void)argv;
    return JS_GetAsyncContext(ctx);
}

JSValue op_async_context_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    JS_SetAsyncContext(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    return JS_UNDEFINED;
}
