/* The engine's few stdio calls (debug dumps), renamed in its objects from printf/fprintf/... to
 * nephos_* at build time (cli/toolchain/kernel.ts) so musl's FILE-based stdio, which makes system
 * calls, is never linked. They go to the serial console. musl's snprintf family is used as is. */
#include <stdarg.h>
#include <stdio.h>
#include "nephos/kernel.h"

static int vout(const char *fmt, va_list ap)
{
    char buf[1024];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    serial_write(buf, n < (int)sizeof buf ? (size_t)(n > 0 ? n : 0) : sizeof buf - 1);
    return n;
}

int nephos_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vout(fmt, ap);
    va_end(ap);
    return n;
}

int nephos_fprintf(void *f, const char *fmt, ...)
{
    (void)f;
    va_list ap;
    va_start(ap, fmt);
    int n = vout(fmt, ap);
    va_end(ap);
    return n;
}

int nephos_fputc(int c, void *f)
{
    (void)f;
    char ch = (char)c;
    serial_write(&ch, 1);
    return c;
}

int nephos_putchar(int c)
{
    return nephos_fputc(c, 0);
}

size_t nephos_fwrite(const void *p, size_t size, size_t n, void *f)
{
    (void)f;
    serial_write(p, size * n);
    return n;
}
