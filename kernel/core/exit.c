/* Leaving the machine: the exit record on serial, then QEMU's isa-debug-exit port
 * (kernel/include/nephos/exit.h). Panics and out-of-memory print their reason, the registers
 * (CPU exceptions, from crash0) and the JavaScript stack first. */
#include <stdarg.h>
#include <stdio.h>
#include "../arch/x86/cpu.h"
#include "nephos/exit.h"
#include "nephos/heap.h"
#include "nephos/kernel.h"
#include "../arch/x86/layout.h"

static const char *const kinds[] = { "exit", "panic", "oom" };

void nephos_exit(int kind, int code)
{
    kprintf("\nNEPHOS_EXIT %s %d\n", kinds[kind], code & 0xFF);
    for (;;) {
        outl(DEBUG_EXIT_PORT, (uint32_t)kind);
        /* Without an isa-debug-exit device (another VMM), stop here: halting needs CPL0, and an
         * idle loop with no interrupts armed is the next best thing. */
        svc_call(1, ~0ULL - 1);
    }
}

static int panicking;

void panic(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    kprintf("\nnephos: panic: %s\n", buf);
    if (!panicking && engine_started) {
        panicking = 1;
        engine_dump_stack();
    }
    nephos_exit(EXIT_KIND_PANIC, 134);
}

void oom(size_t request)
{
    static int in_oom;
    /* The stack dump below allocates; if that fails too, leave at once. */
    if (in_oom++) nephos_exit(EXIT_KIND_OOM, 137);
    struct heap_stats st;
    size_t free_bytes, largest, blocks;
    heap_get_stats(&st);
    heap_free_summary(&free_bytes, &largest, &blocks);
    kprintf("\nnephos: out of memory: cannot allocate %zu bytes; %zu of %zu KiB of heap in use "
            "(%zu KiB free in %zu blocks, the largest %zu bytes). Give the VM more memory "
            "(nephos run -m SIZE).\n",
            request, st.used / 1024, st.total / 1024, free_bytes / 1024, blocks, largest);
    if (!panicking && engine_started) {
        panicking = 1;
        engine_dump_stack();
    }
    nephos_exit(EXIT_KIND_OOM, 137);
}

/* Entered at CPL3 from crash0 after a CPU exception in ring 3, on crash_stack. */
char crash_stack[CRASH_STACK_SIZE] __attribute__((aligned(16)));

void crash_user(struct crash_frame *f)
{
    (void)f;
    if (engine_started && !panicking) {
        panicking = 1;
        engine_dump_stack();
    }
    nephos_exit(EXIT_KIND_PANIC, 134);
}

void abort(void)
{
    panic("abort() called (an engine assertion failed)");
}

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
    panic("assertion failed: %s (%s:%d, %s)", expr, file, line, func);
}
