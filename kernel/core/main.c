/*
 * umain: the first code at CPL3 (entered from boot.S with IOPL 3 and interrupts on). Order:
 * boot info and memory (nothing allocates before), clocks, the local APIC and I/O APICs,
 * the entropy pool, then the engine, which runs the OS bytecode and never returns.
 */
#include "nephos/boot.h"
#include "nephos/kernel.h"

extern uint64_t boot_tsc;

void umain(uint32_t start_info) __attribute__((noreturn));
void umain(uint32_t start_info)
{
    bootinfo.boot_tsc = boot_tsc;
    bootinfo_parse(start_info);
    memory_init();
    clock_init();
    lapic_init();
    random_init();
    engine_run();
}
