/* The 16550 UART at COM1, polled. Used for early boot messages, panics and the exit record;
 * bulk output goes over virtio-console (every port write is a VM exit, ~30 us under nested PVM). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "../arch/x86/cpu.h"
#include "nephos/kernel.h"

#define COM1 0x3F8

void serial_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* Wait for the transmit holding register (bounded: a missing UART must not hang us). */
        for (int spin = 0; spin < 100000 && !(inb(COM1 + 5) & 0x20); spin++) cpu_relax();
        outb(COM1, (uint8_t)s[i]);
    }
}

void serial_puts(const char *s)
{
    serial_write(s, strlen(s));
}

void kprintf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1) n = sizeof buf - 1;
    if (n > 0) serial_write(buf, (size_t)n);
}
