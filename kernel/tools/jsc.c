/*
 * jsc: compiles JavaScript to QuickJS bytecode on the host, for the guest's engine.
 *
 *   jsc [-m] -n NAME -o OUT.qbc IN.js
 *
 * -m compiles IN as an ES module (default: a script whose completion value is the result).
 * NAME is the file name recorded in the bytecode for stack traces. The bytecode format depends only
 * on the engine's sources and configuration, which are the same as the guest's (cli/toolchain/
 * engine.ts builds both from one source tree), so the guest can JS_ReadObject what this writes.
 * On a syntax error, prints "NAME:LINE: message" on stderr and exits with status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "quickjs.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(n + 1);
    if (!buf || fread(buf, 1, n, f) != (size_t)n) { fprintf(stderr, "jsc: cannot read %s\n", path); exit(2); }
    buf[n] = 0;
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *name = NULL, *in = NULL;
    int module = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-m")) module = 1;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "-n") && i + 1 < argc) name = argv[++i];
        else in = argv[i];
    }
    if (!out || !in) {
        fprintf(stderr, "usage: jsc [-m] -n NAME -o OUT.qbc IN.js\n");
        return 2;
    }
    if (!name) name = in;
    size_t len;
    char *src = read_all(in, &len);
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    int flags = JS_EVAL_FLAG_COMPILE_ONLY | (module ? JS_EVAL_TYPE_MODULE : JS_EVAL_TYPE_GLOBAL);
    JSValue fn = JS_Eval(ctx, src, len, name, flags);
    if (JS_IsException(fn)) {
        JSValue exc = JS_GetException(ctx);
        const char *msg = JS_ToCString(ctx, exc);
        JSValue stack = JS_GetPropertyStr(ctx, exc, "stack");
        const char *where = JS_IsUndefined(stack) ? NULL : JS_ToCString(ctx, stack);
        /* The engine's stack of a SyntaxError is "    at NAME:LINE\n". */
        const char *loc = where ? strstr(where, "at ") : NULL;
        if (loc) {
            loc += 3;
            int l = strcspn(loc, "\n");
            fprintf(stderr, "%.*s: %s\n", l, loc, msg ? msg : "syntax error");
        } else {
            fprintf(stderr, "%s: %s\n", name, msg ? msg : "syntax error");
        }
        return 1;
    }
    size_t blen;
    uint8_t *buf = JS_WriteObject(ctx, &blen, fn, JS_WRITE_OBJ_BYTECODE);
    if (!buf) { fprintf(stderr, "jsc: cannot serialise bytecode\n"); return 1; }
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(buf, 1, blen, f) != blen || fclose(f)) { perror(out); return 2; }
    js_free(ctx, buf);
    JS_FreeValue(ctx, fn);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    free(src);
    return 0;
}
