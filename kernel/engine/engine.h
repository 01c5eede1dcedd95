/* Shared by the engine embedding (engine.c) and the op implementations (ops_*.c). */
#ifndef NEPHOS_ENGINE_H
#define NEPHOS_ENGINE_H
#include "quickjs.h"

extern JSRuntime *engine_rt;
extern JSContext *engine_ctx;

#define OP(name, argc, sig) JSValue name(JSContext *ctx, JSValueConst this_val, int argc_, JSValueConst *argv);
#include "ops.def"
#undef OP

/* Bytes of a Uint8Array/ArrayBuffer argument (NULL and a TypeError pending if not one). */
uint8_t *engine_bytes(JSContext *ctx, JSValueConst v, size_t *len);
/* Prints an exception value (message and stack) on the serial console. */
void engine_print_exception(JSContext *ctx, JSValueConst exc);

#endif
